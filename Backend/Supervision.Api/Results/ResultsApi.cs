using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Supervision.Api.Auth;
using Supervision.Api.Campaigns;
using Supervision.Api.Hosting;
using Supervision.Domain.Campaigns;
using Supervision.Workbooks.Reading;

namespace Supervision.Api.Results;

/// <summary>
/// Results, publishing and progress. Who sees what:
/// results — the office all, always; before publishing everyone else an empty list; after it a school its own entry and
/// an inspector the schools of their groups. Progress — the office all; a school its own entry; an inspector the schools
/// of their groups and their own forms. Someone not in the campaign's roster gets 403.
/// </summary>
public static class ResultsApi
{
    public static RouteGroupBuilder MapResults(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/campaigns/{id}").WithTags("Results");
        group.MapGet("/results", GetResults).WithName(nameof(GetResults))
            .WithSummary("Scores, grade, ranks and flags per school, as far as this user may see them")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/results/publish", PublishResults).WithName(nameof(PublishResults))
            .WithSummary("Publish the results to schools and inspectors (office only; publishing again changes nothing)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/progress", GetProgress).WithName(nameof(GetProgress))
            .WithSummary("Which forms are in, when, and which required forms are missing, per area and school and per inspector")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static async Task<Results<Ok<ResultsResponse>, ProblemHttpResult>> GetResults(
        string id, ClaimsPrincipal user, ICampaignCatalog catalog, ResultsService results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(results);
        if (catalog.Find(id) is not { } campaign)
        {
            return Problems.CampaignNotFound(id);
        }

        if (user.RosterEntryIn(campaign) is not { } entry)
        {
            return NotInCampaign(campaign);
        }

        var publication = await results.PublicationAsync(campaign, cancellationToken);
        var published = publication?.Published == true;
        if (entry.Role != Role.Office && !published)
        {
            return TypedResults.Ok(new ResultsResponse(false, null, []));
        }

        var calculated = await results.CalculateAsync(campaign, cancellationToken);
        var visible = calculated.Schools.Where(s => MaySee(campaign, entry, s.SchoolId)).Select(SchoolResultView.From).ToList();
        return TypedResults.Ok(new ResultsResponse(published, publication?.PublishedAt, visible));
    }

    public static async Task<Results<Ok<PublicationResponse>, ProblemHttpResult>> PublishResults(
        string id, ClaimsPrincipal user, ICampaignCatalog catalog, ResultsService results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(results);
        if (catalog.Find(id) is not { } campaign)
        {
            return Problems.CampaignNotFound(id);
        }

        if (user.RosterEntryIn(campaign) is not { Role: Role.Office } entry)
        {
            return Problems.Forbidden($"只有督查工作办公室可以发布“{campaign.Title}”的结果。");
        }

        var publication = await results.PublishAsync(campaign, entry.Upn, cancellationToken);
        return TypedResults.Ok(new PublicationResponse(publication.Published, publication.PublishedAt, publication.PublishedBy));
    }

    public static async Task<Results<Ok<ProgressResponse>, ProblemHttpResult>> GetProgress(
        string id, ClaimsPrincipal user, ICampaignCatalog catalog, ResultsService results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(results);
        if (catalog.Find(id) is not { } campaign)
        {
            return Problems.CampaignNotFound(id);
        }

        if (user.RosterEntryIn(campaign) is not { } entry)
        {
            return NotInCampaign(campaign);
        }

        var progress = await results.ProgressAsync(campaign, cancellationToken);
        var areas = progress.Areas
            .Select(a => new AreaProgressView(a.AreaId, a.Room, a.Group, a.SessionDate,
                a.Schools.Where(s => MaySee(campaign, entry, s.SchoolId)).Select(SchoolProgressView.From).ToList()))
            .Where(a => a.Schools.Count > 0)
            .ToList();
        var inspectors = progress.Inspectors
            .Where(i => entry.Role == Role.Office || string.Equals(i.Upn, entry.Upn, StringComparison.OrdinalIgnoreCase))
            .Select(InspectorProgressView.From)
            .ToList();
        return TypedResults.Ok(new ProgressResponse(areas, inspectors));
    }

    private static bool MaySee(Campaign campaign, RosterEntry user, string schoolId) => user.Role switch
    {
        Role.Office => true,
        Role.School => user.SchoolId == schoolId,
        Role.Inspector => campaign.Inspects(user, schoolId),
        _ => false,
    };

    private static ProblemHttpResult NotInCampaign(Campaign campaign) =>
        Problems.Forbidden($"当前账号不在督查活动“{campaign.Title}”的名单中。");
}

public static class ResultsSetup
{
    public static IServiceCollection AddResults(this IServiceCollection services)
    {
        // The streaming reader for bulk consolidation; it hands the few files it cannot read exactly to ClosedXML.
        services.TryAddSingleton<IStoredWorkbookReader>(new FastStoredWorkbookReader());
        services.AddSingleton<StoredSubmissionLoader>();
        services.AddSingleton<ResultsService>();
        return services;
    }
}
