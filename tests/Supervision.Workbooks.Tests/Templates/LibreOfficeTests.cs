using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using Supervision.Domain.Forms;
using static Supervision.Workbooks.Tests.Templates.TemplateTestKit;
using Spreadsheet = DocumentFormat.OpenXml.Spreadsheet;

namespace Supervision.Workbooks.Tests.Templates;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LibreOfficeRuns
{
    public const string Name = "LibreOffice";
}

/// <summary>
/// Other programs open our templates: LibreOffice (standing in for WPS and Excel) and openpyxl (scripts). Few tests,
/// each batching all its files into one start of the tool.
/// </summary>
[Collection(LibreOfficeRuns.Name)]
public sealed class LibreOfficeTests : IDisposable
{
    private const string WrongTotal = "999";
    private readonly string work = Directory.CreateTempSubdirectory("supervision-lo-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    private List<string> WriteAll(string folder, IEnumerable<(string File, byte[] Bytes)> files)
    {
        var directory = Path.Combine(work, folder);
        Directory.CreateDirectory(directory);
        return files.Select(f =>
        {
            var path = Path.Combine(directory, f.File);
            File.WriteAllBytes(path, f.Bytes);
            return path;
        }).ToList();
    }

    /// <summary>Everything a reading says, per form sheet: metadata, typed data, issue codes and cells.</summary>
    private static Dictionary<string, string> Snapshot(byte[] bytes) =>
        ReadBack(bytes).ToDictionary(f => f.Key, f =>
            $"{f.Value.Metadata} | {Describe(f.Value.Reading.Data)} | {string.Join(",", Issues(f.Value.Reading))}");

    [Fact]
    public void LibreOfficeAndOpenpyxlRoundTripsKeepTheMetadataSheetAndEveryFormReadsTheSame()
    {
        var filled = FilledForms.All();
        var inputs = WriteAll("in", filled);
        ExternalTools.ConvertWithLibreOffice(ExternalTools.Profile(Path.Combine(work, "profile"), recalculateOnLoad: false), inputs,
            Path.Combine(work, "libreoffice"));
        ExternalTools.RoundTripWithOpenpyxl(inputs, Path.Combine(work, "openpyxl"));

        foreach (var (file, bytes) in filled)
        {
            var expected = Snapshot(bytes);
            Assert.NotEmpty(expected);
            foreach (var tool in new[] { "libreoffice", "openpyxl" })
            {
                var roundTripped = File.ReadAllBytes(Path.Combine(work, tool, file));
                using (var original = Open(bytes))
                using (var workbook = Open(roundTripped))
                {
                    Assert.Equal(MetadataSheet.Read(original), MetadataSheet.Read(workbook));
                }

                var actual = Snapshot(roundTripped);
                Assert.Equal(expected.Keys, actual.Keys);
                foreach (var sheet in expected.Keys)
                {
                    Assert.True(expected[sheet] == actual[sheet], $"{tool} {file} {sheet}:\n expected {expected[sheet]}\n actual   {actual[sheet]}");
                }
            }
        }
    }

    [Fact]
    public void LibreOfficeRecalculatingOnLoadComputesEveryTotalAsTheParserDoes()
    {
        var files = new List<(string File, byte[] Bytes)>
        {
            ("evaluation.xlsx", FilledForms.WithClosedXml(Writer.Evaluation(School("s07"), Inspector), "评估表 鹅岭小学", FilledForms.EvaluationByHand)),
            ("evaluations.xlsx", FilledEvaluations("g1-2")),
            ("peer-g1-1.xlsx", FilledForms.WithClosedXml(Writer.PeerScores(Area("g1-1"), School("s01")), "评分表 g1-1", FilledForms.PeerScoresByHand)),
            ("peer-g5-2.xlsx", FilledPeerScores("g5-2")),
        };

        // The parser's recomputed totals, by sheet and cell (附件1: 总分 in E26; 附件4: 总评分 in column H of each row).
        var expected = new Dictionary<(string File, string Sheet, string Cell), string>();
        foreach (var (file, bytes) in files)
        {
            foreach (var (sheet, (reading, _)) in ReadBack(bytes))
            {
                Assert.Empty(reading.Issues);
                switch (reading.Data)
                {
                    case EvaluationSheet evaluation:
                        expected[(file, sheet, "E26")] = Format(evaluation.Total!.Value);
                        break;
                    case PeerScoreSheet peer:
                        foreach (var row in peer.Rows)
                        {
                            expected[(file, sheet, $"H{row.Row}")] = Format(row.Total!.Value);
                        }

                        break;
                    default:
                        Assert.Fail($"unexpected form in {sheet}");
                        break;
                }
            }
        }

        Assert.Equal(1 + 5 + 5 + 8, expected.Count);
        var tampered = files.Select(f => (f.File, Tamper(f.Bytes))).ToList();
        Assert.All(tampered, t => Assert.All(CachedFormulaResults(t.Item2).Values, v => Assert.Equal(WrongTotal, v)));
        // A reader that trusts cached results sees the wrong totals (and reports them): the tampering took.
        Assert.Contains(ReadBack(tampered[0].Item2).Values.Single().Reading.Issues, i => i.Code == "total.mismatch" && i.Cell == "E26");
        var inputs = WriteAll("tampered", tampered);

        ExternalTools.ConvertWithLibreOffice(ExternalTools.Profile(Path.Combine(work, "recalc"), recalculateOnLoad: true), inputs,
            Path.Combine(work, "recalculated"));
        ExternalTools.ConvertWithLibreOffice(ExternalTools.Profile(Path.Combine(work, "no-recalc"), recalculateOnLoad: false), inputs,
            Path.Combine(work, "kept"));

        var recalculated = new Dictionary<(string File, string Sheet, string Cell), string>();
        var kept = new Dictionary<(string File, string Sheet, string Cell), string>();
        foreach (var (file, _) in files)
        {
            var bytes = File.ReadAllBytes(Path.Combine(work, "recalculated", file));
            foreach (var (key, value) in CachedFormulaResults(bytes))
            {
                recalculated[(file, key.Sheet, key.Cell)] = value;
            }

            Assert.All(ReadBack(bytes).Values, f => Assert.DoesNotContain(f.Reading.Issues, i => i.Code == "total.mismatch"));
            foreach (var (key, value) in CachedFormulaResults(File.ReadAllBytes(Path.Combine(work, "kept", file))))
            {
                kept[(file, key.Sheet, key.Cell)] = value;
            }
        }

        Assert.Equal(expected.OrderBy(e => e.Key).ToList(), recalculated.OrderBy(e => e.Key).ToList());
        // Control: the same files through a profile that does not recalculate keep the tampered totals, so the numbers
        // above were computed by LibreOffice and not carried over.
        Assert.Equal(expected.Keys.Order(), kept.Keys.Order());
        Assert.All(kept.Values, v => Assert.Equal(WrongTotal, v));
    }

    [Fact]
    public void PrintedByLibreOfficeEveryPageOfALongFormRepeatsItsHeadingRow()
    {
        // 21 schools of 60-point rows: 附件5 takes two A4 pages; 附件1 one.
        var inputs = WriteAll("print", [("records.xlsx", Writer.Records(Category("c1"), Inspector)), ("evaluation.xlsx", Writer.Evaluation(School("s07"), Inspector))]);
        ExternalTools.PrintWithLibreOffice(ExternalTools.Profile(Path.Combine(work, "print-profile"), recalculateOnLoad: false), inputs,
            Path.Combine(work, "pdf"));

        var records = ExternalTools.PdfPages(Path.Combine(work, "pdf", "records.pdf"));
        Assert.Equal(2, records.Count);
        Assert.Contains("渝中区教师继续教育工作过程督查情况记录表", records[0], StringComparison.Ordinal);
        Assert.DoesNotContain("情况记录表", records[1], StringComparison.Ordinal);
        Assert.All(records, page => Assert.Matches(@"学校\s+情况记录\s+评分", page));
        Assert.Contains("培智学校", records[1], StringComparison.Ordinal);
        Assert.All(records, page => Assert.Contains($"第 {records.ToList().IndexOf(page) + 1} 页，共 2 页", page, StringComparison.Ordinal));

        var evaluation = Assert.Single(ExternalTools.PdfPages(Path.Combine(work, "pdf", "evaluation.pdf")));
        Assert.Matches(@"检查小组签字\s+总分", evaluation);
        Assert.Contains("10.利用“区校一体”课程库", evaluation.Replace("．", ".", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static string Format(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);

    /// <summary>An inspector's 附件1 for every school of an area, each school scored differently.</summary>
    private static byte[] FilledEvaluations(string areaId)
    {
        var schools = Area(areaId).Schools;
        return FillWithClosedXml(Writer.Evaluations(schools, Inspector), workbook =>
        {
            for (var s = 0; s < schools.Count; s++)
            {
                var layout = FormLayouts.Evaluation(Seed, schools[s]);
                var sheet = workbook.Worksheet($"评估表 {schools[s].Name}");
                foreach (var (cell, max) in layout.ScoreCells())
                {
                    sheet.Cell(cell.Row, cell.Column).Value = max - ((cell.Row + s) % 4 * 0.5m);
                }
            }
        });
    }

    /// <summary>附件4 of an area filled by its first school, each row and category scored differently.</summary>
    private static byte[] FilledPeerScores(string areaId)
    {
        var area = Area(areaId);
        var layout = FormLayouts.PeerScores(Seed, area, area.Schools[0]);
        return FillWithClosedXml(Writer.PeerScores(area, area.Schools[0]), workbook =>
        {
            var sheet = workbook.Worksheet($"评分表 {areaId}");
            foreach (var (cell, max) in layout.ScoreCells())
            {
                sheet.Cell(cell.Row, cell.Column).Value = max - ((cell.Row * cell.Column) % 5 * 0.5m);
            }
        });
    }

    private static byte[] Tamper(byte[] bytes) => Reports.WorkbookCells.Tamper(bytes, WrongTotal);

    /// <summary>The cached result (the &lt;v&gt; text) of every formula cell, by sheet name and cell, read with the OpenXml SDK.</summary>
    private static Dictionary<(string Sheet, string Cell), string> CachedFormulaResults(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbookPart = document.WorkbookPart!;
        var result = new Dictionary<(string Sheet, string Cell), string>();
        foreach (var sheet in workbookPart.Workbook.Descendants<Spreadsheet.Sheet>())
        {
            var part = (WorksheetPart)workbookPart.GetPartById(sheet.Id!);
            foreach (var cell in part.Worksheet.Descendants<Spreadsheet.Cell>().Where(c => c.CellFormula is not null))
            {
                result[(sheet.Name!.Value!, cell.CellReference!.Value!)] = cell.CellValue?.Text ?? "";
            }
        }

        return result;
    }
}
