using Supervision.Domain.Campaigns;

namespace Supervision.Api.Campaigns;

/// <summary>A campaign in the list: what it is and how big.</summary>
public sealed record CampaignSummary(string Id, string Title, string SchoolYear, string Organiser, int Schools, int Areas)
{
    public static CampaignSummary From(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return new(campaign.Id, campaign.Title, campaign.SchoolYear, campaign.Organiser, campaign.Schools.Count(), campaign.Areas.Count());
    }
}

/// <summary>The rubric with its total (the sum of the category maxima).</summary>
public sealed record RubricDocument(decimal Total, IReadOnlyList<RubricCategory> Categories);

/// <summary>
/// A whole campaign as the API shows it: every stored field, without the derived lists (all areas, all schools) that
/// would repeat the groups. The roster is there only for the campaign's office users; others get an empty list.
/// </summary>
public sealed record CampaignDocument(
    string Id,
    string Title,
    string SchoolYear,
    string Organiser,
    string District,
    FormTitles FormTitles,
    RubricDocument Rubric,
    IReadOnlyList<Group> Groups,
    IReadOnlyList<string> ObserverUnits,
    IReadOnlyList<SessionTimetable> Timetables,
    Deadlines Deadlines,
    Grading Grading,
    AggregationPolicy Aggregation,
    FlagThresholds Thresholds,
    decimal ScoreStep,
    IReadOnlyList<string> Provenance,
    IReadOnlyList<RosterEntry> Roster)
{
    public static CampaignDocument From(Campaign campaign, bool withRoster)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return new(
            campaign.Id,
            campaign.Title,
            campaign.SchoolYear,
            campaign.Organiser,
            campaign.District,
            campaign.FormTitles,
            new RubricDocument(campaign.Rubric.Total, campaign.Rubric.Categories),
            campaign.Groups,
            campaign.ObserverUnits,
            campaign.Timetables,
            campaign.Deadlines,
            campaign.Grading,
            campaign.Aggregation,
            campaign.Thresholds,
            campaign.ScoreStep,
            campaign.Provenance,
            withRoster ? campaign.Roster : []);
    }
}
