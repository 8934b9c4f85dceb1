// "进度" for the office: what is in (the stored submissions), newest first.
import type { SubmissionReceipt } from "../api/types";
import { formNames } from "../model/forms";
import { schoolsOf } from "../model/forms";
import { errorText, type AppContext } from "./app-context";
import { busy, formatTime, h, replace, setStatus } from "./dom";

export function renderBoardPanel(ctx: AppContext, panel: HTMLElement): void {
  const refresh = h("button", { type: "button", class: "button", id: "refresh-board" }, "刷新");
  const status = h("p", { class: "status", role: "status", hidden: true });
  const body = h("div", { class: "board", id: "board" });
  const names = new Map(schoolsOf(ctx.campaign).map((s) => [s.id, s.name]));
  const load = async () => {
    setStatus(status, "正在加载…", "busy");
    try {
      const { submissions } = await ctx.api.submissions(ctx.campaign.id);
      renderSubmissions(body, submissions, names);
      setStatus(status, "", "info");
    } catch (e) {
      setStatus(status, errorText(e), "error");
    }
  };
  refresh.addEventListener("click", () => void busy(refresh, load));
  replace(panel, h("div", { class: "panel__header" }, h("h2", { class: "panel__title" }, "已提交的表格"), refresh), status, body);
  void load();
}

function renderSubmissions(container: HTMLElement, submissions: SubmissionReceipt[], names: Map<string, string>): void {
  if (submissions.length === 0) {
    replace(container, h("p", { class: "hint" }, "还没有人提交表格。"));
    return;
  }
  replace(container, h("ul", { class: "receipt-list" }, ...submissions.map((r) => h("li", { class: "receipt" },
    h("strong", {}, `${formNames[r.form as keyof typeof formNames] ?? r.form}`),
    h("span", {}, `对象 ${names.get(r.subject) ?? r.subject} · 填写 ${names.get(r.author) ?? r.author}`),
    h("span", {}, `${formatTime(r.storedAt)} · 版本 ${r.version}`)))));
}
