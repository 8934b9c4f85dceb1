using System.Security.Claims;
using Supervision.Domain.Campaigns;

namespace Supervision.Api.Auth;

/// <summary>
/// The signed-in person as a campaign knows them: the UPN from the token and the campaign's roster entry for it
/// (role, school, groups). Object authorization starts here: a handler asks for the entry and decides.
/// </summary>
public static class CurrentUser
{
    /// <summary>The user's UPN: preferred_username (Entra ID v2 tokens and Development mode), else upn or email.</summary>
    public static string? Upn(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return First(user, AuthConstants.UpnClaim, ClaimTypes.Upn, "upn", ClaimTypes.Email, "email");
    }

    public static string? DisplayName(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return First(user, AuthConstants.NameClaim, ClaimTypes.Name);
    }

    /// <summary>The user's entry in the campaign's roster, or null when they take no part in it.</summary>
    public static RosterEntry? RosterEntryIn(this ClaimsPrincipal user, Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var upn = user.Upn();
        return upn is null ? null : campaign.FindUser(upn);
    }

    public static bool IsOfficeIn(this ClaimsPrincipal user, Campaign campaign) => user.RosterEntryIn(campaign)?.Role == Role.Office;

    private static string? First(ClaimsPrincipal user, params string[] types) =>
        types.Select(t => user.FindFirst(t)?.Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
