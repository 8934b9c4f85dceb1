using Microsoft.AspNetCore.Http.HttpResults;
using Supervision.Api.Campaigns;
using Supervision.Api.Hosting;
using Supervision.Domain.Forms;
using Supervision.Workbooks.Reading;

namespace Supervision.Api.Checks;

public static class ChecksApi
{
    public static RouteGroupBuilder MapChecks(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/campaigns/{id}/check").WithTags("Checks");
        group.MapPost("/", Check).WithName(nameof(Check))
            .WithSummary("Check a filled form without storing it: a JSON grid (Excel's range.values) and its address, or an .xlsx (every form sheet, or only ?sheet=NAME)")
            .Accepts<GridCheckRequest>("application/json", "multipart/form-data", UploadBody.XlsxContentType, "application/octet-stream")
            .AddOpenApiOperationTransformer(UploadBody.DescribeWorkbookBodies)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .DisableAntiforgery();
        // Any other content type. Without this endpoint routing itself would answer the Accepts above with a bare 415;
        // this one says what the endpoint takes. Order 1: JSON and workbook requests still go to the endpoints above.
        group.MapPost("/", RefuseContentType).WithOrder(1).ExcludeFromDescription();
        return group;
    }

    // The body is read here, not bound, so that every malformed request gets a 400 that names the mistake.
    public static async Task<Results<Ok<CheckResponse>, ProblemHttpResult>> Check(
        string id, string? sheet, HttpRequest request, ICampaignCatalog catalog, WorkbookReadGate reads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(catalog);
        if (UploadBody.IsWorkbook(request))
        {
            return await CheckWorkbook(id, sheet, request, catalog, reads, cancellationToken);
        }

        var campaign = catalog.Find(id);
        if (campaign is null)
        {
            return Problems.CampaignNotFound(id);
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        var read = GridRequestReader.Read(body.GetBuffer().AsMemory(0, (int)body.Length));
        if (read.Request is not { } grid)
        {
            return Problems.BadRequest(read.Error!);
        }

        var reading = new FormParser(campaign).Parse(grid.Grid, grid.Form, grid.Metadata);
        return TypedResults.Ok(new CheckResponse([FormCheck.From(reading)]));
    }

    private static async Task<Results<Ok<CheckResponse>, ProblemHttpResult>> CheckWorkbook(
        string id, string? sheet, HttpRequest request, ICampaignCatalog catalog, WorkbookReadGate reads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(catalog);
        var campaign = catalog.Find(id);
        if (campaign is null)
        {
            return Problems.CampaignNotFound(id);
        }

        var (bytes, problem) = await UploadBody.ReadAsync(request, UploadLimits.Default, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var check = await reads.RunAsync(() => WorkbookChecker.Check(bytes, campaign, sheet), cancellationToken);
        if (check.Refusal is { } refusal)
        {
            return Problems.Upload(refusal);
        }

        return TypedResults.Ok(new CheckResponse(check.Forms.Select(FormCheck.From).ToList()));
    }

    public static ProblemHttpResult RefuseContentType(string id, HttpRequest request, ICampaignCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(catalog);
        if (catalog.Find(id) is null)
        {
            return Problems.CampaignNotFound(id);
        }

        var received = string.IsNullOrWhiteSpace(request.ContentType) ? "请求未指定内容类型" : $"收到的是“{request.ContentType}”";
        return Problems.UnsupportedMediaType($"此接口接受 application/json 格式的表格数据，或以 multipart/form-data（字段 file）、{UploadBody.XlsxContentType} 上传的 .xlsx 文件，{received}。");
    }
}
