using Supervision.Domain.Campaigns;
using Supervision.Domain.Forms;
using Supervision.Domain.Results;

namespace Supervision.Domain.Tests.Results;

/// <summary>
/// A small campaign whose numbers are easy to add up by hand: three categories (c1 组织管理 20 = items 1+2 at 10 each,
/// c2 活动组织 30 = items 3+4 at 15, c3 研修效果 50 = items 5+6 at 25); group 1 (2019-05-28) with area g1-1 (t01–t09,
/// nine schools: eight peers each) and g1-2 (t10–t14: four peers each); group 2 (2019-05-29) with g2-1 (t15–t20: five
/// peers each). Inspectors 甲 and 乙 inspect group 1, 丙 group 2. Forms are built as typed data, not workbooks.
/// </summary>
internal static class ResultsKit
{
    public const string A = "jia@t.example";
    public const string B = "yi@t.example";
    public const string C = "bing@t.example";

    public static readonly Campaign Campaign = Create();

    /// <summary>On time for every form of group 1 (2019-05-28, 10:00 in UTC+8).</summary>
    public static readonly DateTimeOffset OnTime = new(2019, 5, 28, 10, 0, 0, TimeSpan.FromHours(8));

    public static Campaign Create(AggregationPolicy? aggregation = null) => new()
    {
        Id = "test-2019",
        Title = "测试督查",
        SchoolYear = "2018—2019",
        Organiser = "测试中心",
        District = "测试区",
        FormTitles = new FormTitles("评估表", "安排表", "自查表", "评分表", "记录表"),
        Rubric = new Rubric(
        [
            new RubricCategory("c1", "组织管理", 20m, [new RubricItem(1, "一", "查看文件", 10m), new RubricItem(2, "二", "查看资料", 10m)]),
            new RubricCategory("c2", "活动组织", 30m, [new RubricItem(3, "三", "查看资料", 15m), new RubricItem(4, "四", "查看资料", 15m)]),
            new RubricCategory("c3", "研修效果", 50m, [new RubricItem(5, "五", "座谈交流", 25m), new RubricItem(6, "六", "阅览成果", 25m)]),
        ]),
        Groups =
        [
            new Group(1, "一", new DateOnly(2019, 5, 28), HalfDay.Morning, "主场", [],
            [
                new Area("g1-1", "会议室", Schools(1, 9)),
                new Area("g1-2", "4-1", Schools(10, 14)),
            ]),
            new Group(2, "二", new DateOnly(2019, 5, 29), HalfDay.Afternoon, "主场", [], [new Area("g2-1", "会议室", Schools(15, 20))]),
        ],
        ObserverUnits = [],
        Timetables = [],
        Deadlines = new Deadlines(new DateOnly(2019, 5, 17), new DateOnly(2019, 5, 17), SessionFormsDueOnSessionDay: true, UtcOffsetHours: 8),
        Grading = new Grading(
        [
            new GradeBand("优秀", 90m, false),
            new GradeBand("良好", 80m, false),
            new GradeBand("合格", 60m, false),
            new GradeBand("不合格", 0m, true),
        ]),
        Aggregation = aggregation ?? new AggregationPolicy(1m, 0m, 0m, 5),
        Thresholds = new FlagThresholds(10m, 10m, 15m),
        Roster =
        [
            new RosterEntry("office@t.example", "办公室", Role.Office, null, []),
            new RosterEntry(A, "甲督查", Role.Inspector, null, [1]),
            new RosterEntry(B, "乙督查", Role.Inspector, null, [1]),
            new RosterEntry(C, "丙督查", Role.Inspector, null, [2]),
            .. Enumerable.Range(1, 20).Select(n => new RosterEntry($"t{n:00}@t.example", $"学校{n}", Role.School, $"t{n:00}", [])),
        ],
    };

    private static List<School> Schools(int first, int last) =>
        Enumerable.Range(first, last - first + 1).Select(n => new School($"t{n:00}", $"学校{n}")).ToList();

    /// <summary>A 附件4 filled by <paramref name="filler"/> for its area: one row per (school, c1, c2, c3); null is an empty cell.</summary>
    public static SubmittedForm Peer(string filler, params (string School, decimal? C1, decimal? C2, decimal? C3)[] rows) =>
        PeerAt(filler, OnTime, rows);

    public static SubmittedForm PeerAt(string filler, DateTimeOffset at, params (string School, decimal? C1, decimal? C2, decimal? C3)[] rows)
    {
        var area = Campaign.AreaOf(filler)!;
        var data = new PeerScoreSheet(filler, area.Id, "2019-05-28", rows.Select((r, i) =>
        {
            decimal?[] scores = [r.C1, r.C2, r.C3];
            decimal? total = scores.All(s => s is not null) ? scores.Sum(s => s!.Value) : null;
            return new PeerScoreRow(r.School, Campaign.FindSchool(r.School)!.Name, 4 + i, scores, total, null, r.School == filler);
        }).ToList());
        return new SubmittedForm(FormKind.PeerScores, area.Id, filler, at, data, rows.All(r => r.C1 is not null && r.C2 is not null && r.C3 is not null));
    }

    /// <summary>A 附件1 about <paramref name="school"/> with the six item scores in order (null: not filled).</summary>
    public static SubmittedForm Evaluation(string school, string author, params decimal?[] items) => EvaluationAt(school, author, OnTime, items);

    public static SubmittedForm EvaluationAt(string school, string author, DateTimeOffset at, params decimal?[] items)
    {
        var scores = items.Select((score, i) => (Number: i + 1, Score: score)).ToDictionary(x => x.Number, x => x.Score);
        // The category sums and total a form carries are left empty on purpose: aggregation recomputes them from the items.
        var data = new EvaluationSheet(school, author, scores, new Dictionary<string, decimal?>(), null, null);
        return new SubmittedForm(FormKind.Evaluation, school, author, at, data, items.All(i => i is not null));
    }

    /// <summary>A 附件5 for one category: one (school, score) per row.</summary>
    public static SubmittedForm Record(string category, string author, params (string School, decimal? Score)[] rows) =>
        RecordAt(category, author, OnTime, rows);

    public static SubmittedForm RecordAt(string category, string author, DateTimeOffset at, params (string School, decimal? Score)[] rows)
    {
        var data = new RecordSheet(author, category, rows.Select((r, i) => new RecordRow(r.School, Campaign.FindSchool(r.School)!.Name, 5 + i, null, r.Score)).ToList());
        return new SubmittedForm(FormKind.Records, category, author, at, data, rows.All(r => r.Score is not null));
    }

    public static SubmittedForm SelfCheck(string school, DateTimeOffset? at = null, bool complete = true) =>
        new(FormKind.SelfCheck, school, school, at ?? new DateTimeOffset(2019, 5, 16, 9, 0, 0, TimeSpan.FromHours(8)),
            new SelfCheckSheet(school, null, null, new SelfCheckManagement(null, null, null, null, null, null, null),
                new SelfCheckFunding(null, null, null), 120, new SelfCheckEthics(null, null), [],
                new SchoolBasedTraining(null, null, null, null), new SchoolBasedTraining(null, null, null, null)),
            complete);

    public static CampaignResults Calculate(params SubmittedForm[] forms) => ResultsCalculator.Calculate(Campaign, forms);

    public static SchoolResult School(this CampaignResults results, string id) => results.Find(id)!;

    public static decimal?[] Scores(IReadOnlyList<CategoryScore>? categories) => categories?.Select(c => c.Score).ToArray() ?? [];

    public static string[] Codes(this SchoolResult result) => result.Flags.Select(f => f.Code).ToArray();

    public static string Message(this SchoolResult result, string code) => result.Flags.Single(f => f.Code == code).Message;
}
