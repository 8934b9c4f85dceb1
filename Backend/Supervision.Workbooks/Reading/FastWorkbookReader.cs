using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Xml;
using Supervision.Domain.Forms;
using Supervision.Domain.Grids;

namespace Supervision.Workbooks.Reading;

/// <summary>A formula cell saved without a result, which ClosedXML would calculate and the fast reader does not.</summary>
public sealed record FormulaWithoutResult(string Sheet, CellAddress Cell);

/// <summary>
/// What the fast reader made of a stored workbook. When <see cref="NeedsFullReader"/> is false, <see cref="Sheets"/> is
/// exactly what <see cref="WorkbookReader"/> reads (same grids, same metadata). When it is true, read the file with
/// <see cref="WorkbookReader"/> instead: <see cref="FallbackReason"/> says why, and <see cref="Sheets"/> is either empty
/// or, when the only problem is formulas saved without results, the grids with those cells empty.
/// </summary>
public sealed record FastReadResult(IReadOnlyList<UploadedSheet> Sheets, string? FallbackReason, IReadOnlyList<FormulaWithoutResult> FormulasWithoutResult)
{
    public bool NeedsFullReader => FallbackReason is not null;

    internal static FastReadResult Fallback(string reason) => new([], reason, []);
}

/// <summary>
/// Reads a stored submission for bulk consolidation with System.IO.Compression and XmlReader only: workbook.xml and its
/// relationships, the shared strings, the number formats of styles.xml when a number cell needs them, the hidden
/// <c>_supervision</c> sheet and every visible worksheet. It yields what <see cref="WorkbookReader"/> yields through
/// ClosedXML 0.95.4 (a Grid of each visible sheet's used range, cached formula results as values, dates as yyyy-MM-dd
/// text, the metadata rows) more than ten times faster (tests/Supervision.Benchmarks), and says so when a file holds
/// something it does not reproduce exactly (formulas without saved results, comments, tables, array formulas, escaped
/// strings, the 1904 date system…), so that the caller reads that one file with ClosedXML. Stored files were preflighted when they were uploaded; the
/// reader still bounds every size by <see cref="UploadLimits"/>.
/// </summary>
public static class FastWorkbookReader
{
    public static FastReadResult Read(ReadOnlyMemory<byte> workbook, UploadLimits? limits = null)
    {
        var bytes = MemoryMarshal.TryGetArray(workbook, out var array) ? array : new ArraySegment<byte>(workbook.ToArray());
        return Read(bytes, limits ?? UploadLimits.Default);
    }

    /// <summary>Reads a file from disk into a pooled buffer (nothing of it is kept) and reads that.</summary>
    public static FastReadResult ReadFile(string path, UploadLimits? limits = null)
    {
        limits ??= UploadLimits.Default;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var length = file.Length;
        if (length > limits.MaxUploadBytes)
        {
            return FastReadResult.Fallback($"the file is {length:N0} bytes, over the upload limit");
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(length, 1));
        try
        {
            file.ReadExactly(buffer, 0, (int)length);
            return Read(new ArraySegment<byte>(buffer, 0, (int)length), limits);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static FastReadResult Read(ArraySegment<byte> bytes, UploadLimits limits)
    {
        try
        {
            var package = FastPackage.Open(bytes, limits);
            var parts = FastWorkbookParts.Read(package);
            var cells = new FastSheetReader(parts, limits);
            var metadata = ReadMetadata(package, parts, cells);
            var sheets = new List<UploadedSheet>();
            var unresolved = new List<FormulaWithoutResult>();
            foreach (var sheet in parts.Sheets)
            {
                if (!sheet.Visible || string.Equals(sheet.Name, MetadataSheet.Name, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (parts.HasCellsOutsideSheetData(sheet))
                {
                    return FastReadResult.Fallback($"sheet {sheet.Name} has comments or tables");
                }

                using var part = package.OpenXml(sheet.Part) ?? throw new FastReadFallbackException($"sheet part {sheet.Part} is missing");
                var grid = ToGrid(sheet.Name, cells.Read(part.Reader), parts, limits, unresolved);
                sheets.Add(new UploadedSheet(grid, metadata.GetValueOrDefault(sheet.Name)));
            }

            return unresolved.Count == 0
                ? new FastReadResult(sheets, null, [])
                : new FastReadResult(sheets, $"{unresolved.Count} formula(s) saved without a result, which ClosedXML calculates", unresolved);
        }
        catch (FastReadFallbackException fallback)
        {
            return FastReadResult.Fallback(fallback.Message);
        }
        catch (XmlException xml)
        {
            return FastReadResult.Fallback($"a part is not well-formed XML or too large: {xml.Message}");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A file the fast reader cannot make sense of is ClosedXML's to judge (it refuses it as corrupt, or reads it).
            return FastReadResult.Fallback($"unexpected {ex.GetType().Name}: {ex.Message}");
        }
    }

    // SheetGridReader's grid: the rectangle from the first to the last used cell.
    private static Grid ToGrid(string name, List<FastCell> cells, FastWorkbookParts parts, UploadLimits limits, List<FormulaWithoutResult> unresolved)
    {
        if (cells.Count == 0)
        {
            return new Grid(name, CellAddress.A1, []);
        }

        int top = int.MaxValue, left = int.MaxValue, bottom = 0, right = 0;
        foreach (var cell in cells)
        {
            top = Math.Min(top, cell.Row);
            left = Math.Min(left, cell.Column);
            bottom = Math.Max(bottom, cell.Row);
            right = Math.Max(right, cell.Column);
        }

        if ((long)(bottom - top + 1) * (right - left + 1) > limits.MaxSheetArea)
        {
            throw new FastReadFallbackException($"the used range of {name} is over {limits.MaxSheetArea:N0} cells");
        }

        var rows = new CellValue[bottom - top + 1][];
        for (var r = 0; r < rows.Length; r++)
        {
            rows[r] = new CellValue[right - left + 1];
        }

        foreach (var cell in cells)
        {
            var value = GridValue(cell, parts);
            if (cell.Kind == FastCellKind.Formula && value.IsEmpty)
            {
                unresolved.Add(new FormulaWithoutResult(name, new CellAddress(cell.Row, cell.Column)));
            }

            rows[cell.Row - top][cell.Column - left] = value;
        }

        return new Grid(name, new CellAddress(top, left), rows);
    }

    /// <summary>SheetGridReader's value of a used cell: by ClosedXML's data type, formulas by their saved result.</summary>
    private static CellValue GridValue(FastCell cell, FastWorkbookParts parts) => cell.Kind switch
    {
        FastCellKind.Formula => cell.Result,
        FastCellKind.Number => CellValue.FromNumber(double.Parse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture)),
        FastCellKind.Boolean => CellValue.FromBoolean(FastSheetReader.ParseBoolean(cell.Text)),
        FastCellKind.DateTime => CellValue.FromText(Date(cell, parts).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        _ => GridText(cell.Text),
    };

    // SheetGridReader's text: #DIV/0!-like text and #N/A are errors, blank text is empty.
    private static CellValue GridText(string text) =>
        text is { Length: > 1 } && text[0] == '#' && text.EndsWith('!') || text is "#N/A"
            ? CellValue.FromError(text)
            : CellValue.FromText(text);

    private static DateTime Date(FastCell cell, FastWorkbookParts parts)
    {
        if (parts.Date1904)
        {
            throw new FastReadFallbackException("a date in a workbook with the 1904 date system");
        }

        var serial = double.Parse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return serial > -657435.0 && serial < 2958466.0
            ? DateTime.FromOADate(serial)
            : throw new FastReadFallbackException($"date serial {cell.Text} is outside the dates ClosedXML reads");
    }

    /// <summary>
    /// MetadataSheet.Read over the fast reader's cells: row 1 names the columns, each later row with a sheet name is one
    /// form sheet's metadata; values are the cells' plain values, trimmed. A metadata sheet with any formula is not
    /// trusted at all, as in <see cref="WorkbookReader"/>.
    /// </summary>
    private static Dictionary<string, FormMetadata> ReadMetadata(FastPackage package, FastWorkbookParts parts, FastSheetReader reader)
    {
        var result = new Dictionary<string, FormMetadata>(StringComparer.OrdinalIgnoreCase);
        var sheet = parts.Sheets.FirstOrDefault(s => string.Equals(s.Name, MetadataSheet.Name, StringComparison.OrdinalIgnoreCase));
        if (sheet is null)
        {
            return result;
        }

        using var part = package.OpenXml(sheet.Part) ?? throw new FastReadFallbackException($"sheet part {sheet.Part} is missing");
        var cells = reader.Read(part.Reader);

        if (cells.Exists(c => c.Kind == FastCellKind.Formula))
        {
            return result;
        }

        var values = new Dictionary<(int Row, int Column), string>(cells.Count);
        int lastRow = 0, lastColumn = 0;
        foreach (var cell in cells)
        {
            values[(cell.Row, cell.Column)] = PlainValue(cell, parts);
            lastRow = Math.Max(lastRow, cell.Row);
            lastColumn = Math.Max(lastColumn, cell.Column);
        }

        string Plain(int row, int column) => values.GetValueOrDefault((row, column), "");

        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var c = 1; c <= lastColumn; c++)
        {
            columns.TryAdd(Plain(1, c), c);
        }

        if (!columns.ContainsKey("sheet"))
        {
            return result;
        }

        string? Get(int row, string key) => columns.TryGetValue(key, out var c) && Plain(row, c) is { Length: > 0 } v ? v : null;

        for (var r = 2; r <= lastRow; r++)
        {
            if (Get(r, "sheet") is { } formSheet)
            {
                result[formSheet] = new FormMetadata(Get(r, "campaign"), Get(r, "form"), Get(r, "subject"), Get(r, "author"), Get(r, "templateVersion"));
            }
        }

        return result;
    }

    // Convert.ToString(cell.Value, InvariantCulture).Trim() for a cell without a formula, as MetadataSheet reads it.
    private static string PlainValue(FastCell cell, FastWorkbookParts parts) => cell.Kind switch
    {
        FastCellKind.Number => double.Parse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        FastCellKind.Boolean => FastSheetReader.ParseBoolean(cell.Text).ToString(CultureInfo.InvariantCulture),
        FastCellKind.DateTime => Date(cell, parts).ToString(CultureInfo.InvariantCulture),
        FastCellKind.Formula => "",
        _ => cell.Text.Trim(),
    };
}
