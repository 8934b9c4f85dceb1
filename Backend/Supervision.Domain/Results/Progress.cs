using Supervision.Domain.Campaigns;
using Supervision.Domain.Forms;

namespace Supervision.Domain.Results;

/// <summary>
/// Who has submitted what (PRODUCT.md, "who must submit what"): per area and school its 附件3 and 附件4 (and the optional
/// self-evaluated 附件1), per inspector one 附件1 per school of their groups and one 附件5 per rubric category.
/// </summary>
public sealed record CampaignProgress(IReadOnlyList<AreaProgress> Areas, IReadOnlyList<InspectorProgress> Inspectors)
{
    public IEnumerable<SchoolProgress> Schools => Areas.SelectMany(a => a.Schools);

    /// <summary>Every required form not yet in, schools' first, then inspectors'.</summary>
    public IEnumerable<ProgressItem> Missing => Schools.SelectMany(s => s.Missing).Concat(Inspectors.SelectMany(i => i.Missing));
}

public sealed record AreaProgress(string AreaId, string Room, int Group, DateOnly SessionDate, IReadOnlyList<SchoolProgress> Schools);

/// <summary>A school's own forms.</summary>
public sealed record SchoolProgress(string SchoolId, string School, IReadOnlyList<ProgressItem> Forms)
{
    public IEnumerable<ProgressItem> Submitted => Forms.Where(f => f.IsIn);

    public IEnumerable<ProgressItem> Missing => Forms.Where(f => f.Required && !f.IsIn);

    public DateTimeOffset? LastSubmittedAt => Forms.Max(f => f.SubmittedAt);
}

/// <summary>An inspector's forms: a 附件1 per school of their groups, a 附件5 per rubric category.</summary>
public sealed record InspectorProgress(string Upn, string Name, IReadOnlyList<int> Groups, IReadOnlyList<ProgressItem> Forms)
{
    public IEnumerable<ProgressItem> Submitted => Forms.Where(f => f.IsIn);

    public IEnumerable<ProgressItem> Missing => Forms.Where(f => f.Required && !f.IsIn);

    public DateTimeOffset? LastSubmittedAt => Forms.Max(f => f.SubmittedAt);
}

/// <summary>
/// One form someone owes (or may give): its store key (form, subject, author), a Chinese label, when it is due and, once in,
/// when its latest version was submitted, whether it was complete and whether it came after the deadline.
/// </summary>
public sealed record ProgressItem(
    FormKind Form,
    string Subject,
    string Author,
    string Label,
    bool Required,
    DateTimeOffset? DueBy,
    DateTimeOffset? SubmittedAt,
    bool Complete,
    bool Late)
{
    public bool IsIn => SubmittedAt is not null;
}

/// <summary>When forms are due: 附件3 by the campaign's self-check date, 附件1/4/5 by the end of the session day concerned.</summary>
public static class FormDeadlines
{
    /// <summary>
    /// The instant a form is due by, exclusive (the start of the day after its last day, in the campaign's local time), or
    /// null when the campaign sets none. 附件1: the evaluated school's session day; 附件4: the area's; 附件5: the last session
    /// day of the inspector's groups, or of the schools it covers when its author is not a roster inspector (an inspector's
    /// groups may meet on different days, and one 附件5 covers them all).
    /// </summary>
    public static DateTimeOffset? DueBy(Campaign campaign, FormKind form, string subject, string author, FormData? data = null)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return DueBy(new CampaignIndex(campaign), form, subject, author, data);
    }

    internal static DateTimeOffset? DueBy(CampaignIndex index, FormKind form, string subject, string author, FormData? data)
    {
        var campaign = index.Campaign;
        if (form == FormKind.SelfCheck)
        {
            return EndOfDay(campaign, campaign.Deadlines.SelfCheck);
        }

        if (!campaign.Deadlines.SessionFormsDueOnSessionDay)
        {
            return null;
        }

        IEnumerable<Group?> groups = form switch
        {
            FormKind.Evaluation => [index.GroupOfSchool(subject)],
            FormKind.PeerScores => [index.GroupOfArea(subject) ?? index.GroupOfSchool(author)],
            FormKind.Records => index.User(author) is { Role: Role.Inspector } inspector
                ? index.GroupsOf(inspector)
                : ((data as RecordSheet)?.Rows ?? []).Select(r => index.GroupOfSchool(r.SchoolId)),
            _ => [],
        };
        var days = groups.OfType<Group>().Select(g => g.Date).ToList();
        return days.Count == 0 ? null : EndOfDay(campaign, days.Max());
    }

    /// <summary>The first instant after <paramref name="day"/> in the campaign's local time.</summary>
    public static DateTimeOffset EndOfDay(Campaign campaign, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(campaign.Deadlines.UtcOffsetHours));
    }

    /// <summary>A time as people of the campaign read it: "2019-05-28 17:05" in its local time.</summary>
    public static string Local(Campaign campaign, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return instant.ToOffset(TimeSpan.FromHours(campaign.Deadlines.UtcOffsetHours))
            .ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The last day a deadline allows, for messages ("2019-05-28").</summary>
    public static string LastDay(Campaign campaign, DateTimeOffset dueBy)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return dueBy.ToOffset(TimeSpan.FromHours(campaign.Deadlines.UtcOffsetHours)).AddDays(-1)
            .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>Builds the progress board from the submitted forms (all versions; the latest of each counts).</summary>
public static class ProgressCalculator
{
    public static CampaignProgress Calculate(Campaign campaign, IEnumerable<SubmittedForm> forms)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(forms);
        return Calculate(new CampaignIndex(campaign), SubmittedForm.Latest(forms));
    }

    internal static CampaignProgress Calculate(CampaignIndex index, IReadOnlyList<SubmittedForm> latestForms)
    {
        var campaign = index.Campaign;
        var latest = latestForms.ToDictionary(f => f.Key);
        ProgressItem Item(FormKind form, string subject, string author, string label, bool required)
        {
            latest.TryGetValue((form, subject, author), out var submitted);
            var due = FormDeadlines.DueBy(index, form, subject, author, submitted?.Data);
            return new ProgressItem(form, subject, author, label, required, due, submitted?.SubmittedAt, submitted?.Complete ?? false,
                submitted is not null && due is { } d && submitted.SubmittedAt >= d);
        }

        var areas = new List<AreaProgress>();
        foreach (var group in campaign.Groups)
        {
            foreach (var area in group.Areas)
            {
                var schools = area.Schools.Select(school => new SchoolProgress(school.Id, school.Name,
                [
                    Item(FormKind.SelfCheck, school.Id, school.Id, FormKind.SelfCheck.DisplayName(), required: true),
                    Item(FormKind.PeerScores, area.Id, school.Id, $"{FormKind.PeerScores.DisplayName()}（片区 {area.Id}）", required: true),
                    Item(FormKind.Evaluation, school.Id, school.Id, $"{FormKind.Evaluation.DisplayName()}（自评，选填）", required: false),
                ])).ToList();
                areas.Add(new AreaProgress(area.Id, area.Room, group.Number, group.Date, schools));
            }
        }

        var inspectors = new List<InspectorProgress>();
        foreach (var inspector in index.Inspectors)
        {
            var items = campaign.SchoolsInspectedBy(inspector)
                .Select(school => Item(FormKind.Evaluation, school.Id, inspector.Upn, $"{FormKind.Evaluation.DisplayName()}（{school.Name}）", required: true))
                .Concat(campaign.Rubric.Categories.Select(category =>
                    Item(FormKind.Records, category.Id, inspector.Upn, $"{FormKind.Records.DisplayName()}（{category.Name}）", required: true)))
                .ToList();
            inspectors.Add(new InspectorProgress(inspector.Upn, inspector.Name, inspector.Groups, items));
        }

        return new CampaignProgress(areas, inspectors);
    }

    /// <summary>Roster inspectors who inspect at least one group of the campaign.</summary>
    public static IEnumerable<RosterEntry> Inspectors(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return campaign.Roster.Where(r => r.Role == Role.Inspector && campaign.Groups.Any(g => r.Groups.Contains(g.Number)));
    }
}
