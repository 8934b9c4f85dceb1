// Issues of a check, grouped for the list: by form sheet, then by the school a row names.
import type { FormCheck, Issue } from "../api/types";

export interface IssueGroup {
  /** "评分表 g1-1" or "评分表 g1-1 · 红岩小学校" */
  title: string;
  sheet: string;
  issues: Issue[];
}

export interface CheckSummary {
  errors: number;
  warnings: number;
  groups: IssueGroup[];
}

/** Row number of an A1 address ("C7" → 7), or null. */
export function rowOf(cell: string | null | undefined): number | null {
  const m = /^\$?[A-Za-z]{1,3}\$?(\d+)$/.exec(cell ?? "");
  return m ? Number(m[1]) : null;
}

/** Column index (0-based) of an A1 address ("C7" → 2), or null. */
export function columnOf(cell: string | null | undefined): number | null {
  const m = /^\$?([A-Za-z]{1,3})\$?\d+$/.exec(cell ?? "");
  if (!m?.[1]) return null;
  let n = 0;
  for (const ch of m[1].toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function compareCells(a: Issue, b: Issue): number {
  return (rowOf(a.cell) ?? 0) - (rowOf(b.cell) ?? 0) || (columnOf(a.cell) ?? 0) - (columnOf(b.cell) ?? 0);
}

/**
 * Groups issues by sheet, and within a sheet by the school named in the row's first cell when `schoolOfRow` knows it
 * (the add-in reads the grid; a browser upload has none, and then the cell address names the place).
 */
export function groupIssues(forms: FormCheck[], schoolOfRow?: (sheet: string, row: number) => string | null,
  subjectName?: (form: FormCheck) => string | null): CheckSummary {
  const groups: IssueGroup[] = [];
  let errors = 0;
  let warnings = 0;
  for (const form of forms) {
    const bySchool = new Map<string, Issue[]>();
    for (const issue of [...form.issues].sort(compareCells)) {
      if (issue.severity === "error") errors++;
      else warnings++;
      const row = rowOf(issue.cell);
      const school = row !== null && schoolOfRow ? schoolOfRow(issue.sheet ?? form.sheet, row) : null;
      const key = school ?? "";
      const list = bySchool.get(key) ?? [];
      list.push(issue);
      bySchool.set(key, list);
    }
    const subject = subjectName?.(form) ?? null;
    for (const [school, issues] of bySchool) {
      const about = school || subject;
      groups.push({ title: about ? `${form.sheet} · ${about}` : form.sheet, sheet: form.sheet, issues });
    }
  }
  return { errors, warnings, groups };
}
