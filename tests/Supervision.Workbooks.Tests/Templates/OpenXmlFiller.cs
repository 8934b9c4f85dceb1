using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using CellAddress = Supervision.Domain.Grids.CellAddress;

namespace Supervision.Workbooks.Tests.Templates;

/// <summary>
/// A second writer, independent of ClosedXML: fills cells of a template with the OpenXml SDK alone, the way another tool
/// (WPS, a script, a mail-merge) would. Text becomes inline strings; numbers plain values. Like most such tools it does
/// not calculate: it drops the formulas' cached results and asks the reader to recalculate.
/// </summary>
internal static class OpenXmlFiller
{
    public static byte[] Fill(byte[] template, string sheetName, IReadOnlyDictionary<string, object> cells)
    {
        using var stream = new MemoryStream();
        stream.Write(template);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var workbookPart = document.WorkbookPart!;
            var sheet = workbookPart.Workbook.Descendants<Sheet>().Single(s => s.Name == sheetName);
            var worksheetPart = (WorksheetPart)workbookPart.GetPartById(sheet.Id!);
            var sheetData = worksheetPart.Worksheet.GetFirstChild<SheetData>()!;
            foreach (var (reference, value) in cells)
            {
                Write(CellAt(sheetData, reference), value);
            }

            foreach (var formulaCell in worksheetPart.Worksheet.Descendants<Cell>().Where(c => c.CellFormula is not null))
            {
                formulaCell.CellValue?.Remove();
                formulaCell.DataType = null;
            }

            var calculation = workbookPart.Workbook.CalculationProperties ??= new CalculationProperties();
            calculation.FullCalculationOnLoad = true;
            worksheetPart.Worksheet.Save();
            workbookPart.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static void Write(Cell cell, object value)
    {
        cell.CellValue?.Remove();
        cell.InlineString?.Remove();
        switch (value)
        {
            case string text:
                cell.DataType = CellValues.InlineString;
                cell.InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
                break;
            case int or double or decimal:
                cell.DataType = null;
                cell.CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                break;
            default:
                throw new ArgumentException($"Cannot write {value.GetType().Name}.", nameof(value));
        }
    }

    /// <summary>The cell at an A1 reference, created in row and column order if the template has none there.</summary>
    private static Cell CellAt(SheetData sheetData, string reference)
    {
        var address = CellAddress.Parse(reference);
        var rowIndex = (uint)address.Row;
        var row = sheetData.Elements<Row>().FirstOrDefault(r => r.RowIndex?.Value == rowIndex);
        if (row is null)
        {
            row = new Row { RowIndex = rowIndex };
            var after = sheetData.Elements<Row>().LastOrDefault(r => r.RowIndex?.Value < rowIndex);
            if (after is null)
            {
                sheetData.PrependChild(row);
            }
            else
            {
                after.InsertAfterSelf(row);
            }
        }

        var existing = row.Elements<Cell>().FirstOrDefault(c => c.CellReference?.Value == reference);
        if (existing is not null)
        {
            return existing;
        }

        var cell = new Cell { CellReference = reference };
        var before = row.Elements<Cell>().FirstOrDefault(c => CellAddress.Parse(c.CellReference!.Value!).Column > address.Column);
        if (before is null)
        {
            row.AppendChild(cell);
        }
        else
        {
            before.InsertBeforeSelf(cell);
        }

        return cell;
    }
}
