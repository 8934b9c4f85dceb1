using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Workbooks.Reading;
using Xunit.Abstractions;
using static Supervision.Api.Tests.Results.ResultsTestKit;

namespace Supervision.Api.Tests.Results;

/// <summary>
/// All 64 schools of the seed campaign, every 附件4 and every 附件1 filled with known numbers and submitted through the API
/// on 2019-05-28 at 9:00 (UTC+8, before every session's deadline), then the office's results compared with numbers
/// worked out by hand. School sNN has number n.
///
/// 附件1 (by the group's inspector: 彭小琴 groups 1–2, 陈郁兰 3–4, 罗兴洪 5–6, one workbook each): every item at its weight,
/// except item 1 (3) at 3 − 0.5·(n mod 4), item 13 (10) at 10 − (n mod 7), item 19 (10) at 10 − 1.5·(n mod 5); so
///   c1 = 10 − 0.5·(n mod 4), c4 = 30 − (n mod 7), c5 = 30 − 1.5·(n mod 5), the rest full;
///   inspector total = final = 100 − 0.5·(n mod 4) − (n mod 7) − 1.5·(n mod 5).
/// Except s40 (金马小学), whose every item is at half its weight: 50.
///
/// 附件4 filled by school f for school t of its area: c4 = 30 − ((f + t) mod 6), c6 = 10 − 0.5·((f·t) mod 3), the rest full,
/// total = 100 − ((f + t) mod 6) − 0.5·((f·t) mod 3); its own row (t = f) full marks: self = 100.
/// </summary>
public sealed class SeedScenarioTests(SeedScenarioTests.Scenario scenario, ITestOutputHelper output) : IClassFixture<SeedScenarioTests.Scenario>
{
    public sealed class Scenario : IAsyncLifetime
    {
        private ApiFactory Factory { get; } = new();

        public JsonElement Results { get; private set; }

        /// <summary>Workbooks the results run read: 64 附件4 files, and each inspector's workbook once although it is stored at each of its schools' paths.</summary>
        public int Reads { get; private set; }

        public TimeSpan Build { get; private set; }

        public TimeSpan Submit { get; private set; }

        public TimeSpan Calculate { get; private set; }

        public async Task InitializeAsync()
        {
            var clock = new RunningClock(new DateTimeOffset(2019, 5, 28, 9, 0, 0, TimeSpan.FromHours(8)));
            var reader = new CountingReader();
            using var app = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock).AddSingleton<IStoredWorkbookReader>(reader)));
            var watch = Stopwatch.StartNew();
            // Built on both cores: each workbook is its own ClosedXML document.
            var peerSheets = Seed.Schools.AsParallel().AsOrdered().Select(school =>
            {
                var f = Number(school.Id);
                return (Upn: $"{school.Id}@yuzhong.example", Bytes: PeerSheet(school.Id, (target, category) =>
                {
                    var t = Number(target.Id);
                    return t == f ? category.Max : category.Id switch
                    {
                        "c4" => 30 - (f + t) % 6,
                        "c6" => 10 - 0.5m * (f * t % 3),
                        _ => category.Max,
                    };
                }));
            });
            var evaluations = new[] { Peng, Chen, Luo }.AsParallel().AsOrdered().Select(inspector =>
            {
                var entry = Seed.FindUser(inspector)!;
                var schools = Seed.Groups.Where(g => entry.Groups.Contains(g.Number)).SelectMany(g => g.Areas).SelectMany(a => a.Schools).ToList();
                return (Upn: inspector, Bytes: Evaluations(inspector, schools, (school, item) =>
                {
                    var n = Number(school.Id);
                    return n == 40 ? item.Weight / 2 : item.Number switch
                    {
                        1 => 3 - 0.5m * (n % 4),
                        13 => 10 - n % 7,
                        19 => 10 - 1.5m * (n % 5),
                        _ => item.Weight,
                    };
                }));
            });
            var workbooks = peerSheets.Concat(evaluations).ToList();
            Build = watch.Elapsed;
            watch.Restart();
            using var gate = new SemaphoreSlim(2);
            await Task.WhenAll(workbooks.Select(async w =>
            {
                await gate.WaitAsync();
                try
                {
                    await app.SubmitAsync(w.Upn, w.Bytes);
                }
                finally
                {
                    gate.Release();
                }
            }));
            Submit = watch.Elapsed;
            watch.Restart();
            Results = (await app.GetAsync(ApiFactory.OfficeUser, "results")).Body;
            Calculate = watch.Elapsed;
            Reads = reader.Reads;
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }

        private static int Number(string schoolId) => int.Parse(schoolId.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string[] FlagCodes(JsonElement school) =>
        school.GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("code").GetString()!).ToArray();

    private static string FlagMessage(JsonElement school, string code) =>
        school.GetProperty("flags").EnumerateArray().Single(f => f.GetProperty("code").GetString() == code).GetProperty("message").GetString()!;

    [Fact]
    public void S01InAFiveSchoolAreaHasTheMeanOfItsFourPeers()
    {
        output.WriteLine($"build {scenario.Build}, submit {scenario.Submit}, results {scenario.Calculate}");
        // Inspector: c1 10 − 0.5 = 9.5, c4 30 − 1 = 29, c5 30 − 1.5 = 28.5 → 9.5 + 10 + 10 + 29 + 28.5 + 10 = 97 → 优秀.
        // Peers (area g1-1 = s01–s05) for t = 1:
        //   f=2: c4 30 − 3 = 27, c6 10 − 0.5·2 = 9   → 96
        //   f=3: c4 30 − 4 = 26, c6 10 − 0 = 10      → 96
        //   f=4: c4 30 − 5 = 25, c6 10 − 0.5·1 = 9.5 → 94.5
        //   f=5: c4 30 − 0 = 30, c6 10 − 0.5·2 = 9   → 99
        // four peers, no trimmed mean: total 385.5/4 = 96.375 → 96.38; c4 108/4 = 27; c6 37.5/4 = 9.375 → 9.38.
        // Area finals: s01 97, s02 94, s03 91, s04 90, s05 94.5 → rank 1. District: s35 and s56 98.5, s21 and s50 98,
        // s15 and s36 97.5 are ahead; s30 also has 97 → district rank 7, shared.
        var s01 = scenario.Results.School("s01");
        Assert.Equal(("大田湾小学", 1, "g1-1"), (s01.GetProperty("school").GetString(), s01.GetProperty("group").GetInt32(), s01.GetProperty("area").GetString()));
        Assert.Equal([9.50m, 10.00m, 10.00m, 29.00m, 28.50m, 10.00m], s01.GetProperty("inspector").CategoryScores());
        Assert.Equal(97.00m, s01.GetProperty("inspector").Number("total"));
        var peer = s01.GetProperty("peer");
        Assert.Equal((96.38m, (decimal?)null, 4), (peer.Number("mean"), peer.Number("trimmedMean"), peer.GetProperty("count").GetInt32()));
        Assert.Equal([10.00m, 10.00m, 10.00m, 27.00m, 30.00m, 9.38m], peer.CategoryScores());
        Assert.Equal(100.00m, s01.GetProperty("self").Number("total"));
        Assert.Equal(JsonValueKind.Null, s01.GetProperty("selfEvaluation").ValueKind);
        Assert.Equal((97.00m, "优秀", 1, 7), (s01.Number("final"), s01.GetProperty("grade").GetString(), s01.GetProperty("rank").GetInt32(),
            s01.GetProperty("districtRank").GetInt32()));
        Assert.Equal(7, scenario.Results.School("s30").GetProperty("districtRank").GetInt32());
        // 附件3 and 附件5 were not part of the scenario: the only flag.
        Assert.Equal(["forms.missing"], FlagCodes(s01));
        Assert.Equal("尚未提交：本校的附件3 校本研修自查表；彭小琴的附件5 过程督查情况记录表（组织管理、研修计划、制度建设、活动组织、研修效果、亮点特色）。",
            FlagMessage(s01, "forms.missing"));
    }

    [Fact]
    public void S11InASixSchoolAreaHasATrimmedMeanOfItsFivePeers()
    {
        // Inspector: 11 mod 4 = 3 → c1 8.5; 11 mod 7 = 4 → c4 26; 11 mod 5 = 1 → c5 28.5; total 93 → 优秀.
        // Peers (g2-1 = s11–s16) for t = 11:
        //   f=12: (23 mod 6 = 5) c4 25, (132 mod 3 = 0) c6 10  → 95   lowest, dropped
        //   f=13: (24 mod 6 = 0) c4 30, (143 mod 3 = 2) c6 9   → 99   highest, dropped
        //   f=14: (25 mod 6 = 1) c4 29, (154 mod 3 = 1) c6 9.5 → 98.5
        //   f=15: (26 mod 6 = 2) c4 28, (165 mod 3 = 0) c6 10  → 98
        //   f=16: (27 mod 6 = 3) c4 27, (176 mod 3 = 2) c6 9   → 96
        // mean 486.5/5 = 97.30; trimmed 292.5/3 = 97.50 with c4 84/3 = 28, c6 28.5/3 = 9.5.
        // Area finals: s12 92, s13 89, s14 93, s15 97.5, s16 96.5 → s11 and s14 share rank 3.
        var s11 = scenario.Results.School("s11");
        Assert.Equal([8.50m, 10.00m, 10.00m, 26.00m, 28.50m, 10.00m], s11.GetProperty("inspector").CategoryScores());
        var peer = s11.GetProperty("peer");
        Assert.Equal((97.30m, 97.50m, 5), (peer.Number("mean"), peer.Number("trimmedMean"), peer.GetProperty("count").GetInt32()));
        Assert.Equal([10.00m, 10.00m, 10.00m, 28.00m, 30.00m, 9.50m], peer.CategoryScores());
        Assert.Equal((93.00m, "优秀", 3), (s11.Number("final"), s11.GetProperty("grade").GetString(), s11.GetProperty("rank").GetInt32()));
        Assert.Equal(3, scenario.Results.School("s14").GetProperty("rank").GetInt32());
    }

    [Fact]
    public void S52InAnEightSchoolAreaDropsTheLowestAndOneOfFourEqualHighestScorers()
    {
        // Inspector: 52 mod 4 = 0 → c1 10; 52 mod 7 = 3 → c4 27; 52 mod 5 = 2 → c5 27; total 94 → 优秀.
        // Peers (g5-2 = s50–s57) for t = 52:
        //   f=50: c4 30 (102 mod 6 = 0), c6 9 (2600 mod 3 = 2)    → 99
        //   f=51: c4 29 (103 mod 6 = 1), c6 10 (2652 mod 3 = 0)   → 99
        //   f=53: c4 27 (105 mod 6 = 3), c6 9 (2756 mod 3 = 2)    → 96
        //   f=54: c4 26 (106 mod 6 = 4), c6 10 (2808 mod 3 = 0)   → 96
        //   f=55: c4 25 (107 mod 6 = 5), c6 9.5 (2860 mod 3 = 1)  → 94.5 lowest, dropped
        //   f=56: c4 30 (108 mod 6 = 0), c6 9 (2912 mod 3 = 2)    → 99
        //   f=57: c4 29 (109 mod 6 = 1), c6 10 (2964 mod 3 = 0)   → 99   highest with the highest id of the four 99s, dropped
        // mean 682.5/7 = 97.50; trimmed (50, 51, 53, 54, 56) 489/5 = 97.80 with c4 142/5 = 28.4, c6 47/5 = 9.4.
        // Area finals: s50 98, s51 95, s53 91, s54 88, s55 92.5, s56 98.5, s57 95.5 → four ahead of 94: rank 5.
        var s52 = scenario.Results.School("s52");
        Assert.Equal([10.00m, 10.00m, 10.00m, 27.00m, 27.00m, 10.00m], s52.GetProperty("inspector").CategoryScores());
        var peer = s52.GetProperty("peer");
        Assert.Equal((97.50m, 97.80m, 7), (peer.Number("mean"), peer.Number("trimmedMean"), peer.GetProperty("count").GetInt32()));
        Assert.Equal([10.00m, 10.00m, 10.00m, 28.40m, 30.00m, 9.40m], peer.CategoryScores());
        Assert.Equal((94.00m, 5), (s52.Number("final"), s52.GetProperty("rank").GetInt32()));
    }

    [Fact]
    public void S40FailsFarBelowItsPeers()
    {
        // Every item at half weight: 5 + 5 + 5 + 15 + 15 + 5 = 50 → 不合格.
        // Peers (g4-2 = s40–s44) for t = 40: f=41 96 (c4 27, c6 9), f=42 96 (26, 10), f=43 94.5 (25, 9.5), f=44 99 (30, 9)
        // → 385.5/4 = 96.375 → 96.38; |50 − 96.38| = 46.38 > 15.
        var s40 = scenario.Results.School("s40");
        Assert.Equal((50.00m, "不合格", 5, 64), (s40.Number("final"), s40.GetProperty("grade").GetString(), s40.GetProperty("rank").GetInt32(),
            s40.GetProperty("districtRank").GetInt32()));
        Assert.Equal(96.38m, s40.GetProperty("peer").Number("mean"));
        Assert.Equal(["grade.failing", "inspector.peer-gap", "forms.missing"], FlagCodes(s40));
        Assert.Equal("最终得分 50.00，评定为“不合格”，需发整改通知。", FlagMessage(s40, "grade.failing"));
        Assert.Equal("督查组评分 50.00 与互评分 96.38 相差 46.38 分，超过 15 分。", FlagMessage(s40, "inspector.peer-gap"));
    }

    [Fact]
    public void EachStoredWorkbookIsReadOnceEvenWhenStoredAtSeveralPaths()
    {
        // 64 附件4 workbooks + 3 inspector workbooks (21, 23 and 20 附件1 sheets), stored at 64 + 64 paths.
        Assert.Equal(67, scenario.Reads);
    }

    [Fact]
    public void EverySchoolHasAFinalScoreAndNoFormCameLate()
    {
        var schools = scenario.Results.GetProperty("schools").EnumerateArray().ToList();
        Assert.Equal(64, schools.Count);
        Assert.All(schools, s => Assert.NotEqual(JsonValueKind.Null, s.GetProperty("final").ValueKind));
        Assert.DoesNotContain(schools, s => FlagCodes(s).Contains("submitted.late"));
        Assert.Equal(["s40"], schools.Where(s => FlagCodes(s).Contains("grade.failing")).Select(s => s.GetProperty("schoolId").GetString()));
    }
}
