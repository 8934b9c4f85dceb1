using System.IO.Compression;
using System.Text;
using Supervision.Domain.Grids;
using Supervision.Workbooks.Reading;

namespace Supervision.Workbooks.Tests.FastReading;

/// <summary>Compares the fast reader with ClosedXML's reading, cell by cell, and builds workbooks from hand-written XML.</summary>
internal static class FastReadingKit
{
    public const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    public const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>
    /// Both readers on the same bytes: the fast reader must not fall back, and its sheets must equal WorkbookReader's.
    /// Returns the (identical) sheets so that a test can also check literal values.
    /// </summary>
    public static IReadOnlyList<UploadedSheet> AssertSameAsClosedXml(byte[] workbook, string label)
    {
        var expected = WorkbookReader.Read(workbook);
        Assert.False(expected.IsRefused, $"{label}: ClosedXML refused it: {expected.Refusal}");
        var fast = FastWorkbookReader.Read(workbook);
        Assert.False(fast.NeedsFullReader, $"{label}: the fast reader fell back: {fast.FallbackReason}");
        AssertSameSheets(expected.Sheets, fast.Sheets, label);
        return fast.Sheets;
    }

    /// <summary>Same sheet names in the same order, same metadata, same top-left, size and value (kind, number, text) in every cell.</summary>
    public static void AssertSameSheets(IReadOnlyList<UploadedSheet> expected, IReadOnlyList<UploadedSheet> actual, string label,
        IReadOnlyCollection<FormulaWithoutResult>? except = null)
    {
        Assert.Equal(expected.Select(s => s.Grid.Sheet), actual.Select(s => s.Grid.Sheet));
        var differences = new List<string>();
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            var sheet = e.Grid.Sheet;
            if (e.Metadata != a.Metadata)
            {
                differences.Add($"{sheet}: metadata {e.Metadata} vs {a.Metadata}");
            }

            if (e.Grid.TopLeft != a.Grid.TopLeft || e.Grid.RowCount != a.Grid.RowCount || e.Grid.ColumnCount != a.Grid.ColumnCount)
            {
                differences.Add($"{sheet}: range {Describe(e.Grid)} vs {Describe(a.Grid)}");
                continue;
            }

            for (var row = e.Grid.FirstRow; row <= e.Grid.LastRow; row++)
            {
                for (var column = e.Grid.FirstColumn; column <= e.Grid.LastColumn; column++)
                {
                    var address = new CellAddress(row, column);
                    if (except?.Contains(new FormulaWithoutResult(sheet, address)) == true)
                    {
                        continue;
                    }

                    if (e.Grid[address] != a.Grid[address])
                    {
                        differences.Add($"{sheet}!{address}: ClosedXML {Show(e.Grid[address])}, fast {Show(a.Grid[address])}");
                    }
                }
            }
        }

        Assert.True(differences.Count == 0, $"{label}:\n{string.Join('\n', differences)}");
    }

    public static string Show(CellValue value) => value.Kind switch
    {
        CellKind.Empty => "empty",
        CellKind.Number => $"number {value.Number:R}",
        _ => $"{value.Kind} '{value.Text}'",
    };

    private static string Describe(Grid grid) => $"{grid.TopLeft}+{grid.RowCount}x{grid.ColumnCount}";

    /// <summary>
    /// A workbook written part by part: one visible sheet "表" whose sheetData is given, the shared strings, the styles
    /// (<see cref="Styles"/> unless told otherwise) and any further parts (path → XML).
    /// </summary>
    public static byte[] HandWritten(string sheetData, string sharedStrings = "", string? styles = null, string workbookProperties = "",
        IReadOnlyDictionary<string, string>? extraParts = null, string sheetRelationships = "", string afterSheetData = "")
    {
        var parts = new Dictionary<string, string>
        {
            ["[Content_Types].xml"] = $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                <Default Extension="xml" ContentType="application/xml"/>
                <Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
                <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
                <Override PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>
                </Types>
                """,
            ["_rels/.rels"] = """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """,
            ["xl/workbook.xml"] = $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="{Main}" xmlns:r="{Relationships}">{workbookProperties}<sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>
                """,
            ["xl/_rels/workbook.xml.rels"] = """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
                <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
                <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
                </Relationships>
                """,
            ["xl/sharedStrings.xml"] = $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{Main}">{sharedStrings}</sst>""",
            ["xl/styles.xml"] = styles ?? Styles,
            ["xl/worksheets/sheet1.xml"] = $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <worksheet xmlns="{Main}" xmlns:r="{Relationships}"><sheetData>{sheetData}</sheetData>{afterSheetData}</worksheet>
                """,
        };
        if (sheetRelationships.Length > 0)
        {
            parts["xl/worksheets/_rels/sheet1.xml.rels"] = $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{sheetRelationships}</Relationships>
                """;
        }

        foreach (var (path, xml) in extraParts ?? new Dictionary<string, string>())
        {
            parts[path] = xml;
        }

        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, xml) in parts)
            {
                using var entry = zip.CreateEntry(path).Open();
                entry.Write(Encoding.UTF8.GetBytes(xml));
            }
        }

        return output.ToArray();
    }

    /// <summary>
    /// Cell formats by index: 0 General, 1 built-in date (14), 2 custom date yyyy/mm/dd, 3 text (49), 4 "[Red]0.00"
    /// (a custom number format whose "d" in "Red" ClosedXML 0.95.4 takes for a date), 5 a filled 0.00 (formatting only).
    /// </summary>
    public const string Styles = $"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="{Main}">
        <numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy/mm/dd"/><numFmt numFmtId="165" formatCode="[Red]0.00"/></numFmts>
        <fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>
        <fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFFF2CC"/></patternFill></fill></fills>
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
        <cellXfs count="6">
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
        <xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
        <xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
        <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
        <xf numFmtId="2" fontId="0" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1"/>
        </cellXfs>
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
        </styleSheet>
        """;

    /// <summary>The value at an A1 address of the first sheet.</summary>
    public static CellValue At(IReadOnlyList<UploadedSheet> sheets, string address) => sheets[0].Grid[CellAddress.Parse(address)];
}
