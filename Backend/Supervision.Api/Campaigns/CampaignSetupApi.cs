using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Supervision.Api.Auth;
using Supervision.Api.Hosting;
using Supervision.Api.Storage;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Rules;
using Supervision.Domain.Setup;
using Supervision.Workbooks.Reading;

namespace Supervision.Api.Campaigns;

/// <summary>Create a campaign, from scratch or as a copy of another (<c>copyOf</c>).</summary>
public sealed record CreateCampaignRequest(string Id, string? Title, string? SchoolYear, string? CopyOf);

/// <summary>What a schedule import decides: groups → areas → schools, observer units, session timetables.</summary>
public sealed record SchedulePlan(IReadOnlyList<Group> Groups, IReadOnlyList<string> ObserverUnits, IReadOnlyList<SessionTimetable> Timetables);

/// <summary>A schedule import: the plan read, every contradiction and suggestion, and whether it was stored.</summary>
public sealed record ScheduleImportResponse(bool Applied, string Sheet, SchedulePlan Plan, IReadOnlyList<Issue> Issues, IReadOnlyList<ScheduleSuggestion> Suggestions);

/// <summary>A roster import: the entries read, every problem, and whether they were stored.</summary>
public sealed record RosterImportResponse(bool Applied, string Sheet, IReadOnlyList<RosterEntry> Entries, IReadOnlyList<Issue> Issues);

/// <summary>A campaign's report: its own settings checked now, and what its last schedule and roster imports reported.</summary>
public sealed record CampaignChecks(IReadOnlyList<Issue> Campaign, ImportReport? Schedule, ImportReport? Roster);

/// <summary>
/// Campaign setup for the office: create (or copy), edit with If-Match, import the schedule (附件2) and the roster, and
/// the campaign's checks. Imports answer with the plan and every issue; <c>?apply=true</c> stores it when it has no error.
/// </summary>
public static class CampaignSetupApi
{
    public const string RubricLockedCode = "campaign.rubric-locked";
    public const string ReadOnlyCode = "campaign.read-only";

    public static RouteGroupBuilder MapCampaignSetup(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.MapPost("/", CreateCampaign).WithName(nameof(CreateCampaign))
            .WithSummary("Create a campaign (office), blank or as a copy of another (copyOf)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id}", UpdateCampaign).WithName(nameof(UpdateCampaign))
            .WithSummary("Edit a campaign (office; If-Match with the ETag; a campaign with submissions keeps its rubric unless ?newRevision=true)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        group.MapPost("/{id}/schedule", ImportSchedule).WithName(nameof(ImportSchedule))
            .WithSummary("Read a schedule workbook (附件2): the plan and every contradiction; ?accept=suggestion ids; ?apply=true stores a plan without errors")
            .Accepts<IFormFile>("multipart/form-data", UploadBody.XlsxContentType, "application/octet-stream")
            .AddOpenApiOperationTransformer(UploadBody.DescribeWorkbookBodies)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .DisableAntiforgery();
        group.MapPost("/{id}/roster", ImportRoster).WithName(nameof(ImportRoster))
            .WithSummary("Read a roster workbook (姓名, 账号, 角色, 学校, 督查组): the entries and every problem; ?apply=true stores a roster without errors")
            .Accepts<IFormFile>("multipart/form-data", UploadBody.XlsxContentType, "application/octet-stream")
            .AddOpenApiOperationTransformer(UploadBody.DescribeWorkbookBodies)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .DisableAntiforgery();
        group.MapGet("/{id}/checks", GetChecks).WithName(nameof(GetChecks))
            .WithSummary("The campaign's contradictions and warnings (settings, last schedule and roster imports); office only")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static async Task<Results<Created<CampaignDocument>, ProblemHttpResult>> CreateCampaign(
        CreateCampaignRequest request, ClaimsPrincipal user, CampaignCatalog catalog, IOptions<JsonOptions> json, HttpContext http,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(http);
        if (!CampaignRules.IsValidId(request.Id))
        {
            return Problems.BadRequest($"督查活动编号“{request.Id}”不合规：只能用小写英文字母、数字和连字符，3–63 个字符，以字母或数字开头。");
        }

        Campaign? source = null;
        if (request.CopyOf is { } copyOf)
        {
            source = catalog.Find(copyOf);
            if (source is null)
            {
                return Problems.CampaignNotFound(copyOf);
            }
        }

        var allowed = source is not null ? user.IsOfficeIn(source) : catalog.All.Any(user.IsOfficeIn);
        if (!allowed)
        {
            return Problems.Forbidden(source is null ? "只有督查工作办公室的账号可以创建督查活动。" : $"只有“{source.Title}”的办公室账号可以复制它。");
        }

        if (catalog.Find(request.Id) is not null)
        {
            return Problems.Conflict($"督查活动“{request.Id}”已经存在，请换一个编号。");
        }

        if (source is null && (string.IsNullOrWhiteSpace(request.Title) || string.IsNullOrWhiteSpace(request.SchoolYear)))
        {
            return Problems.BadRequest("新建督查活动需要填写 title（名称）和 schoolYear（学年，如“2019—2020”）；也可以用 copyOf 复制已有的督查活动。");
        }

        var schoolYear = request.SchoolYear?.Trim() ?? source!.SchoolYear;
        if (ScheduleRules.ParseSchoolYear(schoolYear) is null)
        {
            return Problems.BadRequest($"学年“{schoolYear}”无法识别，请写成“2019—2020”。");
        }

        var campaign = source is not null ? Copy(source, request, schoolYear) : Blank(catalog, request, schoolYear, user);
        try
        {
            await catalog.CreateAsync(new StoredCampaign(campaign, 1, null, null), cancellationToken);
        }
        catch (VersionConflictException)
        {
            return Problems.Conflict($"督查活动“{request.Id}”已经存在，请换一个编号。");
        }

        var document = CampaignDocument.From(campaign, withRoster: true);
        http.Response.Headers.ETag = CampaignsApi.ETagOf(document, json.Value.SerializerOptions).ToString();
        return TypedResults.Created($"/api/campaigns/{campaign.Id}", document);
    }

    public static async Task<Results<Ok<CampaignDocument>, ProblemHttpResult>> UpdateCampaign(
        string id, bool? newRevision, Campaign body, ClaimsPrincipal user, CampaignCatalog catalog, IOptions<JsonOptions> json,
        HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(http);
        var (entry, refusal) = Editable(id, user, catalog);
        if (refusal is not null)
        {
            return refusal;
        }

        var current = entry!.Stored.Campaign;
        if (Precondition(http, current, json.Value.SerializerOptions, required: true) is { } failed)
        {
            return failed;
        }

        var edited = body with { Id = current.Id };
        // Only what the edit introduces is refused: a copy still carrying last year's dates can have its title changed
        // before its new schedule is imported; GET …/checks lists everything.
        var before = CampaignRules.Check(current).Select(i => (i.Code, i.Message)).ToHashSet();
        var errors = CampaignRules.Check(edited).Where(i => i.Severity == Severity.Error && !before.Contains((i.Code, i.Message))).ToList();
        if (errors.Count > 0)
        {
            return Refused(StatusCodes.Status422UnprocessableEntity, "督查活动的设置有误，未保存：" + errors[0].Message, "campaign.invalid", errors);
        }

        var revision = entry.Stored.RubricRevision;
        var rubricChanged = !JsonSerializer.SerializeToUtf8Bytes(edited.Rubric, CampaignCatalog.StorageJson)
            .AsSpan().SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(current.Rubric, CampaignCatalog.StorageJson));
        if (rubricChanged && await catalog.HasSubmissionsAsync(current.Id, cancellationToken))
        {
            if (newRevision != true)
            {
                return Refused(StatusCodes.Status409Conflict,
                    "这项督查活动已经收到提交的表格，修改评估表会改变所有已提交的评分，未保存。如确需修改，请以 newRevision=true 开始新的评估表版本。",
                    RubricLockedCode, []);
            }

            revision++;
            edited = edited with { Provenance = [.. edited.Provenance, $"rubric revision {revision} started after submissions were received"] };
        }

        return await Store(catalog, entry, entry.Stored with { Campaign = edited, RubricRevision = revision }, json, http, cancellationToken) is { } stored
            ? TypedResults.Ok(stored)
            : Problems.PreconditionFailed("督查活动已被他人修改，请重新加载后再试。");
    }

    public static async Task<Results<Ok<ScheduleImportResponse>, ProblemHttpResult>> ImportSchedule(
        string id, string? accept, bool? apply, HttpRequest request, ClaimsPrincipal user, CampaignCatalog catalog, WorkbookReadGate reads,
        IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(json);
        var (campaign, sheets, problem) = await OfficeUpload(id, "安排表", user, catalog, request, reads, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var accepted = (accept ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var found = sheets.Select(s => ScheduleImporter.Import(s.Grid, campaign, accepted))
            .Zip(sheets, (import, sheet) => (Import: import, sheet.Grid.Sheet))
            .FirstOrDefault(x => x.Import.Issues.All(i => i.Code != SetupCodes.ScheduleTableMissing));
        if (found.Import is null)
        {
            return Refused(StatusCodes.Status422UnprocessableEntity, "工作簿中没有找到安排表（表头：组号、学校、地点、时间）。", SetupCodes.ScheduleTableMissing, []);
        }

        var import = found.Import;
        if (!catalog.IsBuiltIn(id) && await catalog.HasSubmissionsAsync(id, cancellationToken))
        {
            import = import with { Issues = [.. import.Issues, .. ScheduleChanges.Compare(campaign, import.Groups)] };
        }

        var plan = new SchedulePlan(import.Groups, import.ObserverUnits, import.Timetables);
        if (apply != true)
        {
            return TypedResults.Ok(new ScheduleImportResponse(false, found.Sheet, plan, import.Issues, import.Suggestions));
        }

        var (entry, refusal) = EditableIfMatching(id, user, catalog, request.HttpContext, json);
        if (refusal is not null)
        {
            return refusal;
        }

        if (import.HasErrors)
        {
            return Refused(StatusCodes.Status422UnprocessableEntity, "安排表中有错误，未保存；请按 issues 更正后重新导入。", "schedule.has-errors",
                import.Issues, new() { ["plan"] = plan, ["suggestions"] = import.Suggestions });
        }

        var report = new ImportReport(DateTimeOffset.UtcNow, user.Upn() ?? "", import.Issues, import.Suggestions);
        var updated = entry!.Stored with { Campaign = import.ApplyTo(entry.Stored.Campaign), Schedule = report };
        return await Store(catalog, entry, updated, json, request.HttpContext, cancellationToken) is not null
            ? TypedResults.Ok(new ScheduleImportResponse(true, found.Sheet, plan, import.Issues, import.Suggestions))
            : Problems.PreconditionFailed("督查活动已被他人修改，请重新加载后再试。");
    }

    public static async Task<Results<Ok<RosterImportResponse>, ProblemHttpResult>> ImportRoster(
        string id, bool? apply, HttpRequest request, ClaimsPrincipal user, CampaignCatalog catalog, WorkbookReadGate reads,
        IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(json);
        var (campaign, sheets, problem) = await OfficeUpload(id, "名单", user, catalog, request, reads, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var found = sheets.Select(s => (Import: RosterImporter.Import(s.Grid, campaign), s.Grid.Sheet))
            .FirstOrDefault(x => x.Import.Issues.All(i => i.Code != SetupCodes.RosterTableMissing));
        if (found.Import is null)
        {
            return Refused(StatusCodes.Status422UnprocessableEntity, "工作簿中没有找到名单（表头：姓名、账号、角色）。", SetupCodes.RosterTableMissing, []);
        }

        var import = found.Import;
        if (apply != true)
        {
            return TypedResults.Ok(new RosterImportResponse(false, found.Sheet, import.Entries, import.Issues));
        }

        var (entry, refusal) = EditableIfMatching(id, user, catalog, request.HttpContext, json);
        if (refusal is not null)
        {
            return refusal;
        }

        if (import.HasErrors)
        {
            return Refused(StatusCodes.Status422UnprocessableEntity, "名单中有错误，未保存；请按 issues 更正后重新导入。", "roster.has-errors",
                import.Issues, new() { ["entries"] = import.Entries });
        }

        var report = new ImportReport(DateTimeOffset.UtcNow, user.Upn() ?? "", import.Issues, []);
        var updated = entry!.Stored with { Campaign = entry.Stored.Campaign with { Roster = import.Entries }, Roster = report };
        return await Store(catalog, entry, updated, json, request.HttpContext, cancellationToken) is not null
            ? TypedResults.Ok(new RosterImportResponse(true, found.Sheet, import.Entries, import.Issues))
            : Problems.PreconditionFailed("督查活动已被他人修改，请重新加载后再试。");
    }

    public static Results<Ok<CampaignChecks>, ProblemHttpResult> GetChecks(string id, ClaimsPrincipal user, CampaignCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var campaign = catalog.Find(id);
        if (campaign is null)
        {
            return Problems.CampaignNotFound(id);
        }

        if (!user.IsOfficeIn(campaign))
        {
            return Problems.Forbidden("只有督查工作办公室的账号可以查看督查活动的检查结果。");
        }

        var entry = catalog.Entry(id);
        return TypedResults.Ok(new CampaignChecks(CampaignRules.Check(campaign), entry?.Stored.Schedule, entry?.Stored.Roster));
    }

    private static Campaign Copy(Campaign source, CreateCampaignRequest request, string schoolYear) => source with
    {
        Id = request.Id,
        Title = request.Title?.Trim() ?? source.Title.Replace(source.SchoolYear, schoolYear, StringComparison.Ordinal),
        SchoolYear = schoolYear,
        FormTitles = WithYear(source.FormTitles, source.SchoolYear, schoolYear),
        Provenance = [.. source.Provenance, $"copied from {source.Id}"],
    };

    // A blank campaign starts from the built-in campaign's standard settings (rubric, grading, blend, thresholds) with
    // nothing scheduled and the creating office user as its only roster entry.
    private static Campaign Blank(CampaignCatalog catalog, CreateCampaignRequest request, string schoolYear, ClaimsPrincipal user)
    {
        var standard = catalog.All[0];
        var upn = user.Upn()!;
        return standard with
        {
            Id = request.Id,
            Title = request.Title!.Trim(),
            SchoolYear = schoolYear,
            FormTitles = WithYear(standard.FormTitles, standard.SchoolYear, schoolYear),
            Groups = [],
            ObserverUnits = [],
            Timetables = [],
            Roster = [new RosterEntry(upn, user.DisplayName() ?? upn, Role.Office, null, [])],
            Provenance = ["created blank: rubric, grading, aggregation, thresholds and deadlines start from the built-in campaign's; schedule and roster to import"],
        };
    }

    private static FormTitles WithYear(FormTitles titles, string from, string to) => new(
        titles.Evaluation.Replace(from, to, StringComparison.Ordinal),
        titles.Schedule.Replace(from, to, StringComparison.Ordinal),
        titles.SelfCheck.Replace(from, to, StringComparison.Ordinal),
        titles.PeerScores.Replace(from, to, StringComparison.Ordinal),
        titles.Records.Replace(from, to, StringComparison.Ordinal));

    private static (CampaignEntry? Entry, ProblemHttpResult? Refusal) Editable(string id, ClaimsPrincipal user, CampaignCatalog catalog)
    {
        var campaign = catalog.Find(id);
        if (campaign is null)
        {
            return (null, Problems.CampaignNotFound(id));
        }

        if (!user.IsOfficeIn(campaign))
        {
            return (null, Problems.Forbidden("只有督查工作办公室的账号可以修改督查活动。"));
        }

        if (catalog.IsBuiltIn(id) || catalog.Entry(id) is not { } entry)
        {
            return (null, Refused(StatusCodes.Status409Conflict,
                $"内置督查活动“{campaign.Title}”是只读的，不能修改；请先以 copyOf={id} 创建一份副本，再修改副本。", ReadOnlyCode, []));
        }

        return (entry, null);
    }

    // An import applies only to an editable campaign, and only to the version the office read when If-Match is sent.
    private static (CampaignEntry? Entry, ProblemHttpResult? Refusal) EditableIfMatching(
        string id, ClaimsPrincipal user, CampaignCatalog catalog, HttpContext http, IOptions<JsonOptions> json)
    {
        var (entry, refusal) = Editable(id, user, catalog);
        return refusal is not null ? (null, refusal)
            : Precondition(http, entry!.Stored.Campaign, json.Value.SerializerOptions, required: false) is { } failed ? (null, failed)
            : (entry, null);
    }

    /// <summary>An import's common start: the campaign exists, the user is its office, the upload is a readable workbook.</summary>
    private static async Task<(Campaign Campaign, IReadOnlyList<UploadedSheet> Sheets, ProblemHttpResult? Problem)> OfficeUpload(
        string id, string what, ClaimsPrincipal user, CampaignCatalog catalog, HttpRequest request, WorkbookReadGate reads,
        CancellationToken cancellationToken)
    {
        var campaign = catalog.Find(id);
        if (campaign is null)
        {
            return (null!, [], Problems.CampaignNotFound(id));
        }

        if (!user.IsOfficeIn(campaign))
        {
            return (campaign, [], Problems.Forbidden($"只有督查工作办公室的账号可以导入{what}。"));
        }

        var (sheets, problem) = await ReadWorkbook(request, reads, cancellationToken);
        return (campaign, sheets, problem);
    }

    private static ProblemHttpResult? Precondition(HttpContext http, Campaign current, JsonSerializerOptions options, bool required)
    {
        var ifMatch = http.Request.GetTypedHeaders().IfMatch;
        if (ifMatch.Count == 0)
        {
            return required
                ? TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "缺少 If-Match",
                    detail: "修改督查活动需要 If-Match 请求头，值为读取督查活动时得到的 ETag。")
                : null;
        }

        var etag = CampaignsApi.ETagOf(CampaignDocument.From(current, withRoster: true), options);
        return ifMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: true))
            ? null
            : Problems.PreconditionFailed("督查活动已被他人修改（If-Match 与当前 ETag 不符），请重新加载后再试。");
    }

    private static async Task<CampaignDocument?> Store(CampaignCatalog catalog, CampaignEntry entry, StoredCampaign updated,
        IOptions<JsonOptions> json, HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            await catalog.UpdateAsync(updated.Campaign.Id, entry.Version, updated, cancellationToken);
        }
        catch (VersionConflictException)
        {
            return null;
        }

        var document = CampaignDocument.From(updated.Campaign, withRoster: true);
        http.Response.Headers.ETag = CampaignsApi.ETagOf(document, json.Value.SerializerOptions).ToString();
        return document;
    }

    private static async Task<(IReadOnlyList<UploadedSheet> Sheets, ProblemHttpResult? Problem)> ReadWorkbook(
        HttpRequest request, WorkbookReadGate reads, CancellationToken cancellationToken)
    {
        if (!UploadBody.IsWorkbook(request))
        {
            return ([], UploadBody.NotAWorkbook());
        }

        var (bytes, problem) = await UploadBody.ReadAsync(request, UploadLimits.Default, cancellationToken);
        if (problem is not null)
        {
            return ([], problem);
        }

        var reading = await reads.RunAsync(() => WorkbookReader.Read(bytes), cancellationToken);
        if (reading.Refusal is { } refusal)
        {
            return ([], Problems.Upload(refusal));
        }

        return (reading.Sheets, null);
    }

    private static ProblemHttpResult Refused(int status, string detail, string code, IReadOnlyList<Issue> issues, Dictionary<string, object?>? more = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code, ["issues"] = issues };
        foreach (var (key, value) in more ?? [])
        {
            extensions[key] = value;
        }

        return TypedResults.Problem(detail: detail, statusCode: status, title: Problems.TitleFor(status), extensions: extensions);
    }
}
