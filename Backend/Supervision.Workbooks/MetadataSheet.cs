using ClosedXML.Excel;
using Supervision.Domain.Forms;

namespace Supervision.Workbooks;

/// <summary>
/// The hidden sheet <c>_supervision</c> that tells which sheet holds which form: one row per form sheet with the same
/// keys the add-in sends as a grid's metadata. A workbook without it is recognised by its headings instead.
/// </summary>
public static class MetadataSheet
{
    public const string Name = "_supervision";

    /// <summary>Column headings in row 1, in this order.</summary>
    public static readonly IReadOnlyList<string> Columns = ["sheet", "campaign", "form", "subject", "author", "templateVersion"];

    public static void Write(XLWorkbook workbook, IEnumerable<(string Sheet, FormMetadata Metadata)> forms)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        ArgumentNullException.ThrowIfNull(forms);
        var sheet = workbook.Worksheets.TryGetWorksheet(Name, out var existing) ? existing : workbook.Worksheets.Add(Name);
        sheet.Clear();
        for (var c = 0; c < Columns.Count; c++)
        {
            sheet.Cell(1, c + 1).SetValue(Columns[c]);
        }

        var row = 2;
        foreach (var (name, m) in forms)
        {
            string?[] values = [name, m.Campaign, m.Form, m.Subject, m.Author, m.TemplateVersion];
            for (var c = 0; c < values.Length; c++)
            {
                // SetValue<string> keeps "03-04" or "0012" as text instead of a date or a number.
                sheet.Cell(row, c + 1).SetValue(values[c] ?? "");
            }

            row++;
        }

        sheet.Visibility = XLWorksheetVisibility.Hidden;
    }

    /// <summary>The metadata per form sheet name; empty when the sheet is missing or has no recognisable heading row.</summary>
    public static IReadOnlyDictionary<string, FormMetadata> Read(XLWorkbook workbook)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        var result = new Dictionary<string, FormMetadata>(StringComparer.OrdinalIgnoreCase);
        if (!workbook.Worksheets.TryGetWorksheet(Name, out var sheet))
        {
            return result;
        }

        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var lastColumn = sheet.LastColumnUsed()?.ColumnNumber() ?? 0;
        for (var c = 1; c <= lastColumn; c++)
        {
            columns.TryAdd(Plain(sheet.Cell(1, c)), c);
        }

        if (!columns.ContainsKey("sheet"))
        {
            return result;
        }

        string? Get(int row, string key) =>
            columns.TryGetValue(key, out var c) && Plain(sheet.Cell(row, c)) is { Length: > 0 } v ? v : null;

        var lastRow = sheet.LastRowUsed()?.RowNumber() ?? 0;
        for (var r = 2; r <= lastRow; r++)
        {
            if (Get(r, "sheet") is { } formSheet)
            {
                result[formSheet] = new FormMetadata(Get(r, "campaign"), Get(r, "form"), Get(r, "subject"), Get(r, "author"), Get(r, "templateVersion"));
            }
        }

        return result;
    }

    // Metadata is plain text; a formula here is not ours and is never evaluated (GetString would run it).
    private static string Plain(IXLCell cell) => cell.HasFormula ? "" : Convert.ToString(cell.Value, System.Globalization.CultureInfo.InvariantCulture)?.Trim() ?? "";
}
