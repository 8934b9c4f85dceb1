using ClosedXML.Excel;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Results;
using Supervision.Workbooks.Reports;
using Spreadsheet = DocumentFormat.OpenXml.Spreadsheet;

namespace Supervision.Workbooks.Tests.Reports;

public sealed class DistrictWorkbookTests
{
    private static readonly Campaign Campaign = ResultsFixture.Seed();
    private static readonly CampaignResults Results = ResultsFixture.Results(Campaign);
    private static readonly byte[] PerArea = new DistrictWorkbookWriter(Campaign).Write(Results, ResultsFixture.ConsolidatedAt);

    private static XLWorkbook Open(byte[] bytes) => new(new MemoryStream(bytes));

    [Fact]
    public void TheFixtureHasFailingSchoolsAMissingFinalAMissingInspectorTotalAndBothKindsOfPeerMean()
    {
        Assert.Equal(ResultsFixture.Failing, Results.Schools.Where(s => s.RequiresRectification).Select(s => s.SchoolId));
        Assert.Null(Results.Find("s30")!.Final);
        Assert.Null(Results.Find("s30")!.Inspector);
        Assert.Null(Results.Find("s44")!.Inspector!.Total);
        Assert.NotNull(Results.Find("s44")!.Inspector!.Categories[0].Score);
        Assert.Contains(Results.Schools, s => s.Peer?.TrimmedMean is not null);
        Assert.Contains(Results.Schools, s => s.Peer is { TrimmedMean: null, Mean: not null });
        Assert.Contains(Results.Schools, s => s.Inspector?.Sources.Count(x => x.CategoryId == "c5") == 3);
        Assert.True(Results.Find("s02")!.HasFlag(FlagCodes.SelfAbovePeers));
    }

    [Fact]
    public void TheWorkbookHasTheSummaryAMatrixPerAreaTheBreakdownFlagsRectificationAndSamplingSheets()
    {
        using var workbook = Open(PerArea);
        string[] expected =
        [
            "汇总", .. Campaign.Areas.Select(a => $"互评 {a.Id}"), "分项", "标记", "整改名单", "记录册抽查",
        ];
        Assert.Equal(expected, workbook.Worksheets.Select(w => w.Name));
        Assert.Equal(11, Campaign.Areas.Count());

        using var combined = Open(new DistrictWorkbookWriter(Campaign, areaSheetLimit: 10).Write(Results, ResultsFixture.ConsolidatedAt));
        Assert.Equal(["汇总", "互评", "分项", "标记", "整改名单", "记录册抽查"], combined.Worksheets.Select(w => w.Name));
        // Every area's block in the one sheet, its rows marked with the area.
        var areaColumn = combined.Worksheet("互评").Column(1).CellsUsed().Select(c => c.GetString()).Where(t => t.StartsWith('g')).Distinct();
        Assert.Equal(Campaign.Areas.Select(a => a.Id), areaColumn);
    }

    [Fact]
    public void SheetsHaveFrozenHeadersFiltersPrintSetupExplicitWidthsAndChineseFonts()
    {
        using var workbook = Open(PerArea);
        var summary = workbook.Worksheet("汇总");
        var last = DistrictWorkbookWriter.HeaderRow + 64;
        Assert.Equal((3, 3), (summary.SheetView.SplitRow, summary.SheetView.SplitColumn));
        Assert.Equal($"A3:Q{last}", summary.AutoFilter.Range.RangeAddress.ToString());
        Assert.Equal("学校", summary.Cell("C3").GetString());
        Assert.Equal("最终得分", summary.Cell("M3").GetString());
        Assert.Equal("宋体", summary.Cell("C4").Style.Font.FontName);
        Assert.Equal("等线", summary.Cell("M4").Style.Font.FontName);
        Assert.Equal(22, summary.Column(3).Width);
        Assert.Equal(XLPageOrientation.Landscape, summary.PageSetup.PageOrientation);
        Assert.Equal(XLPaperSize.A4Paper, summary.PageSetup.PaperSize);
        Assert.Equal((1, 0), (summary.PageSetup.PagesWide, summary.PageSetup.PagesTall));

        foreach (var name in new[] { "分项", "标记", "整改名单", "记录册抽查" })
        {
            var sheet = workbook.Worksheet(name);
            Assert.Equal(3, sheet.SheetView.SplitRow);
            Assert.True(sheet.AutoFilter.IsEnabled, name);
            Assert.StartsWith("A3:", sheet.AutoFilter.Range.RangeAddress.ToString(), StringComparison.Ordinal);
            Assert.Equal(XLPageOrientation.Landscape, sheet.PageSetup.PageOrientation);
        }

        var matrix = workbook.Worksheet("互评 g1-1");
        Assert.Equal((3, 2), (matrix.SheetView.SplitRow, matrix.SheetView.SplitColumn));

        // Print titles are absolute ($3:$3) so LibreOffice repeats them too.
        using var document = SpreadsheetDocument.Open(new MemoryStream(PerArea), false);
        var titles = document.WorkbookPart!.Workbook.Descendants<Spreadsheet.DefinedName>().Where(n => n.Name == "_xlnm.Print_Titles")
            .ToDictionary(n => (int)n.LocalSheetId!.Value, n => n.Text);
        Assert.Equal("汇总!$3:$3", titles[0]);
    }

    [Fact]
    public void TheSummaryHasADataBarOnTheFinalScoreAFailingGradeHighlightAndColourScales()
    {
        using var workbook = Open(PerArea);
        var formats = workbook.Worksheet("汇总").ConditionalFormats.ToList();
        var last = DistrictWorkbookWriter.HeaderRow + 64;
        Assert.Contains(formats, f => f.ConditionalFormatType == XLConditionalFormatType.DataBar && f.Range.RangeAddress.ToString() == $"M4:M{last}");
        Assert.Contains(formats, f => f.ConditionalFormatType == XLConditionalFormatType.CellIs && f.Range.RangeAddress.ToString() == $"N4:N{last}"
            && f.Values.Values.Any(v => v.Value == "\"不合格\""));
        Assert.Contains(formats, f => f.ConditionalFormatType == XLConditionalFormatType.ColorScale && f.Range.RangeAddress.ToString() == $"F4:F{last}");
        Assert.Equal(7, formats.Count(f => f.ConditionalFormatType == XLConditionalFormatType.ColorScale));
        Assert.Contains(workbook.Worksheet("互评 g1-1").ConditionalFormats, f => f.ConditionalFormatType == XLConditionalFormatType.ColorScale);
    }

    [Fact]
    public void OpenXmlValidatorFindsNoErrorInEitherLayout()
    {
        var validator = new OpenXmlValidator(FileFormatVersions.Office2016);
        foreach (var bytes in new[] { PerArea, new DistrictWorkbookWriter(Campaign, areaSheetLimit: 0).Write(Results, ResultsFixture.ConsolidatedAt) })
        {
            using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
            var errors = validator.Validate(document).Select(e => $"{e.Description} at {e.Path?.XPath} in {e.Part?.Uri}").ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
        }
    }

    [Fact]
    public void TheCachedFormulaResultsClosedXmlSavedAreTheResultsNumbers()
    {
        var (mismatches, formulas) = DistrictExpectations.Compare(Campaign, Results, WorkbookCells.Read(PerArea), sheetPerArea: true);

        Assert.Empty(mismatches);
        Assert.True(formulas > 1000, $"only {formulas} formula cells compared");
    }

    [Fact]
    public void TheSummaryUsesFormulasOverExactSourcesAndKeepsNullsEmpty()
    {
        using var workbook = Open(PerArea);
        var summary = workbook.Worksheet("汇总");
        var s01 = DistrictWorkbookWriter.HeaderRow + 1;
        Assert.Equal("ROUND(AVERAGE('分项'!F4:H4)+AVERAGE('分项'!F5:H5)+AVERAGE('分项'!F6:H6)+AVERAGE('分项'!F7:H7)+AVERAGE('分项'!F8:H8)+AVERAGE('分项'!F9:H9),2)",
            summary.Cell(s01, 13).FormulaA1);
        Assert.Equal("'分项'!I10", summary.Cell(s01, 12).FormulaA1);
        Assert.Equal($"IF(ISNUMBER(M{s01}),COUNTIF($M$4:$M$67,\">\"&M{s01})+1,\"\")", summary.Cell(s01, 16).FormulaA1);
        Assert.Equal($"IF(ISNUMBER(M{s01}),COUNTIFS($B$4:$B$67,B{s01},$M$4:$M$67,\">\"&M{s01})+1,\"\")", summary.Cell(s01, 15).FormulaA1);
        Assert.Equal($"IF(ISNUMBER(M{s01}),IF(M{s01}>=90,\"优秀\",IF(M{s01}>=80,\"良好\",IF(M{s01}>=60,\"合格\",IF(M{s01}>=0,\"不合格\",\"\")))),\"\")",
            summary.Cell(s01, 14).FormulaA1);

        var s30 = summary.Column(3).CellsUsed().Single(c => c.GetString() == Campaign.FindSchool("s30")!.Name).Address.RowNumber;
        Assert.False(summary.Cell(s30, 13).HasFormula);
        Assert.True(summary.Cell(s30, 13).IsEmpty());
        Assert.Equal("", summary.Cell(s30, 14).GetString());

        var matrix = workbook.Worksheet("互评 g1-1");
        var trimmed = matrix.Column(2).CellsUsed().Single(c => c.GetString() == "去掉最高最低后均值").Address.RowNumber;
        Assert.Equal("IF(COUNT('互评 g1-1'!C4:C8)>=5,ROUND((SUM('互评 g1-1'!C4:C8)-MAX('互评 g1-1'!C4:C8)-MIN('互评 g1-1'!C4:C8))/(COUNT('互评 g1-1'!C4:C8)-2),2),\"\")",
            matrix.Cell(trimmed, 3).FormulaA1);
    }

    [Fact]
    public void TheRectificationListNamesExactlyTheFailingSchoolsWithTheirWeakestItems()
    {
        using var workbook = Open(PerArea);
        var sheet = workbook.Worksheet("整改名单");
        var names = sheet.Column(3).CellsUsed().Skip(1).Select(c => c.GetString()).ToList();
        Assert.Equal(ResultsFixture.Failing.Select(id => Campaign.FindSchool(id)!.Name), names.Skip(names.IndexOf("学校") + 1));
        var s05 = Results.Find("s05")!;
        var weakest = WeakestItems.Of(Campaign, s05);
        Assert.Equal(3, weakest.Count);
        Assert.Contains($"第{weakest[0].Item.Number}项", sheet.Cell(4, 7).GetString(), StringComparison.Ordinal);
        Assert.Equal(s05.Final!.Value, (decimal)sheet.Cell(4, 4).GetDouble());
        Assert.Equal("不合格", sheet.Cell(4, 5).GetString());
    }

    [Fact]
    public void TheSamplingSheetShowsTheDrawAndTheNumberOfBooksByFormula()
    {
        using var workbook = Open(PerArea);
        var sheet = workbook.Worksheet("记录册抽查");
        // s01: 49 teachers → 20 books; s40: 205 → 40.
        var s01 = Results.Find("s01")!;
        var draw = RecordBookSampling.Draw(Campaign.Id, "s01", s01.SelfCheck)!;
        Assert.Equal((49, 20.0, 20.0), (sheet.Cell(4, 4).GetValue<int>(), sheet.Cell(4, 5).GetDouble(), sheet.Cell(4, 6).GetDouble()));
        Assert.Equal(string.Join("、", draw.TeacherNumbers), sheet.Cell(4, 7).GetString());
        Assert.Equal($"{Campaign.Id}|s01", sheet.Cell(4, 8).GetString());
        Assert.Equal("IF(ISNUMBER(D4),IF(D4>200,40,IF(D4>=100,30,20)),\"\")", sheet.Cell(4, 5).FormulaA1);
        Assert.Equal(40.0, sheet.Cell(43, 5).GetDouble());
    }
}
