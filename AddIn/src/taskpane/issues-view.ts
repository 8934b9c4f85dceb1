// The issue list of a check or a refused submission: grouped by sheet and school; in Excel each issue is a button that
// selects its cell, in a browser the cell is named in the text.
import type { FormCheck, Issue } from "../api/types";
import { groupIssues } from "../model/issues";
import { h, replace } from "./dom";

export interface IssueListOptions {
  /** Excel only: select the cell an issue names. */
  onSelect?: (issue: Issue, sheet: string) => void;
  schoolOfRow?: (sheet: string, row: number) => string | null;
  subjectName?: (form: FormCheck) => string | null;
}

function severityLabel(issue: Issue) {
  return h("span", { class: `badge badge--${issue.severity}` }, issue.severity === "error" ? "错误" : "提醒");
}

/** Renders the result of a check into `container`; returns the counts. */
export function renderCheckResult(container: HTMLElement, forms: FormCheck[], options: IssueListOptions = {}): { errors: number; warnings: number } {
  const summary = groupIssues(forms, options.schoolOfRow, options.subjectName);
  const unrecognised = forms.filter((f) => !f.form);
  if (summary.errors === 0 && summary.warnings === 0) {
    replace(container, h("div", { class: "result result--ok", role: "status" },
      h("span", { class: "result__icon", "aria-hidden": "true" }, "✓"),
      h("div", {}, h("strong", {}, "没有发现问题"),
        h("p", {}, forms.map((f) => `${f.sheet}：已填 ${Number(f.summary.scoresFilled)}/${Number(f.summary.scoresExpected)} 项`).join("；")))));
    return summary;
  }
  const headline = summary.errors > 0
    ? `发现 ${summary.errors} 处错误${summary.warnings > 0 ? `、${summary.warnings} 处提醒` : ""}`
    : `没有错误，有 ${summary.warnings} 处提醒`;
  const fix = options.onSelect ? "请改正标红的单元格后再检查。" : "请在 Excel 或 WPS 中改正所列单元格，保存后重新上传。";
  const note = summary.errors > 0 ? `有错误的表格不能提交。${fix}` : "提醒不影响提交（如空白的分数，表格会记为未填完）。";
  const list = h("div", { class: "issue-groups" });
  for (const group of summary.groups) {
    const items = h("ul", { class: "issues" });
    for (const issue of group.issues) {
      const where = issue.cell ? `${issue.cell}` : "整表";
      const body = [severityLabel(issue), h("span", { class: "issue__cell" }, where), h("span", { class: "issue__message" }, issue.message)];
      if (options.onSelect && issue.cell) {
        items.appendChild(h("li", {}, h("button", {
          type: "button", class: `issue issue--${issue.severity}`, title: `选中单元格 ${where}`,
          onclick: () => options.onSelect!(issue, issue.sheet ?? group.sheet),
        }, ...body, h("span", { class: "visually-hidden" }, `（选中单元格 ${where}）`))));
      } else {
        items.appendChild(h("li", { class: `issue issue--${issue.severity} issue--static` }, ...body));
      }
    }
    list.appendChild(h("section", { class: "issue-group" }, h("h3", {}, group.title), items));
  }
  replace(container,
    h("div", { class: `result ${summary.errors > 0 ? "result--error" : "result--warning"}`, role: "status" },
      h("span", { class: "result__icon", "aria-hidden": "true" }, summary.errors > 0 ? "!" : "i"),
      h("div", {}, h("strong", {}, headline), h("p", {}, note))),
    unrecognised.length > 0 ? h("p", { class: "hint" }, "无法识别的工作表按表头判断；请使用本系统的模板，或保持官方表格的表头不变。") : null,
    list);
  return summary;
}
