using Supervision.Domain.Campaigns;
using Supervision.Domain.Forms;
using Supervision.Domain.Grids;
using Supervision.Domain.Rules;

namespace Supervision.Domain.Tests;

public class PeerScoreParserTests
{
    private static readonly Campaign Seed = YuzhongCampaign.Create();
    private static readonly Area G11 = Seed.FindArea("g1-1")!;
    private static readonly School Datianwan = Seed.FindSchool("s01")!;
    private static readonly FormParser Parser = new(Seed);

    private static IEnumerable<(string Code, string? Cell, Severity Severity)> Summary(FormReading reading) =>
        reading.Issues.Select(i => (i.Code, i.Cell, i.Severity));

    [Fact]
    public void ACompleteSheetHasNoIssuesAndItsRowsTotalsAndSelfRow()
    {
        var reading = Parser.Parse(Grids.PeerSheet(Seed, G11, Datianwan), FormKind.PeerScores);
        Assert.Empty(reading.Issues);
        Assert.Equal((FormKind.PeerScores, "g1-1", "s01"), (reading.Form!.Value, reading.Subject, reading.Author));
        var data = Assert.IsType<PeerScoreSheet>(reading.Data);
        Assert.Equal(["s01", "s02", "s03", "s04", "s05"], data.Rows.Select(r => r.SchoolId));
        Assert.All(data.Rows, r => Assert.Equal(94m, r.Total));
        Assert.Equal([true, false, false, false, false], data.Rows.Select(r => r.IsSelf));
        Assert.Equal(new FormSummary(5, 30, 30, 0, 0, true), reading.Summary);
    }

    [Fact]
    public void FormIsRecognisedByItsHeadingsWithoutMetadataOrDeclaration()
    {
        var reading = Parser.Parse(Grids.PeerSheet(Seed, G11, Datianwan));
        Assert.Equal(FormKind.PeerScores, reading.Form);
        Assert.Empty(reading.Issues);
    }

    [Fact]
    public void HandTypedNamesWithSpacesAndFullWidthDigitsStillMatch()
    {
        var area = Seed.FindArea("g3-1")!;
        var grid = Grids.PeerSheet(Seed, area, area.Schools[0]);
        var rows = Enumerable.Range(grid.FirstRow, grid.RowCount)
            .Select(r => Enumerable.Range(1, grid.ColumnCount).Select(c => grid[r, c]).ToArray()).ToArray();
        rows[7][0] = CellValue.FromText(" ７７１００ 幼儿园 ");
        var reading = Parser.Parse(new Grid("评分表", CellAddress.A1, rows));
        Assert.Empty(reading.Issues);
    }

    [Fact]
    public void EmptyScoresAreWarningsAndTheSheetIsIncomplete()
    {
        var grid = Grids.PeerSheet(Seed, G11, Datianwan, (s, i) => s.Id == "s03" && i == 5 ? null : 5.0, _ => null);
        var reading = Parser.Parse(grid);
        Assert.Equal([(IssueCodes.ScoreMissing, "G6", Severity.Warning)], Summary(reading));
        Assert.False(reading.Summary.Complete);
        Assert.False(reading.HasErrors);
        var data = Assert.IsType<PeerScoreSheet>(reading.Data);
        Assert.Null(data.Rows[2].Total);
        Assert.Equal(30m, data.Rows[0].Total);
    }

    [Fact]
    public void TypedTotalThatDisagreesIsAWarningAndTheRecomputedTotalCounts()
    {
        var grid = Grids.PeerSheet(Seed, G11, Datianwan, total: s => s.Id == "s02" ? 90.0 : "");
        var reading = Parser.Parse(grid);
        var issue = Assert.Single(reading.Issues);
        Assert.Equal((IssueCodes.TotalMismatch, "H5", Severity.Warning), (issue.Code, issue.Cell, issue.Severity));
        Assert.Contains("红岩小学校", issue.Message, StringComparison.Ordinal);
        Assert.Equal(94m, Assert.IsType<PeerScoreSheet>(reading.Data).Rows[1].Total);
    }

    [Fact]
    public void ATotalThatIsNotANumberIsAWarning()
    {
        var reading = Parser.Parse(Grids.PeerSheet(Seed, G11, Datianwan, total: s => s.Id == "s05" ? "九十四" : 94.0));
        Assert.Equal([(IssueCodes.TotalMismatch, "H8", Severity.Warning)], Summary(reading));
    }

    [Fact]
    public void ScoresAreCheckedAgainstEachCategoryMaximumAndTheStep()
    {
        var grid = Grids.PeerSheet(Seed, G11, Datianwan, (s, i) => (s.Id, i) switch
        {
            ("s01", 0) => 10.5,
            ("s02", 3) => 30.0,
            ("s02", 4) => 30.5,
            ("s03", 5) => -1.0,
            ("s04", 1) => 2.25,
            ("s05", 2) => "abc",
            _ => 5.0,
        }, _ => null);
        var reading = Parser.Parse(grid);
        Assert.Equal(
        [
            (IssueCodes.ScoreOutOfRange, "B4", Severity.Error),
            (IssueCodes.ScoreOutOfRange, "F5", Severity.Error),
            (IssueCodes.ScoreOutOfRange, "G6", Severity.Error),
            (IssueCodes.ScoreOffStep, "C7", Severity.Error),
            (IssueCodes.ScoreNotANumber, "D8", Severity.Error),
        ], Summary(reading));
        Assert.Contains("“大田湾小学”的“组织管理”", reading.Issues[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RowsMustBeExactlyTheAreasSchools()
    {
        var grid = Grids.At("评分表", "A1",
            ["填写学校：大田湾小学", null, null, "片区编号：g1-1"],
            ["学校", "组织管理10分", "研修计划10分", "制度建设10分", "活动组织30分", "研修效果30分", "亮点特色10分", "总评分"],
            ["大田湾小学", 9, 9, 9, 29, 29, 9, 94],
            ["红岩幼儿园", 9, 9, 9, 29, 29, 9, 94],
            ["马家堡小学", 9, 9, 9, 29, 29, 9, 94],
            ["大田湾小学", 9, 9, 9, 29, 29, 9, 94],
            [null, 9],
            ["大坪小学", 9, 9, 9, 29, 29, 9, 94],
            ["解放小学", 9, 9, 9, 29, 29, 9, 94],
            [],
            ["注：填报学校为本学校的评分视为自评分。"]);
        var reading = Parser.Parse(grid);
        Assert.Equal(
        [
            (IssueCodes.RowUnknownSchool, "A4", Severity.Error),
            (IssueCodes.RowUnknownSchool, "A5", Severity.Error),
            (IssueCodes.RowDuplicateSchool, "A6", Severity.Error),
            (IssueCodes.RowUnknownSchool, "A7", Severity.Error),
            (IssueCodes.RowMissingSchool, "A10", Severity.Error),
            (IssueCodes.RowMissingSchool, "A10", Severity.Error),
        ], Summary(reading));
        Assert.Contains("红岩小学校", reading.Issues[^2].Message, StringComparison.Ordinal);
        Assert.Contains("人和街小学", reading.Issues[^1].Message, StringComparison.Ordinal);
        Assert.Contains("g1-2", reading.Issues[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFillingSchoolsOwnRowMustBePresent()
    {
        var grid = Grids.At("评分表", "A1",
            ["填写学校：", "红岩小学校"],
            ["学校", "组织管理10分", "研修计划10分", "制度建设10分", "活动组织30分", "研修效果30分", "亮点特色10分", "总评分"],
            ["大田湾小学", 9, 9, 9, 29, 29, 9, 94],
            ["大坪小学", 9, 9, 9, 29, 29, 9, 94],
            ["解放小学", 9, 9, 9, 29, 29, 9, 94],
            ["人和街小学", 9, 9, 9, 29, 29, 9, 94]);
        var reading = Parser.Parse(grid);
        Assert.Equal([(IssueCodes.RowOwnSchoolMissing, "A7", Severity.Error)], Summary(reading));
        Assert.Equal(("g1-1", "s02"), (reading.Subject, reading.Author));
    }

    [Fact]
    public void HeaderBlockIsCheckedForTheFillingSchoolAndArea()
    {
        static Grid WithHeader(params object?[] header) => Grids.At("评分表", "A1",
            header,
            ["学校", "组织管理10分", "研修计划10分", "制度建设10分", "活动组织30分", "研修效果30分", "亮点特色10分", "总评分"],
            ["大田湾小学", 9, 9, 9, 29, 29, 9, 94]);

        Assert.Equal([(IssueCodes.HeaderAuthorMissing, "B1", Severity.Error)],
            Summary(Parser.Parse(WithHeader("填写学校：", null, "片区编号：", "g1-1"))).Take(1));
        Assert.Equal([(IssueCodes.HeaderUnknownSchool, "B1", Severity.Error), (IssueCodes.RowMissingSchool, "A4", Severity.Error)],
            Summary(Parser.Parse(WithHeader("填写学校：", "红岩小学", "片区编号：", "g1-1"))).Take(2));
        Assert.Equal([(IssueCodes.HeaderUnknownArea, "C1", Severity.Error)],
            Summary(Parser.Parse(WithHeader("填写学校：", "大田湾小学", "片区编号：g9-9"))).Take(1));
        Assert.Equal([(IssueCodes.HeaderAreaMismatch, "D1", Severity.Error)],
            Summary(Parser.Parse(WithHeader("填写学校：", "大田湾小学", "片区编号：", "g1-2"))).Take(1));
    }

    [Fact]
    public void MetadataFromTheAddInFillsAnEmptyHeaderBlock()
    {
        var grid = Grids.At("Sheet1", "C5",
            ["学校", "组织管理10分", "研修计划10分", "制度建设10分", "活动组织30分", "研修效果30分", "亮点特色10分", "总评分"],
            ["大田湾小学", 9, 9, 9, 29, 29, 9, 94],
            ["红岩小学校", 9, 9, 9, 29, 29, 9, 94],
            ["大坪小学", 9, 9, 9, 29, 29, 9, 94],
            ["解放小学", 9, 9, 9, 29, 29, 9, 94],
            ["人和街小学", 9, 9, 9, 29, 29, 9, 94]);
        var reading = Parser.Parse(grid, FormKind.PeerScores, new FormMetadata(YuzhongCampaign.Id, "peer-scores", "g1-1", "s03", "1"));
        Assert.Empty(reading.Issues);
        Assert.Equal(("g1-1", "s03"), (reading.Subject, reading.Author));
        Assert.True(Assert.IsType<PeerScoreSheet>(reading.Data).Rows[2].IsSelf);
    }

    [Fact]
    public void AFormOfAnotherCampaignIsRefusedWhole()
    {
        var reading = Parser.Parse(Grids.PeerSheet(Seed, G11, Datianwan), null, new FormMetadata("yuzhong-2017-2018", "peer-scores", null, null, null));
        Assert.Equal([(IssueCodes.FormOtherCampaign, "A1", Severity.Error)], Summary(reading));
        Assert.Null(reading.Data);
    }

    [Fact]
    public void DeclaredFormThatContradictsTheMetadataIsRefused()
    {
        var reading = Parser.Parse(Grids.PeerSheet(Seed, G11, Datianwan), FormKind.Evaluation, new FormMetadata(null, "peer-scores", null, null, null));
        Assert.Equal([(IssueCodes.FormKindMismatch, "A1", Severity.Error)], Summary(reading));
    }

    [Fact]
    public void AGridWithoutRecognisableHeadingsIsRefusedWithTheReason()
    {
        var grid = Grids.At("随便", "B2", ["姓名", "成绩"], ["张三", 90]);
        var reading = Parser.Parse(grid);
        Assert.Equal([(IssueCodes.FormUnrecognised, "B2", Severity.Error)], Summary(reading));
        Assert.Null(reading.Form);
        Assert.Equal([(IssueCodes.FormUnrecognised, "B2", Severity.Error)], Summary(Parser.Parse(grid, FormKind.PeerScores)));
    }

    [Fact]
    public void TheScheduleIsNotAScoreSheet()
    {
        var reading = Parser.Parse(Grids.At("安排表", "A1", ["组号", "学  校", "地点", "时间"]), FormKind.Schedule);
        Assert.Equal([(IssueCodes.FormUnsupported, "A1", Severity.Error)], Summary(reading));
        Assert.Null(reading.Data);
    }
}
