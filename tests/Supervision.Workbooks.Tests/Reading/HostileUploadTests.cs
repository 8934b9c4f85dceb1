using System.Diagnostics;
using System.Text;
using ClosedXML.Excel;
using Supervision.Workbooks.Reading;
using Xunit.Abstractions;
using static Supervision.Workbooks.Tests.Reading.TestUploads;

namespace Supervision.Workbooks.Tests.Reading;

/// <summary>Tests that measure time and memory run alone, so that no other test's allocations or CPU count in them.</summary>
[CollectionDefinition(nameof(MeasuredUploads), DisableParallelization = true)]
public sealed class MeasuredUploads;

internal static class Measurement
{
    /// <summary>
    /// Wall time and managed bytes allocated by the whole process (GC.GetTotalAllocatedBytes(precise: true)) while the
    /// work ran: every thread counts, ClosedXML's reading thread too. Allocated bytes bound the extra managed memory from
    /// above (they include garbage already collected); the collection runs alone, so no other test adds to them.
    /// </summary>
    public static (T Result, TimeSpan Elapsed, long Allocated) Run<T>(Func<T> work)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var result = work();
        clock.Stop();
        return (result, clock.Elapsed, GC.GetTotalAllocatedBytes(precise: true) - before);
    }

    public static string Describe(string what, TimeSpan elapsed, long allocated, int uploadBytes, string outcome) =>
        $"{what}: {outcome} in {elapsed.TotalMilliseconds:F1} ms, {allocated / (1024.0 * 1024):F2} MB allocated (upload {uploadBytes:N0} bytes)";

    private static int warmedUp;

    /// <summary>Runs one valid check first, so that JIT compilation of ClosedXML is not measured as the upload's cost.</summary>
    public static void WarmUp()
    {
        if (Interlocked.Exchange(ref warmedUp, 1) == 0)
        {
            Assert.False(WorkbookChecker.Check(ValidPeerWorkbook(), Seed).IsRefused);
        }
    }
}

[Collection(nameof(MeasuredUploads))]
public class HostileUploadTests(ITestOutputHelper output)
{
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(2);
    private const long MemoryLimit = 200L * 1024 * 1024;

    private static readonly Lazy<byte[]> HonestBomb = new(() => Rebuild(ValidPeerWorkbook(), stream: zip => AddRepeated(zip, "xl/media/image1.png", 200)));

    private static readonly Lazy<byte[]> LyingBomb = new(() =>
    {
        // A real sheet followed by 200 MB of spaces (legal after the root element), declared as the real sheet's size:
        // System.IO.Compression would silently stop at the declared size, so only counting while inflating sees it.
        byte[] sheet = [];
        var bomb = Rebuild(ValidPeerWorkbook(), entries =>
        {
            sheet = entries["xl/worksheets/sheet1.xml"];
            entries.Remove("xl/worksheets/sheet1.xml");
        }, zip => AddRepeated(zip, "xl/worksheets/sheet1.xml", 200, (byte)' ', sheet));
        PatchDeclaredSize(bomb, "xl/worksheets/sheet1.xml", (uint)sheet.Length);
        return bomb;
    });

    public static TheoryData<string, string> Cases => new()
    {
        { "zip bomb with honest sizes: one 200 MB entry of zeros", UploadCodes.TooLargeInflated },
        { "zip bomb whose local and central headers understate the size (200 MB declared as a few KB)", UploadCodes.Corrupt },
        { "billion laughs in xl/sharedStrings.xml", UploadCodes.Dtd },
        { "billion laughs in xl/workbook.xml", UploadCodes.Dtd },
        { "XXE: an external entity to file:///etc/passwd in xl/sharedStrings.xml", UploadCodes.Dtd },
        { "truncated: the first half of a real workbook", UploadCodes.Corrupt },
        { "random bytes", UploadCodes.NotXlsx },
        { "empty", UploadCodes.Empty },
        { ".xlsm: macro-enabled content type and xl/vbaProject.bin", UploadCodes.Macro },
        { "encrypted: OLE compound file of a password-protected workbook", UploadCodes.Encrypted },
        { "CSV renamed to .xlsx", UploadCodes.NotXlsx },
        { "XML nested 100,000 deep in xl/sharedStrings.xml (a stack overflow in OpenXml)", UploadCodes.Corrupt },
        { "two cells, A1 and XFD1048576 (a 17-billion-cell grid)", UploadCodes.TooManyCells },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void AHostileUploadIsRefusedWithItsOwnCodeWithinTwoSecondsAndTwoHundredMegabytes(string upload, string code)
    {
        var bytes = Build(upload);
        Measurement.WarmUp();

        var (check, elapsed, allocated) = Measurement.Run(() => WorkbookChecker.Check(bytes, Seed));

        output.WriteLine(Measurement.Describe(upload, elapsed, allocated, bytes.Length, check.Refusal?.Code ?? "read"));
        Assert.Equal(code, check.Refusal?.Code);
        Assert.Empty(check.Forms);
        Assert.True(elapsed < TimeLimit, $"took {elapsed.TotalMilliseconds:F0} ms");
        Assert.True(allocated < MemoryLimit, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void TheXxeTargetIsNeverRead()
    {
        var check = WorkbookChecker.Check(Build("XXE: an external entity to file:///etc/passwd in xl/sharedStrings.xml"), Seed);
        Assert.DoesNotContain("root:", check.Refusal!.Message, StringComparison.Ordinal);
    }

    private static byte[] Build(string upload) => upload switch
    {
        _ when upload.StartsWith("zip bomb with honest", StringComparison.Ordinal) => HonestBomb.Value,
        _ when upload.StartsWith("zip bomb whose", StringComparison.Ordinal) => LyingBomb.Value,
        "billion laughs in xl/sharedStrings.xml" => Rebuild(ValidPeerWorkbook(), e => e.SetText("xl/sharedStrings.xml", BillionLaughs("sst", SharedStringsWith("@")))),
        "billion laughs in xl/workbook.xml" => Rebuild(ValidPeerWorkbook(), e => e.SetText("xl/workbook.xml",
            BillionLaughs("x:workbook", e.Text("xl/workbook.xml").Split("?>", 2)[1].Replace("ThisWorkbook", "@", StringComparison.Ordinal)))),
        _ when upload.StartsWith("XXE", StringComparison.Ordinal) => Rebuild(ValidPeerWorkbook(), e => e.SetText("xl/sharedStrings.xml", ExternalEntity("sst", SharedStringsWith("@")))),
        _ when upload.StartsWith("truncated", StringComparison.Ordinal) => ValidPeerWorkbook() is var valid ? valid[..(valid.Length / 2)] : [],
        "random bytes" => RandomBytes(),
        "empty" => [],
        _ when upload.StartsWith(".xlsm", StringComparison.Ordinal) => Rebuild(ValidPeerWorkbook(), e =>
        {
            e.SetText("[Content_Types].xml", e.Text("[Content_Types].xml")
                .Replace(MainContentType, "application/vnd.ms-excel.sheet.macroEnabled.main+xml", StringComparison.Ordinal)
                .Replace("</Types>", "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/></Types>", StringComparison.Ordinal));
            e["xl/vbaProject.bin"] = OleFile(encryptedPackage: false);
        }),
        _ when upload.StartsWith("encrypted", StringComparison.Ordinal) => OleFile(encryptedPackage: true),
        "CSV renamed to .xlsx" => Encoding.UTF8.GetBytes("学校,组织管理10分,研修计划10分,总评分\n鹅岭小学,9,9,18\n马家堡小学,8,9,17\n"),
        _ when upload.StartsWith("XML nested", StringComparison.Ordinal) => Rebuild(ValidPeerWorkbook(), e => e.SetText("xl/sharedStrings.xml",
            SharedStringsWith("x").Replace("</si>", string.Concat(Enumerable.Repeat("<b>", 100_000)) + string.Concat(Enumerable.Repeat("</b>", 100_000)) + "</si>", StringComparison.Ordinal))),
        _ when upload.StartsWith("two cells", StringComparison.Ordinal) => TwoFarCells(),
        _ => throw new ArgumentException(upload),
    };

    private static byte[] RandomBytes()
    {
        var bytes = new byte[64 * 1024];
        new Random(20190528).NextBytes(bytes);
        bytes[0] = (byte)'x';
        return bytes;
    }

    private static byte[] TwoFarCells()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("表");
        sheet.Cell("A1").Value = 1;
        sheet.Cell("XFD1048576").Value = 2;
        return Save(workbook);
    }
}
