namespace Supervision.Domain.Campaigns;

/// <summary>
/// One year's inspection (过程督查) of teachers' continuing education: who takes part, what is scored and when.
/// Everything the rules, layouts and aggregation need comes from here; nothing about a particular year is hard-coded elsewhere.
/// </summary>
public sealed record Campaign
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    /// <summary>School year as written on the forms, e.g. "2018—2019".</summary>
    public required string SchoolYear { get; init; }
    public required string Organiser { get; init; }
    /// <summary>The district whose name heads the forms, e.g. "渝中区".</summary>
    public required string District { get; init; }
    public required FormTitles FormTitles { get; init; }
    public required Rubric Rubric { get; init; }
    public required IReadOnlyList<Group> Groups { get; init; }
    /// <summary>Units that host or attend the sessions but are not scored (观摩单位).</summary>
    public required IReadOnlyList<string> ObserverUnits { get; init; }
    public required IReadOnlyList<SessionTimetable> Timetables { get; init; }
    public required Deadlines Deadlines { get; init; }
    public required Grading Grading { get; init; }
    public required AggregationPolicy Aggregation { get; init; }
    public required FlagThresholds Thresholds { get; init; }
    public required IReadOnlyList<RosterEntry> Roster { get; init; }
    /// <summary>The smallest score increment (0.5 by default: half points allowed).</summary>
    public decimal ScoreStep { get; init; } = 0.5m;
    /// <summary>Which values are not in the source document but defaults or sample data, in plain words.</summary>
    public IReadOnlyList<string> Provenance { get; init; } = [];

    public IEnumerable<Area> Areas => Groups.SelectMany(g => g.Areas);

    public IEnumerable<School> Schools => Areas.SelectMany(a => a.Schools);

    public School? FindSchool(string id) => Schools.FirstOrDefault(s => s.Id == id);

    public Area? FindArea(string id) =>
        Areas.FirstOrDefault(a => string.Equals(a.Id, id.Trim(), StringComparison.OrdinalIgnoreCase));

    public Area? AreaOf(string schoolId) => Areas.FirstOrDefault(a => a.Schools.Any(s => s.Id == schoolId));

    public Group? GroupOf(Area area) => Groups.FirstOrDefault(g => g.Areas.Contains(area));

    public RosterEntry? FindUser(string upn) =>
        Roster.FirstOrDefault(r => string.Equals(r.Upn, upn.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The schools of the groups an inspector is assigned to, in campaign order.</summary>
    public IEnumerable<School> SchoolsInspectedBy(RosterEntry inspector)
    {
        ArgumentNullException.ThrowIfNull(inspector);
        return Groups.Where(g => inspector.Groups.Contains(g.Number)).SelectMany(g => g.Areas).SelectMany(a => a.Schools);
    }

    /// <summary>Whether the school belongs to one of the inspector's groups.</summary>
    public bool Inspects(RosterEntry inspector, string? schoolId)
    {
        ArgumentNullException.ThrowIfNull(inspector);
        return schoolId is not null && AreaOf(schoolId) is { } area && GroupOf(area) is { } group && inspector.Groups.Contains(group.Number);
    }

    public SessionTimetable? TimetableFor(HalfDay halfDay) => Timetables.FirstOrDefault(t => t.HalfDay == halfDay);
}

/// <summary>Titles printed at the top of each official form (附件1–5).</summary>
public sealed record FormTitles(string Evaluation, string Schedule, string SelfCheck, string PeerScores, string Records);

/// <summary>The 22-item scoring rubric of 附件1 (督查评估表), grouped into categories (项目).</summary>
public sealed record Rubric(IReadOnlyList<RubricCategory> Categories)
{
    public decimal Total => Categories.Sum(c => c.Max);

    public IEnumerable<RubricItem> Items => Categories.SelectMany(c => c.Items);

    public RubricCategory? FindCategory(string id) =>
        Categories.FirstOrDefault(c => string.Equals(c.Id, id.Trim(), StringComparison.OrdinalIgnoreCase));

    public RubricCategory CategoryOf(RubricItem item) => Categories.First(c => c.Items.Contains(item));
}

public sealed record RubricCategory(string Id, string Name, decimal Max, IReadOnlyList<RubricItem> Items);

/// <summary>One line of the rubric: what is inspected (督查内容), how (督查方式) and its weight (权重).</summary>
public sealed record RubricItem(int Number, string Content, string Method, decimal Weight);

/// <summary>A group (组) meets for one half-day; it is split into rooms, each room one area (片区).</summary>
public sealed record Group(int Number, string Name, DateOnly Date, HalfDay HalfDay, string HostVenue,
    IReadOnlyList<string> ObserverUnits, IReadOnlyList<Area> Areas);

/// <summary>An area (片区): the schools of one room, which present together and score each other on 附件4.</summary>
public sealed record Area(string Id, string Room, IReadOnlyList<School> Schools);

public sealed record School(string Id, string Name);

public enum HalfDay
{
    Morning,
    Afternoon,
}

/// <summary>The phases of a half-day session (汇报展示, 互学互查, 自评互评, 情况反馈) with their times.</summary>
public sealed record SessionTimetable(HalfDay HalfDay, TimeOnly Start, TimeOnly End, IReadOnlyList<Phase> Phases);

public sealed record Phase(string Name, TimeOnly Start, TimeOnly End)
{
    public int Minutes => (int)(End - Start).TotalMinutes;
}

/// <summary>
/// Deadlines, local time of the campaign (UTC offset in hours). 附件3 and the paper materials have fixed dates;
/// 附件1, 附件4 and 附件5 are due by the end of the group's session day when <see cref="SessionFormsDueOnSessionDay"/>.
/// </summary>
public sealed record Deadlines(DateOnly PaperMaterials, DateOnly SelfCheck, bool SessionFormsDueOnSessionDay, int UtcOffsetHours);

/// <summary>Grade bands (评分定级), best first; a final score takes the first band whose minimum it reaches.</summary>
public sealed record Grading(IReadOnlyList<GradeBand> Bands)
{
    public GradeBand? GradeOf(decimal score) => Bands.FirstOrDefault(b => score >= b.Min);
}

/// <param name="RequiresRectification">A school in this band gets a rectification notice (整改通知).</param>
public sealed record GradeBand(string Name, decimal Min, bool RequiresRectification);

/// <summary>How the final score blends inspector, peer and self scores; the peer trimmed mean needs this many peers.</summary>
public sealed record AggregationPolicy(decimal InspectorWeight, decimal PeerWeight, decimal SelfWeight, int TrimmedMeanMinPeers);

/// <summary>Flag thresholds in points on the 100 scale.</summary>
public sealed record FlagThresholds(decimal SelfAbovePeers, decimal PeerScorerDeviation, decimal InspectorPeerGap);

public enum Role
{
    Office,
    Inspector,
    School,
}

/// <summary>A person who may sign in: office staff, an inspector (with the groups they inspect) or a school account.</summary>
public sealed record RosterEntry(string Upn, string Name, Role Role, string? SchoolId, IReadOnlyList<int> Groups);
