using Supervision.Domain.Campaigns;
using Supervision.Domain.Forms;

namespace Supervision.Workbooks.Templates;

/// <summary>
/// The Chinese file name a downloaded template gets, e.g. "附件4 评分表 g1-1 大田湾小学.xlsx", and an ASCII fallback for
/// HTTP headers that cannot carry it ("peer-scores_g1-1_s01.xlsx").
/// </summary>
public static class TemplateFileName
{
    private static readonly char[] Unsafe = ['/', '\\', ':', '*', '?', '"', '<', '>', '|', '\r', '\n', '\t'];

    public static string Evaluation(School school, string? authorName = null)
    {
        ArgumentNullException.ThrowIfNull(school);
        return Of(FormKind.Evaluation, school.Name, authorName);
    }

    public static string Schedule(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return Of(FormKind.Schedule, campaign.SchoolYear);
    }

    public static string SelfCheck(School school)
    {
        ArgumentNullException.ThrowIfNull(school);
        return Of(FormKind.SelfCheck, school.Name);
    }

    public static string PeerScores(Area area, School? fillingSchool = null)
    {
        ArgumentNullException.ThrowIfNull(area);
        return Of(FormKind.PeerScores, area.Id, fillingSchool?.Name);
    }

    public static string Records(RubricCategory category, string? authorName = null)
    {
        ArgumentNullException.ThrowIfNull(category);
        return Of(FormKind.Records, category.Name, authorName);
    }

    /// <summary>"附件N 短名 part part.xlsx"; empty parts are left out, characters file systems refuse become "-".</summary>
    public static string Of(FormKind form, params string?[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var words = new List<string> { Attachment(form), ShortName(form) };
        words.AddRange(parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => Clean(p!)));
        return string.Join(" ", words) + ".xlsx";
    }

    /// <summary>An ASCII name from the form's slug and ids, for a Content-Disposition <c>filename=</c> beside <c>filename*=</c>.</summary>
    public static string AsciiFallback(FormKind form, params string?[] ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var words = new List<string> { form.Slug() };
        words.AddRange(ids.Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(p => new string(p!.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-').ToArray())));
        return string.Join("_", words) + ".xlsx";
    }

    private static string Attachment(FormKind form) => form switch
    {
        FormKind.Evaluation => "附件1",
        FormKind.Schedule => "附件2",
        FormKind.SelfCheck => "附件3",
        FormKind.PeerScores => "附件4",
        _ => "附件5",
    };

    private static string ShortName(FormKind form) => form switch
    {
        FormKind.Evaluation => "评估表",
        FormKind.Schedule => "安排表",
        FormKind.SelfCheck => "自查表",
        FormKind.PeerScores => "评分表",
        _ => "记录表",
    };

    private static string Clean(string part)
    {
        var cleaned = new string(part.Trim().Select(c => Array.IndexOf(Unsafe, c) >= 0 ? '-' : c).ToArray());
        return cleaned.Trim('.');
    }
}
