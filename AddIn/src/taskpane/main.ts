// The task pane and the browser page: find out where we run, sign in, then show the tabs this user needs.
import { createNestablePublicClientApplication, createStandardPublicClientApplication } from "@azure/msal-browser";
import { ApiClient } from "../api/client";
import { loadAuthConfig } from "../auth/config";
import { browserSession } from "../auth/browser-sign-in";
import { describeAuthError } from "../auth/errors";
import { officeSession } from "../auth/office-sign-in";
import { developmentSession, type Session } from "../auth/session";
import { roleName } from "../model/forms";
import { detectHost, type HostInfo } from "../office/host";
import { errorText, type AppContext } from "./app-context";
import { renderBoardPanel } from "./board-view";
import { renderCheckPanel } from "./check-view";
import { h, replace, setStatus } from "./dom";
import { renderFormsPanel } from "./forms-view";
import { pickDevUser, rememberDevUser, rememberedDevUser, waitForSignInClick } from "./sign-in-view";
import { renderUploadPanel } from "./upload-view";

interface Tab {
  id: string;
  label: string;
  render: (ctx: AppContext, panel: HTMLElement) => void;
}

const app = () => document.getElementById("app")!;

function renderHostStatus(host: HostInfo): void {
  const el = document.getElementById("host-status")!;
  if (host.inExcel) {
    el.textContent = host.support.insertFromBase64 ? "已连接 Excel" : "已连接 Excel（较早版本：部分格式功能不可用）";
    el.className = "host-status host-status--excel";
  } else {
    el.textContent = host.officeLoaded
      ? "未在 Office 中运行：可以下载模板、上传填好的文件。要在 Excel 中直接填写，请从 Excel 的“督查助手”按钮打开。"
      : "网页版：可以下载模板、上传填好的文件（适用于 WPS 和未安装加载项的 Excel）。";
    el.className = "host-status host-status--browser";
  }
}

async function signIn(api: ApiClient, host: HostInfo): Promise<Session | null> {
  const devUsers = await api.devUsers().catch(() => null);
  if (devUsers && devUsers.length > 0) {
    const remembered = rememberedDevUser();
    const upn = remembered && devUsers.some((u) => u.upn === remembered) ? remembered : await pickDevUser(app(), devUsers);
    rememberDevUser(upn);
    return developmentSession(upn);
  }
  const config = await loadAuthConfig();
  if (!config) {
    replace(app(), h("div", { class: "result result--error", role: "alert" },
      h("strong", {}, "无法登录"), h("p", {}, "此服务没有配置 Microsoft 账号登录，也没有开启开发模式。请联系管理员。")));
    return null;
  }
  if (host.inExcel) {
    return officeSession(config, Office, { createNestablePublicClientApplication }, `${location.origin}/auth-dialog.html`);
  }
  const { session, signIn: redirect } = await browserSession(config, { createStandardPublicClientApplication }, `${location.origin}/`);
  if (session) return session;
  await waitForSignInClick(app(), "请使用单位分配的 Microsoft 365 账号登录。");
  await redirect();
  return null;
}

function renderTabs(ctx: AppContext, tabs: Tab[], container: HTMLElement): void {
  const list = h("div", { class: "tabs", role: "tablist", "aria-label": "功能" });
  const panels: HTMLElement[] = [];
  const buttons: HTMLButtonElement[] = [];
  const rendered = new Set<string>();
  const select = (index: number, focus: boolean) => {
    buttons.forEach((b, i) => {
      const on = i === index;
      b.setAttribute("aria-selected", String(on));
      b.tabIndex = on ? 0 : -1;
      panels[i]!.hidden = !on;
    });
    const tab = tabs[index]!;
    if (!rendered.has(tab.id)) {
      rendered.add(tab.id);
      tab.render(ctx, panels[index]!);
    }
    if (focus) buttons[index]!.focus();
  };
  tabs.forEach((tab, i) => {
    const button = h("button", {
      type: "button", role: "tab", id: `tab-${tab.id}`, class: "tab", "aria-controls": `panel-${tab.id}`, "aria-selected": "false", tabindex: "-1",
    }, tab.label);
    button.addEventListener("click", () => select(i, false));
    button.addEventListener("keydown", (e) => {
      const key = (e as KeyboardEvent).key;
      const next = key === "ArrowRight" ? (i + 1) % tabs.length : key === "ArrowLeft" ? (i - 1 + tabs.length) % tabs.length
        : key === "Home" ? 0 : key === "End" ? tabs.length - 1 : -1;
      if (next >= 0) {
        e.preventDefault();
        select(next, true);
      }
    });
    buttons.push(button);
    list.appendChild(button);
    panels.push(h("section", { class: "panel", role: "tabpanel", id: `panel-${tab.id}`, "aria-labelledby": `tab-${tab.id}`, tabindex: "0", hidden: true }));
  });
  replace(container, list, ...panels);
  select(0, false);
}

function renderUserCard(ctx: AppContext, onSwitch: (() => void) | null): HTMLElement {
  const { me, campaign } = ctx;
  const membership = me.campaigns.find((c) => c.id === campaign.id);
  const role = membership?.role ?? me.role;
  return h("section", { class: "user-card", "aria-label": "当前用户", id: "user-card" },
    h("div", { class: "user-card__avatar", "aria-hidden": "true" }, (me.name ?? "?").slice(0, 1)),
    h("div", { class: "user-card__text" },
      h("p", { class: "user-card__name", id: "user-name" }, me.name ?? me.upn ?? "未知用户"),
      h("p", { class: "user-card__role", id: "user-role" }, [roleName(role), me.school].filter(Boolean).join(" · ")),
      h("p", { class: "user-card__campaign", id: "user-campaign" }, campaign.title)),
    onSwitch ? h("button", { type: "button", class: "button button--subtle", id: "switch-user", onclick: onSwitch }, "切换用户") : null);
}

async function start(): Promise<void> {
  const office = (window as { Office?: typeof Office }).Office;
  const host = await detectHost(office);
  renderHostStatus(host);
  let session: Session | null = null;
  const api = new ApiClient({ authorize: async () => (session ? await session.headers() : {}) });
  try {
    session = await signIn(api, host);
    if (!session) return;
    replace(app(), h("p", { class: "loading", role: "status" }, "正在加载…"));
    const me = await api.me();
    const campaignId = me.campaigns[0]?.id;
    if (!campaignId) {
      replace(app(), h("div", { class: "result result--warning", role: "status" },
        h("strong", {}, `${me.name ?? me.upn ?? "此账号"}不在任何督查活动的名单中`), h("p", {}, "请联系督查工作办公室把您加入名单。")));
      return;
    }
    const campaign = await api.campaign(campaignId);
    const ctx: AppContext = { api, host, me, campaign, highlights: [] };
    const role = me.campaigns[0]?.role ?? me.role;
    const tabs: Tab[] = host.inExcel
      ? [{ id: "forms", label: "填写表格", render: renderFormsPanel }, { id: "check", label: "检查与提交", render: renderCheckPanel }]
      : [{ id: "forms", label: "下载模板", render: renderFormsPanel }, { id: "upload", label: "上传检查", render: renderUploadPanel }];
    if (role === "office") tabs.push({ id: "board", label: "进度", render: renderBoardPanel });
    const body = h("div", { class: "tab-area" });
    const switchUser = session.mode === "development" ? () => { rememberDevUser(null); location.reload(); } : null;
    replace(app(), renderUserCard(ctx, switchUser), body);
    renderTabs(ctx, tabs, body);
    app().setAttribute("aria-busy", "false");
  } catch (e) {
    const message = errorText(describeIfAuth(e));
    const status = h("p", { role: "alert" });
    setStatus(status, message, "error");
    replace(app(), status, h("div", { class: "actions" }, h("button", { type: "button", class: "button", id: "reload", onclick: () => location.reload() }, "重新加载")));
  }
}

function describeIfAuth(e: unknown): unknown {
  const code = (e as { errorCode?: unknown } | null)?.errorCode;
  return typeof code === "string" ? describeAuthError(e) : e;
}

// The inline check in taskpane.html already explained why a too-old webview cannot run the page.
if (typeof HTMLDialogElement === "undefined" || typeof fetch === "undefined") {
  // nothing to start
} else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => void start());
else void start();
