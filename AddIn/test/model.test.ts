import { describe, expect, it } from "vitest";
import type { CampaignDocument, SignedInUser } from "../src/api/types";
import { formsFor } from "../src/model/forms";
import { groupIssues } from "../src/model/issues";
import { uniqueSheetName, workbookFileName } from "../src/model/names";

const campaign = {
  id: "c", title: "T",
  groups: [
    { number: 1, areas: [{ id: "g1-1", room: "会议室", schools: [{ id: "s01", name: "大田湾小学" }, { id: "s02", name: "红岩小学校" }] }] },
    { number: 2, areas: [{ id: "g2-1", room: "会议室", schools: [{ id: "s03", name: "大坪小学" }] }] },
  ],
  rubric: { total: 100, categories: [{ id: "c1", name: "组织管理", max: 10, items: [] }, { id: "c2", name: "研修计划", max: 10, items: [] }] },
} as unknown as CampaignDocument;

function user(role: "office" | "inspector" | "school", extra: Partial<SignedInUser> = {}): SignedInUser {
  return { upn: "u@x", name: "U", role, schoolId: null, school: null, groups: [], campaigns: [{ id: "c", title: "T", role, schoolId: extra.schoolId ?? null, groups: extra.groups ?? [] }], ...extra };
}

describe("formsFor", () => {
  it("gives a school its 附件3, its area's 附件4 and a self-evaluation 附件1", () => {
    const forms = formsFor(user("school", { schoolId: "s02" }), campaign);
    expect(forms.map((f) => [f.form, f.subjects.map((s) => s.query)])).toEqual([
      ["self-check", [{ school: "s02" }]],
      ["peer-scores", [{ area: "g1-1", school: "s02" }]],
      ["evaluation", [{ school: "s02" }]],
    ]);
  });

  it("gives an inspector 附件1 for the schools of their groups and 附件5 per category", () => {
    const forms = formsFor(user("inspector", { groups: [2] }), campaign);
    expect(forms.map((f) => [f.form, f.subjects.map((s) => s.key)])).toEqual([["evaluation", ["s03"]], ["records", ["c1", "c2"]]]);
    expect(forms[1]!.subjects[0]!.query).toEqual({ category: "c1", inspector: "u@x" });
  });

  it("gives the office every form", () => {
    expect(formsFor(user("office"), campaign).map((f) => f.form)).toEqual(["evaluation", "self-check", "peer-scores", "records", "schedule"]);
  });
});

describe("groupIssues", () => {
  it("groups by sheet and by the school of the row, sorted by cell, and counts errors and warnings", () => {
    const issue = (cell: string, severity: "error" | "warning") => ({ severity, code: "x", sheet: "评分表", cell, message: cell });
    const summary = groupIssues([{ form: "peer-scores", sheet: "评分表", subject: "g1-1", author: "s01", issues: [issue("C5", "error"), issue("B4", "warning"), issue("B5", "error")], summary: {} as never }],
      (_sheet, row) => (row === 4 ? "大田湾小学" : row === 5 ? "红岩小学校" : null));
    expect(summary.errors).toBe(2);
    expect(summary.warnings).toBe(1);
    expect(summary.groups.map((g) => [g.title, g.issues.map((i) => i.cell)])).toEqual([["评分表 · 大田湾小学", ["B4"]], ["评分表 · 红岩小学校", ["B5", "C5"]]]);
  });
});

describe("names", () => {
  it("finds a free sheet name within Excel's 31 characters", () => {
    expect(uniqueSheetName(["评分表 g1-1"], "评分表 G1-1")).toBe("评分表 G1-1 (2)");
    expect(uniqueSheetName(["a", "a (2)"], "a")).toBe("a (3)");
    expect(uniqueSheetName(["x".repeat(31)], "x".repeat(31))).toBe(`${"x".repeat(27)} (2)`);
  });

  it("uploads a workbook under its own name when it has one", () => {
    expect(workbookFileName("https://d.docs.live.net/abc/评分.xlsx")).toBe("评分.xlsx");
    expect(workbookFileName("")).toBe("工作簿.xlsx");
  });
});

describe("results for the board, the chart and the results sheet", () => {
  const school = (id: string, area: string, final: number | null, extra: Record<string, unknown> = {}) => ({
    schoolId: id, school: `学校${id}`, group: 1, area, self: null, selfEvaluation: null, peer: null,
    inspector: final === null ? null : { total: final, categories: [] }, final, grade: final === null ? null : "优秀", rank: null, districtRank: null,
    flags: [], ...extra,
  });

  it("averages the final scores per area over the schools that have one", async () => {
    const { areaScores } = await import("../src/model/results");
    expect(areaScores([school("s01", "g1-1", 90), school("s02", "g1-1", 85.555), school("s03", "g1-1", null), school("s04", "g1-2", null)] as never)).toEqual([
      { area: "g1-1", mean: 87.78, scored: 2, schools: 3 },
      { area: "g1-2", mean: null, scored: 0, schools: 1 },
    ]);
  });

  it("makes a results sheet with empty cells for missing parts and a chart of the scored areas only", async () => {
    const { resultsTable } = await import("../src/model/results");
    const table = resultsTable([school("s01", "g1-1", 90, { flags: [{ code: "form.missing", message: "缺附件3" }] }), school("s04", "g1-2", null)] as never);
    expect(table.rows).toEqual([
      ["学校s01", 1, "g1-1", "", "", 90, 90, "优秀", "", "", "缺附件3"],
      ["学校s04", 1, "g1-2", "", "", "", "", "", "", "", ""],
    ]);
    expect(table.chart.rows).toEqual([["g1-1", 90]]);
  });

  it("counts required forms in and missing, and late ones", async () => {
    const { progressCounts } = await import("../src/model/results");
    const item = (required: boolean, late = false) => ({ form: "peer-scores", subject: "g1-1", author: "s01", label: "x", required, dueBy: null, submittedAt: "2019-05-28T00:00:00Z", complete: true, late });
    const counts = progressCounts({
      areas: [{ areaId: "g1-1", room: "r", group: 1, sessionDate: "2019-05-28", schools: [
        { schoolId: "s01", school: "a", submitted: [item(true, true), item(false)], missing: [item(true)], lastSubmittedAt: null },
      ] }],
      inspectors: [{ upn: "i", name: "i", groups: [1], submitted: [], missing: [item(true), item(true)], lastSubmittedAt: null }],
    } as never);
    expect(counts).toEqual({ schoolForms: { submitted: 1, required: 2 }, inspectorForms: { submitted: 0, required: 2 }, late: 1 });
  });
});
