using Supervision.Domain.Results;
using static Supervision.Domain.Tests.Results.ResultsKit;

namespace Supervision.Domain.Tests.Results;

/// <summary>Every flag: its code on the right school, its Chinese message with the numbers, and no flag at the threshold.</summary>
public class FlagTests
{
    [Fact]
    public void AFailingGradeAsksForARectificationNoticeAndSixtyPasses()
    {
        // t13: 5 + 5 + 7.5 + 7.5 + 17.5 + 17.5 = 60 → 合格; t14: … + 17 = 59.5 → 不合格
        var results = Calculate(Evaluation("t13", A, 5, 5, 7.5m, 7.5m, 17.5m, 17.5m), Evaluation("t14", A, 5, 5, 7.5m, 7.5m, 17.5m, 17));
        Assert.Equal("合格", results.School("t13").Grade!.Name);
        Assert.DoesNotContain(FlagCodes.GradeFailing, results.School("t13").Codes());
        Assert.Equal("最终得分 59.50，评定为“不合格”，需发整改通知。", results.School("t14").Message(FlagCodes.GradeFailing));
    }

    [Fact]
    public void ASelfScoreMoreThanTenAbovePeersIsFlaggedAndExactlyTenIsNot()
    {
        // t01: self 18 + 27 + 45 = 90 against the eight peers' trimmed mean 79.83 (see PeerScoreTests): 10.17 above.
        // t10: self 90 against its one peer's 16 + 24 + 40 = 80: exactly 10, not more.
        var results = Calculate(
            Peer("t01", ("t01", 18, 27, 45)),
            Peer("t02", ("t01", 20, 15, 25)),
            Peer("t03", ("t01", 12, 30, 48)),
            Peer("t04", ("t01", 15, 25, 40)),
            Peer("t05", ("t01", 16, 24, 38)),
            Peer("t06", ("t01", 14, 26, 42)),
            Peer("t07", ("t01", 10, 28, 38)),
            Peer("t08", ("t01", 18, 22, 44)),
            Peer("t09", ("t01", 17, 23, 39)),
            Peer("t10", ("t10", 18, 27, 45)),
            Peer("t11", ("t10", 16, 24, 40)));
        Assert.Equal("自评分 90.00 比互评分 79.83 高 10.17 分，超过 10 分。", results.School("t01").Message(FlagCodes.SelfAbovePeers));
        Assert.DoesNotContain(FlagCodes.SelfAbovePeers, results.School("t10").Codes());
    }

    // Area g1-2 (t10–t14) without own rows: everyone gives every other school 16 24 40 = 80, except t14, who gives 19 28.5 47.5 = 95.
    //   t14 as a scorer: for each of t10–t13 the other three scorers say 80 → |95 − 80| = 15 each → mean 15.00 > 10
    //   t10 as a scorer: for t11, t12, t13 the others say (80 + 80 + 95)/3 = 85 → 5 each; for t14 they say 80 → 0; mean 15/4 = 3.75
    // 甲's 附件1 for t11: 5 5 | 7.5 7.5 | 15 15 = 55; t11's peers: 80, 80, 80, 95 → 335/4 = 83.75; gap 28.75 > 15.
    private static readonly SubmittedForm[] Scorers =
    [
        Peer("t10", ("t11", 16, 24, 40), ("t12", 16, 24, 40), ("t13", 16, 24, 40), ("t14", 16, 24, 40)),
        Peer("t11", ("t10", 16, 24, 40), ("t12", 16, 24, 40), ("t13", 16, 24, 40), ("t14", 16, 24, 40)),
        Peer("t12", ("t10", 16, 24, 40), ("t11", 16, 24, 40), ("t13", 16, 24, 40), ("t14", 16, 24, 40)),
        Peer("t13", ("t10", 16, 24, 40), ("t11", 16, 24, 40), ("t12", 16, 24, 40), ("t14", 16, 24, 40)),
        Peer("t14", ("t10", 19, 28.5m, 47.5m), ("t11", 19, 28.5m, 47.5m), ("t12", 19, 28.5m, 47.5m), ("t13", 19, 28.5m, 47.5m)),
        Evaluation("t11", A, 5, 5, 7.5m, 7.5m, 15, 15),
    ];

    [Fact]
    public void APeerScorerFarFromTheOthersIsFlaggedOnTheScorer()
    {
        var results = Calculate(Scorers);
        string[] area = ["t10", "t11", "t12", "t13", "t14"];
        Assert.Equal([3.75m, 3.75m, 3.75m, 3.75m, 15.00m], area.Select(id => results.School(id).ScorerDeviation));
        Assert.Equal("本校在附件4中给其他学校的总评分与其他学校给分的平均值平均相差 15.00 分，超过 10 分。",
            results.School("t14").Message(FlagCodes.PeerScorerDeviates));
        Assert.Equal(["t14"], results.Schools.Where(s => s.HasFlag(FlagCodes.PeerScorerDeviates)).Select(s => s.SchoolId));
    }

    [Fact]
    public void InspectorAndPeersMoreThanFifteenApartAreFlagged()
    {
        var t11 = Calculate(Scorers).School("t11");
        Assert.Equal("督查组评分 55.00 与互评分 83.75 相差 28.75 分，超过 15 分。", t11.Message(FlagCodes.InspectorPeerGap));
        Assert.Equal("不合格", t11.Grade!.Name);
        Assert.DoesNotContain(FlagCodes.InspectorPeerGap, Calculate(Scorers).School("t10").Codes());
    }

    [Fact]
    public void MissingFormsAreNamedOnTheSchoolTheyConcern()
    {
        // Group 1 is inspected by 甲 and 乙. In: t01's 附件3 and 附件4, 甲's 附件1 for t01, 甲's 附件5 for c1 and c2.
        var results = Calculate(
            SelfCheck("t01"),
            Peer("t01", ("t01", 18, 27, 45)),
            Evaluation("t01", A, 8, 9, 12, 13, 20, 21),
            Record("c1", A, ("t01", 16)),
            Record("c2", A, ("t01", 25)));
        Assert.Equal("尚未提交：甲督查的附件5 过程督查情况记录表（研修效果）；乙督查对本校的附件1 督查评估表；乙督查的附件5 过程督查情况记录表（组织管理、活动组织、研修效果）。",
            results.School("t01").Message(FlagCodes.FormsMissing));
        Assert.Equal("尚未提交：本校的附件3 校本研修自查表；本校的附件4 过程督查评分表（片区 g1-1）；甲督查对本校的附件1 督查评估表；甲督查的附件5 过程督查情况记录表（研修效果）；乙督查对本校的附件1 督查评估表；乙督查的附件5 过程督查情况记录表（组织管理、活动组织、研修效果）。",
            results.School("t02").Message(FlagCodes.FormsMissing));
        Assert.Equal("尚未提交：本校的附件3 校本研修自查表；本校的附件4 过程督查评分表（片区 g2-1）；丙督查对本校的附件1 督查评估表；丙督查的附件5 过程督查情况记录表（组织管理、活动组织、研修效果）。",
            results.School("t15").Message(FlagCodes.FormsMissing));
    }

    [Fact]
    public void ASchoolWithEveryFormInHasNoMissingFlag()
    {
        var t01 = Calculate(
            SelfCheck("t01"),
            Peer("t01", ("t01", 18, 27, 45)),
            Evaluation("t01", A, 8, 9, 12, 13, 20, 21),
            Evaluation("t01", B, 8, 9, 12, 13, 20, 21),
            Record("c1", A, ("t01", 16)), Record("c2", A, ("t01", 25)), Record("c3", A, ("t01", 40)),
            Record("c1", B, ("t01", 16)), Record("c2", B, ("t01", 25)), Record("c3", B, ("t01", 40))).School("t01");
        Assert.Empty(t01.Flags);
    }

    [Fact]
    public void EmptyScoresInSubmittedFormsAreNamedOnTheSchoolTheyConcern()
    {
        var t01 = Calculate(
            SelfCheck("t01", complete: false),
            Peer("t01", ("t01", 18, 27, 45), ("t02", 10, 20, null)),
            Evaluation("t01", A, 8, 9, 12, 13, 20, null),
            Record("c2", B, ("t01", null), ("t02", 20))).School("t01");
        Assert.Equal("评分不完整：本校的附件3 校本研修自查表有未填写的项目；本校的附件4 过程督查评分表中学校2的评分未填完整；甲督查的附件1 督查评估表有 1 项未评分（第 6 项）；乙督查的附件5 过程督查情况记录表（活动组织）没有本校的评分。",
            t01.Message(FlagCodes.FormsIncomplete));
    }

    [Fact]
    public void FormsAfterTheirDeadlineInLocalTimeAreFlaggedLate()
    {
        var utc8 = TimeSpan.FromHours(8);
        var results = Calculate(
            SelfCheck("t01", new DateTimeOffset(2019, 5, 18, 8, 0, 0, utc8)),
            PeerAt("t01", new DateTimeOffset(2019, 5, 29, 0, 0, 0, utc8), ("t01", 18, 27, 45)),
            // 15:59 UTC is 23:59 in UTC+8: still the session day.
            EvaluationAt("t01", A, new DateTimeOffset(2019, 5, 28, 15, 59, 0, TimeSpan.Zero), 8, 9, 12, 13, 20, 21),
            RecordAt("c1", B, new DateTimeOffset(2019, 5, 28, 16, 30, 0, TimeSpan.Zero), ("t01", 16)),
            // Group 2 meets on 5-29: the same morning is on time for it.
            PeerAt("t15", new DateTimeOffset(2019, 5, 29, 10, 0, 0, utc8), ("t15", 18, 27, 45)));
        Assert.Equal("逾期提交：本校的附件3 校本研修自查表于 2019-05-18 08:00 提交，应在 2019-05-17 当天结束前提交；本校的附件4 过程督查评分表于 2019-05-29 00:00 提交，应在 2019-05-28 当天结束前提交；乙督查的附件5 过程督查情况记录表（组织管理）于 2019-05-29 00:30 提交，应在 2019-05-28 当天结束前提交。",
            results.School("t01").Message(FlagCodes.SubmittedLate));
        Assert.DoesNotContain(FlagCodes.SubmittedLate, results.School("t15").Codes());
        Assert.DoesNotContain(FlagCodes.SubmittedLate, results.School("t02").Codes());
    }

    [Fact]
    public void NoFinalScoreIsExplainedByTheMissingCategories()
    {
        var t02 = Calculate(Evaluation("t02", A, 8, 9, 12, 13, 20, null)).School("t02");
        Assert.Equal("没有最终得分：督查组评分缺少“研修效果”的评分来源，因此没有等级和排名。", t02.Message(FlagCodes.FinalMissing));
        Assert.Equal("没有最终得分：没有任何督查组评分（附件1、附件5），因此没有等级和排名。", Calculate().School("t03").Message(FlagCodes.FinalMissing));
    }

    [Fact]
    public void FlagsComeInAFixedOrder()
    {
        Assert.Equal([FlagCodes.GradeFailing, FlagCodes.InspectorPeerGap, FlagCodes.FormsMissing], Calculate(Scorers).School("t11").Codes());
    }
}
