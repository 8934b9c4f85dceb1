using Supervision.Domain.Forms;
using Supervision.Domain.Results;
using static Supervision.Domain.Tests.Results.ResultsKit;

namespace Supervision.Domain.Tests.Results;

/// <summary>The inspection team's score (督查组评分) from 附件1 item sums and 附件5 category scores.</summary>
public class InspectorScoreTests
{
    [Fact]
    public void Annex1And5ForTheSameCategoryAreAveragedAsSeparateSourcesAndTheTotalIsRoundedOnce()
    {
        // 甲's 附件1: items 8 9 | 12 13 | 20 21 → c1 17, c2 25, c3 41
        // 乙's 附件1: items 9 9.5 | 14 14.5 | 22 23.5 → c1 18.5, c2 28.5, c3 45.5
        // 甲's 附件5 c1: 16;  乙's 附件5 c3: 40
        // c1 (17 + 18.5 + 16)/3 = 51.5/3 = 17.1666… → 17.17
        // c2 (25 + 28.5)/2 = 26.75
        // c3 (41 + 45.5 + 40)/3 = 126.5/3 = 42.1666… → 42.17
        // total 51.5/3 + 26.75 + 126.5/3 = 59.3333… + 26.75 = 86.0833… → 86.08 (the rounded categories would add up to 86.09)
        var t01 = Calculate(
            Evaluation("t01", A, 8, 9, 12, 13, 20, 21),
            Evaluation("t01", B, 9, 9.5m, 14, 14.5m, 22, 23.5m),
            Record("c1", A, ("t01", 16)),
            Record("c3", B, ("t01", 40))).School("t01");
        Assert.Equal([17.17m, 26.75m, 42.17m], Scores(t01.Inspector!.Categories));
        Assert.Equal(86.08m, t01.Inspector.Total);
        Assert.Equal(86.08m, t01.Final);
        Assert.Equal("良好", t01.Grade!.Name);
        Assert.Equal(8, t01.Inspector.Sources.Count);  // 3 + 3 from the 附件1s, 2 from the 附件5s
        Assert.Equal(2, t01.Inspector.Sources.Count(s => s.Form == FormKind.Records));
        // items are the mean of the 附件1s: (8 + 9)/2, (9 + 9.5)/2, (12 + 14)/2, (13 + 14.5)/2, (20 + 22)/2, (21 + 23.5)/2
        Assert.Equal([8.50m, 9.25m, 13.00m, 13.75m, 21.00m, 22.25m], t01.Inspector.Items.Select(i => i.Score));
    }

    [Fact]
    public void ACategoryWithAnEmptyItemGivesNoSourceAndAMissingCategoryMakesTheTotalNull()
    {
        // 甲 left item 6 empty: c3 has no source, so no inspector total, no final, no grade, no rank — never 0.
        var t02 = Calculate(Evaluation("t02", A, 8, 9, 12, 13, 20, null)).School("t02");
        Assert.Equal([17.00m, 25.00m, null], Scores(t02.Inspector!.Categories));
        Assert.Null(t02.Inspector.Total);
        Assert.Equal((null, null, null, null), (t02.Final, t02.Grade, t02.Rank, t02.DistrictRank));
        Assert.Equal(20.00m, t02.Inspector.Items.Single(i => i.Number == 5).Score);
        Assert.Null(t02.Inspector.Items.Single(i => i.Number == 6).Score);
    }

    [Fact]
    public void AnotherSourceFillsTheCategoryAnEmptyItemLeftOpen()
    {
        // c3 from 乙's 附件5 (44) alone: 17 + 25 + 44 = 86
        var t02 = Calculate(Evaluation("t02", A, 8, 9, 12, 13, 20, null), Record("c3", B, ("t02", 44))).School("t02");
        Assert.Equal((86.00m, 86.00m), (t02.Inspector!.Total, t02.Final));
    }

    [Fact]
    public void ASchoolWithoutAnyFormHasOnlyNulls()
    {
        var t03 = Calculate(Evaluation("t01", A, 8, 9, 12, 13, 20, 21)).School("t03");
        Assert.Equal((null, null, null, null, null, null, null), (t03.Inspector, t03.Peer, t03.Self, t03.SelfEvaluation, t03.Final, t03.Grade, t03.Rank));
    }

    [Fact]
    public void ASchoolsOwnAnnex1IsItsSelfEvaluationAndNotAnInspectorSource()
    {
        // t01 about itself: 10 10 | 15 15 | 25 25 = 100; 甲: 8 9 | 12 13 | 20 21 = 83
        var t01 = Calculate(Evaluation("t01", "t01", 10, 10, 15, 15, 25, 25), Evaluation("t01", A, 8, 9, 12, 13, 20, 21)).School("t01");
        Assert.Equal(100.00m, t01.SelfEvaluation!.Total);
        Assert.Equal([20.00m, 30.00m, 50.00m], Scores(t01.SelfEvaluation.Categories));
        Assert.Equal(83.00m, t01.Inspector!.Total);
        Assert.All(t01.Inspector.Sources, s => Assert.Equal(A, s.Author));
    }

    [Fact]
    public void OnlyTheLatestVersionOfAFormCounts()
    {
        // 甲 first gave 100, then corrected to 83; the correction is given first to show that time, not order, decides.
        var t01 = Calculate(
            EvaluationAt("t01", A, OnTime.AddHours(2), 8, 9, 12, 13, 20, 21),
            EvaluationAt("t01", A, OnTime, 10, 10, 15, 15, 25, 25)).School("t01");
        Assert.Equal(83.00m, t01.Inspector!.Total);
        Assert.Equal(3, t01.Inspector.Sources.Count);
    }

    [Fact]
    public void TheTotalsAFormCarriesAreNotTrusted()
    {
        var typed = new Forms.EvaluationSheet("t01", A,
            new Dictionary<int, decimal?> { [1] = 8, [2] = 9, [3] = 12, [4] = 13, [5] = 20, [6] = 21 },
            new Dictionary<string, decimal?> { ["c1"] = 20, ["c2"] = 30, ["c3"] = 50 }, 100, 100);
        var t01 = ResultsCalculator.Calculate(Campaign, [new SubmittedForm(FormKind.Evaluation, "t01", A, OnTime, typed)]).School("t01");
        Assert.Equal(83.00m, t01.Inspector!.Total);
    }
}
