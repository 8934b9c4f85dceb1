// "上传检查" outside Office: drop or choose a filled .xlsx, see the same issues (cells named), then submit it.
import { ApiError, newIdempotencyKey } from "../api/client";
import { errorText, subjectName, type AppContext } from "./app-context";
import { renderReceipts } from "./check-view";
import { announce, busy, h, replace, setStatus, uid } from "./dom";
import { renderCheckResult } from "./issues-view";

export function renderUploadPanel(ctx: AppContext, panel: HTMLElement): void {
  const inputId = uid("file");
  const input = h("input", { type: "file", id: inputId, class: "visually-hidden", accept: ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
  const choose = h("button", { type: "button", class: "button button--primary", id: "choose-file" }, "选择文件…");
  const zone = h("div", { class: "drop-zone", id: "drop-zone" },
    h("p", { class: "drop-zone__text" }, "把填好的 .xlsx 文件拖到这里"),
    h("p", { class: "drop-zone__or" }, "或者"),
    choose,
    h("label", { for: inputId, class: "visually-hidden" }, "选择要检查的 .xlsx 文件"),
    input);
  const fileLine = h("p", { class: "file-line", hidden: true });
  const status = h("p", { class: "status", role: "status", hidden: true });
  const result = h("div", { class: "check-result", id: "upload-result" });
  const submitButton = h("button", { type: "button", class: "button button--primary", id: "submit-file", hidden: true }, "提交此文件");
  const submitResult = h("div", { class: "submit-result", id: "upload-submit-result" });
  let file: File | null = null;
  let key = "";

  const check = async (chosen: File) => {
    file = chosen;
    key = newIdempotencyKey();
    submitButton.hidden = true;
    replace(result);
    replace(submitResult);
    fileLine.hidden = false;
    fileLine.textContent = `文件：${chosen.name}（${Math.max(1, Math.round(chosen.size / 1024))} KB）`;
    if (!/\.xlsx$/i.test(chosen.name)) {
      setStatus(status, "请上传 .xlsx 格式的工作簿（在 WPS 或 Excel 中“另存为” .xlsx）。", "error");
      return;
    }
    setStatus(status, "正在检查…", "busy");
    try {
      const response = await ctx.api.checkWorkbook(ctx.campaign.id, chosen, chosen.name,
        { onRetry: (n) => setStatus(status, n.message, "warning") });
      const counts = renderCheckResult(result, response.forms, { subjectName: (f) => subjectName(ctx.campaign, f) });
      setStatus(status, "", "info");
      submitButton.hidden = counts.errors > 0 || response.forms.every((f) => !f.form);
      announce(counts.errors + counts.warnings === 0 ? "检查完成，没有发现问题。" : `检查完成，发现 ${counts.errors} 处错误、${counts.warnings} 处提醒。`);
    } catch (e) {
      setStatus(status, errorText(e), "error");
    }
  };

  choose.addEventListener("click", () => input.click());
  input.addEventListener("change", () => { if (input.files?.[0]) void check(input.files[0]); });
  zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("drop-zone--over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("drop-zone--over"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("drop-zone--over");
    const dropped = e.dataTransfer?.files?.[0];
    if (dropped) void check(dropped);
  });

  submitButton.addEventListener("click", () => void busy(submitButton, async () => {
    if (!file) return;
    setStatus(status, "正在提交…", "busy");
    try {
      const receipts = await ctx.api.submit(ctx.campaign.id, file, file.name, key,
        { onRetry: (n) => setStatus(status, `${n.message}文件没有任何改动。`, "warning") });
      renderReceipts(submitResult, receipts);
      submitButton.hidden = true;
      setStatus(status, `已提交 ${receipts.length} 张表格。`, "success");
      announce(`已提交 ${receipts.length} 张表格。`);
    } catch (e) {
      if (e instanceof ApiError && e.problem.forms?.length) {
        renderCheckResult(result, e.problem.forms, { subjectName: (f) => subjectName(ctx.campaign, f) });
        setStatus(status, "未提交：文件中有错误，什么都没有保存。", "error");
      } else {
        setStatus(status, `未提交：${errorText(e)}`, "error");
      }
    }
  }));

  replace(panel,
    h("h2", { class: "panel__title" }, "上传检查"),
    h("p", { class: "hint" }, "没有安装加载项（如使用 WPS）时，可在这里检查并提交填好的表格。服务器会再次检查每个文件。"),
    zone, fileLine, status, result,
    h("div", { class: "actions" }, submitButton),
    submitResult);
}
