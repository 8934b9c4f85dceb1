using System.Diagnostics;
using Supervision.Workbooks.Reading;
using Supervision.Workbooks.Tests.Reading;
using static Supervision.Workbooks.Tests.Reading.TestUploads;

namespace Supervision.Workbooks.Tests.FastReading;

/// <summary>
/// A stored file was preflighted when it was uploaded, but the fast reader never trusts a size: a file that lies or is
/// too big goes to the full reader (which refuses it) after a bounded amount of work, and nothing throws.
/// </summary>
[Collection(nameof(MeasuredUploads))]
public sealed class FastReaderLimitsTests
{
    private const string Sheet = "xl/worksheets/sheet1.xml";

    public static TheoryData<string, string> Cases => new()
    {
        { "a sheet declared at its real size followed by 200 MB of spaces", "more than its declared size" },
        { "a sheet of 60 MB declared honestly, over the 50 MB per part", "over the limits" },
        { "the first half of a workbook", "zip directory" },
        { "random bytes", "zip directory" },
        { "a DTD in the shared strings", "XML" },
        { "a used range of 17 billion cells", "used range" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void AFileThatLiesOrIsTooLargeGoesToTheFullReaderAfterBoundedWork(string what, string reason)
    {
        var bytes = Build(what);
        FastWorkbookReader.Read(ValidPeerWorkbook());

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var result = FastWorkbookReader.Read(bytes);
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.True(result.NeedsFullReader, what);
        Assert.Contains(reason, result.FallbackReason, StringComparison.Ordinal);
        Assert.Empty(result.Sheets);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"{what}: {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(allocated < 8L * 1024 * 1024, $"{what}: {allocated:N0} bytes allocated");
    }

    [Fact]
    public void TheTotalInflatedLimitCountsEveryPartRead()
    {
        var limits = new UploadLimits { MaxTotalInflatedBytes = 4_000 };

        var result = FastWorkbookReader.Read(ValidPeerWorkbook(), limits);

        Assert.True(result.NeedsFullReader);
        Assert.Contains("over the limits", result.FallbackReason, StringComparison.Ordinal);
        Assert.False(FastWorkbookReader.Read(ValidPeerWorkbook()).NeedsFullReader);
    }

    private static byte[] Build(string what)
    {
        var valid = ValidPeerWorkbook();
        switch (what)
        {
            case var _ when what.StartsWith("a sheet declared", StringComparison.Ordinal):
                byte[] sheet = [];
                var lying = Rebuild(valid, entries =>
                {
                    sheet = entries[Sheet];
                    entries.Remove(Sheet);
                }, zip => AddRepeated(zip, Sheet, 200, (byte)' ', sheet));
                PatchDeclaredSize(lying, Sheet, (uint)sheet.Length);
                return lying;
            case var _ when what.StartsWith("a sheet of 60 MB", StringComparison.Ordinal):
                return Rebuild(valid, entries => entries.Remove(Sheet), zip => AddRepeated(zip, Sheet, 60, (byte)' '));
            case "the first half of a workbook":
                return valid[..(valid.Length / 2)];
            case "random bytes":
                var random = new byte[20_000];
                new Random(7).NextBytes(random);
                return random;
            case "a DTD in the shared strings":
                return Rebuild(valid, entries => entries.SetText("xl/sharedStrings.xml",
                    BillionLaughs("sst", $"<sst xmlns=\"{SpreadsheetNamespace}\"><si><t>&lol9;</t></si></sst>")));
            case "a used range of 17 billion cells":
                return Rebuild(valid, entries => entries.SetText(Sheet, $"""
                    <worksheet xmlns="{SpreadsheetNamespace}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row></sheetData></worksheet>
                    """));
            default:
                throw new ArgumentOutOfRangeException(nameof(what), what, null);
        }
    }
}
