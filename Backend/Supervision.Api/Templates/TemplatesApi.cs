using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Supervision.Api.Auth;
using Supervision.Api.Campaigns;
using Supervision.Api.Hosting;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Forms;
using Supervision.Workbooks.Templates;

namespace Supervision.Api.Templates;

public static class TemplatesApi
{
    public static RouteGroupBuilder MapTemplates(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/campaigns/{id}/templates").WithTags("Templates");
        group.MapGet("/{form}", Download).WithName("DownloadTemplate")
            .WithSummary("An official form as .xlsx: evaluation (?school=), schedule, self-check (?school=), peer-scores (?area=&school=), records (?category=&inspector=)")
            .Produces(StatusCodes.Status200OK, contentType: UploadBody.XlsxContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>
    /// Missing parameters default to the signed-in user where that is unambiguous: a school gets its own 附件1/3/4, an
    /// inspector their schools (附件1 for all of them in one workbook) and their own 附件5.
    /// </summary>
    public static Results<FileContentHttpResult, ProblemHttpResult> Download(
        string id, string form, string? area, string? school, string? category, string? inspector,
        HttpResponse response, ClaimsPrincipal user, ICampaignCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(catalog);
        var campaign = catalog.Find(id);
        if (campaign is null)
        {
            return Problems.CampaignNotFound(id);
        }

        if (!FormKinds.TryParse(form, out var kind))
        {
            return Problems.NotFound($"没有名为“{form}”的表格，可用的有：{string.Join("、", FormKinds.Slugs)}。");
        }

        var me = user.RosterEntryIn(campaign);
        var writer = new TemplateWriter(campaign);
        var made = kind switch
        {
            FormKind.Schedule => Made(writer.Schedule(), TemplateFileName.Schedule(campaign), kind, campaign.Id),
            FormKind.Evaluation => Evaluation(campaign, writer, school, me),
            FormKind.SelfCheck => SelfCheck(campaign, writer, school, me),
            FormKind.PeerScores => PeerScores(campaign, writer, area, school, me),
            _ => Records(campaign, writer, category, inspector, me),
        };
        if (made.Problem is not null)
        {
            return made.Problem;
        }

        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = made.AsciiName,
            FileNameStar = made.Name,
        }.ToString();
        return TypedResults.File(made.Bytes!, UploadBody.XlsxContentType);
    }

    private sealed record Template(byte[]? Bytes, string Name, string AsciiName, ProblemHttpResult? Problem);

    private static Template Made(byte[] bytes, string name, FormKind kind, params string?[] ids) =>
        new(bytes, name, TemplateFileName.AsciiFallback(kind, ids), null);

    private static Template Fail(ProblemHttpResult problem) => new(null, "", "", problem);

    private static Template Evaluation(Campaign campaign, TemplateWriter writer, string? school, RosterEntry? me)
    {
        if (string.IsNullOrWhiteSpace(school))
        {
            if (me?.Role == Role.Inspector)
            {
                var schools = campaign.SchoolsInspectedBy(me).ToList();
                return Made(writer.Evaluations(schools, me), TemplateFileName.Of(FormKind.Evaluation, writer.AuthorName(me)), FormKind.Evaluation, me.Upn);
            }

            if (me?.Role == Role.School && me.SchoolId is not null)
            {
                school = me.SchoolId;
            }
            else
            {
                return Fail(Problems.BadRequest("请用 ?school= 指定被督查学校的编号（如 s01）。"));
            }
        }

        if (campaign.FindSchool(school.Trim()) is not { } found)
        {
            return Fail(Problems.NotFound($"学校编号“{school}”不存在。"));
        }

        var author = me?.Role == Role.Inspector ? me : null;
        return Made(writer.Evaluation(found, author), TemplateFileName.Evaluation(found, writer.AuthorName(author)), FormKind.Evaluation, found.Id);
    }

    private static Template SelfCheck(Campaign campaign, TemplateWriter writer, string? school, RosterEntry? me)
    {
        school = string.IsNullOrWhiteSpace(school) ? me?.SchoolId : school.Trim();
        if (school is null)
        {
            return Fail(Problems.BadRequest("请用 ?school= 指定学校的编号（如 s01）。"));
        }

        return campaign.FindSchool(school) is { } found
            ? Made(writer.SelfCheck(found), TemplateFileName.SelfCheck(found), FormKind.SelfCheck, found.Id)
            : Fail(Problems.NotFound($"学校编号“{school}”不存在。"));
    }

    private static Template PeerScores(Campaign campaign, TemplateWriter writer, string? area, string? school, RosterEntry? me)
    {
        school = string.IsNullOrWhiteSpace(school) ? (me?.Role == Role.School ? me.SchoolId : null) : school.Trim();
        School? filler = null;
        if (school is not null && (filler = campaign.FindSchool(school)) is null)
        {
            return Fail(Problems.NotFound($"学校编号“{school}”不存在。"));
        }

        var found = string.IsNullOrWhiteSpace(area) ? (filler is null ? null : campaign.AreaOf(filler.Id)) : campaign.FindArea(area);
        if (found is null)
        {
            return string.IsNullOrWhiteSpace(area)
                ? Fail(Problems.BadRequest("请用 ?area= 指定片区编号（如 g1-1），或用 ?school= 指定填写学校。"))
                : Fail(Problems.NotFound($"片区编号“{area}”不存在。"));
        }

        if (filler is not null && !found.Schools.Contains(filler))
        {
            return Fail(Problems.BadRequest($"填写学校“{filler.Name}”不属于片区 {found.Id}。"));
        }

        return Made(writer.PeerScores(found, filler), TemplateFileName.PeerScores(found, filler), FormKind.PeerScores, found.Id, filler?.Id);
    }

    private static Template Records(Campaign campaign, TemplateWriter writer, string? category, string? inspector, RosterEntry? me)
    {
        if (string.IsNullOrWhiteSpace(category))
        {
            return Fail(Problems.BadRequest($"请用 ?category= 指定评价项目（{string.Join("、", campaign.Rubric.Categories.Select(c => $"{c.Id} {c.Name}"))}）。"));
        }

        if (campaign.Rubric.FindCategory(category) is not { } found)
        {
            return Fail(Problems.NotFound($"评价项目“{category}”不存在。"));
        }

        var author = string.IsNullOrWhiteSpace(inspector) ? (me?.Role == Role.Inspector ? me : null) : campaign.FindUser(inspector);
        if (!string.IsNullOrWhiteSpace(inspector) && author?.Role != Role.Inspector)
        {
            return Fail(Problems.NotFound($"督查组成员“{inspector}”不在名单中。"));
        }

        var bytes = author is null ? writer.Records(found, campaign.Schools.ToList()) : writer.Records(found, author);
        return Made(bytes, TemplateFileName.Records(found, writer.AuthorName(author)), FormKind.Records, found.Id, author?.Upn);
    }
}
