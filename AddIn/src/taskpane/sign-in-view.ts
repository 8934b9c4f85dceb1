// Signing in: the development roster picker (Auth:Mode=Development) or a Microsoft account button (MSAL).
import type { DevUser } from "../api/types";
import { roleNames } from "../model/forms";
import { h, replace, uid } from "./dom";

const rememberedKey = "supervision.devUser";

export function rememberedDevUser(): string | null {
  try {
    return localStorage.getItem(rememberedKey);
  } catch {
    return null;
  }
}

export function rememberDevUser(upn: string | null): void {
  try {
    if (upn) localStorage.setItem(rememberedKey, upn);
    else localStorage.removeItem(rememberedKey);
  } catch {
    // storage may be off (private mode): the picker shows next time
  }
}

/** The roster picker; resolves with the chosen UPN. */
export function pickDevUser(container: HTMLElement, users: DevUser[]): Promise<string> {
  return new Promise((resolve) => {
    const id = uid("dev-user");
    const select = h("select", { id, class: "select" });
    for (const role of ["office", "inspector", "school"] as const) {
      const group = h("optgroup", { label: roleNames[role] });
      for (const u of users.filter((x) => x.role === role)) {
        group.appendChild(h("option", { value: u.upn }, u.school ? `${u.name}（${u.school}）` : u.name));
      }
      if (group.childElementCount > 0) select.appendChild(group);
    }
    const button = h("button", { type: "button", class: "button button--primary", id: "dev-sign-in" }, "登录");
    const form = h("form", { class: "card sign-in", "aria-labelledby": `${id}-title` },
      h("h2", { id: `${id}-title`, class: "panel__title" }, "登录（开发模式）"),
      h("p", { class: "hint" }, "此服务以开发模式运行：请选择名单中的一个账号登录，无需密码。"),
      h("div", { class: "field" }, h("label", { for: id }, "账号"), select),
      h("div", { class: "actions" }, button));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      resolve(select.value);
    });
    button.addEventListener("click", () => resolve(select.value));
    replace(container, form);
    select.focus();
  });
}

/** A "sign in with Microsoft" button; resolves when clicked. */
export function waitForSignInClick(container: HTMLElement, note: string): Promise<void> {
  return new Promise((resolve) => {
    const button = h("button", { type: "button", class: "button button--primary", id: "sign-in" }, "使用单位账号登录");
    button.addEventListener("click", () => resolve());
    replace(container, h("section", { class: "card sign-in", "aria-label": "登录" },
      h("h2", { class: "panel__title" }, "登录"),
      h("p", { class: "hint" }, note),
      h("div", { class: "actions" }, button)));
    button.focus();
  });
}
