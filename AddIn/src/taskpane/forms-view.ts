// "填写表格" / "下载模板": pick one of the forms this user may fill, then insert it into the workbook (Excel) or download
// it (browser). Inserting never overwrites a sheet without asking.
import { formsFor, type FormChoice, type FormSubject } from "../model/forms";
import { toBase64, uniqueSheetName } from "../model/names";
import { readTemplate } from "../xlsx/template";
import { sheetNames } from "../excel/read-sheet";
import { deleteSheet, insertSheetFromBase64, writeTemplateSheet } from "../excel/insert-form";
import { recordFormMetadata } from "../excel/metadata";
import { ask } from "./confirm";
import { announce, busy, h, replace, saveBlob, setStatus, uid } from "./dom";
import { errorText, excel, type AppContext } from "./app-context";

export function renderFormsPanel(ctx: AppContext, panel: HTMLElement): void {
  const choices = formsFor(ctx.me, ctx.campaign);
  if (choices.length === 0) {
    replace(panel, h("p", { class: "hint" }, "您的账号在本次督查中没有需要填写的表格。"));
    return;
  }
  const formId = uid("form");
  const subjectId = uid("subject");
  const formSelect = h("select", { id: formId, class: "select" });
  choices.forEach((c, i) => formSelect.appendChild(h("option", { value: String(i) }, c.label)));
  const subjectSelect = h("select", { id: subjectId, class: "select" });
  const status = h("p", { class: "status", role: "status", hidden: true });
  const inExcel = ctx.host.inExcel;
  const action = h("button", { type: "button", class: "button button--primary", id: inExcel ? "insert-form" : "download-template" },
    inExcel ? "插入到工作簿" : "下载模板");

  const current = (): [FormChoice, FormSubject] => {
    const choice = choices[Number(formSelect.value)] ?? choices[0]!;
    return [choice, choice.subjects[Number(subjectSelect.value)] ?? choice.subjects[0]!];
  };
  const fillSubjects = () => {
    const [choice] = current();
    subjectSelect.replaceChildren(...choice.subjects.map((s, i) => h("option", { value: String(i) }, s.label)));
    subjectSelect.disabled = choice.subjects.length < 2;
  };
  formSelect.addEventListener("change", fillSubjects);
  fillSubjects();

  action.addEventListener("click", () => void busy(action, async () => {
    const [choice, subject] = current();
    setStatus(status, inExcel ? "正在获取模板…" : "正在下载…", "busy");
    try {
      const message = inExcel ? await insertForm(ctx, choice, subject, status) : await downloadForm(ctx, choice, subject);
      setStatus(status, message.text, message.tone);
      announce(message.text);
    } catch (e) {
      setStatus(status, errorText(e), "error");
      announce(errorText(e));
    }
  }));

  const how = inExcel
    ? (ctx.host.support.insertFromBase64
      ? "表格将作为新工作表插入，保留模板的格式和数据验证。"
      : "此版本的 Excel 不能直接插入模板文件，将逐格写入表格内容和数字格式" + (ctx.host.support.dataValidation ? "及数据验证。" : "（不含数据验证，检查时仍会核对分数）。"))
    : "模板可在 Excel 或 WPS 中填写，填好后在“上传检查”中上传。";
  replace(panel,
    h("h2", { class: "panel__title" }, inExcel ? "插入官方表格" : "下载官方表格"),
    h("div", { class: "field" }, h("label", { for: formId }, "表格"), formSelect),
    h("div", { class: "field" }, h("label", { for: subjectId }, "对象"), subjectSelect),
    h("p", { class: "hint" }, how),
    h("div", { class: "actions" }, action),
    status);
}

async function downloadForm(ctx: AppContext, choice: FormChoice, subject: FormSubject) {
  const file = await ctx.api.template(ctx.campaign.id, choice.form, subject.query);
  saveBlob(file.blob, file.fileName);
  return { text: `已下载“${file.fileName}”。`, tone: "success" as const };
}

async function insertForm(ctx: AppContext, choice: FormChoice, subject: FormSubject, status: HTMLElement) {
  const file = await ctx.api.template(ctx.campaign.id, choice.form, subject.query);
  const bytes = new Uint8Array(await file.blob.arrayBuffer());
  const template = await readTemplate(bytes);
  const sheet = template.sheets[0];
  if (!sheet) throw new Error("模板中没有可插入的工作表。");
  const existing = await excel(sheetNames);
  let target = sheet.name;
  if (existing.some((n) => n.toLowerCase() === target.toLowerCase())) {
    setStatus(status, "", "info");
    const answer = await ask("工作表已存在",
      `工作簿中已有名为“${target}”的工作表。替换会删除原表及其中填写的内容；也可以另建一张新表。`,
      [{ label: "另建新表", value: "copy", primary: true }, { label: "替换原表", value: "replace" }, { label: "取消", value: "cancel" }],
      "cancel");
    if (answer === "cancel") return { text: `没有插入：工作表“${target}”保持不变。`, tone: "info" as const };
    if (answer === "replace") await excel((c) => deleteSheet(c, target));
    else target = uniqueSheetName(existing, target);
  }
  setStatus(status, "正在插入…", "busy");
  const name = ctx.host.support.insertFromBase64
    ? await excel((c) => insertSheetFromBase64(c, toBase64(bytes), sheet.name, target))
    : await excel((c) => writeTemplateSheet(c, sheet, target, ctx.host.support));
  const metadata = template.metadata.get(sheet.name);
  if (metadata) await excel((c) => recordFormMetadata(c, name, metadata));
  return { text: `已插入工作表“${name}”（${choice.label}）。填写后到“检查与提交”检查。`, tone: "success" as const };
}
