using ClosedXML.Excel;
using Supervision.Domain.Grids;

namespace Supervision.Workbooks.Reading;

/// <summary>
/// The value of every formula cell of one loaded workbook. A saved result (what Excel, WPS or LibreOffice showed) is
/// trusted as it is: ClosedXML 0.95.4 reports most loaded formulas as needing recalculation and would replace the saved
/// result by its own engine's, which lacks many functions. A formula saved without a result (openpyxl, ClosedXML
/// without evaluation) is recalculated, after every such cell is invalidated: ClosedXML otherwise returns the empty
/// saved result for some of them (a reference to another sheet) and feeds it to the cells that depend on them.
/// Evaluation is recursive, so it only happens within budget: few enough formulas (recursion depth), little enough work
/// (formulas to recalculate times used cells) and no formula beyond Excel's own length and nesting limits.
/// </summary>
internal sealed class FormulaResults
{
    private const int MaxFormulaLength = 8_192;
    private const int MaxNesting = 64;

    private readonly Dictionary<IXLWorksheet, Dictionary<(int Row, int Column), CellValue>> saved;
    private readonly bool evaluate;

    private FormulaResults(Dictionary<IXLWorksheet, Dictionary<(int, int), CellValue>> saved, bool evaluate, int unevaluated)
    {
        this.saved = saved;
        this.evaluate = evaluate;
        Unevaluated = unevaluated;
    }

    /// <summary>Formulas without a saved result that were over budget and read as empty.</summary>
    public int Unevaluated { get; }

    public static FormulaResults Prepare(IXLWorkbook workbook, UploadLimits limits)
    {
        var saved = new Dictionary<IXLWorksheet, Dictionary<(int, int), CellValue>>(ReferenceEqualityComparer.Instance);
        var missing = new List<IXLCell>();
        long formulas = 0, usedCells = 0;
        var withinExcelLimits = true;
        foreach (var sheet in workbook.Worksheets)
        {
            var results = new Dictionary<(int, int), CellValue>();
            saved[sheet] = results;
            foreach (var cell in sheet.CellsUsed())
            {
                usedCells++;
                if (!cell.HasFormula)
                {
                    continue;
                }

                formulas++;
                withinExcelLimits &= IsWithinExcelLimits(cell.FormulaA1);
                var result = SavedResult(cell);
                if (result.IsEmpty)
                {
                    missing.Add(cell);
                }
                else
                {
                    results[(cell.Address.RowNumber, cell.Address.ColumnNumber)] = result;
                }
            }
        }

        var names = workbook.NamedRanges.Concat(workbook.Worksheets.SelectMany(s => s.NamedRanges)).ToList();
        withinExcelLimits &= names.All(n => IsWithinExcelLimits(n.RefersTo));
        var evaluate = missing.Count > 0 && withinExcelLimits
            && formulas + names.Count <= limits.MaxFormulasForEvaluation
            && missing.Count * usedCells <= limits.MaxFormulaWork;
        if (evaluate)
        {
            foreach (var cell in missing)
            {
                cell.InvalidateFormula();
            }
        }

        return new FormulaResults(saved, evaluate, evaluate ? 0 : missing.Count);
    }

    public CellValue ValueOf(IXLCell cell)
    {
        if (saved.TryGetValue(cell.Worksheet, out var results)
            && results.TryGetValue((cell.Address.RowNumber, cell.Address.ColumnNumber), out var result))
        {
            return result;
        }

        if (!evaluate)
        {
            return CellValue.Empty;
        }

        try
        {
            return SheetGridReader.FromObject(cell.Value);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A formula ClosedXML cannot compute (unknown function, circular reference, a missing sheet) shows an error.
            return CellValue.FromError("#VALUE!");
        }
    }

    private static CellValue SavedResult(IXLCell cell)
    {
        try
        {
            return SheetGridReader.FromObject(cell.CachedValue);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return CellValue.Empty;
        }
    }

    // ClosedXML parses formulas recursively: 4,000 nested parentheses (8,001 characters) overflow a 1.5 MB stack and end
    // the process. Excel itself allows 8,192 characters and 64 nesting levels.
    private static bool IsWithinExcelLimits(string? formula)
    {
        if (formula is null)
        {
            return true;
        }

        if (formula.Length > MaxFormulaLength)
        {
            return false;
        }

        var depth = 0;
        var inString = false;
        foreach (var ch in formula)
        {
            if (ch == '"')
            {
                inString = !inString;
            }
            else if (!inString && ch is '(' or '{')
            {
                if (++depth > MaxNesting)
                {
                    return false;
                }
            }
            else if (!inString && ch is ')' or '}')
            {
                depth--;
            }
        }

        return true;
    }
}
