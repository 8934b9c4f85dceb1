using Supervision.Domain.Campaigns;
using Supervision.Domain.Forms;
using Supervision.Domain.Grids;
using Supervision.Domain.Rules;

namespace Supervision.Domain.Tests;

public class SelfCheckParserTests
{
    private static readonly Campaign Seed = YuzhongCampaign.Create();
    private static readonly FormParser Parser = new(Seed);

    /// <summary>附件3 as a school fills the template, written cell by cell at the addresses the paper form has in our sheet.</summary>
    private static Dictionary<string, object?> Filled() => new()
    {
        ["A1"] = "渝中区教师继续教育校本研修自查表",
        ["A2"] = "（2018—2019学年度）",
        ["A3"] = "单位（盖章）：", ["C3"] = "鹅岭小学", ["F3"] = "联系人：", ["G3"] = "王老师", ["I3"] = "联系电话：", ["J3"] = "023-63612345",
        ["A4"] = "组织管理", ["B4"] = "组织机构", ["C4"] = "管理人员", ["D4"] = "管理制度", ["E4"] = "奖惩制度", ["F4"] = "年度校本培训计划",
        ["G4"] = "继教专题会议", ["H4"] = "经费投入（元）", ["J4"] = "校本培训申报表备案情况",
        ["H5"] = "总额", ["I5"] = "人均",
        ["B6"] = "校本研修领导小组", ["C6"] = "教科室 3 人", ["D6"] = "继教管理制度", ["E6"] = "继教考核奖励办法", ["F6"] = "已制定",
        ["G6"] = "4 次", ["H6"] = 52000.0, ["I6"] = 1000.0, ["J6"] = "已备案",
        ["B7"] = "教师人数（补充项）", ["D7"] = 52, ["E7"] = "教职工工资总额（元）（补充项）", ["H7"] = 5_000_000.0,
        ["A8"] = "师德教育", ["B8"] = "师德教育内容、次数及培训人数：", ["D8"] = "师德讲座 2 次，52 人",
        ["B9"] = "师德表现：", ["D9"] = "无违规",
        ["A10"] = "送培情况", ["B10"] = "级别\\项目", ["C10"] = "新教师培训", ["D10"] = "骨干教师培训", ["E10"] = "校(园)长培训",
        ["F10"] = "中层干部培训", ["G10"] = "学科专题培训", ["H10"] = "暑期培训", ["I10"] = "非岗教师培训",
        ["B11"] = "国家、市", ["C11"] = 2, ["D11"] = 3, ["H11"] = 10,
        ["B12"] = "区", ["C12"] = 4, ["I12"] = 1,
        ["A13"] = "校本研修", ["B13"] = "教师全员培训情况",
        ["B14"] = "培训主题、内容、时间及人数", ["E14"] = "主讲人", ["G14"] = "培训效果", ["I14"] = "印证材料",
        ["B15"] = "信息技术 2.0，9 月，52 人", ["E15"] = "李校长", ["G15"] = "良好", ["I15"] = "签到表、简报",
        ["B16"] = "教师培训课程开发情况",
        ["B17"] = "培训内容、次数及人数", ["E17"] = "主讲人", ["G17"] = "培训效果", ["I17"] = "印证材料",
        ["B18"] = "绘本阅读课程，6 次，20 人", ["E18"] = "张老师", ["G18"] = "学生喜欢", ["I18"] = "课程纲要",
    };

    private static Grid Sheet(Dictionary<string, object?> cells, int shiftRows = 0, int shiftColumns = 0) =>
        Grid.FromCells("自查表", cells.Where(c => c.Value is not null)
            .ToDictionary(c => CellAddress.Parse(c.Key).Offset(shiftRows, shiftColumns), c => Grids.Cell(c.Value)));

    private static Grid With(params (string Cell, object? Value)[] changes)
    {
        var cells = Filled();
        foreach (var (cell, value) in changes)
        {
            cells[cell] = value;
        }

        return Sheet(cells);
    }

    private static IEnumerable<(string Code, string? Cell, Severity Severity)> Summary(FormReading reading) =>
        reading.Issues.Select(i => (i.Code, i.Cell, i.Severity));

    [Fact]
    public void AFilledSelfCheckGivesEveryFactTypedAndNoIssues()
    {
        var reading = Parser.Parse(Sheet(Filled()), FormKind.SelfCheck);
        Assert.Empty(reading.Issues);
        Assert.Equal((FormKind.SelfCheck, "s07", "s07"), (reading.Form!.Value, reading.Subject, reading.Author));
        Assert.True(reading.Summary.Complete);
        var data = Assert.IsType<SelfCheckSheet>(reading.Data);
        Assert.Equal(("s07", "王老师", "023-63612345"), (data.SchoolId, data.Contact, data.Phone));
        Assert.Equal(new SelfCheckManagement("校本研修领导小组", "教科室 3 人", "继教管理制度", "继教考核奖励办法", "已制定", "4 次", "已备案"), data.Management);
        Assert.Equal(new SelfCheckFunding(52000m, 1000m, 5_000_000m), data.Funding);
        Assert.Equal(52, data.TeacherCount);
        Assert.Equal(20, data.RecordBooksToCheck);
        Assert.Equal(new SelfCheckEthics("师德讲座 2 次，52 人", "无违规"), data.Ethics);
        Assert.Equal(new SchoolBasedTraining("信息技术 2.0，9 月，52 人", "李校长", "良好", "签到表、简报"), data.AllStaffTraining);
        Assert.Equal(new SchoolBasedTraining("绘本阅读课程，6 次，20 人", "张老师", "学生喜欢", "课程纲要"), data.CourseDevelopment);
        Assert.Equal(14, data.SentTraining.Count);
        Assert.Equal(
        [
            new SentTraining("national-city", "new-teachers", 2),
            new SentTraining("national-city", "key-teachers", 3),
            new SentTraining("national-city", "summer", 10),
            new SentTraining("district", "new-teachers", 4),
            new SentTraining("district", "off-post", 1),
        ], data.SentTraining.Where(s => s.Count is not null));
    }

    [Fact]
    public void SelfCheckIsRecognisedByItsHeadingsWithoutMetadataOrDeclaration()
    {
        var grid = Sheet(Filled());
        Assert.Equal(FormKind.SelfCheck, Parser.Recognise(grid));
        var reading = Parser.Parse(grid);
        Assert.Equal(FormKind.SelfCheck, reading.Form);
        Assert.Empty(reading.Issues);
    }

    [Fact]
    public void TheTemplateLayoutPutsEveryFactWhereTheHandWrittenFormHasIt()
    {
        var layout = SelfCheckLayout.Create(Seed, Seed.FindSchool("s07"));
        (string Key, string Cell)[] expected =
        [
            ("unit", "C3"), ("contact", "G3"), ("phone", "J3"),
            ("organisation", "B6"), ("managers", "C6"), ("regulations", "D6"), ("rewards", "E6"), ("annual-plan", "F6"), ("meetings", "G6"),
            ("funding-total", "H6"), ("funding-per-capita", "I6"), ("filing", "J6"), ("teachers", "D7"), ("payroll", "H7"),
            ("ethics-training", "D8"), ("ethics-conduct", "D9"),
            ("sent.national-city.new-teachers", "C11"), ("sent.national-city.off-post", "I11"), ("sent.district.new-teachers", "C12"),
            ("sent.district.off-post", "I12"),
            ("all-staff.content", "B15"), ("all-staff.speaker", "E15"), ("all-staff.effect", "G15"), ("all-staff.evidence", "I15"),
            ("courses.content", "B18"), ("courses.speaker", "E18"), ("courses.effect", "G18"), ("courses.evidence", "I18"),
        ];
        Assert.All(expected, e => Assert.Equal(e.Cell, layout.Fact(e.Key).ValueCell.ToString()));
        Assert.Equal(3 + 9 + 2 + 2 + 14 + 8, layout.Facts.Count);
        Assert.Equal("鹅岭小学", layout.Fact("unit").Value);
        Assert.Equal("I12:J12", layout.Fact("sent.district.off-post").ValueBox.ToString());
    }

    [Fact]
    public void TheHeadingCarriesTheCampaignsYearAndTheAdditionsAreMarked()
    {
        var captions = SelfCheckLayout.Create(Seed).Captions.Select(c => (c.Text, c.Box.ToString())).ToList();
        Assert.Contains(("（2018—2019学年度）", "A2:J2"), captions);
        Assert.DoesNotContain(captions, c => c.Text.Contains("2017", StringComparison.Ordinal));
        Assert.Contains(("教师人数（补充项）", "B7:C7"), captions);
        Assert.Contains(("教职工工资总额（元）（补充项）", "E7:G7"), captions);
        // Seven kinds over C..J: the paper's unlabeled eighth column is gone.
        Assert.Equal(["C10", "D10", "E10", "F10", "G10", "H10", "I10:J10"],
            captions.Where(c => SelfCheckLayout.SentTrainingKinds.Any(k => k.Label == c.Text)).Select(c => c.Item2));
    }

    [Fact]
    public void EmptyRequiredFactsAreWarningsAndEmptySentTrainingCellsAreNot()
    {
        var reading = Parser.Parse(With(("G3", null), ("B6", null), ("H7", null), ("D9", null), ("G18", null), ("C11", null)));
        Assert.Equal(
        [
            (IssueCodes.SelfCheckMissing, "G3", Severity.Warning),
            (IssueCodes.SelfCheckMissing, "B6", Severity.Warning),
            (IssueCodes.SelfCheckMissing, "H7", Severity.Warning),
            (IssueCodes.SelfCheckMissing, "D9", Severity.Warning),
            (IssueCodes.SelfCheckMissing, "G18", Severity.Warning),
        ], Summary(reading));
        Assert.Contains("“师德表现”", reading.Issues[3].Message, StringComparison.Ordinal);
        Assert.Contains("“教师培训课程开发情况”的“培训效果”", reading.Issues[4].Message, StringComparison.Ordinal);
        Assert.False(reading.Summary.Complete);
        Assert.False(reading.HasErrors);
        var data = Assert.IsType<SelfCheckSheet>(reading.Data);
        Assert.Null(data.Funding.Payroll);
        Assert.Null(data.SentTraining[0].Count);
    }

    [Theory]
    [InlineData("五十", IssueCodes.SelfCheckNotANumber)]
    [InlineData(0, IssueCodes.SelfCheckOutOfRange)]
    [InlineData(-3, IssueCodes.SelfCheckOutOfRange)]
    [InlineData(52.5, IssueCodes.SelfCheckOutOfRange)]
    public void TeacherCountMustBeAPositiveWholeNumber(object written, string code)
    {
        var reading = Parser.Parse(With(("D7", written)));
        Assert.Equal([(code, "D7", Severity.Error)], Summary(reading));
        Assert.Contains("教师人数", reading.Issues[0].Message, StringComparison.Ordinal);
        Assert.Null(Assert.IsType<SelfCheckSheet>(reading.Data).TeacherCount);
    }

    [Theory]
    [InlineData("５２人", 52, 20)]
    [InlineData(100, 100, 30)]
    [InlineData(200, 200, 30)]
    [InlineData(201, 201, 40)]
    public void TeacherCountTypedAsTextCountsAndDecidesHowManyRecordBooksAreChecked(object written, int teachers, int books)
    {
        var reading = Parser.Parse(With(("D7", written), ("I6", 100.0)));
        Assert.Empty(reading.Issues);
        var data = Assert.IsType<SelfCheckSheet>(reading.Data);
        Assert.Equal((teachers, books), (data.TeacherCount, data.RecordBooksToCheck));
    }

    [Fact]
    public void AmountsMustBeNonNegativeNumbers()
    {
        var reading = Parser.Parse(With(("H6", -100.0), ("I6", "很多"), ("H7", "1,200,000元")));
        Assert.Equal(
        [
            (IssueCodes.SelfCheckOutOfRange, "H6", Severity.Error),
            (IssueCodes.SelfCheckNotANumber, "I6", Severity.Error),
        ], Summary(reading));
        Assert.Contains("经费投入总额", reading.Issues[0].Message, StringComparison.Ordinal);
        Assert.Equal(1_200_000m, Assert.IsType<SelfCheckSheet>(reading.Data).Funding.Payroll);
    }

    [Fact]
    public void SentTrainingCountsMustBeWholeNumbers()
    {
        var reading = Parser.Parse(With(("C11", 1.5), ("D12", "两人")));
        Assert.Equal(
        [
            (IssueCodes.SelfCheckOutOfRange, "C11", Severity.Error),
            (IssueCodes.SelfCheckNotANumber, "D12", Severity.Error),
        ], Summary(reading));
        Assert.Contains("送培情况“国家、市”级“新教师培训”", reading.Issues[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(49_999.0, true)]
    [InlineData(50_000.0, false)]
    public void FundingBelowOnePercentOfThePayrollIsAWarning(double funding, bool warned)
    {
        var reading = Parser.Parse(With(("H6", funding)));
        Assert.Equal(warned ? [(IssueCodes.SelfCheckFundingBelowOnePercent, "H6", Severity.Warning)] : [], Summary(reading));
        Assert.False(reading.HasErrors);
        if (warned)
        {
            Assert.Contains("50000", reading.Issues[0].Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AFormPlacedAwayFromA1IsReadWithItsOwnAddresses()
    {
        var cells = Filled();
        cells["D7"] = 0;
        cells["E18"] = null;
        var reading = Parser.Parse(Sheet(cells, shiftRows: 2, shiftColumns: 1));
        Assert.Equal(
        [
            (IssueCodes.SelfCheckOutOfRange, "E9", Severity.Error),
            (IssueCodes.SelfCheckMissing, "F20", Severity.Warning),
        ], Summary(reading));
        Assert.Equal("s07", reading.Subject);
    }

    [Fact]
    public void ValuesWrittenAfterTheLabelInTheSameCellAreRead()
    {
        // The paper form has the label and the writing space in one box: "师德表现：…", "主讲人：…".
        var reading = Parser.Parse(With(("B9", "师德表现：无违规"), ("D9", null), ("E14", "主讲人：李校长"), ("E15", null), ("B7", "教师人数（补充项）：52"), ("D7", null)));
        Assert.Empty(reading.Issues);
        var data = Assert.IsType<SelfCheckSheet>(reading.Data);
        Assert.Equal(("无违规", "李校长", 52), (data.Ethics.Conduct, data.AllStaffTraining.Speaker, data.TeacherCount));
    }

    [Fact]
    public void TheUnitMustBeASchoolOfTheCampaignAndMetadataMayNameIt()
    {
        Assert.Equal([(IssueCodes.HeaderUnknownSchool, "C3", Severity.Error)], Summary(Parser.Parse(With(("C3", "鹅岭中学")))));
        Assert.Equal([(IssueCodes.HeaderSubjectMissing, "C3", Severity.Error)], Summary(Parser.Parse(With(("C3", null)))));

        var reading = Parser.Parse(With(("C3", null)), FormKind.SelfCheck, new FormMetadata(YuzhongCampaign.Id, "self-check", "s07", "s07", "1"));
        Assert.Empty(reading.Issues);
        Assert.Equal("s07", reading.Subject);
    }

    [Fact]
    public void ASheetWithoutTheManagementTableIsNotASelfCheck()
    {
        var grid = Grids.At("自查表", "A1", ["师德表现：", "好"]);
        Assert.Null(Parser.Recognise(grid));
        Assert.Equal([(IssueCodes.FormUnrecognised, "A1", Severity.Error)], Summary(Parser.Parse(grid, FormKind.SelfCheck)));
    }
}
