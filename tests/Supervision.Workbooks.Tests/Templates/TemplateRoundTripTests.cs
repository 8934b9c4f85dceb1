using Supervision.Domain.Forms;
using static Supervision.Workbooks.Tests.Templates.TemplateTestKit;

namespace Supervision.Workbooks.Tests.Templates;

/// <summary>
/// Generate → fill → read back gives the data that was filled in. Each form is filled twice: with ClosedXML at the
/// addresses the layout gives, and with the OpenXml SDK alone at addresses written here by hand from the paper form as
/// the template lays it out. Both must read back to the same hand-written expectation.
/// </summary>
public class TemplateRoundTripTests
{
    // ---------- 附件1 评估表 (鹅岭小学, 彭小琴) ----------

    private static readonly decimal[] ItemScores =
        [2.5m, 2m, 1.5m, 3m, 3m, 2.5m, 4m, 3m, 2m, 3.5m, 5m, 4.5m, 9m, 5m, 4m, 5m, 4.5m, 9.5m, 8m, 3m, 2m, 4m];

    private static EvaluationSheet ExpectedEvaluation() => new(
        "s07",
        "pengxiaoqin@yuzhong.example",
        Enumerable.Range(1, 22).ToDictionary(n => n, n => (decimal?)ItemScores[n - 1]),
        new Dictionary<string, decimal?> { ["c1"] = 9m, ["c2"] = 9.5m, ["c3"] = 8.5m, ["c4"] = 27.5m, ["c5"] = 27m, ["c6"] = 9m },
        Total: 90.5m,
        TypedTotal: 90.5m);

    private static byte[] EvaluationTemplate() => Writer.Evaluation(School("s07"), Inspector);

    [Fact]
    public void AnEvaluationFilledWithClosedXmlReadsBackAsTheScoresTyped()
    {
        var layout = FormLayouts.Evaluation(Seed, School("s07"), "彭小琴");
        var filled = FillWithClosedXml(EvaluationTemplate(), workbook =>
        {
            var sheet = workbook.Worksheet("评估表 鹅岭小学");
            foreach (var (row, score) in layout.Rows.Zip(ItemScores))
            {
                sheet.Cell(row.Row, layout.Column(FormHeadings.ScoreKey).Column).Value = score;
            }
        });

        var (reading, metadata) = ReadBack(filled)["评估表 鹅岭小学"];
        Assert.Equal(new FormMetadata("yuzhong-2018-2019", "evaluation", "s07", "pengxiaoqin@yuzhong.example", "1"), metadata);
        Assert.Empty(reading.Issues);
        Assert.Equal(Describe(ExpectedEvaluation()), Describe(reading.Data));
        Assert.Equal(new FormSummary(22, 22, 22, 0, 0, true), reading.Summary);
    }

    [Fact]
    public void AnEvaluationFilledByAnotherWriterAtThePapersAddressesReadsBackTheSame()
    {
        var filled = OpenXmlFiller.Fill(EvaluationTemplate(), "评估表 鹅岭小学", FilledForms.EvaluationByHand);
        var reading = ReadSheet(filled, "评估表 鹅岭小学");
        Assert.Empty(reading.Issues);
        Assert.Equal(Describe(ExpectedEvaluation()), Describe(reading.Data));
    }

    // ---------- 附件4 评分表 (g1-1, filled by 大田湾小学) ----------

    private static readonly decimal[][] PeerScores =
    [
        [9m, 9.5m, 8m, 28m, 27.5m, 9m],
        [8m, 8m, 8m, 25m, 25m, 8m],
        [10m, 10m, 10m, 30m, 30m, 10m],
        [7.5m, 8.5m, 9m, 26m, 24m, 7m],
        [6m, 7m, 7m, 20m, 21.5m, 6m],
    ];

    private static PeerScoreSheet ExpectedPeerScores()
    {
        (string Id, string Name, decimal Total)[] schools =
            [("s01", "大田湾小学", 91m), ("s02", "红岩小学校", 82m), ("s03", "大坪小学", 100m), ("s04", "解放小学", 82m), ("s05", "人和街小学", 67.5m)];
        return new PeerScoreSheet("s01", "g1-1", "2019-05-28", schools.Select((s, i) =>
            new PeerScoreRow(s.Id, s.Name, 4 + i, PeerScores[i].Select(v => (decimal?)v).ToList(), s.Total, s.Total, s.Id == "s01")).ToList());
    }

    private static byte[] PeerTemplate() => Writer.PeerScores(Area("g1-1"), School("s01"));

    [Fact]
    public void APeerSheetFilledWithClosedXmlReadsBackWithItsSelfRowAndTotals()
    {
        var layout = FormLayouts.PeerScores(Seed, Area("g1-1"), School("s01"));
        var filled = FillWithClosedXml(PeerTemplate(), workbook =>
        {
            var sheet = workbook.Worksheet("评分表 g1-1");
            var date = layout.Fields.Single(f => f.Key == "date").ValueCell;
            sheet.Cell(date.Row, date.Column).SetValue("2019-05-28");
            foreach (var (cell, _) in layout.ScoreCells())
            {
                var row = layout.Rows.First(r => r.Row == cell.Row);
                var category = layout.Columns.First(c => c.Column == cell.Column);
                sheet.Cell(cell.Row, cell.Column).Value = PeerScores[layout.Rows.ToList().IndexOf(row)][Seed.Rubric.Categories.ToList().FindIndex(c => c.Id == category.Key)];
            }
        });

        var (reading, metadata) = ReadBack(filled)["评分表 g1-1"];
        Assert.Equal(new FormMetadata("yuzhong-2018-2019", "peer-scores", "g1-1", "s01", "1"), metadata);
        Assert.Empty(reading.Issues);
        Assert.Equal(Describe(ExpectedPeerScores()), Describe(reading.Data));
    }

    [Fact]
    public void APeerSheetFilledByAnotherWriterAtThePapersAddressesReadsBackTheSame()
    {
        var filled = OpenXmlFiller.Fill(PeerTemplate(), "评分表 g1-1", FilledForms.PeerScoresByHand);
        var reading = ReadSheet(filled, "评分表 g1-1");
        Assert.Empty(reading.Issues);
        Assert.Equal(Describe(ExpectedPeerScores()), Describe(reading.Data));
    }

    // ---------- 附件5 记录表 (彭小琴, 组织管理; groups 1 and 2: 21 schools) ----------

    private static readonly decimal[] RecordScores = [9m, 8.5m, 10m, 7m, 6.5m, 9.5m, 8m, 7.5m, 10m, 9m, 5m, 6m, 8m, 8.5m, 9m, 9.5m, 10m, 7m, 7.5m, 8m, 0m];

    private static RecordSheet ExpectedRecords()
    {
        var notes = new Dictionary<int, string> { [0] = "分工明确，制度齐全", [4] = "经费投入不足 1%", [20] = "未提供资料" };
        var rows = Enumerable.Range(1, 21).Select(n =>
        {
            var id = $"s{n:00}";
            return new RecordRow(id, School(id).Name, 4 + n, notes.GetValueOrDefault(n - 1), RecordScores[n - 1]);
        }).ToList();
        return new RecordSheet("pengxiaoqin@yuzhong.example", "c1", rows);
    }

    private static byte[] RecordsTemplate() => Writer.Records(Category("c1"), Inspector);

    [Fact]
    public void ARecordSheetFilledWithClosedXmlReadsBackWithNotesAndScores()
    {
        var schools = Seed.Groups.Where(g => Inspector.Groups.Contains(g.Number)).SelectMany(g => g.Areas).SelectMany(a => a.Schools).ToList();
        var layout = FormLayouts.Records(Seed, Category("c1"), schools, "彭小琴");
        var notesColumn = layout.Column("notes").Column;
        var filled = FillWithClosedXml(RecordsTemplate(), workbook =>
        {
            var sheet = workbook.Worksheet("记录表 组织管理");
            foreach (var ((cell, _), index) in layout.ScoreCells().Select((c, i) => (c, i)))
            {
                sheet.Cell(cell.Row, cell.Column).Value = RecordScores[index];
            }

            sheet.Cell(layout.Rows[0].Row, notesColumn).SetValue("分工明确，制度齐全");
            sheet.Cell(layout.Rows[4].Row, notesColumn).SetValue("经费投入不足 1%");
            sheet.Cell(layout.Rows[20].Row, notesColumn).SetValue("未提供资料");
        });

        var (reading, metadata) = ReadBack(filled)["记录表 组织管理"];
        Assert.Equal(new FormMetadata("yuzhong-2018-2019", "records", "c1", "pengxiaoqin@yuzhong.example", "1"), metadata);
        Assert.Empty(reading.Issues);
        Assert.Equal(Describe(ExpectedRecords()), Describe(reading.Data));
    }

    [Fact]
    public void ARecordSheetFilledByAnotherWriterAtThePapersAddressesReadsBackTheSame()
    {
        var filled = OpenXmlFiller.Fill(RecordsTemplate(), "记录表 组织管理", FilledForms.RecordsByHand);
        var reading = ReadSheet(filled, "记录表 组织管理");
        Assert.Empty(reading.Issues);
        Assert.Equal(Describe(ExpectedRecords()), Describe(reading.Data));
    }

    // ---------- 附件3 自查表 (鹅岭小学) ----------

    private static SelfCheckSheet ExpectedSelfCheck()
    {
        var counts = new Dictionary<(string, string), int>
        {
            [("national-city", "new-teachers")] = 2, [("national-city", "key-teachers")] = 3, [("national-city", "summer")] = 10,
            [("district", "new-teachers")] = 4, [("district", "off-post")] = 1,
        };
        string[] levels = ["national-city", "district"];
        string[] kinds = ["new-teachers", "key-teachers", "principals", "middle-managers", "subject", "summer", "off-post"];
        return new SelfCheckSheet("s07", "王老师", "023-63612345",
            new SelfCheckManagement("校本研修领导小组", "教科室 3 人", "继教管理制度", "继教考核奖励办法", "已制定", "4 次", "已备案"),
            new SelfCheckFunding(52000m, 1000m, 5_000_000m),
            52,
            new SelfCheckEthics("师德讲座 2 次，52 人", "无违规"),
            levels.SelectMany(l => kinds.Select(k => new SentTraining(l, k, counts.TryGetValue((l, k), out var n) ? n : null))).ToList(),
            new SchoolBasedTraining("信息技术 2.0，9 月，52 人", "李校长", "良好", "签到表、简报"),
            new SchoolBasedTraining("绘本阅读课程，6 次，20 人", "张老师", "学生喜欢", "课程纲要"));
    }

    private static byte[] SelfCheckTemplate() => Writer.SelfCheck(School("s07"));

    [Fact]
    public void ASelfCheckFilledWithClosedXmlReadsBackAsTheFactsTyped()
    {
        var layout = SelfCheckLayout.Create(Seed, School("s07"));
        var values = new Dictionary<string, object>
        {
            ["contact"] = "王老师", ["phone"] = "023-63612345",
            ["organisation"] = "校本研修领导小组", ["managers"] = "教科室 3 人", ["regulations"] = "继教管理制度", ["rewards"] = "继教考核奖励办法",
            ["annual-plan"] = "已制定", ["meetings"] = "4 次", ["funding-total"] = 52000, ["funding-per-capita"] = 1000, ["filing"] = "已备案",
            ["teachers"] = 52, ["payroll"] = 5_000_000,
            ["ethics-training"] = "师德讲座 2 次，52 人", ["ethics-conduct"] = "无违规",
            ["sent.national-city.new-teachers"] = 2, ["sent.national-city.key-teachers"] = 3, ["sent.national-city.summer"] = 10,
            ["sent.district.new-teachers"] = 4, ["sent.district.off-post"] = 1,
            ["all-staff.content"] = "信息技术 2.0，9 月，52 人", ["all-staff.speaker"] = "李校长", ["all-staff.effect"] = "良好", ["all-staff.evidence"] = "签到表、简报",
            ["courses.content"] = "绘本阅读课程，6 次，20 人", ["courses.speaker"] = "张老师", ["courses.effect"] = "学生喜欢", ["courses.evidence"] = "课程纲要",
        };
        var filled = FillWithClosedXml(SelfCheckTemplate(), workbook =>
        {
            var sheet = workbook.Worksheet("自查表 鹅岭小学");
            foreach (var (key, value) in values)
            {
                var cell = sheet.Cell(layout.Fact(key).ValueCell.Row, layout.Fact(key).ValueCell.Column);
                if (value is string text)
                {
                    cell.SetValue(text);
                }
                else
                {
                    cell.Value = value;
                }
            }
        });

        var (reading, metadata) = ReadBack(filled)["自查表 鹅岭小学"];
        Assert.Equal(new FormMetadata("yuzhong-2018-2019", "self-check", "s07", "s07", "1"), metadata);
        Assert.Empty(reading.Issues);
        Assert.True(reading.Summary.Complete);
        Assert.Equal(Describe(ExpectedSelfCheck()), Describe(reading.Data));
    }

    [Fact]
    public void ASelfCheckFilledByAnotherWriterAtThePapersAddressesReadsBackTheSame()
    {
        var filled = OpenXmlFiller.Fill(SelfCheckTemplate(), "自查表 鹅岭小学", FilledForms.SelfCheckByHand);
        var reading = ReadSheet(filled, "自查表 鹅岭小学");
        Assert.Empty(reading.Issues);
        Assert.Equal(Describe(ExpectedSelfCheck()), Describe(reading.Data));
    }

    [Fact]
    public void AnUnfilledTemplateReadsAsIncompleteWithOnlyMissingWarnings()
    {
        foreach (var (bytes, sheet, missing) in new[]
        {
            (EvaluationTemplate(), "评估表 鹅岭小学", 22),
            (PeerTemplate(), "评分表 g1-1", 30),
            (RecordsTemplate(), "记录表 组织管理", 21),
            (SelfCheckTemplate(), "自查表 鹅岭小学", 23),
        })
        {
            var reading = ReadSheet(bytes, sheet);
            Assert.False(reading.HasErrors, sheet);
            Assert.False(reading.Summary.Complete);
            Assert.Equal(missing, reading.Issues.Count);
            Assert.All(reading.Issues, i => Assert.True(i.Code is "score.missing" or "selfcheck.missing", i.Code));
        }
    }
}
