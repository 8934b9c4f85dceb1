// Sign-in of the page outside Office (WPS and browser users): a standard MSAL.js public client with the redirect flow.
import type { AccountInfo, Configuration, IPublicClientApplication } from "@azure/msal-browser";
import type { AuthConfig } from "./config";
import { describeAuthError } from "./errors";
import { tokenSession, type Session } from "./session";

export interface StandardMsal {
  createStandardPublicClientApplication(configuration: Configuration): Promise<IPublicClientApplication>;
}

/**
 * Completes a redirect that brought the user back (if any) and returns a session, or null when nobody is signed in yet
 * (call `signInWithRedirect` from a button then).
 */
export async function browserSession(config: AuthConfig, msal: StandardMsal, redirectUri: string): Promise<{ session: Session | null; signIn: () => Promise<void> }> {
  const pca = await msal.createStandardPublicClientApplication({
    auth: { clientId: config.clientId, authority: config.authority, redirectUri },
    cache: { cacheLocation: "localStorage" },
  });
  const scopes = [config.apiScope];
  let account: AccountInfo | null = null;
  try {
    const result = await pca.handleRedirectPromise();
    account = result?.account ?? pca.getAllAccounts()[0] ?? null;
  } catch (e) {
    throw describeAuthError(e);
  }
  const signIn = () => pca.loginRedirect({ scopes });
  if (!account) return { session: null, signIn };
  const signedIn = account;
  return {
    signIn,
    session: tokenSession("redirect", async () => {
      try {
        return (await pca.acquireTokenSilent({ scopes, account: signedIn })).accessToken;
      } catch (e) {
        if ((e as { name?: string }).name === "InteractionRequiredAuthError") {
          await pca.acquireTokenRedirect({ scopes, account: signedIn });
        }
        throw describeAuthError(e);
      }
    }),
  };
}
