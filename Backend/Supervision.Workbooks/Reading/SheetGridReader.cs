using System.Globalization;
using ClosedXML.Excel;
using Supervision.Domain.Grids;

namespace Supervision.Workbooks.Reading;

/// <summary>Turns a ClosedXML worksheet into a Grid of its used range, with formula results as values.</summary>
public static class SheetGridReader
{
    /// <summary>
    /// One sheet. Uploads go through <see cref="WorkbookReader"/>, which settles the formula results of the whole
    /// workbook once and reads on a thread with room for ClosedXML's recursive evaluation.
    /// </summary>
    public static Grid Read(IXLWorksheet sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        return Read(sheet, FormulaResults.Prepare(sheet.Workbook, UploadLimits.Default), long.MaxValue)!;
    }

    /// <summary>The grid, or null when the used range (first to last used cell) spans more than maxArea cells.</summary>
    internal static Grid? Read(IXLWorksheet sheet, FormulaResults formulas, long maxArea)
    {
        // Only the cells that hold something: touching every address of the used range would make ClosedXML create a
        // cell object for each empty one.
        var cells = sheet.CellsUsed().ToList();
        if (cells.Count == 0)
        {
            return new Grid(sheet.Name, CellAddress.A1, []);
        }

        int top = int.MaxValue, left = int.MaxValue, bottom = 0, right = 0;
        foreach (var cell in cells)
        {
            var address = cell.Address;
            top = Math.Min(top, address.RowNumber);
            left = Math.Min(left, address.ColumnNumber);
            bottom = Math.Max(bottom, address.RowNumber);
            right = Math.Max(right, address.ColumnNumber);
        }

        if ((long)(bottom - top + 1) * (right - left + 1) > maxArea)
        {
            return null;
        }

        var rows = new CellValue[bottom - top + 1][];
        for (var r = 0; r < rows.Length; r++)
        {
            rows[r] = new CellValue[right - left + 1];
        }

        foreach (var cell in cells)
        {
            var address = cell.Address;
            rows[address.RowNumber - top][address.ColumnNumber - left] = cell.HasFormula ? formulas.ValueOf(cell) : ValueOf(cell);
        }

        return new Grid(sheet.Name, new CellAddress(top, left), rows);
    }

    private static CellValue ValueOf(IXLCell cell)
    {
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

    internal static CellValue FromObject(object? value) => value switch
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
