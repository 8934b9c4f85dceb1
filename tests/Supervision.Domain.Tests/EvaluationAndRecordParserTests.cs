using Supervision.Domain.Campaigns;
using Supervision.Domain.Forms;
using Supervision.Domain.Grids;
using Supervision.Domain.Rules;

namespace Supervision.Domain.Tests;

public class EvaluationParserTests
{
    private static readonly Campaign Seed = YuzhongCampaign.Create();
    private static readonly FormParser Parser = new(Seed);

    private static Grid Filled(Func<LayoutRow, object?> score) =>
        Grids.Render(FormLayouts.Evaluation(Seed, Seed.FindSchool("s07")!, "彭小琴"), score);

    [Fact]
    public void AFullyScoredEvaluationGivesItemCategoryAndTotalScores()
    {
        var reading = Parser.Parse(Filled(r => (double)r.Max!.Value));
        Assert.Empty(reading.Issues);
        Assert.Equal((FormKind.Evaluation, "s07", "pengxiaoqin@yuzhong.example"), (reading.Form!.Value, reading.Subject, reading.Author));
        var data = Assert.IsType<EvaluationSheet>(reading.Data);
        Assert.Equal(22, data.ItemScores.Count);
        Assert.Equal(100m, data.Total);
        Assert.Equal(30m, data.CategoryScores["c4"]);
        Assert.Equal(new FormSummary(22, 22, 22, 0, 0, true), reading.Summary);
    }

    [Fact]
    public void ItemScoresAreBoundedByTheItemWeightAndNamedByItem()
    {
        // Item 2 weighs 2: 2.5 is out of range; item 13 weighs 10: 10 is fine.
        var reading = Parser.Parse(Filled(r => r.Key switch { "2" => 2.5, "13" => 10.0, "22" => null, _ => 1.0 }));
        Assert.Equal(
        [
            (IssueCodes.ScoreOutOfRange, "E5", Severity.Error),
            (IssueCodes.ScoreMissing, "E25", Severity.Warning),
        ], reading.Issues.Select(i => (i.Code, i.Cell, i.Severity)));
        Assert.Contains("“鹅岭小学”第 2 项（组织管理）", reading.Issues[0].Message, StringComparison.Ordinal);
        var data = Assert.IsType<EvaluationSheet>(reading.Data);
        Assert.Null(data.CategoryScores["c1"]);
        Assert.Null(data.CategoryScores["c6"]);
        Assert.Equal(4m + 10m, data.CategoryScores["c4"]);
        Assert.Null(data.Total);
    }

    [Fact]
    public void TypedTotalIsComparedWithTheSumOfItems()
    {
        var layout = FormLayouts.Evaluation(Seed, Seed.FindSchool("s07")!);
        var grid = Grids.Render(layout, _ => 1.0);
        var cells = grid.Cells().ToDictionary(c => c.Address, c => c.Value);
        cells[layout.TotalCell!.Value] = CellValue.FromNumber(23);
        var reading = Parser.Parse(Grid.FromCells("表", cells));
        Assert.Equal([(IssueCodes.TotalMismatch, "E26", Severity.Warning)], reading.Issues.Select(i => (i.Code, i.Cell, i.Severity)));
        Assert.Equal(22m, Assert.IsType<EvaluationSheet>(reading.Data).Total);
    }

    [Fact]
    public void AMissingItemRowAndAMissingSchoolAreErrors()
    {
        var layout = FormLayouts.Evaluation(Seed, Seed.FindSchool("s07")!);
        var cells = Grids.Render(layout, _ => 1.0).Cells()
            .Where(c => c.Address.Row != layout.Rows.Single(r => r.Key == "5").Row && c.Address != layout.Fields[0].ValueCell)
            .ToDictionary(c => c.Address, c => c.Value);
        var reading = Parser.Parse(Grid.FromCells("表", cells));
        Assert.Equal(
        [
            (IssueCodes.HeaderSubjectMissing, "B2", Severity.Error),
            (IssueCodes.RowItemMissing, "B8", Severity.Error),
        ], reading.Issues.Select(i => (i.Code, i.Cell, i.Severity)));
    }
}

public class RecordParserTests
{
    private static readonly Campaign Seed = YuzhongCampaign.Create();
    private static readonly FormParser Parser = new(Seed);

    [Fact]
    public void ARecordSheetIsScoredAgainstItsCategoryMaximum()
    {
        var category = Seed.Rubric.FindCategory("c4")!;
        var schools = Seed.Groups[0].Areas.SelectMany(a => a.Schools).ToList();
        var grid = Grids.Render(FormLayouts.Records(Seed, category, schools, "彭小琴"), r => r.Key switch { "s02" => 30.5, "s03" => null, _ => 25.0 });
        var reading = Parser.Parse(grid);
        Assert.Equal((FormKind.Records, "c4", "pengxiaoqin@yuzhong.example"), (reading.Form!.Value, reading.Subject, reading.Author));
        Assert.Equal(
        [
            (IssueCodes.ScoreOutOfRange, "C6", Severity.Error),
            (IssueCodes.ScoreMissing, "C7", Severity.Warning),
        ], reading.Issues.Select(i => (i.Code, i.Cell, i.Severity)));
        var data = Assert.IsType<RecordSheet>(reading.Data);
        Assert.Equal(10, data.Rows.Count);
        Assert.Equal(25m, data.Rows[0].Score);
    }

    [Theory]
    [InlineData("活动组织", "c4", null)]
    [InlineData("活动组织（30分）", "c4", null)]
    [InlineData("C5", "c5", null)]
    [InlineData("课堂教学", null, IssueCodes.HeaderUnknownCategory)]
    [InlineData(null, null, IssueCodes.HeaderSubjectMissing)]
    public void TheRatedCategoryIsReadFromTheHeader(string? written, string? category, string? code)
    {
        var grid = Grids.At("记录表", "A1",
            ["填写人：", "陈郁兰"],
            ["评价项目：", written],
            ["学校", "情况记录", "评分"],
            ["巴蜀幼儿园", "资料齐全", 8]);
        var reading = Parser.Parse(grid);
        Assert.Equal(category, reading.Subject);
        Assert.Equal(code is null ? [] : [(code, "B2")], reading.Issues.Select(i => (i.Code, i.Cell)));
    }

    [Fact]
    public void UnknownAndRepeatedSchoolsAreRefused()
    {
        var grid = Grids.At("记录表", "A1",
            ["填写人：陈郁兰", null, "评价项目：组织管理"],
            ["学校", "情况记录", "评分"],
            ["巴蜀幼儿园", "", 8],
            ["巴蜀幼儿园", "", 8],
            ["鼓楼人和街小学", "观摩单位", 8],
            [null, "没有学校", null]);
        var reading = Parser.Parse(grid);
        Assert.Equal(
        [
            (IssueCodes.RowDuplicateSchool, "A4"),
            (IssueCodes.RowUnknownSchool, "A5"),
            (IssueCodes.RowUnknownSchool, "A6"),
        ], reading.Issues.Select(i => (i.Code, i.Cell)));
    }
}

public class LayoutTests
{
    /// <summary>A revised rubric: five categories of 20, three items each (7, 7, 6).</summary>
    private static Campaign FiveCategories()
    {
        var seed = YuzhongCampaign.Create();
        var number = 0;
        var categories = Enumerable.Range(1, 5).Select(c => new RubricCategory($"c{c}", $"类别{c}", 20m,
            [new RubricItem(++number, $"内容{number}", "查看资料", 7m), new RubricItem(++number, $"内容{number}", "查看档案", 7m), new RubricItem(++number, $"内容{number}", "听汇报", 6m)])).ToList();
        return seed with { Rubric = new Rubric(categories) };
    }

    [Fact]
    public void SeedPeerLayoutHasOneColumnPerCategoryWithItsMaximum()
    {
        var seed = YuzhongCampaign.Create();
        var layout = FormLayouts.PeerScores(seed, seed.FindArea("g5-2")!);
        Assert.Equal(["学校", "组织管理10分", "研修计划10分", "制度建设10分", "活动组织30分", "研修效果30分", "亮点特色10分", "总评分"],
            layout.Columns.Select(c => c.Heading));
        Assert.Equal(8, layout.Rows.Count);
        Assert.Equal(48, layout.ScoreCells().Count());
        Assert.Equal("g5-2", layout.Fields.Single(f => f.Label == "片区编号").Value);
    }

    [Fact]
    public void LayoutsFollowARubricWithFiveCategories()
    {
        var campaign = FiveCategories();
        Assert.Empty(RubricRules.Check(campaign.Rubric));
        var area = campaign.FindArea("g1-1")!;

        var peer = FormLayouts.PeerScores(campaign, area);
        Assert.Equal(["学校", "类别120分", "类别220分", "类别320分", "类别420分", "类别520分", "总评分"], peer.Columns.Select(c => c.Heading));
        Assert.All(peer.ScoreCells(), c => Assert.Equal(20m, c.Max));

        var evaluation = FormLayouts.Evaluation(campaign, area.Schools[0]);
        Assert.Equal(15, evaluation.Rows.Count);
        Assert.Equal(new CellAddress(19, 5), evaluation.TotalCell);

        var records = FormLayouts.Records(campaign, campaign.Rubric.Categories[4], area.Schools);
        Assert.All(records.ScoreCells(), c => Assert.Equal(20m, c.Max));
    }

    [Fact]
    public void TheParserReadsFiveCategorySheetsAndRefusesSixCategoryOnes()
    {
        var campaign = FiveCategories();
        var parser = new FormParser(campaign);
        var area = campaign.FindArea("g1-1")!;
        var reading = parser.Parse(Grids.PeerSheet(campaign, area, area.Schools[1], (_, i) => i == 4 ? 20.5 : 15.0, _ => null));
        Assert.Equal(5, reading.Issues.Count);
        Assert.All(reading.Issues, i => Assert.Equal((IssueCodes.ScoreOutOfRange, "F"), (i.Code, i.Cell![..1])));
        Assert.Equal(5, Assert.IsType<PeerScoreSheet>(reading.Data).Rows[0].Scores.Count);

        var seedSheet = Grids.PeerSheet(YuzhongCampaign.Create(), area, area.Schools[1]);
        Assert.Equal(IssueCodes.FormUnrecognised, Assert.Single(parser.Parse(seedSheet, FormKind.PeerScores).Issues).Code);

        var evaluation = parser.Parse(Grids.Render(FormLayouts.Evaluation(campaign, area.Schools[0]), r => (double)r.Max!.Value));
        Assert.Empty(evaluation.Issues);
        Assert.Equal(100m, Assert.IsType<EvaluationSheet>(evaluation.Data).Total);
    }

    [Fact]
    public void EveryAreaLayoutRoundTripsThroughTheParser()
    {
        var seed = YuzhongCampaign.Create();
        var parser = new FormParser(seed);
        foreach (var area in seed.Areas)
        {
            var layout = FormLayouts.PeerScores(seed, area, area.Schools[^1]);
            var reading = parser.Parse(Grids.Render(layout, _ => 5.0));
            Assert.Empty(reading.Issues);
            Assert.Equal((area.Id, area.Schools[^1].Id), (reading.Subject, reading.Author));
            Assert.Equal(area.Schools.Select(s => s.Id), Assert.IsType<PeerScoreSheet>(reading.Data).Rows.Select(r => r.SchoolId));
        }
    }
}
