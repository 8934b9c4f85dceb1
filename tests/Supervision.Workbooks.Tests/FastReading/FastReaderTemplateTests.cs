using Supervision.Domain.Grids;
using Supervision.Workbooks.Reading;
using Supervision.Workbooks.Tests.Templates;
using static Supervision.Workbooks.Tests.FastReading.FastReadingKit;
using static Supervision.Workbooks.Tests.Templates.TemplateTestKit;

namespace Supervision.Workbooks.Tests.FastReading;

/// <summary>
/// The fast reader against ClosedXML on the files consolidation really reads: the five templates as written, filled
/// with ClosedXML, and saved again by LibreOffice and by openpyxl. Each tool runs once for all files.
/// </summary>
[Collection(LibreOfficeRuns.Name)]
public sealed class FastReaderTemplateTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("supervision-fast-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    /// <summary>The templates as downloaded (formatted empty input cells, formulas with cached zeros) and filled by hand.</summary>
    private static List<(string File, byte[] Bytes)> Workbooks() =>
    [
        ("t1.xlsx", Writer.Evaluation(School("s07"), Inspector)),
        ("t3.xlsx", Writer.SelfCheck(School("s07"))),
        ("t4.xlsx", Writer.PeerScores(Area("g1-1"), School("s01"))),
        ("t5.xlsx", Writer.Records(Category("c1"), Inspector)),
        ("t1-3.xlsx", Writer.Evaluations([School("s01"), School("s02"), School("s03")], Inspector)),
        .. FilledForms.All(),
    ];

    [Fact]
    public void TemplatesAndFilledFormsReadTheSameAsWithClosedXml()
    {
        var compared = 0;
        foreach (var (file, bytes) in Workbooks())
        {
            var sheets = AssertSameAsClosedXml(bytes, file);
            Assert.All(sheets, s => Assert.NotNull(s.Metadata));
            compared += sheets.Sum(s => s.Grid.Cells().Count());
        }

        Assert.True(compared > 700, $"only {compared} non-empty cells compared");
    }

    [Fact]
    public void AFilledPeerScoreSheetReadsItsScoresTotalsAndHeader()
    {
        var a4 = FilledForms.All().Single(f => f.File == "a4.xlsx").Bytes;

        var sheet = AssertSameAsClosedXml(a4, "a4.xlsx").Single();

        Assert.Equal(new Domain.Forms.FormMetadata("yuzhong-2018-2019", "peer-scores", "g1-1", "s01", "1"), sheet.Metadata);
        Assert.Equal(CellAddress.A1, sheet.Grid.TopLeft);
        Assert.Equal(CellValue.FromText("2019-05-28"), sheet.Grid[CellAddress.Parse("H2")]);
        Assert.Equal(CellValue.FromNumber(27.5), sheet.Grid[CellAddress.Parse("F4")]);
        Assert.Equal(CellValue.FromNumber(91), sheet.Grid[CellAddress.Parse("H4")]);
        Assert.Equal(CellValue.FromNumber(67.5), sheet.Grid[CellAddress.Parse("H8")]);
    }

    [Fact]
    public void LibreOfficeSavedCopiesReadTheSameAsWithClosedXml()
    {
        var inputs = Write("in", Workbooks());
        var output = Path.Combine(work, "libreoffice");
        var profile = Path.Combine(Path.GetTempPath(), $"lo-{Guid.NewGuid():N}");
        try
        {
            ExternalTools.ConvertWithLibreOffice(ExternalTools.Profile(profile, recalculateOnLoad: false), inputs, output);
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }

        foreach (var input in inputs)
        {
            var sheets = AssertSameAsClosedXml(File.ReadAllBytes(Path.Combine(output, Path.GetFileName(input))), "LibreOffice " + Path.GetFileName(input));
            Assert.All(sheets, s => Assert.NotNull(s.Metadata));
        }
    }

    [Fact]
    public void OpenpyxlSavedCopiesReadTheSameAsWithClosedXmlAndFormulasWithoutResultsGoToClosedXml()
    {
        var inputs = Write("in", Workbooks());
        var output = Path.Combine(work, "openpyxl");
        ExternalTools.RoundTripWithOpenpyxl(inputs, output);

        foreach (var input in inputs)
        {
            var file = Path.GetFileName(input);
            var bytes = File.ReadAllBytes(Path.Combine(output, file));
            var closedXml = WorkbookReader.Read(bytes);
            var fast = FastWorkbookReader.Read(bytes);
            // openpyxl keeps formulas but drops their results: 附件1's 总分 and 附件4's 总评分 are left to ClosedXML.
            string[] expectedWithoutResult = file switch
            {
                "t1.xlsx" or "a1.xlsx" => ["评估表 鹅岭小学!E26"],
                "t1-3.xlsx" => ["评估表 大田湾小学!E26", "评估表 红岩小学校!E26", "评估表 大坪小学!E26"],
                "t4.xlsx" or "a4.xlsx" => ["评分表 g1-1!H4", "评分表 g1-1!H5", "评分表 g1-1!H6", "评分表 g1-1!H7", "评分表 g1-1!H8"],
                _ => [],
            };
            Assert.Equal(expectedWithoutResult.Order(StringComparer.Ordinal),
                fast.FormulasWithoutResult.Select(f => $"{f.Sheet}!{f.Cell}").Order(StringComparer.Ordinal));
            Assert.Equal(expectedWithoutResult.Length > 0, fast.NeedsFullReader);
            AssertSameSheets(closedXml.Sheets, fast.Sheets, "openpyxl " + file, fast.FormulasWithoutResult);
            AssertSameSheets(closedXml.Sheets, new FastStoredWorkbookReader().Read(bytes).Sheets, "openpyxl via the fallback " + file);
        }
    }

    private List<string> Write(string folder, IEnumerable<(string File, byte[] Bytes)> files)
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
}
