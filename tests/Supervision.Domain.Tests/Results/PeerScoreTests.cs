using Supervision.Domain.Results;
using static Supervision.Domain.Tests.Results.ResultsKit;

namespace Supervision.Domain.Tests.Results;

/// <summary>Peer scores (互评分) over other schools' 附件4 rows. Every expected number is worked out by hand in the comments.</summary>
public class PeerScoreTests
{
    // t01 is scored by its eight peers t02–t09 (c1, c2, c3 = total):
    //   t02 20 15 25 = 60  lowest total — but the HIGHEST c1
    //   t03 12 30 48 = 90  highest total
    //   t04 15 25 40 = 80   t05 16 24 38 = 78   t06 14 26 42 = 82
    //   t07 10 28 38 = 76  lowest c1
    //   t08 18 22 44 = 84   t09 17 23 39 = 79
    // mean of 8:  c1 122/8 = 15.25   c2 193/8 = 24.125 → 24.13   c3 314/8 = 39.25   total 629/8 = 78.625 → 78.63
    // trimmed by total (t02 and t03 out), six left:
    //             c1 90/6 = 15.00    c2 148/6 = 24.666… → 24.67  c3 241/6 = 40.166… → 40.17  total 479/6 = 79.833… → 79.83
    // trimming c1 per category would drop t02 (20) and t07 (10) instead and give 92/6 = 15.33: not what we want.
    private static readonly SubmittedForm[] EightPeers =
    [
        Peer("t02", ("t01", 20, 15, 25)),
        Peer("t03", ("t01", 12, 30, 48)),
        Peer("t04", ("t01", 15, 25, 40)),
        Peer("t05", ("t01", 16, 24, 38)),
        Peer("t06", ("t01", 14, 26, 42)),
        Peer("t07", ("t01", 10, 28, 38)),
        Peer("t08", ("t01", 18, 22, 44)),
        Peer("t09", ("t01", 17, 23, 39)),
    ];

    [Fact]
    public void EightPeersGiveTheMeanAndATrimmedMeanWithoutTheHighestAndLowestScorerByTotal()
    {
        var peer = Calculate(EightPeers).School("t01").Peer!;
        Assert.Equal(8, peer.Count);
        Assert.Equal(78.63m, peer.Mean);
        Assert.Equal(79.83m, peer.TrimmedMean);
        Assert.Equal(79.83m, peer.Total);
        Assert.Equal([15.25m, 24.13m, 39.25m], Scores(peer.MeanCategories));
        Assert.Equal([15.00m, 24.67m, 40.17m], Scores(peer.TrimmedCategories));
        Assert.Equal([15.00m, 24.67m, 40.17m], Scores(peer.Categories));
        Assert.Equal(["t02", "t03"], peer.Marks.Where(m => m.Dropped).Select(m => m.ScorerId));
    }

    [Fact]
    public void FivePeersAreEnoughForATrimmedMean()
    {
        // t15 scored by t16–t20: 10 15 25 = 50 (lowest) | 15 20 30 = 65 | 16 21 33 = 70 | 17 22.5 35 = 74.5 | 19 29 49 = 97 (highest)
        // mean: c1 77/5 = 15.40, c2 107.5/5 = 21.50, c3 172/5 = 34.40, total 356.5/5 = 71.30
        // trimmed (t17, t18, t19): c1 48/3 = 16.00, c2 63.5/3 = 21.166… → 21.17, c3 98/3 = 32.666… → 32.67, total 209.5/3 = 69.833… → 69.83
        var peer = Calculate(
            Peer("t16", ("t15", 10, 15, 25)),
            Peer("t17", ("t15", 15, 20, 30)),
            Peer("t18", ("t15", 16, 21, 33)),
            Peer("t19", ("t15", 17, 22.5m, 35)),
            Peer("t20", ("t15", 19, 29, 49))).School("t15").Peer!;
        Assert.Equal((5, 71.30m, 69.83m, 69.83m), (peer.Count, peer.Mean, peer.TrimmedMean, peer.Total));
        Assert.Equal([15.40m, 21.50m, 34.40m], Scores(peer.MeanCategories));
        Assert.Equal([16.00m, 21.17m, 32.67m], Scores(peer.Categories));
        Assert.Equal(["t16", "t20"], peer.Marks.Where(m => m.Dropped).Select(m => m.ScorerId));
    }

    [Fact]
    public void FourPeersGiveOnlyTheMean()
    {
        // t10 scored by t11–t14: 10 20 30 = 60 | 12 22 35 = 69 | 14.5 25 40 = 79.5 | 20 30 50 = 100
        // mean: c1 56.5/4 = 14.125 → 14.13 (half away from zero), c2 97/4 = 24.25, c3 155/4 = 38.75, total 308.5/4 = 77.125 → 77.13
        var peer = Calculate(
            Peer("t11", ("t10", 10, 20, 30)),
            Peer("t12", ("t10", 12, 22, 35)),
            Peer("t13", ("t10", 14.5m, 25, 40)),
            Peer("t14", ("t10", 20, 30, 50))).School("t10").Peer!;
        Assert.Equal((4, 77.13m, (decimal?)null, 77.13m), (peer.Count, peer.Mean, peer.TrimmedMean, peer.Total));
        Assert.Null(peer.TrimmedCategories);
        Assert.Equal([14.13m, 24.25m, 38.75m], Scores(peer.Categories));
        Assert.DoesNotContain(peer.Marks, m => m.Dropped);
    }

    [Fact]
    public void EqualTotalsAtTheEdgesDropTheLowestIdOfTheLowestAndTheHighestIdOfTheHighest()
    {
        // t15 scored by t16–t20 with totals 60, 60, 70, 80, 80; t16 and t20 go.
        // kept t17 (10 20 30), t18 (10 20 40), t19 (20 30 30): c1 40/3 = 13.33, c2 70/3 = 23.33, c3 100/3 = 33.33, total 210/3 = 70.00
        var peer = Calculate(
            Peer("t16", ("t15", 20, 20, 20)),
            Peer("t17", ("t15", 10, 20, 30)),
            Peer("t18", ("t15", 10, 20, 40)),
            Peer("t19", ("t15", 20, 30, 30)),
            Peer("t20", ("t15", 15, 25, 40))).School("t15").Peer!;
        Assert.Equal(["t16", "t20"], peer.Marks.Where(m => m.Dropped).Select(m => m.ScorerId));
        Assert.Equal([13.33m, 23.33m, 33.33m], Scores(peer.Categories));
        Assert.Equal(70.00m, peer.TrimmedMean);
    }

    [Fact]
    public void TheSchoolsOwnRowIsItsSelfScoreAndNotAPeerScore()
    {
        // t10's own sheet: itself 18 27 45 = 90 and t11 10 10 10; t11's sheet gives t10 10 20 30 = 60.
        var results = Calculate(
            Peer("t10", ("t10", 18, 27, 45), ("t11", 10, 10, 10)),
            Peer("t11", ("t10", 10, 20, 30)));
        var t10 = results.School("t10");
        Assert.Equal(90.00m, t10.Self!.Total);
        Assert.Equal([18.00m, 27.00m, 45.00m], Scores(t10.Self.Categories));
        Assert.Equal((1, 60.00m), (t10.Peer!.Count, t10.Peer.Total));
        Assert.Equal((1, 30.00m), (results.School("t11").Peer!.Count, results.School("t11").Peer!.Total));
        Assert.Null(results.School("t11").Self);
    }

    [Fact]
    public void AnIncompletePeerRowIsListedButNotCounted()
    {
        // t11 left c3 empty for t10: only t12's 12 22 35 = 69 counts.
        var peer = Calculate(
            Peer("t11", ("t10", 10, 20, null)),
            Peer("t12", ("t10", 12, 22, 35))).School("t10").Peer!;
        Assert.Equal((1, 69.00m), (peer.Count, peer.Total));
        Assert.Equal([12.00m, 22.00m, 35.00m], Scores(peer.Categories));
        var incomplete = Assert.Single(peer.Marks, m => m.ScorerId == "t11");
        Assert.Equal((false, (decimal?)null), (incomplete.Counted, incomplete.Total));
    }

    [Fact]
    public void NoPeerRowMeansNoPeerScoreRatherThanZero()
    {
        Assert.Null(Calculate(Peer("t10", ("t10", 18, 27, 45))).School("t10").Peer);
    }
}
