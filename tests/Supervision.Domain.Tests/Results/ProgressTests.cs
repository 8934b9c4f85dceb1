using Supervision.Domain.Forms;
using Supervision.Domain.Results;
using static Supervision.Domain.Tests.Results.ResultsKit;

namespace Supervision.Domain.Tests.Results;

/// <summary>The progress board: exactly the forms of "who must submit what" that are not in yet, and when the others came.</summary>
public class ProgressTests
{
    private static readonly DateTimeOffset Late = new(2019, 5, 29, 9, 0, 0, TimeSpan.FromHours(8));

    private static CampaignProgress Board() => ProgressCalculator.Calculate(Campaign,
    [
        SelfCheck("t01"),
        PeerAt("t01", Late, ("t01", 18, 27, 45)),
        Evaluation("t01", A, 8, 9, 12, 13, 20, 21),
        Record("c1", A, ("t01", 16)),
    ]);

    private static (FormKind, string, string)[] Keys(IEnumerable<ProgressItem> items) => items.Select(i => (i.Form, i.Subject, i.Author)).ToArray();

    [Fact]
    public void ASchoolOwesItsSelfCheckAndItsPeerSheetAndMayGiveASelfEvaluation()
    {
        var board = Board();
        var t01 = board.Schools.Single(s => s.SchoolId == "t01");
        Assert.Empty(t01.Missing);
        Assert.Equal([(FormKind.SelfCheck, "t01", "t01"), (FormKind.PeerScores, "g1-1", "t01")], Keys(t01.Submitted));
        Assert.Equal(Late, t01.LastSubmittedAt);
        Assert.Equal([false, true], t01.Submitted.Select(i => i.Late));
        var t02 = board.Schools.Single(s => s.SchoolId == "t02");
        Assert.Equal([(FormKind.SelfCheck, "t02", "t02"), (FormKind.PeerScores, "g1-1", "t02")], Keys(t02.Missing));
        Assert.Equal(["附件3 校本研修自查表", "附件4 过程督查评分表（片区 g1-1）"], t02.Missing.Select(i => i.Label));
        Assert.Null(t02.LastSubmittedAt);
    }

    [Fact]
    public void AnInspectorOwesAnAnnex1PerSchoolOfTheirGroupsAndAnAnnex5PerCategory()
    {
        var board = Board();
        var jia = board.Inspectors.Single(i => i.Upn == A);
        Assert.Equal([(FormKind.Evaluation, "t01", A), (FormKind.Records, "c1", A)], Keys(jia.Submitted));
        Assert.Equal(
            Enumerable.Range(2, 13).Select(n => (FormKind.Evaluation, $"t{n:00}", A)).Append((FormKind.Records, "c2", A)).Append((FormKind.Records, "c3", A)),
            Keys(jia.Missing));
        var bing = board.Inspectors.Single(i => i.Upn == C);
        Assert.Equal(
            Enumerable.Range(15, 6).Select(n => (FormKind.Evaluation, $"t{n:00}", C))
                .Concat(Campaign.Rubric.Categories.Select(c => (FormKind.Records, c.Id, C))),
            Keys(bing.Missing));
    }

    [Fact]
    public void TheBoardCountsEveryMissingFormOnce()
    {
        // schools: 20 × 2 − 2 in = 38; 甲 14 + 3 − 2 = 15; 乙 14 + 3 = 17; 丙 6 + 3 = 9
        Assert.Equal(79, Board().Missing.Count());
        Assert.Equal(["会议室", "4-1", "会议室"], Board().Areas.Select(a => a.Room));
    }

    [Fact]
    public void DeadlinesAreTheEndOfTheDayInTheCampaignsTime()
    {
        var board = Board();
        var t15 = board.Schools.Single(s => s.SchoolId == "t15");
        var utc8 = TimeSpan.FromHours(8);
        Assert.Equal([new DateTimeOffset(2019, 5, 18, 0, 0, 0, utc8), new DateTimeOffset(2019, 5, 30, 0, 0, 0, utc8)],
            t15.Forms.Where(f => f.Required).Select(f => f.DueBy));
    }
}
