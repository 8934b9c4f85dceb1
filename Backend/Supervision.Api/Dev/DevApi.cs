using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Supervision.Api.Auth;
using Supervision.Api.Campaigns;
using Supervision.Domain.Campaigns;

namespace Supervision.Api.Dev;

/// <summary>A roster entry offered by the development sign-in picker.</summary>
public sealed record DevUser(string Upn, string Name, Role Role, string? SchoolId, string? School, IReadOnlyList<int> Groups);

public static class DevApi
{
    /// <summary>Maps /dev/users only when Auth:Mode=Development: elsewhere the roster is not for anonymous eyes.</summary>
    public static IEndpointRouteBuilder MapDevSignIn(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        if (routes.ServiceProvider.GetRequiredService<IOptions<AuthOptions>>().Value.Mode != AuthMode.Development)
        {
            return routes;
        }

        var group = routes.MapGroup("/dev").WithTags("Development").AllowAnonymous();
        group.MapGet("/users", ListDevUsers).WithName(nameof(ListDevUsers))
            .WithSummary("Development only: the built-in campaign's roster, for the sign-in picker (send the UPN as X-Dev-User)");
        return routes;
    }

    public static Ok<DevUser[]> ListDevUsers(ICampaignCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var campaign = catalog.Find(YuzhongCampaign.Id);
        var users = campaign is null
            ? []
            : campaign.Roster
                .Select(r => new DevUser(r.Upn, r.Name, r.Role, r.SchoolId, r.SchoolId is { } id ? campaign.FindSchool(id)?.Name : null, r.Groups))
                .ToArray();
        return TypedResults.Ok(users);
    }
}
