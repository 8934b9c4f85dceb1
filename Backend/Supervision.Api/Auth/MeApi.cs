using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Supervision.Api.Campaigns;
using Supervision.Domain.Campaigns;

namespace Supervision.Api.Auth;

/// <summary>The signed-in user. Role, school and groups come from the first campaign whose roster names them.</summary>
public sealed record SignedInUser(
    string? Upn,
    string? Name,
    Role? Role,
    string? SchoolId,
    string? School,
    IReadOnlyList<int> Groups,
    IReadOnlyList<CampaignMembership> Campaigns);

/// <summary>The user's part in one campaign.</summary>
public sealed record CampaignMembership(string Id, string Title, Role Role, string? SchoolId, IReadOnlyList<int> Groups);

public static class MeApi
{
    public static RouteGroupBuilder MapMe(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/me").WithTags("Me");
        group.MapGet("/", GetMe).WithName(nameof(GetMe)).WithSummary("The signed-in user and the campaigns they take part in");
        return group;
    }

    public static Ok<SignedInUser> GetMe(ClaimsPrincipal user, ICampaignCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var memberships = catalog.All
            .Select(c => (Campaign: c, Entry: user.RosterEntryIn(c)))
            .Where(m => m.Entry is not null)
            .ToList();
        var memberOf = memberships.Select(m => new CampaignMembership(m.Campaign.Id, m.Campaign.Title, m.Entry!.Role, m.Entry.SchoolId, m.Entry.Groups)).ToList();
        if (memberships.Count == 0)
        {
            return TypedResults.Ok(new SignedInUser(user.Upn(), user.DisplayName(), null, null, null, [], []));
        }

        var (campaign, entry) = memberships[0];
        var school = entry!.SchoolId is { } id ? campaign.FindSchool(id)?.Name : null;
        return TypedResults.Ok(new SignedInUser(user.Upn() ?? entry.Upn, user.DisplayName() ?? entry.Name, entry.Role, entry.SchoolId, school, entry.Groups, memberOf));
    }
}
