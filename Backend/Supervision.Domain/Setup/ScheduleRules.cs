using System.Globalization;
using System.Text.RegularExpressions;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Rules;
using Group = Supervision.Domain.Campaigns.Group;

namespace Supervision.Domain.Setup;

/// <summary>A school year (学年) as dates: 1 September of its first year to 31 August of its second.</summary>
public readonly record struct SchoolYearSpan(int FirstYear, int SecondYear)
{
    public DateOnly Start => new(FirstYear, 9, 1);

    public DateOnly End => new(SecondYear, 8, 31);

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    /// <summary>The year a month falls in: September to December in the first year, January to August in the second.</summary>
    public int YearOf(int month) => month >= 9 ? FirstYear : SecondYear;
}

/// <summary>Schedule rules shared by the import (with cells) and the check of a stored campaign (without).</summary>
public static partial class ScheduleRules
{
    /// <summary>Minutes per school in the presentation phase (汇报展示): at least 5, comfortably 8.</summary>
    public const int MinimumMinutesPerSchool = 5;
    public const int ComfortableMinutesPerSchool = 8;

    /// <summary>"2020—2021" (any separator) or a single year "2020" (read as 2020—2021).</summary>
    public static SchoolYearSpan? ParseSchoolYear(string? schoolYear)
    {
        var text = SchoolNames.Normalize(schoolYear);
        var match = SchoolYearPattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var first = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var second = match.Groups[2].Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : first + 1;
        return second == first + 1 ? new SchoolYearSpan(first, second) : null;
    }

    /// <summary>The phase in which the schools present (汇报展示), or the first phase when none is named so.</summary>
    public static Phase? PresentationPhase(SessionTimetable? timetable) =>
        timetable is null ? null
        : timetable.Phases.FirstOrDefault(p => p.Name.Contains("汇报", StringComparison.Ordinal)) ?? (timetable.Phases.Count > 0 ? timetable.Phases[0] : null);

    /// <summary>
    /// A room's schools against the presentation phase: an error when even 5 minutes each do not fit, a warning when
    /// 8 minutes each do not. Exactly filling the phase is fine.
    /// </summary>
    public static Issue? Presentation(Group group, Area area, SessionTimetable? timetable, string? sheet, string? cell)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(area);
        var phase = PresentationPhase(timetable);
        if (phase is null || area.Schools.Count == 0)
        {
            return null;
        }

        var count = area.Schools.Count;
        var where = $"第{group.Name}组{RoomLabel(area)}";
        if (count * MinimumMinutesPerSchool > phase.Minutes)
        {
            return Issue.Error(SetupCodes.SchedulePresentationOverrun, sheet, cell,
                $"{where}有 {count} 所学校，{phase.Name}只有 {phase.Minutes} 分钟，每校不足 {MinimumMinutesPerSchool} 分钟，请拆分片区或延长{phase.Name}。");
        }

        if (count * ComfortableMinutesPerSchool > phase.Minutes)
        {
            return Issue.Warning(SetupCodes.SchedulePresentationTight, sheet, cell,
                $"{where}有 {count} 所学校，{phase.Name}只有 {phase.Minutes} 分钟，每校不足 {ComfortableMinutesPerSchool} 分钟，时间偏紧。");
        }

        return null;
    }

    public static string RoomLabel(Area area)
    {
        ArgumentNullException.ThrowIfNull(area);
        return string.IsNullOrEmpty(area.Room) ? $"片区 {area.Id}" : $"“{area.Room}”";
    }

    public static string Format(TimeOnly time) => time.ToString("H:mm", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(\d{4})(?:\D+(\d{4}))?")]
    private static partial Regex SchoolYearPattern();
}
