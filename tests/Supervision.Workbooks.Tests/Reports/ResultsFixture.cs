using Supervision.Domain.Campaigns;
using Supervision.Domain.Forms;
using Supervision.Domain.Results;

namespace Supervision.Workbooks.Tests.Reports;

/// <summary>
/// Results of the seed campaign (64 schools, 11 areas of 5–8) from typed forms with varied numbers: every school's 附件4
/// except s03's (so g1-1 schools have one peer fewer), one incomplete 附件4 row (s10 about s11), 附件1 from the group's
/// inspector and from a second inspector for odd-numbered schools, a 附件5 for 研修效果 (thirds in the means), three failing
/// schools (s05, s20, s41), s30 with no inspector form at all (no final), s44 missing one item on its only 附件1 (no
/// inspector total) and 附件3 teacher counts from 45 to 297.
/// </summary>
internal static class ResultsFixture
{
    public const string Extra = "extra@yuzhong.example";
    public static readonly string[] Failing = ["s05", "s20", "s41"];
    public static readonly DateTimeOffset ConsolidatedAt = new(2019, 6, 3, 10, 0, 0, TimeSpan.FromHours(8));

    public static Campaign Seed(AggregationPolicy? aggregation = null)
    {
        var seed = YuzhongCampaign.Create();
        return seed with
        {
            Roster = [.. seed.Roster, new RosterEntry(Extra, "许督查", Role.Inspector, null, [1, 2, 3, 4, 5, 6])],
            Aggregation = aggregation ?? seed.Aggregation,
        };
    }

    public static CampaignResults Results(Campaign campaign) => ResultsCalculator.Calculate(campaign, Forms(campaign));

    private static int Number(string schoolId) => int.Parse(schoolId[1..], System.Globalization.CultureInfo.InvariantCulture);

    public static List<SubmittedForm> Forms(Campaign campaign)
    {
        var forms = new List<SubmittedForm>();
        var categories = campaign.Rubric.Categories;
        foreach (var group in campaign.Groups)
        {
            var at = new DateTimeOffset(group.Date.ToDateTime(new TimeOnly(11, 0)), TimeSpan.FromHours(8));
            var inspector = campaign.Roster.First(r => r.Role == Role.Inspector && r.Groups.Contains(group.Number)).Upn;
            foreach (var area in group.Areas)
            {
                for (var i = 0; i < area.Schools.Count; i++)
                {
                    var scorer = area.Schools[i];
                    if (scorer.Id == "s03")
                    {
                        continue;
                    }

                    var rows = area.Schools.Select((scored, j) =>
                    {
                        var scores = categories.Select((c, k) => (decimal?)Clamp(c.Max - ((((i * 3) + (j * 5) + (k * 7)) % 7) * 0.5m)
                            - (Failing.Contains(scored.Id) ? c.Max * 0.45m : 0m), c.Max)).ToList();
                        if (scorer.Id == "s10" && scored.Id == "s11")
                        {
                            scores[2] = null;
                        }

                        // A generous self-score for s02 (self above peers) and a harsh scorer in g2-1.
                        if (scorer.Id == scored.Id && scorer.Id == "s02")
                        {
                            scores = categories.Select(c => (decimal?)c.Max).ToList();
                        }
                        else if (scored.Id == "s02")
                        {
                            scores = scores.Select((s, k) => s - (categories[k].Max * 0.2m)).ToList();
                        }

                        decimal? total = scores.All(s => s is not null) ? scores.Sum(s => s!.Value) : null;
                        return new PeerScoreRow(scored.Id, scored.Name, 4 + j, scores, total, null, scored.Id == scorer.Id);
                    }).ToList();
                    forms.Add(new SubmittedForm(FormKind.PeerScores, area.Id, scorer.Id, at,
                        new PeerScoreSheet(scorer.Id, area.Id, group.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), rows)));
                }

                foreach (var school in area.Schools)
                {
                    var n = Number(school.Id);
                    if (school.Id == "s30")
                    {
                        continue;
                    }

                    forms.Add(Evaluation(campaign, school, inspector, at, n, 0, omitItem: school.Id == "s44" ? 5 : null));
                    if (n % 2 == 1)
                    {
                        forms.Add(Evaluation(campaign, school, Extra, at, n, 1, omitItem: null));
                    }
                }
            }

            // 研修效果 (c5) from a 附件5 of the group's inspector for every school of the group but s30.
            var records = group.Areas.SelectMany(a => a.Schools).Where(s => s.Id != "s30").Select((s, r) =>
                new RecordRow(s.Id, s.Name, 5 + r, "记录", Clamp(30m - (Number(s.Id) % 6) - (Failing.Contains(s.Id) ? 14m : 0m), 30m))).ToList();
            forms.Add(new SubmittedForm(FormKind.Records, "c5", inspector, at.AddMinutes(group.Number), new RecordSheet(inspector, "c5", records)));
        }

        foreach (var school in campaign.Schools)
        {
            var n = Number(school.Id);
            forms.Add(new SubmittedForm(FormKind.SelfCheck, school.Id, school.Id, new DateTimeOffset(2019, 5, 16, 9, 0, 0, TimeSpan.FromHours(8)),
                new SelfCheckSheet(school.Id, null, null, new SelfCheckManagement(null, null, null, null, null, null, null),
                    new SelfCheckFunding(null, null, null), 45 + (n * 4), new SelfCheckEthics(null, null), [],
                    new SchoolBasedTraining(null, null, null, null), new SchoolBasedTraining(null, null, null, null))));
        }

        return forms;
    }

    private static SubmittedForm Evaluation(Campaign campaign, School school, string author, DateTimeOffset at, int n, int variant, int? omitItem)
    {
        var failing = Failing.Contains(school.Id);
        var scores = campaign.Rubric.Items.ToDictionary(item => item.Number, item => item.Number == omitItem
            ? (decimal?)null
            : Clamp(failing ? Math.Floor(item.Weight * 0.5m * 2) / 2 - (variant * 0.5m) : item.Weight - ((((n * 7) + (item.Number * 3) + variant) % 5) * 0.5m), item.Weight));
        return new SubmittedForm(FormKind.Evaluation, school.Id, author, at,
            new EvaluationSheet(school.Id, author, scores, new Dictionary<string, decimal?>(), null, null), omitItem is null);
    }

    private static decimal Clamp(decimal value, decimal max) => Math.Min(max, Math.Max(0m, value));
}
