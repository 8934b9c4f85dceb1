namespace Supervision.Workbooks.Reading;

/// <summary>
/// Reads a stored submission into its sheets for consolidation. Two implementations give the same sheets:
/// <see cref="ClosedXmlStoredWorkbookReader"/> and <see cref="FastStoredWorkbookReader"/>; choosing one is one line of
/// dependency injection.
/// </summary>
public interface IStoredWorkbookReader
{
    WorkbookReading Read(ReadOnlyMemory<byte> workbook);
}

/// <summary>Every file through ClosedXML (<see cref="WorkbookReader"/>): about 8 ms per small workbook.</summary>
public sealed class ClosedXmlStoredWorkbookReader(UploadLimits? limits = null) : IStoredWorkbookReader
{
    public WorkbookReading Read(ReadOnlyMemory<byte> workbook) => WorkbookReader.Read(workbook, limits);
}

/// <summary>
/// Every file through <see cref="FastWorkbookReader"/>, and the few it does not read exactly (formulas saved without
/// results, comments, tables…) through <see cref="WorkbookReader"/>. The fast path returns no warnings: a stored file's
/// warnings were shown when it was uploaded.
/// </summary>
public sealed class FastStoredWorkbookReader(UploadLimits? limits = null) : IStoredWorkbookReader
{
    private long fullReads;

    /// <summary>How many files so far needed ClosedXML.</summary>
    public long FullReads => Interlocked.Read(ref fullReads);

    public WorkbookReading Read(ReadOnlyMemory<byte> workbook)
    {
        var fast = FastWorkbookReader.Read(workbook, limits);
        if (!fast.NeedsFullReader)
        {
            return new WorkbookReading(null, fast.Sheets, []);
        }

        Interlocked.Increment(ref fullReads);
        return WorkbookReader.Read(workbook, limits);
    }
}
