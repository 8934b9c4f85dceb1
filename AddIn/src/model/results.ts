// Results and progress turned into what the board, the chart and the results sheet show. Pure.
import type { ProgressResponse, SchoolResult } from "../api/types";
import type { ResultsTable } from "../excel/results";

const num = (v: number | string | null | undefined): number | null => (v === null || v === undefined || v === "" ? null : Number(v));

export interface AreaScore {
  area: string;
  /** Mean final score of the area's schools that have one, rounded to 2 decimals; null when none has. */
  mean: number | null;
  scored: number;
  schools: number;
}

/** Mean final score per area, in the order the areas first appear. */
export function areaScores(schools: SchoolResult[]): AreaScore[] {
  const byArea = new Map<string, SchoolResult[]>();
  for (const s of schools) byArea.set(s.area, [...(byArea.get(s.area) ?? []), s]);
  return [...byArea].map(([area, list]) => {
    const finals = list.map((s) => num(s.final)).filter((v): v is number => v !== null);
    const mean = finals.length > 0 ? Math.round((finals.reduce((a, b) => a + b, 0) / finals.length) * 100) / 100 : null;
    return { area, mean, scored: finals.length, schools: list.length };
  });
}

/** The results sheet: one row per school, and the area means for the chart. */
export function resultsTable(schools: SchoolResult[]): ResultsTable {
  const cell = (v: number | string | null | undefined) => num(v) ?? "";
  return {
    header: ["学校", "组", "片区", "自评分", "互评分", "督查组评分", "最终得分", "等级", "片区排名", "全区排名", "提示"],
    rows: schools.map((s) => [
      s.school, Number(s.group), s.area, cell(s.self?.total), cell(s.peer?.trimmedMean ?? s.peer?.mean), cell(s.inspector?.total),
      cell(s.final), s.grade ?? "", cell(s.rank), cell(s.districtRank), s.flags.map((f) => f.message).join("；"),
    ]),
    chart: {
      title: "各片区平均最终得分",
      header: ["片区", "平均最终得分"],
      rows: areaScores(schools).filter((a) => a.mean !== null).map((a) => [a.area, a.mean!] as [string, number]),
    },
  };
}

export interface ProgressCounts {
  schoolForms: { submitted: number; required: number };
  inspectorForms: { submitted: number; required: number };
  late: number;
}

export function progressCounts(progress: ProgressResponse): ProgressCounts {
  const schools = progress.areas.flatMap((a) => a.schools);
  const required = (items: { required: boolean }[]) => items.filter((i) => i.required).length;
  const late = [...schools, ...progress.inspectors].flatMap((x) => x.submitted).filter((i) => i.late).length;
  return {
    schoolForms: {
      submitted: schools.reduce((n, s) => n + required(s.submitted), 0),
      required: schools.reduce((n, s) => n + required(s.submitted) + s.missing.length, 0),
    },
    inspectorForms: {
      submitted: progress.inspectors.reduce((n, i) => n + required(i.submitted), 0),
      required: progress.inspectors.reduce((n, i) => n + required(i.submitted) + i.missing.length, 0),
    },
    late,
  };
}
