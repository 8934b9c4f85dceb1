// A signed-in session: the headers that sign API requests in, whichever way the user signed in.

export type SignInMode = "development" | "naa" | "dialog" | "redirect";

export interface Session {
  mode: SignInMode;
  headers(): Promise<Record<string, string>>;
}

export const devUserHeader = "X-Dev-User";

/** Development sign-in (Auth:Mode=Development): the roster UPN in X-Dev-User, no token. */
export function developmentSession(upn: string): Session {
  return { mode: "development", headers: async () => ({ [devUserHeader]: upn }) };
}

/** A session whose token comes from `acquire` (MSAL), cached by MSAL itself or by the caller. */
export function tokenSession(mode: Exclude<SignInMode, "development">, acquire: () => Promise<string>): Session {
  return { mode, headers: async () => ({ Authorization: `Bearer ${await acquire()}` }) };
}
