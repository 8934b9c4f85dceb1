// Sign-in settings written into wwwroot/auth-config.json by the build (SUPERVISION_CLIENT_ID and friends).

export interface AuthConfig {
  /** The add-in's Entra ID application (client) id; empty when only development sign-in is offered. */
  clientId: string;
  /** e.g. https://login.microsoftonline.com/organizations */
  authority: string;
  /** api://<client id>/access_as_user */
  apiScope: string;
}

export async function loadAuthConfig(fetchImpl: typeof fetch = (i, o) => fetch(i, o), baseUrl = ""): Promise<AuthConfig | null> {
  try {
    const response = await fetchImpl(`${baseUrl}/auth-config.json`, { cache: "no-store" });
    if (!response.ok) return null;
    const config = (await response.json()) as Partial<AuthConfig>;
    if (!config.clientId || !config.apiScope) return null;
    return { clientId: config.clientId, authority: config.authority || "https://login.microsoftonline.com/organizations", apiScope: config.apiScope };
  } catch {
    return null;
  }
}
