using Supervision.Domain.Campaigns;

namespace Supervision.Domain.Results;

/// <summary>
/// Lookups over a campaign built once per calculation: the campaign's own finders scan its lists, which at a city's
/// thousands of schools would make aggregation quadratic.
/// </summary>
internal sealed class CampaignIndex
{
    private readonly Dictionary<string, (School School, Area Area, Group Group)> schools = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Area Area, Group Group)> areas = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, RosterEntry> users = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<int, Group> groups = [];

    public CampaignIndex(Campaign campaign)
    {
        Campaign = campaign;
        foreach (var group in campaign.Groups)
        {
            groups.TryAdd(group.Number, group);
            foreach (var area in group.Areas)
            {
                areas.TryAdd(area.Id, (area, group));
                foreach (var school in area.Schools)
                {
                    schools.TryAdd(school.Id, (school, area, group));
                }
            }
        }

        foreach (var entry in campaign.Roster)
        {
            users.TryAdd(entry.Upn.Trim(), entry);
        }

        Inspectors = campaign.Roster.Where(r => r.Role == Role.Inspector && r.Groups.Any(groups.ContainsKey)).ToList();
    }

    public Campaign Campaign { get; }

    /// <summary>Roster inspectors who inspect at least one group of the campaign, in roster order.</summary>
    public IReadOnlyList<RosterEntry> Inspectors { get; }

    public bool IsSchool(string id) => schools.ContainsKey(id);

    public School? School(string id) => schools.TryGetValue(id, out var place) ? place.School : null;

    public Group? GroupOfSchool(string id) => schools.TryGetValue(id, out var place) ? place.Group : null;

    public Area? Area(string id) => areas.TryGetValue(id.Trim(), out var place) ? place.Area : null;

    public Group? GroupOfArea(string id) => areas.TryGetValue(id.Trim(), out var place) ? place.Group : null;

    public RosterEntry? User(string upn) => users.GetValueOrDefault(upn.Trim());

    public IEnumerable<Group> GroupsOf(RosterEntry inspector) => inspector.Groups.Select(groups.GetValueOrDefault).OfType<Group>();

    public IEnumerable<RosterEntry> InspectorsOf(Group group) => Inspectors.Where(i => i.Groups.Contains(group.Number));
}
