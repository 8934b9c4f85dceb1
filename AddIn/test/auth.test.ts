import { describe, expect, it, vi } from "vitest";
import type { AuthConfig } from "../src/auth/config";
import { browserSession } from "../src/auth/browser-sign-in";
import { AuthFailure, consentMessage, describeAuthError } from "../src/auth/errors";
import { officeSession, type NestableMsal } from "../src/auth/office-sign-in";
import { developmentSession } from "../src/auth/session";

const config: AuthConfig = {
  clientId: "11111111-2222-3333-4444-555555555555",
  authority: "https://login.microsoftonline.com/organizations",
  apiScope: "api://11111111-2222-3333-4444-555555555555/access_as_user",
};

function interactionRequired() {
  return Object.assign(new Error("AADSTS65001: The user or administrator has not consented"), {
    name: "InteractionRequiredAuthError", errorCode: "interaction_required",
  });
}

function fakeOffice(naa: boolean) {
  const handlers = new Map<string, (arg: unknown) => void>();
  const dialog = { close: vi.fn(), addEventHandler: vi.fn((type: string, handler: (arg: unknown) => void) => handlers.set(type, handler)) };
  const displayDialogAsync = vi.fn((_url: string, _options: unknown, callback: (r: unknown) => void) => callback({ status: "succeeded", value: dialog }));
  const office = {
    context: {
      requirements: { isSetSupported: vi.fn((name: string, version: string) => naa && name === "NestedAppAuth" && version === "1.1") },
      ui: { displayDialogAsync },
    },
    EventType: { DialogMessageReceived: "dialogMessageReceived", DialogEventReceived: "dialogEventReceived" },
  } as unknown as typeof Office;
  return {
    office, dialog, displayDialogAsync,
    message: (m: unknown) => handlers.get("dialogMessageReceived")!({ message: JSON.stringify(m) }),
    event: (code: number) => handlers.get("dialogEventReceived")!({ error: code }),
  };
}

function nestableMsal(pca: Record<string, unknown>) {
  const create = vi.fn(async () => pca);
  return { msal: { createNestablePublicClientApplication: create } as unknown as NestableMsal, create };
}

describe("sign-in inside Office with nested app authentication", () => {
  it("gets the API token silently from the host's account and sends it as a bearer token", async () => {
    const pca = { acquireTokenSilent: vi.fn(async () => ({ accessToken: "naa-token" })), acquireTokenPopup: vi.fn() };
    const { msal, create } = nestableMsal(pca);
    const host = fakeOffice(true);
    const session = officeSession(config, host.office, msal, "https://localhost:3000/auth-dialog.html");
    expect(session.mode).toBe("naa");
    expect(await session.headers()).toEqual({ Authorization: "Bearer naa-token" });
    expect(create).toHaveBeenCalledWith({ auth: { clientId: config.clientId, authority: config.authority } });
    expect(pca.acquireTokenSilent).toHaveBeenCalledWith({ scopes: [config.apiScope] });
    expect(pca.acquireTokenPopup).not.toHaveBeenCalled();
    expect(host.displayDialogAsync).not.toHaveBeenCalled();
  });

  it("falls back to a popup when the silent request needs the user", async () => {
    const pca = {
      acquireTokenSilent: vi.fn(async () => { throw interactionRequired(); }),
      acquireTokenPopup: vi.fn(async () => ({ accessToken: "popup-token" })),
    };
    const session = officeSession(config, fakeOffice(true).office, nestableMsal(pca).msal, "https://x/auth-dialog.html");
    expect(await session.headers()).toEqual({ Authorization: "Bearer popup-token" });
    expect(pca.acquireTokenPopup).toHaveBeenCalledWith({ scopes: [config.apiScope] });
  });

  it("shows the user a consent message when consent was not given", async () => {
    const pca = {
      acquireTokenSilent: vi.fn(async () => { throw interactionRequired(); }),
      acquireTokenPopup: vi.fn(async () => { throw Object.assign(new Error("AADSTS65001: consent required"), { errorCode: "consent_required" }); }),
    };
    const session = officeSession(config, fakeOffice(true).office, nestableMsal(pca).msal, "https://x/auth-dialog.html");
    const failure = await session.headers().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AuthFailure);
    expect((failure as AuthFailure).code).toBe("consent_required");
    expect((failure as AuthFailure).message).toBe(consentMessage);
  });
});

describe("sign-in inside Office without nested app authentication", () => {
  it("opens the sign-in dialog and uses the token it sends back, keeping it until it nearly expires", async () => {
    const { msal, create } = nestableMsal({});
    const host = fakeOffice(false);
    let now = 1_000_000;
    const session = officeSession(config, host.office, msal, "https://localhost:3000/auth-dialog.html", () => now);
    expect(session.mode).toBe("dialog");
    const first = session.headers();
    host.message({ type: "token", accessToken: "dialog-token", expiresOn: now + 60 * 60 * 1000 });
    expect(await first).toEqual({ Authorization: "Bearer dialog-token" });
    expect(host.displayDialogAsync).toHaveBeenCalledWith("https://localhost:3000/auth-dialog.html", { height: 60, width: 30, promptBeforeOpen: false }, expect.any(Function));
    expect(host.dialog.close).toHaveBeenCalledTimes(1);
    now += 30 * 60 * 1000;
    expect(await session.headers()).toEqual({ Authorization: "Bearer dialog-token" });
    expect(host.displayDialogAsync).toHaveBeenCalledTimes(1);
    expect(create).not.toHaveBeenCalled();
  });

  it("reports a consent error sent by the dialog", async () => {
    const host = fakeOffice(false);
    const session = officeSession(config, host.office, nestableMsal({}).msal, "https://x/auth-dialog.html");
    const pending = session.headers().catch((e: unknown) => e);
    host.message({ type: "error", code: "consent_required", message: "AADSTS65001" });
    expect(((await pending) as AuthFailure).message).toBe(consentMessage);
  });

  it("says the sign-in was cancelled when the user closes the dialog", async () => {
    const host = fakeOffice(false);
    const session = officeSession(config, host.office, nestableMsal({}).msal, "https://x/auth-dialog.html");
    const pending = session.headers().catch((e: unknown) => e);
    host.event(12006);
    expect(((await pending) as AuthFailure).code).toBe("user_cancelled");
  });
});

describe("sign-in of the page outside Office", () => {
  it("completes a redirect and signs requests with a silent token for the returned account", async () => {
    const account = { homeAccountId: "a", username: "s01@yuzhong.example" };
    const pca = {
      handleRedirectPromise: vi.fn(async () => ({ account })),
      getAllAccounts: vi.fn(() => []),
      acquireTokenSilent: vi.fn(async () => ({ accessToken: "redirect-token" })),
      loginRedirect: vi.fn(),
    };
    const create = vi.fn(async () => pca);
    const { session } = await browserSession(config, { createStandardPublicClientApplication: create } as never, "https://host/");
    expect(create).toHaveBeenCalledWith({
      auth: { clientId: config.clientId, authority: config.authority, redirectUri: "https://host/" }, cache: { cacheLocation: "localStorage" },
    });
    expect(session?.mode).toBe("redirect");
    expect(await session!.headers()).toEqual({ Authorization: "Bearer redirect-token" });
    expect(pca.acquireTokenSilent).toHaveBeenCalledWith({ scopes: [config.apiScope], account });
  });

  it("has no session before the user signs in, and signs in with a redirect", async () => {
    const pca = { handleRedirectPromise: vi.fn(async () => null), getAllAccounts: vi.fn(() => []), loginRedirect: vi.fn(async () => undefined) };
    const result = await browserSession(config, { createStandardPublicClientApplication: async () => pca } as never, "https://host/");
    expect(result.session).toBeNull();
    await result.signIn();
    expect(pca.loginRedirect).toHaveBeenCalledWith({ scopes: [config.apiScope] });
  });
});

describe("development sign-in and error texts", () => {
  it("sends the roster UPN as X-Dev-User", async () => {
    expect(await developmentSession("s01@yuzhong.example").headers()).toEqual({ "X-Dev-User": "s01@yuzhong.example" });
  });

  it("names a blocked popup and a foreign account in Chinese", () => {
    expect(describeAuthError({ errorCode: "popup_window_error" }).code).toBe("popup_blocked");
    expect(describeAuthError({ errorMessage: "AADSTS50020: User account from identity provider does not exist in tenant" }).code).toBe("wrong_tenant");
    expect(describeAuthError(new Error("boom")).message).toBe("登录失败：boom");
  });
});
