using System.Text.RegularExpressions;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Rules;

namespace Supervision.Domain.Setup;

/// <summary>
/// Everything a campaign's own settings must satisfy before anyone uses it: rubric integrity, grade bands in order,
/// deadlines before the sessions, blend weights, the schedule (dates in the school year, phases forwards, rooms that fit
/// their presentation phase, no school twice) and the roster (every school has an account, every entry a known school).
/// </summary>
public static partial class CampaignRules
{
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    public static IReadOnlyList<Issue> Check(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var issues = new List<Issue>();
        if (!IsValidId(campaign.Id))
        {
            issues.Add(Issue.Error(SetupCodes.CampaignBadId, null, null,
                $"督查活动编号“{campaign.Id}”不合规：只能用小写英文字母、数字和连字符，3–63 个字符，以字母或数字开头。"));
        }

        var year = ScheduleRules.ParseSchoolYear(campaign.SchoolYear);
        if (year is null)
        {
            issues.Add(Issue.Error(SetupCodes.CampaignSchoolYear, null, null, $"学年“{campaign.SchoolYear}”无法识别，请写成“2019—2020”。"));
        }

        if (campaign.ScoreStep <= 0 || campaign.ScoreStep > 10)
        {
            issues.Add(Issue.Error(SetupCodes.CampaignScoreStep, null, null, $"评分步长 {ScoreRules.Format(campaign.ScoreStep)} 必须大于 0 且不超过 10。"));
        }

        issues.AddRange(RubricRules.Check(campaign.Rubric));
        issues.AddRange(CheckGrading(campaign.Grading));
        issues.AddRange(CheckAggregation(campaign.Aggregation));
        issues.AddRange(CheckDeadlines(campaign));
        if (year is { } span)
        {
            issues.AddRange(CheckDeadlinesInYear(campaign, span));
        }

        issues.AddRange(CheckSchedule(campaign, year));
        issues.AddRange(CheckRoster(campaign));
        return issues;
    }

    public static IEnumerable<Issue> CheckGrading(Grading grading)
    {
        ArgumentNullException.ThrowIfNull(grading);
        if (grading.Bands.Count == 0)
        {
            yield return Issue.Error(SetupCodes.GradingEmpty, null, null, "没有任何评分等级。");
            yield break;
        }

        foreach (var band in grading.Bands.Where(b => b.Min < 0 || b.Min > RubricRules.ExpectedTotal))
        {
            yield return Issue.Error(SetupCodes.GradingBandRange, null, null, $"等级“{band.Name}”的最低分 {ScoreRules.Format(band.Min)} 应在 0 到 100 之间。");
        }

        for (var i = 1; i < grading.Bands.Count; i++)
        {
            var higher = grading.Bands[i - 1];
            var lower = grading.Bands[i];
            if (lower.Min >= higher.Min)
            {
                yield return Issue.Error(SetupCodes.GradingBandsOrder, null, null,
                    $"等级应从高到低排列：“{lower.Name}”（≥ {ScoreRules.Format(lower.Min)}）排在“{higher.Name}”（≥ {ScoreRules.Format(higher.Min)}）之后，最低分却不低于它。");
            }
        }
    }

    public static IEnumerable<Issue> CheckAggregation(AggregationPolicy aggregation)
    {
        ArgumentNullException.ThrowIfNull(aggregation);
        decimal[] weights = [aggregation.InspectorWeight, aggregation.PeerWeight, aggregation.SelfWeight];
        if (weights.Any(w => w < 0) || weights.Sum() != 1m)
        {
            yield return Issue.Error(SetupCodes.AggregationWeights, null, null,
                $"最终得分的权重（督查组 {ScoreRules.Format(aggregation.InspectorWeight)}、互评 {ScoreRules.Format(aggregation.PeerWeight)}、自评 {ScoreRules.Format(aggregation.SelfWeight)}）须不小于 0 且合计为 1。");
        }
    }

    public static IEnumerable<Issue> CheckDeadlines(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var firstSession = campaign.Groups.Where(g => g.Date != default).Select(g => (DateOnly?)g.Date).Min();
        if (firstSession is not { } session)
        {
            yield break;
        }

        if (campaign.Deadlines.PaperMaterials > session)
        {
            yield return Issue.Error(SetupCodes.DeadlinesOrder, null, null,
                $"纸质材料截止日期 {campaign.Deadlines.PaperMaterials:yyyy-MM-dd} 晚于第一场督查（{session:yyyy-MM-dd}）。");
        }

        if (campaign.Deadlines.SelfCheck > session)
        {
            yield return Issue.Error(SetupCodes.DeadlinesOrder, null, null,
                $"自查表（附件3）截止日期 {campaign.Deadlines.SelfCheck:yyyy-MM-dd} 晚于第一场督查（{session:yyyy-MM-dd}）。");
        }
    }

    private static IEnumerable<Issue> CheckDeadlinesInYear(Campaign campaign, SchoolYearSpan year)
    {
        foreach (var (name, date) in new[] { ("纸质材料", campaign.Deadlines.PaperMaterials), ("自查表（附件3）", campaign.Deadlines.SelfCheck) })
        {
            if (!year.Contains(date))
            {
                yield return Issue.Error(SetupCodes.DeadlinesOutsideYear, null, null,
                    $"{name}截止日期 {date:yyyy-MM-dd} 不在 {campaign.SchoolYear} 学年（{year.Start:yyyy-MM-dd} 至 {year.End:yyyy-MM-dd}）之内。");
            }
        }
    }

    private static IEnumerable<Issue> CheckSchedule(Campaign campaign, SchoolYearSpan? year)
    {
        foreach (var group in campaign.Groups)
        {
            if (year is { } span && !span.Contains(group.Date))
            {
                yield return Issue.Error(SetupCodes.ScheduleDateOutsideYear, null, null,
                    $"第{group.Name}组的日期 {group.Date:yyyy-MM-dd} 不在 {campaign.SchoolYear} 学年之内。");
            }

            var timetable = campaign.TimetableFor(group.HalfDay);
            foreach (var area in group.Areas)
            {
                if (ScheduleRules.Presentation(group, area, timetable, null, null) is { } issue)
                {
                    yield return issue;
                }
            }
        }

        foreach (var timetable in campaign.Timetables)
        {
            foreach (var phase in timetable.Phases.Where(p => p.End <= p.Start))
            {
                yield return Issue.Error(SetupCodes.ScheduleTimeReversed, null, null,
                    $"{phase.Name}的时间 {ScheduleRules.Format(phase.Start)}—{ScheduleRules.Format(phase.End)} 结束早于开始。");
            }
        }

        foreach (var name in campaign.Schools.GroupBy(s => SchoolNames.Normalize(s.Name), StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            yield return Issue.Error(SetupCodes.ScheduleDuplicateSchool, null, null, $"“{name}”在安排表中出现了不止一次。");
        }

        foreach (var id in campaign.Schools.GroupBy(s => s.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            yield return Issue.Error(SetupCodes.ScheduleDuplicateSchoolId, null, null, $"学校编号 {id} 被多所学校使用。");
        }
    }

    private static IEnumerable<Issue> CheckRoster(Campaign campaign)
    {
        if (!campaign.Roster.Any(r => r.Role == Role.Office))
        {
            yield return Issue.Error(SetupCodes.RosterNoOffice, null, null, "名单中没有办公室账号，没有人能管理这项督查活动。");
        }

        foreach (var entry in campaign.Roster.Where(r => r.Role == Role.School && (r.SchoolId is null || campaign.FindSchool(r.SchoolId) is null)))
        {
            yield return Issue.Error(SetupCodes.RosterUnknownSchool, null, null, $"账号 {entry.Upn} 所属的学校（{entry.SchoolId ?? "未填"}）不在安排表中。");
        }

        foreach (var entry in campaign.Roster.Where(r => r.Role == Role.Inspector))
        {
            foreach (var group in entry.Groups.Where(g => campaign.Groups.All(x => x.Number != g)))
            {
                yield return Issue.Error(SetupCodes.RosterUnknownGroup, null, null, $"督查组成员 {entry.Name}（{entry.Upn}）负责的第 {group} 组不在安排表中。");
            }
        }

        foreach (var upn in campaign.Roster.GroupBy(r => r.Upn, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            yield return Issue.Error(SetupCodes.RosterDuplicateAccount, null, null, $"账号 {upn} 在名单中出现了不止一次。");
        }

        var withAccount = campaign.Roster.Where(r => r.Role == Role.School && r.SchoolId is not null).Select(r => r.SchoolId!).ToHashSet(StringComparer.Ordinal);
        foreach (var school in campaign.Schools.Where(s => !withAccount.Contains(s.Id)))
        {
            yield return Issue.Warning(SetupCodes.RosterSchoolWithoutAccount, null, null, $"{school.Name}（{school.Id}）在名单中没有学校账号，无法提交自查表和评分表。");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{2,62}$")]
    private static partial Regex IdPattern();
}
