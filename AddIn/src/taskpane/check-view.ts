// "检查与提交" in Excel: validate the active sheet (highlight and list the issues), submit the workbook or the sheet.
import { ApiError, newIdempotencyKey } from "../api/client";
import type { FormCheck, Issue, SubmissionReceipt } from "../api/types";
import { clearHighlights, highlightCells, selectCell, type CellMark } from "../excel/highlights";
import { readFormMetadata } from "../excel/metadata";
import { activeSheetName, readActiveSheet, type SheetGrid } from "../excel/read-sheet";
import { formNames } from "../model/forms";
import { workbookFileName } from "../model/names";
import { readDocumentFile } from "../office/document-file";
import { parseCell } from "../xlsx/template";
import { errorText, excel, subjectName, type AppContext } from "./app-context";
import { announce, busy, formatTime, h, replace, setStatus, uid } from "./dom";
import { renderCheckResult } from "./issues-view";

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The school named in column A of a 附件4 row, read from the grid that was checked. */
function schoolLookup(grid: SheetGrid, forms: FormCheck[]) {
  const corner = grid.address.split("!").pop()!.split(":")[0]!;
  const [top, left] = parseCell(corner);
  return (sheet: string, row: number): string | null => {
    if (sheet !== grid.sheet || forms.every((f) => f.form !== "peer-scores") || left !== 0) return null;
    const value = grid.values[row - 1 - top]?.[0];
    const text = typeof value === "string" ? value.trim() : "";
    return text && !/[:：]/.test(text) && !text.startsWith("注") ? text.replace(/（自评）$/, "") : null;
  };
}

function marksOf(forms: FormCheck[]): CellMark[] {
  return forms.flatMap((f) => f.issues
    .filter((i): i is Issue & { cell: string } => Boolean(i.cell))
    .map((i) => ({ sheet: i.sheet ?? f.sheet, cell: i.cell, severity: i.severity })));
}

export function renderCheckPanel(ctx: AppContext, panel: HTMLElement): void {
  const validateButton = h("button", { type: "button", class: "button button--primary", id: "validate" }, "检查当前工作表");
  const checkStatus = h("p", { class: "status", role: "status", hidden: true });
  const checkResult = h("div", { class: "check-result", id: "check-result" });

  const onSelect = (issue: Issue, sheet: string) => {
    if (!issue.cell) return;
    excel((c) => selectCell(c, sheet, issue.cell!)).catch((e) => setStatus(checkStatus, errorText(e), "error"));
  };

  validateButton.addEventListener("click", () => void busy(validateButton, async () => {
    setStatus(checkStatus, "正在检查…", "busy");
    try {
      // Old colours go first, so a fixed cell never stays red.
      const previous = ctx.highlights;
      ctx.highlights = [];
      await excel((c) => clearHighlights(c, previous));
      const grid = await excel(readActiveSheet);
      const metadata = (await excel(readFormMetadata)).get(grid.sheet) ?? null;
      const response = await ctx.api.checkGrid(ctx.campaign.id, {
        sheet: grid.sheet, address: grid.address, values: grid.values, metadata, form: metadata?.form ?? null,
      }, { onRetry: (n) => setStatus(checkStatus, n.message, "warning") });
      ctx.highlights = await excel((c) => highlightCells(c, marksOf(response.forms)));
      const counts = renderCheckResult(checkResult, response.forms, {
        onSelect, schoolOfRow: schoolLookup(grid, response.forms), subjectName: (f) => subjectName(ctx.campaign, f),
      });
      setStatus(checkStatus, "", "info");
      announce(counts.errors + counts.warnings === 0 ? "检查完成，没有发现问题。" : `检查完成，发现 ${counts.errors} 处错误、${counts.warnings} 处提醒。`);
    } catch (e) {
      setStatus(checkStatus, errorText(e), "error");
    }
  }));

  // Submit
  const scopeName = uid("scope");
  const whole = h("input", { type: "radio", name: scopeName, id: `${scopeName}-all`, value: "workbook", checked: true });
  const single = h("input", { type: "radio", name: scopeName, id: `${scopeName}-one`, value: "sheet" });
  const submitButton = h("button", { type: "button", class: "button button--primary", id: "submit" }, "提交");
  const progressLabel = uid("progress");
  const progress = h("progress", { class: "progress", max: 100, value: 0, "aria-labelledby": progressLabel, hidden: true });
  const submitStatus = h("p", { class: "status", role: "status", id: progressLabel, hidden: true });
  const submitResult = h("div", { class: "submit-result", id: "submit-result" });
  let retry: (() => Promise<void>) | null = null;
  const retryButton = h("button", { type: "button", class: "button", id: "retry-submit", hidden: true }, "重试提交");

  const send = async (bytes: Uint8Array, key: string, sheet: string | undefined) => {
    retryButton.hidden = true;
    retry = null;
    let retried = false;
    try {
      setStatus(submitStatus, "正在上传…", "busy");
      const receipts = await ctx.api.submit(ctx.campaign.id, new Blob([bytes as BlobPart], { type: xlsxType }),
        workbookFileName(Office.context.document.url), key, {
          sheet,
          onRetry: (n) => { retried = true; setStatus(submitStatus, `${n.message}工作簿没有任何改动。`, "warning"); },
          onUploadProgress: (f) => { progress.value = 30 + Math.round(f * 60); },
        });
      progress.hidden = true;
      renderReceipts(submitResult, receipts);
      const done = `已提交 ${receipts.length} 张表格。${retried ? "（服务曾暂时不可用，已自动重试，只保存了一次。）" : ""}`;
      setStatus(submitStatus, done, "success");
      announce(done);
    } catch (e) {
      progress.hidden = true;
      if (e instanceof ApiError && e.problem.forms?.length) {
        setStatus(submitStatus, "未提交：表格中有错误，什么都没有保存。请改正后再提交。", "error");
        renderCheckResult(submitResult, e.problem.forms, { onSelect, subjectName: (f) => subjectName(ctx.campaign, f) });
        ctx.highlights = [...ctx.highlights, ...await excel((c) => highlightCells(c, marksOf(e.problem.forms!)))];
      } else if (e instanceof ApiError && e.unavailable) {
        setStatus(submitStatus, `${e.message} 已自动重试，仍未成功。工作簿没有任何改动，可以稍后点“重试提交”。`, "error");
        retry = () => send(bytes, key, sheet);
        retryButton.hidden = false;
      } else {
        setStatus(submitStatus, `未提交：${errorText(e)}`, "error");
      }
    }
  };

  retryButton.addEventListener("click", () => void busy(retryButton, async () => { if (retry) await retry(); }));
  submitButton.addEventListener("click", () => void busy(submitButton, async () => {
    replace(submitResult);
    // One key per attempt: automatic retries and "重试提交" reuse it, so the server stores the workbook once.
    const key = newIdempotencyKey();
    progress.hidden = false;
    progress.value = 0;
    try {
      const sheet = single.checked ? await excel(activeSheetName) : undefined;
      setStatus(submitStatus, "正在读取工作簿…", "busy");
      const bytes = await readDocumentFile(Office, (f) => { progress.value = Math.round(f * 30); });
      await send(bytes, key, sheet);
    } catch (e) {
      progress.hidden = true;
      setStatus(submitStatus, `未提交：${errorText(e)}`, "error");
    }
  }));

  replace(panel,
    h("h2", { class: "panel__title" }, "检查"),
    h("p", { class: "hint" }, "检查当前工作表：有问题的单元格会标上颜色，点列表中的问题可跳到该单元格。"),
    h("div", { class: "actions" }, validateButton),
    checkStatus,
    checkResult,
    h("h2", { class: "panel__title" }, "提交"),
    h("fieldset", { class: "choice" },
      h("legend", {}, "提交范围"),
      h("div", { class: "choice__item" }, whole, h("label", { for: `${scopeName}-all` }, "整个工作簿（每张表格各为一份）")),
      h("div", { class: "choice__item" }, single, h("label", { for: `${scopeName}-one` }, "只提交当前工作表"))),
    h("div", { class: "actions" }, submitButton, retryButton),
    progress,
    submitStatus,
    submitResult);
}

export function renderReceipts(container: HTMLElement, receipts: SubmissionReceipt[]): void {
  replace(container, h("div", { class: "receipts" },
    h("h3", {}, "回执"),
    h("ul", { class: "receipt-list" }, ...receipts.map((r) => h("li", { class: "receipt" },
      h("strong", {}, r.sheet),
      h("span", {}, formNames[r.form as keyof typeof formNames] ?? r.form),
      h("span", {}, `提交时间 ${formatTime(r.storedAt)}`),
      h("span", { class: "receipt__version" }, `版本 ${r.version}`),
      r.complete ? null : h("span", { class: "badge badge--warning" }, "未填完"))))));
}
