// "进度" for the office: the progress board (which forms are in per area and school, missing ones highlighted; the
// inspectors' forms), the results with a chart of scores by area (into a new sheet in Excel), and publishing.
import type { AreaProgress, InspectorProgress, ProgressItem, ProgressResponse, SchoolResult } from "../api/types";
import { openWorkbookCopy } from "../excel/open-workbook";
import { insertResultsSheet } from "../excel/results";
import { sheetNames } from "../excel/read-sheet";
import { toBase64, uniqueSheetName } from "../model/names";
import { areaScores, progressCounts, resultsTable } from "../model/results";
import { errorText, excel, type AppContext } from "./app-context";
import { barChart } from "./chart";
import { ask } from "./confirm";
import { announce, busy, formatTime, h, replace, saveBlob, setStatus } from "./dom";

const shortNames: Record<string, string> = { "self-check": "附件3", "peer-scores": "附件4", evaluation: "附件1", records: "附件5", schedule: "附件2" };

function chip(item: ProgressItem, missing: boolean): HTMLElement {
  const name = shortNames[item.form] ?? item.form;
  if (missing) {
    return h("li", { class: "chip chip--missing", title: `${item.label}：未交${item.dueBy ? `，截止 ${formatTime(item.dueBy)}` : ""}` }, `缺 ${name}`);
  }
  const extra = [item.complete ? "" : "未填完", item.late ? "逾期" : ""].filter(Boolean).join("，");
  return h("li", { class: `chip chip--in${item.late || !item.complete ? " chip--note" : ""}`, title: `${item.label}：${item.submittedAt ? formatTime(item.submittedAt) : ""} 提交` },
    `${name} ✓${extra ? `（${extra}）` : ""}`);
}

/** One area, folded unless something of it is in (64 schools do not fit a task pane open). */
function areaCard(area: AreaProgress): HTMLElement {
  const missing = area.schools.reduce((n, s) => n + s.missing.length, 0);
  const started = area.schools.some((s) => s.submitted.length > 0);
  return h("details", { class: "area-card", open: started },
    h("summary", { class: "area-card__head" },
      h("span", { class: "area-card__title" }, `片区 ${area.areaId}`),
      h("span", { class: "area-card__meta" }, `第 ${Number(area.group)} 组 · ${area.room} · ${area.sessionDate}`),
      h("span", { class: missing > 0 ? "count count--missing" : "count count--ok" }, missing > 0 ? `缺 ${missing} 份` : "已交齐")),
    h("ul", { class: "school-rows" }, ...area.schools.map((s) => h("li", { class: `school-row${s.missing.length > 0 ? " school-row--missing" : ""}` },
      h("span", { class: "school-row__name" }, s.school),
      h("ul", { class: "chips", "aria-label": `${s.school}的表格` },
        ...s.submitted.map((i) => chip(i, false)), ...s.missing.map((i) => chip(i, true)))))));
}

function inspectorRow(inspector: InspectorProgress): HTMLElement {
  const required = inspector.submitted.filter((i) => i.required).length + inspector.missing.length;
  const done = inspector.submitted.filter((i) => i.required).length;
  return h("li", { class: `school-row${inspector.missing.length > 0 ? " school-row--missing" : ""}` },
    h("span", { class: "school-row__name" }, `${inspector.name}（第 ${inspector.groups.join("、")} 组）`),
    h("span", { class: inspector.missing.length > 0 ? "count count--missing" : "count count--ok" }, `已交 ${done}/${required}`),
    inspector.missing.length > 0
      ? h("details", { class: "missing-list" }, h("summary", {}, `缺的 ${inspector.missing.length} 份`),
        h("ul", {}, ...inspector.missing.map((i) => h("li", {}, i.label))))
      : null);
}

function renderProgress(container: HTMLElement, progress: ProgressResponse): void {
  const counts = progressCounts(progress);
  replace(container,
    h("p", { class: "board-summary" },
      `学校表格已交 ${counts.schoolForms.submitted}/${counts.schoolForms.required}，督查组表格已交 ${counts.inspectorForms.submitted}/${counts.inspectorForms.required}`,
      counts.late > 0 ? `，逾期 ${counts.late} 份` : "", "。"),
    ...progress.areas.map(areaCard),
    progress.inspectors.length > 0
      ? h("details", { class: "area-card", open: true }, h("summary", { class: "area-card__head" }, h("span", { class: "area-card__title" }, "督查组成员")),
        h("ul", { class: "school-rows" }, ...progress.inspectors.map(inspectorRow)))
      : null);
}

async function insertResults(schools: SchoolResult[]): Promise<string> {
  const name = uniqueSheetName(await excel(sheetNames), "督查结果");
  await excel((c) => insertResultsSheet(c, name, resultsTable(schools)));
  return name;
}

/** "汇总": builds and stores the district workbook; in Excel the results then go into a new sheet with the chart. */
function consolidationControls(ctx: AppContext, status: HTMLElement, reload: () => Promise<void>): HTMLElement {
  const consolidate = h("button", { type: "button", class: "button button--primary", id: "consolidate" }, "汇总");
  const open = h("button", { type: "button", class: "button", id: "open-district", hidden: true },
    ctx.host.inExcel ? "打开区级汇总表" : "下载区级汇总表");
  const progress = h("progress", { class: "progress", hidden: true, "aria-label": "汇总进度" });
  consolidate.addEventListener("click", () => void busy(consolidate, async () => {
    progress.hidden = false;
    setStatus(status, "正在汇总全部已提交的表格并生成区级汇总表…", "busy");
    try {
      const done = await ctx.api.consolidate(ctx.campaign.id, { onRetry: (n) => setStatus(status, n.message, "warning") });
      let text = `已汇总 ${Number(done.schools)} 所学校（${formatTime(done.storedAt)}），生成区级汇总表和 ${done.notices.length} 份整改通知。`;
      if (ctx.host.inExcel) {
        const { schools } = await ctx.api.results(ctx.campaign.id);
        text += `结果已插入工作表“${await insertResults(schools)}”。`;
      }
      open.hidden = false;
      setStatus(status, text, "success");
      announce(text);
      await reload();
    } catch (e) {
      setStatus(status, errorText(e), "error");
    } finally {
      progress.hidden = true;
    }
  }));
  open.addEventListener("click", () => void busy(open, async () => {
    try {
      const file = await ctx.api.districtWorkbook(ctx.campaign.id);
      const excelApi = (window as { Excel?: typeof Excel }).Excel;
      if (ctx.host.inExcel && ctx.host.support.dataValidation && excelApi?.createWorkbook) {
        // ExcelApi 1.8 (the same set as data validation) opens the file as a new workbook.
        await openWorkbookCopy(excelApi, toBase64(new Uint8Array(await file.blob.arrayBuffer())));
        setStatus(status, `已在新窗口中打开“${file.fileName}”。`, "success");
      } else {
        saveBlob(file.blob, file.fileName);
        setStatus(status, `已下载“${file.fileName}”。`, "success");
      }
    } catch (e) {
      setStatus(status, errorText(e), "error");
    }
  }));
  return h("div", {}, h("div", { class: "actions" }, consolidate, open), progress);
}

function renderResults(container: HTMLElement, schools: SchoolResult[], published: boolean, ctx: AppContext, status: HTMLElement): void {
  const areas = areaScores(schools).filter((a) => a.mean !== null);
  const scored = schools.filter((s) => s.final !== null && s.final !== "");
  const table = h("table", { class: "results-table" },
    h("caption", { class: "visually-hidden" }, "各校最终得分"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "学校"), h("th", { scope: "col" }, "片区"), h("th", { scope: "col" }, "得分"), h("th", { scope: "col" }, "等级"))),
    h("tbody", {}, ...scored.map((s) => h("tr", {},
      h("th", { scope: "row" }, s.school), h("td", {}, s.area), h("td", { class: "num" }, String(Number(s.final))), h("td", {}, s.grade ?? "")))));
  const insert = ctx.host.inExcel
    ? h("button", { type: "button", class: "button", id: "insert-results", disabled: scored.length === 0 }, "插入结果工作表")
    : null;
  insert?.addEventListener("click", () => void busy(insert, async () => {
    try {
      const name = await insertResults(schools);
      setStatus(status, `已插入工作表“${name}”和各片区平均分图表。`, "success");
      announce(`已插入工作表“${name}”。`);
    } catch (e) {
      setStatus(status, errorText(e), "error");
    }
  }));
  const publish = published ? null : h("button", { type: "button", class: "button", id: "publish-results" }, "发布结果");
  publish?.addEventListener("click", () => void busy(publish, async () => {
    const answer = await ask("发布结果", "发布后，各学校可以看到本校的结果，督查组成员可以看到所负责学校的结果。确定发布吗？",
      [{ label: "发布", value: true, primary: true }, { label: "取消", value: false }], false);
    if (!answer) return;
    try {
      const publication = await ctx.api.publishResults(ctx.campaign.id);
      setStatus(status, `已于 ${formatTime(publication.publishedAt)} 发布结果。`, "success");
      publish.hidden = true;
    } catch (e) {
      setStatus(status, errorText(e), "error");
    }
  }));
  replace(container,
    h("p", { class: "hint" }, `${published ? "已发布。" : "尚未发布：只有督查工作办公室能看到。"}有最终得分的学校 ${scored.length}/${schools.length} 所（最终得分来自督查组的附件1/附件5）。`),
    areas.length > 0 ? barChart("各片区平均最终得分", areas.map((a) => [a.area, a.mean!])) : h("p", { class: "hint" }, "还没有可以画图的得分。"),
    scored.length > 0 ? table : null,
    h("div", { class: "actions" }, insert, publish));
}

export function renderBoardPanel(ctx: AppContext, panel: HTMLElement): void {
  const refresh = h("button", { type: "button", class: "button", id: "refresh-board" }, "刷新");
  const status = h("p", { class: "status", role: "status", hidden: true });
  const board = h("div", { class: "board", id: "board" });
  const results = h("div", { class: "results", id: "results" });
  const resultsStatus = h("p", { class: "status", role: "status", hidden: true, id: "results-status" });
  const load = async () => {
    setStatus(status, "正在加载…", "busy");
    try {
      const [progress, outcome] = await Promise.all([ctx.api.progress(ctx.campaign.id), ctx.api.results(ctx.campaign.id)]);
      renderProgress(board, progress);
      renderResults(results, outcome.schools, outcome.published, ctx, resultsStatus);
      setStatus(status, "", "info");
    } catch (e) {
      setStatus(status, errorText(e), "error");
    }
  };
  refresh.addEventListener("click", () => void busy(refresh, load));
  replace(panel,
    h("div", { class: "panel__header" }, h("h2", { class: "panel__title" }, "提交进度"), refresh),
    status, board,
    h("h2", { class: "panel__title" }, "督查结果"),
    h("p", { class: "hint" }, "“汇总”读取全部已提交的表格，计算得分，生成区级汇总表（含各片区、各项目、提示和整改名单）及整改通知。"),
    consolidationControls(ctx, resultsStatus, load),
    results, resultsStatus);
  void load();
}
