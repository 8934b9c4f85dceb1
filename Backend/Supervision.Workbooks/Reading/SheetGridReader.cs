using System.Globalization;
using ClosedXML.Excel;
using Supervision.Domain.Grids;

namespace Supervision.Workbooks.Reading;

/// <summary>Turns a ClosedXML worksheet into a Grid of its used range, with formula results as values.</summary>
public static class SheetGridReader
{
    public static Grid Read(IXLWorksheet sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var used = sheet.RangeUsed();
        if (used is null)
        {
            return new Grid(sheet.Name, CellAddress.A1, []);
        }

        var first = used.FirstCell().Address;
        var last = used.LastCell().Address;
        var rows = new List<CellValue[]>();
        for (var r = first.RowNumber; r <= last.RowNumber; r++)
        {
            var row = new CellValue[last.ColumnNumber - first.ColumnNumber + 1];
            for (var c = first.ColumnNumber; c <= last.ColumnNumber; c++)
            {
                row[c - first.ColumnNumber] = ValueOf(sheet.Cell(r, c));
            }

            rows.Add(row);
        }

        return new Grid(sheet.Name, new CellAddress(first.RowNumber, first.ColumnNumber), rows);
    }

    public static CellValue ValueOf(IXLCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (cell.HasFormula)
        {
            return FormulaValue(cell);
        }

        if (cell.IsEmpty())
        {
            return CellValue.Empty;
        }

        return cell.DataType switch
        {
            XLDataType.Number => CellValue.FromNumber(cell.GetDouble()),
            XLDataType.Boolean => CellValue.FromBoolean(cell.GetBoolean()),
            XLDataType.DateTime => CellValue.FromText(cell.GetDateTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            _ => Text(cell.GetString()),
        };
    }

    // A formula's cached result is what Excel, WPS and LibreOffice showed; files from tools that write no cache are
    // recalculated with ClosedXML's engine.
    private static CellValue FormulaValue(IXLCell cell)
    {
        if (!cell.NeedsRecalculation && cell.CachedValue is { } cached && FromObject(cached) is { IsEmpty: false } value)
        {
            return value;
        }

        try
        {
            return FromObject(cell.Value);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Any failure of the formula engine means the cell shows an error, not a crash.
            return CellValue.FromError("#VALUE!");
        }
    }

    private static CellValue FromObject(object? value) => value switch
    {
        double d => CellValue.FromNumber(d),
        int i => CellValue.FromNumber(i),
        long l => CellValue.FromNumber(l),
        decimal m => CellValue.FromNumber((double)m),
        bool b => CellValue.FromBoolean(b),
        DateTime t => CellValue.FromText(t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) => CellValue.FromNumber(n),
        string s => Text(s),
        null => CellValue.Empty,
        var other => Text(Convert.ToString(other, CultureInfo.InvariantCulture)),
    };

    private static CellValue Text(string? text) =>
        text is { Length: > 1 } && text[0] == '#' && text.EndsWith('!') || text is "#N/A"
            ? CellValue.FromError(text)
            : CellValue.FromText(text);
}
