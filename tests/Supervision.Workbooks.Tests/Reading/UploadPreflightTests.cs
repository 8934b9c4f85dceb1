using System.Text;
using ClosedXML.Excel;
using Supervision.Workbooks.Reading;
using static Supervision.Workbooks.Tests.Reading.TestUploads;

namespace Supervision.Workbooks.Tests.Reading;

public class UploadPreflightTests
{
    private static readonly byte[] Valid = ValidPeerWorkbook();

    private static string? Code(byte[] upload, UploadLimits? limits = null) => UploadPreflight.Check(upload, limits).Refusal?.Code;

    [Fact]
    public void AWorkbookSavedByClosedXmlPassesWithoutWarnings()
    {
        var result = UploadPreflight.Check(Valid);
        Assert.Null(result.Refusal);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void AnEmptyUploadIsRefusedAsEmpty()
    {
        var refusal = UploadPreflight.Check(Array.Empty<byte>()).Refusal!;
        Assert.Equal(UploadCodes.Empty, refusal.Code);
        Assert.Contains("空的", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUploadOneByteOverTenMegabytesIsRefusedAsTooLarge()
    {
        var upload = new byte[(10 * 1024 * 1024) + 1];
        Valid.CopyTo(upload, 0);
        var refusal = UploadPreflight.Check(upload).Refusal!;
        Assert.Equal(UploadCodes.TooLarge, refusal.Code);
        Assert.Contains("10 MB", refusal.Message, StringComparison.Ordinal);
        // Exactly 10 MB is not too large (it is the valid workbook followed by zeros, so it is corrupt instead).
        Assert.Equal(UploadCodes.Corrupt, Code(upload.AsSpan(0, 10 * 1024 * 1024).ToArray()));
    }

    [Fact]
    public void APasswordProtectedWorkbookIsRefusedAsEncryptedAndSaysSo()
    {
        var refusal = UploadPreflight.Check(OleFile(encryptedPackage: true)).Refusal!;
        Assert.Equal(UploadCodes.Encrypted, refusal.Code);
        Assert.Contains("密码", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALegacyXlsFileIsRefusedAsEncryptedWithAdviceToSaveAsXlsx()
    {
        var refusal = UploadPreflight.Check(OleFile(encryptedPackage: false)).Refusal!;
        Assert.Equal(UploadCodes.Encrypted, refusal.Code);
        Assert.Contains(".xls", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("学校,组织管理10分,研修计划10分\n鹅岭小学,9,9\n")]
    [InlineData("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n")]
    [InlineData("<html><body>评分表</body></html>")]
    public void TextPdfOrHtmlRenamedToXlsxIsRefusedAsNotXlsx(string content)
    {
        Assert.Equal(UploadCodes.NotXlsx, Code(Encoding.UTF8.GetBytes(content)));
    }

    [Fact]
    public void TheFirstHalfOfARealWorkbookIsRefusedAsCorrupt()
    {
        var refusal = UploadPreflight.Check(Valid.AsSpan(0, Valid.Length / 2).ToArray()).Refusal!;
        Assert.Equal(UploadCodes.Corrupt, refusal.Code);
        Assert.Contains("找不到文件末尾的压缩目录", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACentralDirectoryPointingOutsideTheFileIsRefusedAsCorrupt()
    {
        var upload = (byte[])Valid.Clone();
        // The end record's "offset of the central directory" field, moved past the end of the file.
        BitConverter.TryWriteBytes(upload.AsSpan(upload.Length - 22 + 16), (uint)upload.Length);
        Assert.Equal(UploadCodes.Corrupt, Code(upload));
    }

    [Fact]
    public void BytesAfterTheEndRecordAreRefusedAsCorrupt()
    {
        Assert.Equal(UploadCodes.Corrupt, Code([.. Valid, .. "trailing"u8.ToArray()]));
    }

    [Fact]
    public void AnEntryThatInflatesToMoreThanItsDeclaredSizeIsRefusedAsCorrupt()
    {
        var upload = (byte[])Valid.Clone();
        var declared = DeclaredSize(upload, "xl/styles.xml");
        PatchDeclaredSize(upload, "xl/styles.xml", (uint)(declared - 1));
        var refusal = UploadPreflight.Check(upload).Refusal!;
        Assert.Equal(UploadCodes.Corrupt, refusal.Code);
        Assert.Contains("xl/styles.xml 解压后比声明的", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEntryThatInflatesToLessThanItsDeclaredSizeIsRefusedAsCorrupt()
    {
        var upload = (byte[])Valid.Clone();
        PatchDeclaredSize(upload, "xl/styles.xml", (uint)DeclaredSize(upload, "xl/styles.xml") + 10);
        var refusal = UploadPreflight.Check(upload).Refusal!;
        Assert.Equal(UploadCodes.Corrupt, refusal.Code);
        Assert.Contains("xl/styles.xml 的实际大小与声明不符", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MoreThanAThousandEntriesAreRefusedBeforeAnyIsRead()
    {
        var upload = Rebuild(Valid, entries =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                entries[$"docProps/custom{i}.bin"] = [1];
            }
        });
        var refusal = UploadPreflight.Check(upload).Refusal!;
        Assert.Equal(UploadCodes.TooManyEntries, refusal.Code);
        Assert.Contains("上限 1000 个", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EntriesTogetherOverTheInflatedTotalAreRefusedAsTooLargeInflated()
    {
        var limits = new UploadLimits { MaxTotalInflatedBytes = 300_000, MaxEntryInflatedBytes = 200_000, MaxCompressionRatio = int.MaxValue };
        var upload = Rebuild(Valid, entries =>
        {
            entries["xl/media/a.bin"] = new byte[150_000];
            entries["xl/media/b.bin"] = new byte[150_000];
        });
        var refusal = UploadPreflight.Check(upload, limits).Refusal!;
        Assert.Equal(UploadCodes.TooLargeInflated, refusal.Code);
        Assert.StartsWith("文件解压后共", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnXmlPartOverTheCharacterLimitIsRefusedAsTooLargeInflatedNamingThePart()
    {
        var styles = DeclaredSize(Valid, "xl/styles.xml");
        var refusal = UploadPreflight.Check(Valid, new UploadLimits { MaxCharactersPerPart = styles - 100 }).Refusal!;
        Assert.Equal(UploadCodes.TooLargeInflated, refusal.Code);
        Assert.Contains("xl/styles.xml 超过", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwentyMegabytesOfZerosIsRefusedForItsCompressionRatio()
    {
        var upload = Rebuild(Valid, stream: zip => AddRepeated(zip, "xl/media/image1.png", 20));
        var refusal = UploadPreflight.Check(upload).Refusal!;
        Assert.Equal(UploadCodes.CompressionRatio, refusal.Code);
        Assert.Contains("xl/media/image1.png", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AVbaProjectAnywhereIsRefusedAsMacro()
    {
        var upload = Rebuild(Valid, entries => entries["xl/media/vbaProject.bin"] = [0xCC, 0x61]);
        Assert.Equal(UploadCodes.Macro, Code(upload));
    }

    [Fact]
    public void AMacroEnabledMainContentTypeIsRefusedAsMacroEvenWithoutAVbaProject()
    {
        var upload = Rebuild(Valid, entries => entries.SetText("[Content_Types].xml", entries.Text("[Content_Types].xml")
            .Replace(MainContentType, "application/vnd.ms-excel.sheet.macroEnabled.main+xml", StringComparison.Ordinal)));
        Assert.Equal(UploadCodes.Macro, Code(upload));
    }

    [Fact]
    public void AnExcelFourMacroSheetIsRefusedAsMacro()
    {
        var upload = Rebuild(Valid, entries =>
        {
            entries.SetText("[Content_Types].xml", entries.Text("[Content_Types].xml").Replace("</Types>",
                "<Override PartName=\"/xl/macrosheets/sheet1.xml\" ContentType=\"application/vnd.ms-excel.macrosheet+xml\"/></Types>", StringComparison.Ordinal));
            entries.SetText("xl/macrosheets/sheet1.xml", $"<xm:macrosheet xmlns:xm=\"http://schemas.microsoft.com/office/excel/2006/main\"/>");
        });
        Assert.Equal(UploadCodes.Macro, Code(upload));
    }

    [Fact]
    public void APackageWithoutContentTypesIsRefusedAsContentType()
    {
        var refusal = UploadPreflight.Check(Rebuild(Valid, entries => entries.Remove("[Content_Types].xml"))).Refusal!;
        Assert.Equal(UploadCodes.ContentType, refusal.Code);
        Assert.Contains("[Content_Types].xml", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AWordDocumentRenamedToXlsxIsRefusedAsContentType()
    {
        var upload = Rebuild(Valid, entries => entries.SetText("[Content_Types].xml", entries.Text("[Content_Types].xml")
            .Replace(MainContentType, "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", StringComparison.Ordinal)));
        var refusal = UploadPreflight.Check(upload).Refusal!;
        Assert.Equal(UploadCodes.ContentType, refusal.Code);
        Assert.Contains("wordprocessingml", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABinaryWorkbookIsRefusedAsContentTypeNotAsMacro()
    {
        var upload = Rebuild(Valid, entries => entries.SetText("[Content_Types].xml", entries.Text("[Content_Types].xml")
            .Replace(MainContentType, "application/vnd.ms-excel.sheet.binary.macroEnabled.main", StringComparison.Ordinal)));
        var refusal = UploadPreflight.Check(upload).Refusal!;
        Assert.Equal(UploadCodes.ContentType, refusal.Code);
        Assert.Contains(".xlsb", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADoctypeWithoutAnyEntityIsRefusedAsDtd()
    {
        var upload = Rebuild(Valid, entries => entries.SetText("xl/styles.xml", "<!DOCTYPE styleSheet>" + entries.Text("xl/styles.xml")));
        var refusal = UploadPreflight.Check(upload).Refusal!;
        Assert.Equal(UploadCodes.Dtd, refusal.Code);
        Assert.Contains("xl/styles.xml", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADoctypeInAUtf16PartIsRefusedAsDtd()
    {
        var upload = Rebuild(Valid, entries => entries["xl/sharedStrings.xml"] = [.. Encoding.Unicode.GetPreamble(),
            .. Encoding.Unicode.GetBytes(ExternalEntity("sst", SharedStringsWith("@")).Replace("UTF-8", "UTF-16", StringComparison.Ordinal))]);
        Assert.Equal(UploadCodes.Dtd, Code(upload));
    }

    [Fact]
    public void ADoctypeInTheContentTypesIsRefusedAsDtd()
    {
        var upload = Rebuild(Valid, entries => entries.SetText("[Content_Types].xml",
            "<?xml version=\"1.0\"?><!DOCTYPE Types [<!ENTITY t \"x\">]>" + entries.Text("[Content_Types].xml").Split("?>", 2)[1]));
        Assert.Equal(UploadCodes.Dtd, Code(upload));
    }

    [Fact]
    public void XmlNestedDeeperThanTheLimitIsRefusedAsCorruptBeforeOpenXmlRecursesIntoIt()
    {
        var upload = Rebuild(Valid, entries => entries.SetText("xl/sharedStrings.xml",
            SharedStringsWith("x").Replace("</si>", string.Concat(Enumerable.Repeat("<b>", 200)) + string.Concat(Enumerable.Repeat("</b>", 200)) + "</si>", StringComparison.Ordinal)));
        var refusal = UploadPreflight.Check(upload).Refusal!;
        Assert.Equal(UploadCodes.Corrupt, refusal.Code);
        Assert.Contains("嵌套超过 128 层", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedXmlInAPartIsRefusedAsCorrupt()
    {
        var upload = Rebuild(Valid, entries => entries.SetText("xl/styles.xml", "<styleSheet><fonts></styleSheet>"));
        var refusal = UploadPreflight.Check(upload).Refusal!;
        Assert.Equal(UploadCodes.Corrupt, refusal.Code);
        Assert.Contains("xl/styles.xml 不是有效的 XML", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MoreCellsThanTheLimitAreRefusedAsTooManyCells()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("表");
        for (var r = 1; r <= 11; r++)
        {
            sheet.Cell(r, 1).Value = r;
        }

        var upload = Save(workbook);
        Assert.Equal(UploadCodes.TooManyCells, Code(upload, new UploadLimits { MaxCells = 10 }));
        Assert.Null(Code(upload, new UploadLimits { MaxCells = 11 }));
    }

    [Fact]
    public void AnExternalLinkPartPassesWithAWarning()
    {
        var result = UploadPreflight.Check(WithExternalLink(Valid));
        Assert.Null(result.Refusal);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal((Domain.Rules.Severity.Warning, UploadCodes.ExternalLink), (warning.Severity, warning.Code));
    }

    /// <summary>An external link as Excel writes one: the part, its content type, and the workbook's reference to it.</summary>
    internal static byte[] WithExternalLink(byte[] workbook) => Rebuild(workbook, entries =>
    {
        entries.SetText("[Content_Types].xml", entries.Text("[Content_Types].xml").Replace("</Types>",
            "<Override PartName=\"/xl/externalLinks/externalLink1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml\"/></Types>",
            StringComparison.Ordinal));
        entries.SetText("xl/externalLinks/externalLink1.xml",
            $"<externalLink xmlns=\"{SpreadsheetNamespace}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><externalBook r:id=\"rId1\"><sheetNames><sheetName val=\"Sheet1\"/></sheetNames></externalBook></externalLink>");
        entries.SetText("xl/externalLinks/_rels/externalLink1.xml.rels",
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath\" Target=\"file:///C:/scores.xlsx\" TargetMode=\"External\"/></Relationships>");
        entries.SetText("xl/_rels/workbook.xml.rels", entries.Text("xl/_rels/workbook.xml.rels").Replace("</Relationships>",
            "<Relationship Id=\"rIdLink1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink\" Target=\"/xl/externalLinks/externalLink1.xml\"/></Relationships>",
            StringComparison.Ordinal));
        entries.SetText("xl/workbook.xml", entries.Text("xl/workbook.xml").Replace("</x:sheets>",
            "</x:sheets><x:externalReferences><x:externalReference r:id=\"rIdLink1\"/></x:externalReferences>", StringComparison.Ordinal));
    });
}
