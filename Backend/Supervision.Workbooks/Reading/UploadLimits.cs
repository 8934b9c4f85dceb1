using System.ComponentModel.DataAnnotations;

namespace Supervision.Workbooks.Reading;

/// <summary>
/// How much an uploaded workbook may hold before it is refused, checked on the raw bytes before ClosedXML sees them
/// (ClosedXML 0.95.4 sets no limit of its own), plus how much formula work the reader does for files saved without
/// formula results.
/// </summary>
public sealed record UploadLimits
{
    public static UploadLimits Default { get; } = new();

    [Range(1, long.MaxValue)]
    public long MaxUploadBytes { get; init; } = 10L * 1024 * 1024;

    [Range(1, int.MaxValue)]
    public int MaxEntries { get; init; } = 1_000;

    /// <summary>Bytes of all zip entries together once inflated.</summary>
    [Range(1, long.MaxValue)]
    public long MaxTotalInflatedBytes { get; init; } = 100L * 1024 * 1024;

    [Range(1, long.MaxValue)]
    public long MaxEntryInflatedBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>Inflated size over compressed size, for entries above <see cref="RatioCheckedAboveBytes"/>.</summary>
    [Range(1, int.MaxValue)]
    public int MaxCompressionRatio { get; init; } = 100;

    [Range(0, long.MaxValue)]
    public long RatioCheckedAboveBytes { get; init; } = 1024 * 1024;

    /// <summary>What OpenXml calls MaxCharactersInPart: characters of one XML part.</summary>
    [Range(1, long.MaxValue)]
    public long MaxCharactersPerPart { get; init; } = 20_000_000;

    /// <summary>
    /// Element nesting of any XML part. OpenXml loads parts recursively, and a 14 KB upload nested 100,000 deep ends
    /// the process with a stack overflow that no catch can stop; real Office parts nest about 20 deep.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxXmlDepth { get; init; } = 128;

    /// <summary>Cells in all worksheets. ClosedXML 0.95.4 needs about 5 µs and 400 bytes per cell to load.</summary>
    [Range(1, int.MaxValue)]
    public int MaxCells { get; init; } = 200_000;

    /// <summary>
    /// Cells of one sheet's used range, from its first to its last used cell: a Grid is a dense rectangle, so two cells
    /// at A1 and XFD1048576 would otherwise ask for 17 billion.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxSheetArea { get; init; } = 1_000_000;

    /// <summary>
    /// Formula cells plus defined names above which no formula is evaluated (only saved results are read). ClosedXML
    /// evaluates dependencies recursively, so this bounds the recursion depth and the time: one missing result on top
    /// of a 10,000-long chain of saved ones takes about 0.8 s here (50,000: 2.6 s; 150,000 still fits the reader's stack).
    /// </summary>
    [Range(0, int.MaxValue)]
    public int MaxFormulasForEvaluation { get; init; } = 10_000;

    /// <summary>
    /// Formulas without a saved result times used cells above which none is evaluated: each evaluation may read every
    /// used cell, so this bounds the time spent recalculating a file saved without results.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long MaxFormulaWork { get; init; } = 20_000_000;
}
