namespace Supervision.Api.Auth;

/// <summary>The names the API's sign-in relies on: scope, policy, scheme, header and claim types.</summary>
public static class AuthConstants
{
    /// <summary>The delegated scope the API exposes (Expose an API → access_as_user); every /api call needs it.</summary>
    public const string Scope = "access_as_user";

    /// <summary>The authorization policy: a signed-in user whose token carries <see cref="Scope"/>.</summary>
    public const string ScopePolicy = "ApiUser";

    /// <summary>The authentication scheme of <c>Auth:Mode=Development</c>.</summary>
    public const string DevelopmentScheme = "Development";

    /// <summary>In Development mode, the roster UPN to sign in as; without it, the built-in campaign's first office user.</summary>
    public const string DevUserHeader = "X-Dev-User";

    public const string NameClaim = "name";
    public const string UpnClaim = "preferred_username";
    public const string ScopeClaim = "scp";
}
