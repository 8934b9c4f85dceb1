using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using Spreadsheet = DocumentFormat.OpenXml.Spreadsheet;

namespace Supervision.Workbooks.Tests.Reports;

/// <summary>Cells of a saved workbook as stored (cached formula results included), read with the OpenXml SDK, never recalculated.</summary>
internal static class WorkbookCells
{
    public const string WrongResult = "-999";

    /// <summary>Sheet name → cell reference → (stored text, has a formula).</summary>
    public static Dictionary<string, Dictionary<string, (string Text, bool Formula)>> Read(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbookPart = document.WorkbookPart!;
        var shared = workbookPart.SharedStringTablePart?.SharedStringTable.Elements<Spreadsheet.SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var result = new Dictionary<string, Dictionary<string, (string, bool)>>(StringComparer.Ordinal);
        foreach (var sheet in workbookPart.Workbook.Descendants<Spreadsheet.Sheet>())
        {
            var part = (WorksheetPart)workbookPart.GetPartById(sheet.Id!);
            var cells = new Dictionary<string, (string, bool)>(StringComparer.Ordinal);
            foreach (var cell in part.Worksheet.Descendants<Spreadsheet.Cell>())
            {
                var type = cell.DataType is { HasValue: true } t ? t.Value : Spreadsheet.CellValues.Number;
                var text = type switch
                {
                    Spreadsheet.CellValues.SharedString when cell.CellValue?.Text is { } index => shared[int.Parse(index, CultureInfo.InvariantCulture)],
                    Spreadsheet.CellValues.InlineString => cell.InlineString?.InnerText ?? "",
                    _ => cell.CellValue?.Text ?? "",
                };
                Assert.NotNull(cell.CellReference?.Value);
                cells[cell.CellReference.Value] = (text, cell.CellFormula is not null);
            }

            result[sheet.Name!.Value!] = cells;
        }

        return result;
    }

    /// <summary>Overwrites the cached result of every formula with <paramref name="wrong"/> (default <see cref="WrongResult"/>), editing the sheet XML in the zip.</summary>
    public static byte[] Tamper(byte[] bytes, string wrong = WrongResult)
    {
        using var stream = new MemoryStream();
        stream.Write(bytes);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal)).ToList())
            {
                XDocument document;
                using (var read = entry.Open())
                {
                    document = XDocument.Load(read);
                }

                XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
                foreach (var cell in document.Descendants(main + "c").Where(c => c.Element(main + "f") is not null))
                {
                    cell.Attribute("t")?.Remove();
                    cell.Element(main + "v")?.Remove();
                    cell.Add(new XElement(main + "v", wrong));
                }

                var name = entry.FullName;
                entry.Delete();
                using var write = zip.CreateEntry(name).Open();
                document.Save(write);
            }
        }

        return stream.ToArray();
    }

    /// <summary>A stored number as the 2-decimal figure it shows, or the text itself; "" for an empty cell.</summary>
    public static string Shown(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? Math.Round(number, 9).ToString("0.00", CultureInfo.InvariantCulture)
            : text;

    public static string Shown(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "";

    public static string Shown(int? value) => value is { } v ? Shown(v.ToString(CultureInfo.InvariantCulture)) : "";
}
