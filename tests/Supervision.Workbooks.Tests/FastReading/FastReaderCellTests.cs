using Supervision.Domain.Grids;
using Supervision.Workbooks.Reading;
using Supervision.Workbooks.Tests.Templates;
using static Supervision.Workbooks.Tests.FastReading.FastReadingKit;
using static Supervision.Workbooks.Tests.Templates.TemplateTestKit;

namespace Supervision.Workbooks.Tests.FastReading;

/// <summary>
/// Every kind of cell a spreadsheet program writes, in XML written by hand, read by ClosedXML and by the fast reader:
/// the grids must be identical, and a few literal values show that the comparison is not comparing two empty grids.
/// </summary>
public sealed class FastReaderCellTests
{
    private const string Strings = """
        <si><t>学校</t></si>
        <si><r><t>组织</t></r><r><rPr><b/></rPr><t xml:space="preserve">管理 </t></r></si>
        <si><t>#N/A</t></si>
        <si><t>#DIV/0!</t></si>
        <si><t>#NAME?</t></si>
        <si><t></t></si>
        <si><t>大田湾小学</t><rPh sb="0" eb="1"><t>ダ</t></rPh></si>
        """;

    private const string EveryKind = """
        <row r="1"><c r="A1" s="5"/><c r="C1" s="5" t="s"/></row>
        <row r="2">
          <c r="B2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c><c r="D2" t="inlineStr"><is><t>填写学校：</t></is></c>
          <c r="E2" t="inlineStr"><is><r><t>片区</t></r><r><t>编号</t></r></is></c><c r="F2" t="str"><v>abc</v></c><c r="G2" t="s"><v>6</v></c>
        </row>
        <row r="3">
          <c r="B3"><v>9.5</v></c><c r="C3" t="n"><v>0.30000000000000004</v></c><c r="D3" s="1"><v>43613</v></c>
          <c r="E3" s="2"><v>43614.75</v></c><c r="F3" s="3"><v>12</v></c><c r="G3" s="4"><v>5</v></c><c r="H3" s="5"><v>7.25</v></c>
        </row>
        <row r="4">
          <c r="B4" t="b"><v>1</v></c><c r="C4" t="b"><v>0</v></c><c r="D4" t="e"><v>#N/A</v></c>
          <c r="E4" t="s"><v>2</v></c><c r="F4" t="s"><v>3</v></c><c r="G4" t="s"><v>4</v></c>
        </row>
        <row r="5">
          <c r="B5"><f>SUM(B3:C3)</f><v>9.8000000000000007</v></c><c r="C5" t="str"><f>"1"&amp;"2"</f><v>12</v></c>
          <c r="D5" t="str"><f>"x"&amp;""</f><v>x</v></c><c r="E5" t="e"><f>1/0</f><v>#DIV/0!</v></c>
          <c r="F5" t="b"><f>TRUE()</f><v>1</v></c><c r="G5" t="n"><f>B3*2</f><v>19</v></c>
        </row>
        <row r="6">
          <c r="B6"><f t="shared" ref="B6:D6" si="0">B3+1</f><v>10.5</v></c><c r="C6"><f t="shared" si="0"/><v>1.3</v></c>
          <c r="D6" s="1"><f t="shared" si="0"/><v>43614</v></c>
        </row>
        <row r="7"><c r="A7" t="s"><v>5</v></c><c r="I7" s="5"/></row>
        """;

    [Fact]
    public void EveryKindOfCellReadsAsClosedXmlReadsIt()
    {
        var sheets = AssertSameAsClosedXml(HandWritten(EveryKind, Strings), "every kind of cell");

        var grid = sheets[0].Grid;
        // Formatted empty cells (A1, C1, I7) and an empty string (A7) are not used: the grid starts at B2 and ends at H6.
        Assert.Equal(("B2", 5, 7), (grid.TopLeft.ToString(), grid.RowCount, grid.ColumnCount));
        Assert.Equal(CellValue.FromText("组织管理 "), At(sheets, "C2"));
        Assert.Equal(CellValue.FromText("片区编号"), At(sheets, "E2"));
        Assert.Equal(CellValue.FromText("大田湾小学"), At(sheets, "G2"));
        Assert.Equal(CellValue.FromNumber(0.3), At(sheets, "C3"));
        Assert.Equal(CellValue.FromText("2019-05-28"), At(sheets, "D3"));
        Assert.Equal(CellValue.FromText("2019-05-29"), At(sheets, "E3"));
        Assert.Equal(CellValue.FromText("12"), At(sheets, "F3"));
        Assert.Equal(CellValue.FromText("1900-01-04"), At(sheets, "G3"));
        Assert.Equal(CellValue.FromNumber(7.25), At(sheets, "H3"));
        Assert.Equal(CellValue.FromBoolean(false), At(sheets, "C4"));
        Assert.Equal(CellValue.Empty, At(sheets, "D4"));
        Assert.Equal(CellValue.FromError("#N/A"), At(sheets, "E4"));
        Assert.Equal(CellValue.FromError("#DIV/0!"), At(sheets, "F4"));
        Assert.Equal(CellValue.FromText("#NAME?"), At(sheets, "G4"));
        Assert.Equal(CellValue.FromNumber(9.8000000000000007), At(sheets, "B5"));
        Assert.Equal(CellValue.FromNumber(12), At(sheets, "C5"));
        Assert.Equal(CellValue.FromText("x"), At(sheets, "D5"));
        Assert.Equal(CellValue.FromError("#DIV/0!"), At(sheets, "E5"));
        Assert.Equal(CellValue.FromBoolean(true), At(sheets, "F5"));
        Assert.Equal(CellValue.FromNumber(43614), At(sheets, "D6"));
    }

    [Theory]
    [InlineData("""<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="B2" t="s"><v>1</v></c></row>""", "<si><t> </t></si><si><t>x</t></si>")]
    [InlineData("""<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="B2" t="s"><v>1</v></c></row>""", """<si><t xml:space="preserve"> </t></si><si><t>x</t></si>""")]
    [InlineData("""<row r="1"><c r="A1" t="inlineStr"><is><t> </t></is></c></row><row r="2"><c r="B2" t="inlineStr"><is><t>x</t></is></c></row>""", "")]
    [InlineData("""<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve">  </t></is></c></row><row r="2"><c r="B2" t="inlineStr"><is><t>x</t></is></c></row>""", "")]
    [InlineData("""<row r="1"><c r="A1" t="str"><v> </v></c></row><row r="2"><c r="B2" t="str"><v>x</v></c></row>""", "")]
    [InlineData("""<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>line&#13;&#10;two</t></is></c></row>""", "<si><t>a&#13;&#10;b</t></si>")]
    [InlineData("""<row r="2"><c r="C2"><v> 1e3 </v></c><c r="D2" t="b"><v>true</v></c><c r="E2" t="s"><v>1.0</v></c></row>""", "<si><t>a</t></si><si><t>b</t></si>")]
    [InlineData("""<row r="3"><c t="inlineStr"><is><t>A3</t></is></c><c><v>2</v></c><c r="E3"><v>5</v></c><c><v>6</v></c></row>""", "")]
    public void BlankTextLineBreaksAndUnusualNotationsReadAsClosedXmlReadsThem(string sheetData, string sharedStrings)
    {
        AssertSameAsClosedXml(HandWritten(sheetData, sharedStrings), sheetData);
    }

    [Fact]
    public void FilesWithDifferentStylesEachReadTheirOwnNumberFormatsThoughStylesAreParsedOncePerContent()
    {
        const string Serial = """<row r="1"><c r="A1" s="1"><v>43613</v></c></row>""";
        var dates = HandWritten(Serial);
        var numbers = HandWritten(Serial, styles: Styles.Replace("<xf numFmtId=\"14\"", "<xf numFmtId=\"2\"", StringComparison.Ordinal));

        foreach (var (workbook, expected) in new[] { (dates, CellValue.FromText("2019-05-28")), (numbers, CellValue.FromNumber(43613)), (dates, CellValue.FromText("2019-05-28")) })
        {
            Assert.Equal(expected, At(AssertSameAsClosedXml(workbook, expected.ToString()), "A1"));
        }
    }

    [Fact]
    public void ASheetWithOnlyFormattedCellsIsAnEmptyGridAtA1()
    {
        var sheets = AssertSameAsClosedXml(HandWritten("""<row r="3"><c r="C3" s="5"/><c r="D3" s="1" t="s"/></row>"""), "formatted only");

        Assert.Equal((CellAddress.A1, 0), (sheets[0].Grid.TopLeft, sheets[0].Grid.RowCount));
    }

    [Fact]
    public void AFormulaSavedWithoutAResultIsNamedAndTheFileGoesToClosedXml()
    {
        var workbook = HandWritten("""<row r="2"><c r="B2"><v>4</v></c><c r="C2"><f>B2*2</f></c><c r="D2"><f>B2+1</f><v></v></c><c r="E2"><f>B2</f><v>4</v></c></row>""");

        var fast = FastWorkbookReader.Read(workbook);

        Assert.True(fast.NeedsFullReader);
        Assert.Equal([new FormulaWithoutResult("表", CellAddress.Parse("C2")), new FormulaWithoutResult("表", CellAddress.Parse("D2"))],
            fast.FormulasWithoutResult);
        var closedXml = WorkbookReader.Read(workbook);
        Assert.Equal(CellValue.FromNumber(8), closedXml.Sheets[0].Grid[CellAddress.Parse("C2")]);
        AssertSameSheets(closedXml.Sheets, fast.Sheets, "without results", fast.FormulasWithoutResult);
    }

    public static TheoryData<string, byte[], string> FilesLeftToClosedXml => new()
    {
        {
            "an escaped character in a shared string",
            HandWritten("""<row r="1"><c r="A1" t="s"><v>0</v></c></row>""", "<si><t>a_x000D_b</t></si>"),
            "string"
        },
        {
            "an array formula",
            HandWritten("""<row r="1"><c r="A1"><f t="array" ref="A1:A2">{1;2}</f><v>1</v></c><c r="A2"><v>2</v></c></row>"""),
            "array"
        },
        {
            "a date in the 1904 date system",
            HandWritten("""<row r="1"><c r="A1" s="1"><v>100</v></c></row>""", workbookProperties: """<workbookPr date1904="1"/>"""),
            "1904"
        },
        {
            "a reviewer's comment on an empty cell beside the form",
            FillWithClosedXml(FilledForms.All().Single(f => f.File == "a4.xlsx").Bytes,
                workbook => workbook.Worksheet("评分表 g1-1").Cell("K12").Comment.AddText("请复核")),
            "comments"
        },
        {
            "a table below the form",
            FillWithClosedXml(FilledForms.All().Single(f => f.File == "a5.xlsx").Bytes, workbook =>
            {
                var sheet = workbook.Worksheet("记录表 组织管理");
                sheet.Cell("A30").SetValue("备注");
                sheet.Cell("A31").SetValue("无");
                sheet.Range("A30:A31").CreateTable("备注表");
            }),
            "tables"
        },
    };

    [Theory]
    [MemberData(nameof(FilesLeftToClosedXml))]
    public void WhatTheFastReaderDoesNotReproduceGoesToClosedXmlWithAReason(string what, byte[] workbook, string reason)
    {
        var fast = FastWorkbookReader.Read(workbook);
        var closedXml = WorkbookReader.Read(workbook);
        var stored = new FastStoredWorkbookReader();
        var viaFallback = stored.Read(workbook);

        Assert.True(fast.NeedsFullReader, what);
        Assert.Contains(reason, fast.FallbackReason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, stored.FullReads);
        Assert.False(closedXml.IsRefused, $"{what}: {closedXml.Refusal}");
        Assert.Null(viaFallback.Refusal);
        AssertSameSheets(closedXml.Sheets, viaFallback.Sheets, what);
    }
}
