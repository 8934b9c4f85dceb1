using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Supervision.Domain.Forms;
using Supervision.Domain.Grids;
using Supervision.Domain.Rules;
using Supervision.Workbooks.Reading;
using Xunit.Abstractions;
using static Supervision.Workbooks.Tests.Reading.TestUploads;

namespace Supervision.Workbooks.Tests.Reading;

public class FormulaReadingTests
{
    private static Grid OnlyGrid(byte[] upload, UploadLimits? limits = null)
    {
        var reading = WorkbookReader.Read(upload, limits);
        Assert.Null(reading.Refusal);
        return reading.Sheets[0].Grid;
    }

    private static string SheetXml(byte[] workbook, string part = "xl/worksheets/sheet1.xml")
    {
        using var zip = new ZipArchive(new MemoryStream(workbook), ZipArchiveMode.Read);
        using var reader = new StreamReader(zip.GetEntry(part)!.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [Fact]
    public void AnOpenpyxlWorkbookWithSumFormulasAndNoSavedResultsReadsTheRightTotals()
    {
        var area = Seed.FindArea("g1-2")!;
        var categories = Seed.Rubric.Categories;
        double[] first = [8, 9, 7.5, 10, 6];
        var data = new
        {
            title = Seed.FormTitles.PeerScores,
            filler = "鹅岭小学",
            area = area.Id,
            headings = new[] { FormHeadings.School }.Concat(categories.Select(FormHeadings.PeerCategory)).Append(FormHeadings.PeerTotal),
            schools = area.Schools.Select((s, i) => new { name = s.Name, first = first[i], others = categories.Skip(1).Select(c => (double)(c.Max - 1)) }),
            footnote = FormHeadings.PeerFootnote,
        };
        // The first category is typed on a helper sheet and referenced from the form: a reference to another sheet is
        // the case ClosedXML 0.95.4 answers with the empty saved result unless the cell is invalidated first.
        var upload = ExternalTools.Openpyxl($$"""
            import json, sys, openpyxl
            data = json.loads('''{{JsonSerializer.Serialize(data)}}''')
            wb = openpyxl.Workbook()
            ws = wb.active
            ws.title = "评分表"
            helper = wb.create_sheet("打分")
            ws["A1"] = data["title"]
            ws["A2"] = "填写学校："
            ws["B2"] = data["filler"]
            ws["D2"] = "片区编号："
            ws["E2"] = data["area"]
            for i, heading in enumerate(data["headings"]):
                ws.cell(3, i + 1, heading)
            for i, school in enumerate(data["schools"]):
                row = 4 + i
                ws.cell(row, 1, school["name"])
                helper.cell(i + 1, 1, school["name"])
                helper.cell(i + 1, 2, school["first"])
                ws.cell(row, 2, "='打分'!B%d" % (i + 1))
                for j, score in enumerate(school["others"]):
                    ws.cell(row, 3 + j, score)
                ws.cell(row, 8, "=SUM(B%d:G%d)" % (row, row))
            ws.cell(4 + len(data["schools"]), 1, data["footnote"])
            wb.save(sys.argv[1])
            """);
        // The file really has no saved results: the SUM has an empty <v>.
        Assert.Matches(new Regex("<f>SUM\\(B4:G4\\)</f>(<v></v>|<v\\s*/>|</c>)"), SheetXml(upload));

        var check = WorkbookChecker.Check(upload, Seed);

        var reading = Assert.Single(check.Forms);
        Assert.Equal(("g1-2", "s07", 0, true), (reading.Subject, reading.Author, reading.Issues.Count, reading.Summary.Complete));
        var rows = ((PeerScoreSheet)reading.Data!).Rows;
        Assert.Equal([93m, 94m, 92.5m, 95m, 91m], rows.Select(r => r.TypedTotal));
        Assert.Equal([93m, 94m, 92.5m, 95m, 91m], rows.Select(r => r.Total));
        Assert.Equal([8m, 9m, 7.5m, 10m, 6m], rows.Select(r => r.Scores[0]));
    }

    [Fact]
    public void AWorkbookResavedByLibreOfficeReadsExactlyAsTheOriginal()
    {
        using var workbook = new XLWorkbook();
        AddPeerSheet(workbook, "评分表-会议室", "g1-1", "s01", (s, c) => c.Id == "c3" && s.Id == "s03" ? 7.5 : (double)(c.Max - 2));
        workbook.AddWorksheet("说明").Cell("A1").SetValue("0012");
        AddPeerSheet(workbook, "评分表-4-1", "g1-2", "s07", (s, c) => c.Id == "c4" && s.Id == "s09" ? 31 : (double)(c.Max - 1));
        MetadataSheet.Write(workbook, [("评分表-会议室", PeerMetadata("g1-1", "s01")), ("评分表-4-1", PeerMetadata("g1-2", "s07"))]);
        // Saved without results: the original's totals come from our recalculation, LibreOffice's from its own.
        var original = Save(workbook, evaluateFormulas: false);
        var resaved = ExternalTools.LibreOfficeResave(original);
        Assert.Contains("<f", SheetXml(resaved), StringComparison.Ordinal);

        var before = WorkbookReader.Read(original);
        var after = WorkbookReader.Read(resaved);

        Assert.Equal(before.Sheets.Select(s => (s.Grid.Sheet, s.Metadata)), after.Sheets.Select(s => (s.Grid.Sheet, s.Metadata)));
        for (var i = 0; i < before.Sheets.Count; i++)
        {
            Assert.Equal(before.Sheets[i].Grid.Cells(), after.Sheets[i].Grid.Cells());
        }

        var checkedBefore = WorkbookChecker.Check(original, Seed).Forms;
        var checkedAfter = WorkbookChecker.Check(resaved, Seed).Forms;
        Assert.Equal(checkedBefore.Select(f => (f.Form, f.Sheet, f.Subject, f.Author, f.Summary)), checkedAfter.Select(f => (f.Form, f.Sheet, f.Subject, f.Author, f.Summary)));
        Assert.Equal(checkedBefore.SelectMany(f => f.Issues), checkedAfter.SelectMany(f => f.Issues));
        // And the readings say what the sheets say: one score out of range on g1-2, totals recomputed by both.
        Assert.Equal([("评分表-4-1", IssueCodes.ScoreOutOfRange, "E7")], checkedAfter.SelectMany(f => f.Issues).Select(i => (i.Sheet, i.Code, i.Cell)));
        Assert.Equal((87.5, 87.5), (before.Sheets[0].Grid[CellAddress.Parse("H6")].Number, after.Sheets[0].Grid[CellAddress.Parse("H6")].Number));
    }

    [Fact]
    public void ASavedResultIsTrustedEvenWhereClosedXmlCannotComputeTheFormula()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("表");
        sheet.Cell("A1").Value = 5;
        sheet.Cell("A2").FormulaA1 = "NOSUCHFUNC(A1)";
        sheet.Cell("A3").FormulaA1 = "A1*2";
        var upload = Rebuild(Save(workbook, evaluateFormulas: false), e => e.SetText("xl/worksheets/sheet1.xml", e.Text("xl/worksheets/sheet1.xml")
            .Replace("<x:f>NOSUCHFUNC(A1)</x:f>", "<x:f>NOSUCHFUNC(A1)</x:f><x:v>42</x:v>", StringComparison.Ordinal)));

        var grid = OnlyGrid(upload);

        Assert.Equal([CellValue.FromNumber(5), CellValue.FromNumber(42), CellValue.FromNumber(10)],
            [grid[CellAddress.Parse("A1")], grid[CellAddress.Parse("A2")], grid[CellAddress.Parse("A3")]]);
    }

    [Fact]
    public void AFormulaWithoutAResultThatClosedXmlCannotComputeReadsAsAnError()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("表");
        sheet.Cell("A1").FormulaA1 = "NOSUCHFUNC(1)";
        sheet.Cell("A2").FormulaA1 = "A3+1";
        sheet.Cell("A3").FormulaA1 = "A2+1";

        var grid = OnlyGrid(Save(workbook, evaluateFormulas: false));

        Assert.All([grid[1, 1], grid[2, 1], grid[3, 1]], v => Assert.Equal(CellValue.FromError("#VALUE!"), v));
    }

    [Fact]
    public void AReferenceToAnotherSheetWithoutASavedResultIsRecalculated()
    {
        using var workbook = new XLWorkbook();
        var form = workbook.AddWorksheet("表");
        workbook.AddWorksheet("打分").Cell("B1").Value = 8;
        form.Cell("A1").FormulaA1 = "'打分'!B1+1";
        form.Cell("A2").FormulaA1 = "A1*2";

        var grid = OnlyGrid(Save(workbook, evaluateFormulas: false));

        Assert.Equal((9, 18), (grid[1, 1].Number, grid[2, 1].Number));
    }

    [Fact]
    public void AChainOfFourThousandFormulasWithoutResultsIsEvaluatedOnTheReadersLargeStack()
    {
        // On a default 1.5 MB thread stack, ClosedXML's recursive evaluation of a 2,000-long chain ends the process.
        const int length = 4_000;
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("表");
        for (var r = 1; r < length; r++)
        {
            sheet.Cell(r, 1).FormulaA1 = $"A{r + 1}+1";
        }

        sheet.Cell(length, 1).Value = 1;

        var grid = OnlyGrid(Save(workbook, evaluateFormulas: false));

        Assert.Equal(length, grid[1, 1].Number);
    }

    [Theory]
    [InlineData(4_000)]
    [InlineData(100_000)]
    public void AFormulaNestedBeyondExcelsLimitsIsNotEvaluatedAndTheWorkbookSaysSo(int depth)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("表");
        sheet.Cell("A1").Value = 1;
        sheet.Cell("A2").FormulaA1 = new string('(', depth) + "A1" + new string(')', depth);
        sheet.Cell("A3").FormulaA1 = "A1+1";

        var reading = WorkbookReader.Read(Save(workbook, evaluateFormulas: false));

        var grid = reading.Sheets[0].Grid;
        Assert.Equal((true, true), (grid[2, 1].IsEmpty, grid[3, 1].IsEmpty));
        var warning = Assert.Single(reading.Warnings);
        Assert.Equal(UploadCodes.FormulasNotEvaluated, warning.Code);
        Assert.StartsWith("有 2 个公式没有保存计算结果", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FormulasOverTheWorkBudgetAreNotEvaluatedButSavedResultsAreStillRead()
    {
        byte[] Build(bool evaluateFormulas)
        {
            using var workbook = new XLWorkbook();
            var sheet = workbook.AddWorksheet("表");
            sheet.Cell("A1").Value = 1;
            sheet.Cell("A2").FormulaA1 = "A1+1";
            return Save(workbook, evaluateFormulas);
        }

        var saved = Build(evaluateFormulas: true);
        var unsaved = Build(evaluateFormulas: false);
        var limits = new UploadLimits { MaxFormulaWork = 1 };

        Assert.Equal(2, OnlyGrid(saved, limits)[2, 1].Number);
        Assert.True(OnlyGrid(unsaved, limits)[2, 1].IsEmpty);
        Assert.Equal(UploadCodes.FormulasNotEvaluated, Assert.Single(WorkbookReader.Read(unsaved, limits).Warnings).Code);
        Assert.Equal(2, OnlyGrid(unsaved)[2, 1].Number);
    }
}

[Collection(nameof(MeasuredUploads))]
public class FormulaBombTimingTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("formula nested 100,000 deep without a saved result (a stack overflow in ClosedXML)", 100_000, false)]
    [InlineData("chain of 4,000 formulas without saved results (a stack overflow on a default thread)", 4_000, true)]
    public void AFormulaBombIsReadWithoutCrashingWithinTwoSecondsAndTwoHundredMegabytes(string upload, int size, bool chain)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("表");
        sheet.Cell(size, 1).Value = 1;
        if (chain)
        {
            for (var r = 1; r < size; r++)
            {
                sheet.Cell(r, 1).FormulaA1 = $"A{r + 1}+1";
            }
        }
        else
        {
            sheet.Cell(1, 1).FormulaA1 = new string('(', size) + "1" + new string(')', size);
        }

        var bytes = Save(workbook, evaluateFormulas: false);
        Measurement.WarmUp();

        var (reading, elapsed, allocated) = Measurement.Run(() => WorkbookReader.Read(bytes));

        output.WriteLine(Measurement.Describe(upload, elapsed, allocated, bytes.Length,
            $"read, A1 = \"{reading.Sheets[0].Grid[1, 1].Display}\", warnings: {string.Join(", ", reading.Warnings.Select(w => w.Code))}"));
        Assert.Equal(chain ? size.ToString(System.Globalization.CultureInfo.InvariantCulture) : "", reading.Sheets[0].Grid[1, 1].Display);
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"took {elapsed.TotalMilliseconds:F0} ms");
        Assert.True(allocated < 200L * 1024 * 1024, $"allocated {allocated:N0} bytes");
    }
}
