using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Supervision.Domain.Campaigns;
using Supervision.Workbooks.Reading;

namespace Supervision.Workbooks.Tests.Reading;

public class NumberFormatTests
{
    /// <summary>A minimal workbook whose cell A1 carries a custom number format.</summary>
    private static byte[] WorkbookWithFormat(string formatCode)
    {
        var code = System.Security.SecurityElement.Escape(formatCode);
        (string Name, string Xml)[] parts =
        [
            ("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"""),
            ("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""),
            ("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"""),
            ("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"""),
            ("xl/styles.xml", $"""<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="{code}"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>"""),
            ("xl/worksheets/sheet1.xml", """<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" s="1"><v>5</v></c></row></sheetData></worksheet>"""),
        ];
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, xml) in parts)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(xml));
            }
        }

        return stream.ToArray();
    }

    [Theory]
    [InlineData("\"abc")]
    [InlineData("0.0\"分")]
    [InlineData("[Red0.00")]
    [InlineData("0.0\\")]
    public void ANumberFormatThatWouldHangClosedXmlIsRefusedQuickly(string formatCode)
    {
        var watch = Stopwatch.StartNew();
        var check = WorkbookChecker.Check(WorkbookWithFormat(formatCode), YuzhongCampaign.Create());
        Assert.Equal(UploadCodes.NumberFormat, check.Refusal?.Code);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData("0.0\"分\"")]
    [InlineData("[Red]0.00;[Blue]-0.00")]
    [InlineData("0.0;-0.0;")]
    [InlineData("yyyy\"年\"m\"月\"d\"日\"")]
    [InlineData("_(* #,##0_)")]
    public void OrdinaryNumberFormatsPass(string formatCode)
    {
        var check = WorkbookChecker.Check(WorkbookWithFormat(formatCode), YuzhongCampaign.Create());
        Assert.Null(check.Refusal);
    }
}
