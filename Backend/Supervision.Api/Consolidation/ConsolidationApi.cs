using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Supervision.Api.Auth;
using Supervision.Api.Campaigns;
using Supervision.Api.Hosting;
using Supervision.Api.Results;
using Supervision.Api.Storage;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Results;
using Supervision.Workbooks.Reports;

namespace Supervision.Api.Consolidation;

/// <summary>One rectification notice stored by a consolidation.</summary>
public sealed record NoticeView(string SchoolId, string School, string Path, string Version);

/// <summary>What a consolidation stored: the district workbook's version and time, how many schools, and the notices.</summary>
public sealed record ConsolidationResponse(string Version, DateTimeOffset StoredAt, string Path, int Schools, DateOnly AnswerBy,
    IReadOnlyList<NoticeView> Notices);

/// <summary>
/// Consolidation (office only): results from the stored submissions, written as the district workbook
/// <c>{campaign}/results/district.xlsx</c> and a rectification notice per failing school
/// <c>{campaign}/results/notices/{schoolId}.docx</c>; each run stores new versions (the store keeps the old ones).
/// </summary>
public static class ConsolidationApi
{
    public static RouteGroupBuilder MapConsolidation(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/campaigns/{id}").WithTags("Consolidation");
        group.MapPost("/consolidation", Consolidate).WithName(nameof(Consolidate))
            .WithSummary("Compute the results and store the district workbook and the rectification notices (office only)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/consolidation.xlsx", DownloadDistrictWorkbook).WithName(nameof(DownloadDistrictWorkbook))
            .WithSummary("The district workbook of the latest consolidation (office only; 404 before the first)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static string DistrictWorkbookPath(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return StorePaths.Combine(campaign.Id, "results", "district.xlsx");
    }

    public static string NoticePath(Campaign campaign, string schoolId)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return StorePaths.Combine(campaign.Id, "results", "notices", $"{schoolId}.docx");
    }

    /// <param name="answerBy">The date failing schools must answer by; default 30 days after today (campaign time).</param>
    /// <param name="samplingSeed">An office-given seed mixed into every record-book draw.</param>
    public static async Task<Results<Ok<ConsolidationResponse>, ProblemHttpResult>> Consolidate(
        string id, DateOnly? answerBy, string? samplingSeed, ClaimsPrincipal user, ICampaignCatalog catalog, ResultsService results,
        IFileStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        if (catalog.Find(id) is not { } campaign)
        {
            return Problems.CampaignNotFound(id);
        }

        if (!user.IsOfficeIn(campaign))
        {
            return Problems.Forbidden($"只有督查工作办公室可以汇总“{campaign.Title}”。");
        }

        var calculated = await results.CalculateAsync(campaign, cancellationToken);
        var now = clock.GetUtcNow().ToOffset(TimeSpan.FromHours(campaign.Deadlines.UtcOffsetHours));
        var issuedOn = DateOnly.FromDateTime(now.DateTime);
        var due = answerBy ?? RectificationNoticeWriter.DefaultAnswerBy(issuedOn);
        var samples = calculated.Schools
            .Select(s => RecordBookSampling.Draw(campaign.Id, s.SchoolId, s.SelfCheck, samplingSeed))
            .OfType<RecordBookSample>().ToList();

        var workbook = new DistrictWorkbookWriter(campaign).Write(calculated, now, samples);
        var stored = await store.WriteAsync(DistrictWorkbookPath(campaign), workbook, WriteCondition.Any, cancellationToken);
        var notices = new List<NoticeView>();
        foreach (var (schoolId, document) in new RectificationNoticeWriter(campaign).WriteAll(calculated, issuedOn, due))
        {
            var notice = await store.WriteAsync(NoticePath(campaign, schoolId), document, WriteCondition.Any, cancellationToken);
            notices.Add(new NoticeView(schoolId, calculated.Find(schoolId)!.School, notice.Path, notice.Version));
        }

        return TypedResults.Ok(new ConsolidationResponse(stored.Version, stored.StoredAt, stored.Path, calculated.Schools.Count, due, notices));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadDistrictWorkbook(
        string id, HttpResponse response, ClaimsPrincipal user, ICampaignCatalog catalog, IFileStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(store);
        if (catalog.Find(id) is not { } campaign)
        {
            return Problems.CampaignNotFound(id);
        }

        if (!user.IsOfficeIn(campaign))
        {
            return Problems.Forbidden($"只有督查工作办公室可以下载“{campaign.Title}”的区汇总表。");
        }

        if (await store.ReadAsync(DistrictWorkbookPath(campaign), cancellationToken) is not { } file)
        {
            return Problems.NotFound($"“{campaign.Title}”还没有汇总过，请先汇总。");
        }

        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = $"{campaign.Id}-district.xlsx",
            FileNameStar = $"{campaign.Title}区汇总表.xlsx",
        }.ToString();
        return TypedResults.File(file.Bytes, UploadBody.XlsxContentType);
    }
}
