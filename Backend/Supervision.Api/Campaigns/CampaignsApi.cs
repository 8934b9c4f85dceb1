using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Supervision.Api.Auth;
using Supervision.Api.Hosting;

namespace Supervision.Api.Campaigns;

public static class CampaignsApi
{
    public static RouteGroupBuilder MapCampaigns(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/campaigns").WithTags("Campaigns");
        group.MapGet("/", ListCampaigns).WithName(nameof(ListCampaigns)).WithSummary("The campaigns the signed-in user takes part in");
        group.MapGet("/{id}", GetCampaign).WithName(nameof(GetCampaign))
            .WithSummary("One campaign: rubric, groups → areas → schools, schedule, deadlines, grading (ETag; If-None-Match → 304)")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapCampaignSetup();
        return group;
    }

    public static Ok<CampaignSummary[]> ListCampaigns(ClaimsPrincipal user, ICampaignCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return TypedResults.Ok(catalog.All.Where(c => user.RosterEntryIn(c) is not null).Select(CampaignSummary.From).ToArray());
    }

    public static Results<Ok<CampaignDocument>, StatusCodeHttpResult, ProblemHttpResult> GetCampaign(
        string id, ClaimsPrincipal user, ICampaignCatalog catalog, IOptions<JsonOptions> json, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(http);
        var campaign = catalog.Find(id);
        if (campaign is null)
        {
            return Problems.CampaignNotFound(id);
        }

        var document = CampaignDocument.From(campaign, withRoster: user.IsOfficeIn(campaign));
        var etag = ETagOf(document, json.Value.SerializerOptions);
        http.Response.Headers.ETag = etag.ToString();
        var ifNoneMatch = http.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Ok(document);
    }

    /// <summary>
    /// Strong: the same serializer writes the body, so equal tags mean byte-identical bodies. Edits compare If-Match with
    /// the tag of the office's view (roster included), the one an office user got from GET.
    /// </summary>
    public static EntityTagHeaderValue ETagOf(CampaignDocument document, JsonSerializerOptions options)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(document, options);
        return new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 16))}\"");
    }
}
