using Supervision.Domain.Campaigns;
using Supervision.Domain.Forms;

namespace Supervision.Api.Submissions;

/// <summary>
/// Authorization by object: a school submits only its own forms, an inspector only for the schools of their groups,
/// the office anything. Answers who the stored author is, or why the submission is refused (Chinese, names the sheet).
/// </summary>
public static class SubmissionPolicy
{
    public sealed record Decision(string? Author, string? Refusal)
    {
        public bool Allowed => Refusal is null;
    }

    public static Decision Decide(Campaign campaign, RosterEntry? user, FormReading reading)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(reading);
        var sheet = $"工作表“{reading.Sheet}”";
        if (user is null)
        {
            return Refuse($"当前账号不在督查活动“{campaign.Title}”的名单中，不能提交{sheet}。");
        }

        var form = reading.Form;
        var named = NamedAuthor(campaign, reading.Author);
        switch (user.Role)
        {
            case Role.Office:
                return Allow(form switch
                {
                    FormKind.PeerScores => reading.Author,
                    FormKind.SelfCheck => reading.Subject,
                    _ => named ?? user.Upn,
                });

            case Role.School:
                var own = user.SchoolId;
                var ownName = own is null ? "本校" : campaign.FindSchool(own)?.Name ?? own;
                return form switch
                {
                    FormKind.PeerScores when reading.Author == own => Allow(own),
                    FormKind.PeerScores => Refuse($"{sheet}是“{SchoolName(campaign, reading.Author)}”填写的评分表，{ownName}只能提交本校填写的评分表。"),
                    FormKind.SelfCheck or FormKind.Evaluation when reading.Subject == own && (named is null || named == own) => Allow(own),
                    FormKind.SelfCheck or FormKind.Evaluation => Refuse($"{sheet}是关于“{SchoolName(campaign, reading.Subject)}”的表格，{ownName}只能提交本校的表格。"),
                    _ => Refuse($"{sheet}是{form?.DisplayName()}，由督查组成员填写，学校账号不能提交。"),
                };

            case Role.Inspector:
                if (named is not null && named != user.Upn)
                {
                    return Refuse($"{sheet}的填写人是“{reading.Author}”，{user.Name}只能提交自己填写的表格。");
                }

                return form switch
                {
                    FormKind.Evaluation when campaign.Inspects(user, reading.Subject) => Allow(user.Upn),
                    FormKind.Evaluation => Refuse($"{sheet}评估的“{SchoolName(campaign, reading.Subject)}”不在{user.Name}负责的组内。"),
                    FormKind.Records when reading.Data is RecordSheet records
                        && records.Rows.FirstOrDefault(r => !campaign.Inspects(user, r.SchoolId)) is { } outside =>
                        Refuse($"{sheet}记录了“{outside.SchoolName}”（{outside.Row} 行），该校不在{user.Name}负责的组内。"),
                    FormKind.Records => Allow(user.Upn),
                    _ => Refuse($"{sheet}是{form?.DisplayName()}，由学校填写，督查组成员不能代为提交。"),
                };

            default:
                return Refuse($"当前账号的角色不能提交{sheet}。");
        }
    }

    private static Decision Allow(string? author) => new(author, null);

    private static Decision Refuse(string message) => new(null, message);

    // A 填写人 the parser resolved to a roster account or a school id; free text names nobody we know.
    private static string? NamedAuthor(Campaign campaign, string? author) =>
        author is null ? null
        : campaign.FindUser(author) is { } person ? person.Upn
        : campaign.FindSchool(author) is { } school ? school.Id
        : null;

    private static string SchoolName(Campaign campaign, string? schoolId) =>
        schoolId is null ? "未填写的学校" : campaign.FindSchool(schoolId)?.Name ?? schoolId;
}
