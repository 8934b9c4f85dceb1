// Sign-in inside Office: MSAL.js nested app authentication (NAA) where the host supports it, otherwise the Office dialog
// API opening auth-dialog.html, which signs in with a standard MSAL client and sends the token back.
import type { AuthenticationResult, Configuration, IPublicClientApplication, SilentRequest } from "@azure/msal-browser";
import type { AuthConfig } from "./config";
import { AuthFailure, describeAuthError } from "./errors";
import { tokenSession, type Session } from "./session";

/** The parts of @azure/msal-browser used here (injected so tests can stand in for MSAL). */
export interface NestableMsal {
  createNestablePublicClientApplication(configuration: Configuration): Promise<IPublicClientApplication>;
}

/** What auth-dialog.html sends back with Office.context.ui.messageParent. */
export type DialogMessage =
  | { type: "token"; accessToken: string; expiresOn: number | null }
  | { type: "error"; code: string; message: string };

export function naaSupported(office: typeof Office): boolean {
  try {
    return office.context.requirements.isSetSupported("NestedAppAuth", "1.1");
  } catch {
    return false;
  }
}

function isInteractionRequired(error: unknown): boolean {
  const e = error as { name?: string; errorCode?: string };
  return e?.name === "InteractionRequiredAuthError"
    || /interaction_required|consent_required|login_required/.test(String(e?.errorCode ?? ""));
}

/** NAA: a silent token from the host's account, or a popup when the user must act (consent, MFA). */
export async function acquireTokenWithNaa(config: AuthConfig, msal: NestableMsal): Promise<string> {
  let pca: IPublicClientApplication;
  try {
    pca = await msal.createNestablePublicClientApplication({ auth: { clientId: config.clientId, authority: config.authority } });
  } catch (e) {
    throw describeAuthError(e);
  }
  const request: SilentRequest = { scopes: [config.apiScope] };
  let result: AuthenticationResult;
  try {
    result = await pca.acquireTokenSilent(request);
  } catch (silentError) {
    if (!isInteractionRequired(silentError)) throw describeAuthError(silentError);
    try {
      result = await pca.acquireTokenPopup({ scopes: request.scopes });
    } catch (popupError) {
      throw describeAuthError(popupError);
    }
  }
  return result.accessToken;
}

/** The dialog fallback: opens `dialogUrl` and waits for its message. */
export function acquireTokenWithDialog(office: typeof Office, dialogUrl: string): Promise<{ accessToken: string; expiresOn: number | null }> {
  return new Promise((resolve, reject) => {
    office.context.ui.displayDialogAsync(dialogUrl, { height: 60, width: 30, promptBeforeOpen: false }, (opened) => {
      if (String(opened.status) !== "succeeded") {
        reject(describeAuthError({ code: opened.error?.code, message: opened.error?.message }));
        return;
      }
      const dialog = opened.value;
      dialog.addEventHandler(office.EventType.DialogMessageReceived, (arg) => {
        dialog.close();
        let message: DialogMessage;
        try {
          message = JSON.parse((arg as { message: string }).message) as DialogMessage;
        } catch {
          reject(new AuthFailure("登录窗口返回了无法识别的内容。", "dialog_message"));
          return;
        }
        if (message.type === "token") resolve({ accessToken: message.accessToken, expiresOn: message.expiresOn });
        else reject(describeAuthError({ errorCode: message.code, errorMessage: message.message }));
      });
      dialog.addEventHandler(office.EventType.DialogEventReceived, (arg) => {
        reject(describeAuthError({ code: (arg as { error: number }).error, message: "dialog closed" }));
      });
    });
  });
}

/**
 * The session inside Office: NAA when the host supports it (NestedAppAuth 1.1), the dialog otherwise. A dialog token
 * is kept until five minutes before it expires.
 */
export function officeSession(config: AuthConfig, office: typeof Office, msal: NestableMsal, dialogUrl: string, now = () => Date.now()): Session {
  if (naaSupported(office)) return tokenSession("naa", () => acquireTokenWithNaa(config, msal));
  let cached: { accessToken: string; expiresOn: number | null } | null = null;
  return tokenSession("dialog", async () => {
    if (cached && cached.expiresOn !== null && cached.expiresOn - now() > 5 * 60 * 1000) return cached.accessToken;
    cached = await acquireTokenWithDialog(office, dialogUrl);
    return cached.accessToken;
  });
}
