using Supervision.Domain.Campaigns;
using Supervision.Domain.Rules;

namespace Supervision.Domain.Setup;

/// <summary>
/// What a new schedule changes for forms already submitted: schools that disappear and areas whose schools change
/// (a stored 附件4 names its area's schools). Reported as warnings when the campaign already has submissions.
/// </summary>
public static class ScheduleChanges
{
    public static IReadOnlyList<Issue> Compare(Campaign current, IReadOnlyList<Group> plan)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(plan);
        var issues = new List<Issue>();
        var planned = plan.SelectMany(g => g.Areas).ToList();
        var plannedIds = planned.SelectMany(a => a.Schools).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var school in current.Schools.Where(s => !plannedIds.Contains(s.Id)))
        {
            issues.Add(Issue.Warning(SetupCodes.ScheduleRemovesSchool, null, null,
                $"{school.Name}（{school.Id}）不在新的安排表中；它已提交或被评的表格将不再计入结果。"));
        }

        foreach (var area in current.Areas)
        {
            var after = planned.FirstOrDefault(a => a.Id == area.Id);
            var before = area.Schools.Select(s => s.Id).Order(StringComparer.Ordinal);
            if (after is null || !before.SequenceEqual(after.Schools.Select(s => s.Id).Order(StringComparer.Ordinal)))
            {
                issues.Add(Issue.Warning(SetupCodes.ScheduleChangesArea, null, null,
                    after is null
                        ? $"片区 {area.Id} 不在新的安排表中；已提交的该片区评分表（附件4）将不再计入结果。"
                        : $"片区 {area.Id} 的学校有变化；已提交的该片区评分表（附件4）需按新名单重新填写。"));
            }
        }

        return issues;
    }
}
