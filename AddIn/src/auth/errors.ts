// Sign-in failures as sentences a teacher can act on.

/** A sign-in that did not produce a token; `message` is Chinese and meant for the user. */
export class AuthFailure extends Error {
  constructor(message: string, public readonly code: string, cause?: unknown) {
    super(message, { cause });
    this.name = "AuthFailure";
  }
}

export const consentMessage =
  "需要授权：本加载项还没有获得访问督查服务的许可（同意）。请在登录窗口中点“接受”；如果看不到该选项，请联系本单位的 Microsoft 365 管理员为“督查助手”授予管理员同意。";

interface ErrorLike {
  errorCode?: string;
  subError?: string;
  errorMessage?: string;
  message?: string;
  code?: string | number;
}

/** Maps MSAL and Office dialog errors to an AuthFailure with a Chinese message. */
export function describeAuthError(error: unknown): AuthFailure {
  if (error instanceof AuthFailure) return error;
  const e = (error ?? {}) as ErrorLike;
  const code = String(e.errorCode ?? e.code ?? "");
  const text = `${code} ${e.subError ?? ""} ${e.errorMessage ?? ""} ${e.message ?? ""}`;
  if (/consent_required|AADSTS65001|AADSTS90094|AADSTS90008|\bconsent\b/i.test(text)) return new AuthFailure(consentMessage, "consent_required", error);
  if (/user_cancelled|user_canceled|12006|AADSTS50126/i.test(text)) return new AuthFailure("登录已取消。需要时请再点“登录”。", "user_cancelled", error);
  if (/popup_window_error|empty_window_error|popup.*block/i.test(text)) {
    return new AuthFailure("登录窗口被拦截了。请允许本页面弹出窗口后再点“登录”。", "popup_blocked", error);
  }
  if (/12009/.test(text)) return new AuthFailure("您拒绝了打开登录窗口。需要登录时请再点“登录”并允许打开窗口。", "dialog_declined", error);
  if (/12007/.test(text)) return new AuthFailure("已经有一个登录窗口打开，请先完成或关闭它。", "dialog_open", error);
  if (/AADSTS50020|AADSTS50177/i.test(text)) return new AuthFailure("此账号不属于本单位，请换用单位分配的账号登录。", "wrong_tenant", error);
  if (/no_network_connectivity|network_error|endpoints_resolution_error/i.test(text)) {
    return new AuthFailure("无法连接到登录服务，请检查网络后重试。", "network", error);
  }
  const detail = (e.errorMessage ?? e.message ?? "").split("\n")[0]?.slice(0, 200);
  return new AuthFailure(`登录失败${detail ? `：${detail}` : "。"}`, code || "unknown", error);
}
