// auth-dialog.html: opened by the task pane through the Office dialog API where NAA is not available. Signs in with a
// standard MSAL client (redirect flow inside the dialog) and sends the token to the task pane with messageParent.
import { createStandardPublicClientApplication } from "@azure/msal-browser";
import { loadAuthConfig } from "./config";
import { describeAuthError } from "./errors";
import type { DialogMessage } from "./office-sign-in";

function send(message: DialogMessage): void {
  Office.context.ui.messageParent(JSON.stringify(message));
}

function say(text: string): void {
  const status = document.getElementById("status");
  if (status) status.textContent = text;
}

async function run(): Promise<void> {
  const config = await loadAuthConfig();
  if (!config) {
    send({ type: "error", code: "not_configured", message: "此服务没有配置 Microsoft 账号登录。" });
    return;
  }
  const pca = await createStandardPublicClientApplication({
    auth: { clientId: config.clientId, authority: config.authority, redirectUri: `${location.origin}/auth-dialog.html` },
    cache: { cacheLocation: "localStorage" },
  });
  const scopes = [config.apiScope];
  const returned = await pca.handleRedirectPromise();
  const account = returned?.account ?? pca.getAllAccounts()[0];
  if (!account) {
    say("正在转到 Microsoft 登录页…");
    await pca.loginRedirect({ scopes });
    return;
  }
  const result = returned?.accessToken ? returned : await pca.acquireTokenSilent({ scopes, account });
  send({ type: "token", accessToken: result.accessToken, expiresOn: result.expiresOn ? result.expiresOn.getTime() : null });
}

Office.onReady(() => {
  run().catch((e: unknown) => {
    const failure = describeAuthError(e);
    say(failure.message);
    send({ type: "error", code: failure.code, message: failure.message });
  });
});
