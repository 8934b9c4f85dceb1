using Supervision.Domain.Campaigns;
using Supervision.Domain.Results;
using static Supervision.Domain.Tests.Results.ResultsKit;

namespace Supervision.Domain.Tests.Results;

/// <summary>Rounding (2 decimals, half away from zero, once), grades from the rounded final, competition ranks, the campaign blend.</summary>
public class RoundingRankAndBlendTests
{
    private const string R1 = "r1@t.example";
    private const string R2 = "r2@t.example";
    private const string R3 = "r3@t.example";
    private const string R4 = "r4@t.example";
    private const string R5 = "r5@t.example";

    // Inspector scores from 附件5 only (authors r1–r5):
    //   t10: c1 (17 + 17 + 17 + 17.5)/4 = 17.125, c2 25, c3 43 → 85.125 → 85.13 (banker's rounding would say 85.12)
    //   t11: c1 (17 + 17.5 + 17.5)/3 = 17.333…, c2 (24.5 + 24.5 + 25 + 25 + 25)/5 = 24.8, c3 43 → 85.1333… → 85.13: a tie made by rounding
    //   t12: 20 + 25 + 45 = 90 → 优秀;  t13: 15 + 25 + 40 = 80 → 良好;  t14: 10 + 20 + 29.5 = 59.5 → 不合格;  t15 (area g2-1): 18 + 26 + 43 = 87
    private static readonly SubmittedForm[] Forms =
    [
        Record("c1", R1, ("t10", 17), ("t11", 17), ("t12", 20), ("t13", 15), ("t14", 10), ("t15", 18)),
        Record("c1", R2, ("t10", 17), ("t11", 17.5m)),
        Record("c1", R3, ("t10", 17), ("t11", 17.5m)),
        Record("c1", R4, ("t10", 17.5m)),
        Record("c2", R1, ("t10", 25), ("t11", 24.5m), ("t12", 25), ("t13", 25), ("t14", 20), ("t15", 26)),
        Record("c2", R2, ("t11", 24.5m)),
        Record("c2", R3, ("t11", 25)),
        Record("c2", R4, ("t11", 25)),
        Record("c2", R5, ("t11", 25)),
        Record("c3", R1, ("t10", 43), ("t11", 43), ("t12", 45), ("t13", 40), ("t14", 29.5m), ("t15", 43)),
    ];

    [Fact]
    public void AMidpointIsRoundedAwayFromZeroNotToEven()
    {
        var t10 = Calculate(Forms).School("t10");
        Assert.Equal([17.13m, 25.00m, 43.00m], Scores(t10.Inspector!.Categories));
        Assert.Equal((85.13m, 85.13m), (t10.Inspector.Total, t10.Final));
    }

    [Fact]
    public void TwoDifferentExactScoresThatRoundAlikeShareARank()
    {
        var results = Calculate(Forms);
        Assert.Equal([17.33m, 24.80m, 43.00m], Scores(results.School("t11").Inspector!.Categories));
        Assert.Equal(85.13m, results.School("t11").Final);
        Assert.Equal(results.School("t10").Rank, results.School("t11").Rank);
    }

    [Fact]
    public void RanksAreCompetitionRanksWithinTheAreaAndTheDistrict()
    {
        var results = Calculate(Forms);
        string[] order = ["t12", "t10", "t11", "t13", "t14", "t15", "t01"];
        Assert.Equal([90.00m, 85.13m, 85.13m, 80.00m, 59.50m, 87.00m, null], order.Select(id => results.School(id).Final));
        Assert.Equal([1, 2, 2, 4, 5, 1, null], order.Select(id => results.School(id).Rank));
        Assert.Equal([1, 3, 3, 5, 6, 2, null], order.Select(id => results.School(id).DistrictRank));
    }

    [Fact]
    public void GradesComeFromTheRoundedFinalAtTheBandEdges()
    {
        var results = Calculate(Forms);
        string[] order = ["t12", "t10", "t13", "t14", "t15"];
        Assert.Equal(["优秀", "良好", "良好", "不合格", "良好"], order.Select(id => results.School(id).Grade!.Name));
        Assert.True(results.School("t14").RequiresRectification);
    }

    [Fact]
    public void EveryReportedNumberHasTwoDecimals()
    {
        var t12 = Calculate(Forms).School("t12");
        Assert.Equal("90.00", t12.Final!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(t12.Inspector!.Categories, c => Assert.Equal(2, c.Score!.Value.Scale));
    }

    // t10: 甲's 附件1 8 9 | 12 13 | 20 21 = 83; its own row 15 25 40 = 80; peers t11–t14 give 60, 69, 79.5, 100 → 308.5/4 = 77.125.
    private static readonly SubmittedForm[] BlendForms =
    [
        Evaluation("t10", A, 8, 9, 12, 13, 20, 21),
        Peer("t10", ("t10", 15, 25, 40)),
        Peer("t11", ("t10", 10, 20, 30)),
        Peer("t12", ("t10", 12, 22, 35)),
        Peer("t13", ("t10", 14.5m, 25, 40)),
        Peer("t14", ("t10", 20, 30, 50)),
    ];

    [Fact]
    public void AWeightedBlendUsesTheExactParts()
    {
        // 0.6 × 83 + 0.3 × 77.125 + 0.1 × 80 = 49.8 + 23.1375 + 8 = 80.9375 → 80.94
        var campaign = ResultsKit.Create(new AggregationPolicy(0.6m, 0.3m, 0.1m, 5));
        var t10 = ResultsCalculator.Calculate(campaign, BlendForms).School("t10");
        Assert.Equal((83.00m, 77.13m, 80.00m, 80.94m), (t10.Inspector!.Total, t10.Peer!.Total, t10.Self!.Total, t10.Final));
    }

    [Fact]
    public void WeightsNeedNotAddUpToOne()
    {
        // (2 × 83 + 1 × 77.125 + 1 × 80)/4 = 323.125/4 = 80.78125 → 80.78
        var campaign = ResultsKit.Create(new AggregationPolicy(2m, 1m, 1m, 5));
        Assert.Equal(80.78m, ResultsCalculator.Calculate(campaign, BlendForms).School("t10").Final);
    }

    [Fact]
    public void AMissingWeightedPartLeavesNoFinalAndSaysWhy()
    {
        var campaign = ResultsKit.Create(new AggregationPolicy(0.6m, 0.3m, 0.1m, 5));
        var t10 = ResultsCalculator.Calculate(campaign, BlendForms.Where(f => f.Author != "t10")).School("t10");
        Assert.Equal((null, null, null), (t10.Final, t10.Grade, t10.Rank));
        Assert.Equal("没有最终得分：没有自评分（本校附件4中本校一行），因此没有等级和排名。", t10.Message(FlagCodes.FinalMissing));
    }

    [Fact]
    public void WithTheDefaultPolicyPeerAndSelfDoNotMoveTheFinal()
    {
        Assert.Equal(83.00m, Calculate(BlendForms).School("t10").Final);
    }
}
