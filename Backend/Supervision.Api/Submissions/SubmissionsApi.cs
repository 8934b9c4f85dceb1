using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Supervision.Api.Auth;
using Supervision.Api.Campaigns;
using Supervision.Api.Checks;
using Supervision.Api.Hosting;
using Supervision.Workbooks.Reading;

namespace Supervision.Api.Submissions;

public static class SubmissionsApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static RouteGroupBuilder MapSubmissions(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/campaigns/{id}/submissions").WithTags("Submissions");
        group.MapPost("/", Submit).WithName(nameof(Submit))
            .WithSummary("Validate and store a filled workbook: one submission per form sheet, or only ?sheet=NAME")
            .Accepts<IFormFile>("multipart/form-data", UploadBody.XlsxContentType, "application/octet-stream")
            .AddOpenApiOperationTransformer(UploadBody.DescribeWorkbookBodies)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .DisableAntiforgery();
        group.MapGet("/", List).WithName("ListSubmissions").WithSummary("What is stored, by whom, when and which version");
        return group;
    }

    public static async Task<Results<Created<SubmissionsResponse>, ProblemHttpResult>> Submit(
        string id, string? sheet, HttpRequest request, ClaimsPrincipal user, ICampaignCatalog catalog, SubmissionService submissions,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(submissions);
        var campaign = catalog.Find(id);
        if (campaign is null)
        {
            return Problems.CampaignNotFound(id);
        }

        if (!UploadBody.IsWorkbook(request))
        {
            return UploadBody.NotAWorkbook();
        }

        var (bytes, problem) = await UploadBody.ReadAsync(request, UploadLimits.Default, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var key = request.Headers[IdempotencyKeyHeader].ToString();
        if (key.Length > 200)
        {
            return Problems.BadRequest("Idempotency-Key 过长（最多 200 个字符）。");
        }

        var ifMatch = request.Headers.IfMatch.ToString() is { Length: > 0 } tag ? tag.Trim().Trim('"') : null;
        var outcome = await submissions.SubmitAsync(campaign, bytes, sheet, user.RosterEntryIn(campaign), user.Upn() ?? "", key, ifMatch, cancellationToken);
        return outcome switch
        {
            SubmitOutcome.Stored stored => TypedResults.Created($"/api/campaigns/{campaign.Id}/submissions", new SubmissionsResponse(stored.Receipts)),
            SubmitOutcome.Refused refused => Problems.Upload(refused.Refusal),
            SubmitOutcome.Invalid invalid => Problems.Unprocessable(
                $"有 {invalid.Forms.Sum(f => f.Summary.Errors)} 处错误，未保存任何内容：" + string.Join("；", invalid.Forms.SelectMany(f => f.Issues)
                    .Where(i => i.Severity == Domain.Rules.Severity.Error).Take(3).Select(i => i.Message)),
                invalid.Forms.Select(FormCheck.From).ToList()),
            SubmitOutcome.Forbidden forbidden => Problems.Forbidden(forbidden.Message),
            SubmitOutcome.Conflict conflict => Problems.Conflict(conflict.Message),
            SubmitOutcome.StaleVersion stale => Problems.PreconditionFailed(stale.Message),
            _ => throw new InvalidOperationException($"Unknown outcome {outcome}"),
        };
    }

    public static async Task<Results<Ok<SubmissionsResponse>, ProblemHttpResult>> List(
        string id, ClaimsPrincipal user, ICampaignCatalog catalog, SubmissionService submissions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(submissions);
        var campaign = catalog.Find(id);
        if (campaign is null)
        {
            return Problems.CampaignNotFound(id);
        }

        return TypedResults.Ok(new SubmissionsResponse(await submissions.ListAsync(campaign, user.RosterEntryIn(campaign), cancellationToken)));
    }
}

public static class SubmissionsSetup
{
    public static IServiceCollection AddSubmissions(this IServiceCollection services)
    {
        services.AddSingleton<SubmissionService>();
        return services;
    }
}
