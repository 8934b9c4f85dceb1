using System.Globalization;
using System.Xml;
using Supervision.Domain.Grids;

namespace Supervision.Workbooks.Reading;

/// <summary>What a loaded cell holds, in ClosedXML 0.95.4's terms: a data type and its value text, or a formula's saved result.</summary>
internal enum FastCellKind : byte
{
    Text,
    Number,
    Boolean,
    DateTime,
    Formula,
}

/// <summary>
/// One cell ClosedXML counts as used (a value, or a formula). <see cref="Text"/> is the value as ClosedXML keeps it:
/// the string, a number printed back as G15, a boolean's raw text; <see cref="Result"/> a formula's saved result.
/// </summary>
internal readonly record struct FastCell(int Row, int Column, FastCellKind Kind, string Text, CellValue Result);

/// <summary>
/// Reads the cells of one worksheet part the way ClosedXML 0.95.4's loader does (XLWorkbook_Load: LoadRows/LoadCells),
/// keeping the cells that end up "used": those with a non-empty value or a formula. Anything it does not reproduce
/// exactly throws <see cref="FastReadFallbackException"/>.
/// </summary>
internal sealed class FastSheetReader(FastWorkbookParts parts, UploadLimits limits)
{
    // One list per thread, reused from sheet to sheet and file to file: growing a new one for every sheet cost a tenth
    // of the reading time.
    [ThreadStatic]
    private static List<FastCell>? reusedCells;

    // A list grown by one large sheet is not kept for the life of the thread.
    private const int MaxReusedCapacity = 16_384;

    private readonly Dictionary<uint, bool> sharedFormulas = [];
    private int lastColumn;
    private int previousRow;
    private int previousColumn;

    /// <summary>Cells read so far in all sheets, against <see cref="UploadLimits.MaxCells"/>.</summary>
    public long CellCount { get; private set; }

    /// <summary>The used cells of the sheet, in document order; the list is reused by the next call on this thread.</summary>
    public List<FastCell> Read(XmlReader reader)
    {
        var cells = reusedCells is { Capacity: <= MaxReusedCapacity } reused ? reused : reusedCells = new List<FastCell>(256);
        cells.Clear();
        sharedFormulas.Clear();
        previousRow = 0;
        previousColumn = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (reader.Depth == 0 && (reader.LocalName != "worksheet" || reader.NamespaceURI != FastPackage.MainNamespace))
            {
                throw new FastReadFallbackException($"a sheet part's root is {{{reader.NamespaceURI}}}{reader.LocalName}");
            }

            if (reader.Depth == 1 && reader.LocalName == "sheetData" && reader.NamespaceURI == FastPackage.MainNamespace)
            {
                ReadSheetData(reader, cells);
                break;
            }
        }

        return cells;
    }

    private void ReadSheetData(XmlReader reader, List<FastCell> cells)
    {
        if (reader.IsEmptyElement)
        {
            return;
        }

        var rowIndex = 0;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == 1)
            {
                return;
            }

            if (reader.NodeType != XmlNodeType.Element || reader.NamespaceURI != FastPackage.MainNamespace)
            {
                continue;
            }

            if (reader.Depth == 2 && reader.LocalName == "row")
            {
                // ClosedXML numbers a row without r after a counter that r never moves; nothing we write or read omits it.
                rowIndex = int.TryParse(reader.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r >= 1
                    ? r
                    : throw new FastReadFallbackException("a row without a valid r attribute");
                lastColumn = 0;
            }
            else if (reader.Depth == 3 && reader.LocalName == "c")
            {
                ReadCell(reader, rowIndex, cells);
            }
        }
    }

    private void ReadCell(XmlReader reader, int rowIndex, List<FastCell> cells)
    {
        string? reference = null, style = null, type = null;
        while (reader.MoveToNextAttribute())
        {
            if (reader.NamespaceURI.Length != 0)
            {
                continue;
            }

            switch (reader.LocalName)
            {
                case "r":
                    reference = reader.Value;
                    break;
                case "s":
                    style = reader.Value;
                    break;
                case "t":
                    type = reader.Value;
                    break;
            }
        }

        reader.MoveToElement();
        int row, column;
        if (reference is null)
        {
            row = rowIndex;
            column = ++lastColumn;
        }
        else if (TryParseReference(reference, out row, out column))
        {
            lastColumn = column;
        }
        else
        {
            throw new FastReadFallbackException($"cell reference '{reference}' is not an A1 address");
        }

        if (row < previousRow || (row == previousRow && column <= previousColumn))
        {
            throw new FastReadFallbackException($"cell {reference} is out of order or repeated");
        }

        previousRow = row;
        previousColumn = column;
        if (++CellCount > limits.MaxCells)
        {
            throw new FastReadFallbackException($"more than {limits.MaxCells:N0} cells");
        }

        string? value = null, formula = null, formulaType = null, sharedIndex = null, formulaRange = null;
        var hasFormula = false;
        FastStrings.RichText? inline = null;
        if (!reader.IsEmptyElement)
        {
            var depth = reader.Depth;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
                {
                    break;
                }

                if (reader.NodeType != XmlNodeType.Element || reader.Depth != depth + 1 || reader.NamespaceURI != FastPackage.MainNamespace)
                {
                    continue;
                }

                switch (reader.LocalName)
                {
                    case "v":
                        value ??= FastStrings.ReadText(reader);
                        break;
                    case "f" when !hasFormula:
                        hasFormula = true;
                        formulaType = reader.GetAttribute("t");
                        sharedIndex = reader.GetAttribute("si");
                        formulaRange = reader.GetAttribute("ref");
                        formula = FastStrings.ReadText(reader);
                        break;
                    case "is" when inline is null:
                        inline = FastStrings.Read(reader);
                        break;
                }
            }
        }

        if (hasFormula)
        {
            if (IsFormula(formula!, formulaType, sharedIndex, formulaRange))
            {
                cells.Add(new FastCell(row, column, FastCellKind.Formula, "", SavedResult(value, type)));
            }

            // A formula cell whose formula is blank keeps no value in ClosedXML: it is not used.
            return;
        }

        var cell = type switch
        {
            null or "n" => Number(row, column, value, style),
            "s" => SharedString(row, column, value),
            "str" => string.IsNullOrEmpty(value) ? (FastCell?)null : new FastCell(row, column, FastCellKind.Text, Checked(value), default),
            "inlineStr" => inline is { } text ? Text(row, column, FastStrings.InlineString(text)) : null,
            "b" => string.IsNullOrEmpty(value) ? null : new FastCell(row, column, FastCellKind.Boolean, value, default),
            // ClosedXML 0.95.4 loads no value for an error constant: the cell is not used.
            "e" => null,
            "d" => string.IsNullOrWhiteSpace(value) ? null : throw new FastReadFallbackException("an ISO 8601 date cell (t=\"d\")"),
            _ => throw new FastReadFallbackException($"cell type '{type}'"),
        };
        if (cell is { } used)
        {
            cells.Add(used);
        }
    }

    private FastCell? Number(int row, int column, string? value, string? style)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            throw new FastReadFallbackException($"number '{value}' cannot be parsed");
        }

        var styleIndex = style is null ? 0 : int.TryParse(style, NumberStyles.None, CultureInfo.InvariantCulture, out var s)
            ? s
            : throw new FastReadFallbackException($"style index '{style}'");
        var kind = parts.Styles.KindOf(styleIndex) switch
        {
            FastNumberKind.Number => FastCellKind.Number,
            FastNumberKind.DateTime => FastCellKind.DateTime,
            FastNumberKind.Text => FastCellKind.Text,
            _ => throw new FastReadFallbackException("a number formatted as a duration"),
        };
        return new FastCell(row, column, kind, FastStrings.G15(number), default);
    }

    private FastCell? SharedString(int row, int column, string? value)
    {
        var strings = parts.SharedStrings;
        if (value is null || !int.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var index) || index < 0 || index >= strings.Count)
        {
            return null;
        }

        return Text(row, column, strings[index]);
    }

    private static FastCell? Text(int row, int column, string? text) => text switch
    {
        null => throw new FastReadFallbackException("a string ClosedXML decodes or cannot load"),
        "" => null,
        _ => new FastCell(row, column, FastCellKind.Text, text, default),
    };

    private static string Checked(string text) =>
        text.Contains("_x", StringComparison.OrdinalIgnoreCase) ? throw new FastReadFallbackException("a string with _x escapes") : text;

    // ClosedXML's rules for a cell's <f>: a shared formula's master (si and ref) registers its formula for the cells
    // that name the same si; any other <f> is a formula when its text is not blank. Array and data-table formulas
    // spread over a range, which the fast reader does not reproduce.
    private bool IsFormula(string text, string? type, string? sharedIndex, string? range)
    {
        if (type is "array" or "dataTable")
        {
            throw new FastReadFallbackException($"an {type} formula");
        }

        if (sharedIndex is null)
        {
            return range is null ? !string.IsNullOrWhiteSpace(text) : throw new FastReadFallbackException("a formula over a range");
        }

        if (!uint.TryParse(sharedIndex, NumberStyles.None, CultureInfo.InvariantCulture, out var si))
        {
            throw new FastReadFallbackException($"shared formula index '{sharedIndex}'");
        }

        if (range is not null)
        {
            var isFormula = !string.IsNullOrWhiteSpace(text);
            return sharedFormulas.TryAdd(si, isFormula) ? isFormula : throw new FastReadFallbackException($"shared formula {si} defined twice");
        }

        return sharedFormulas.TryGetValue(si, out var shared) ? shared : throw new FastReadFallbackException($"shared formula {si} before its master");
    }

    /// <summary>
    /// A formula's saved result as <see cref="FormulaResults"/> takes it: ClosedXML parses the &lt;v&gt; text by the
    /// cell's type (boolean, number, otherwise text, which reads as a number when it parses as one); empty when there is
    /// none, which is when ClosedXML would calculate the formula itself.
    /// </summary>
    private static CellValue SavedResult(string? value, string? type)
    {
        if (string.IsNullOrEmpty(value))
        {
            return CellValue.Empty;
        }

        switch (type)
        {
            case "b":
                return CellValue.FromBoolean(ParseBoolean(value));
            case "n":
                var text = value;
                var scale = 1.0;
                if (text.EndsWith('%'))
                {
                    text = text[..^1];
                    scale = 0.01;
                }

                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    ? CellValue.FromNumber(number * scale)
                    : CellValue.Empty;
            case "d":
                throw new FastReadFallbackException("a formula with a date result (t=\"d\")");
            case null or "s" or "str" or "inlineStr" or "e":
                return SheetGridReader.FromObject(value);
            default:
                throw new FastReadFallbackException($"cell type '{type}'");
        }
    }

    /// <summary>ClosedXML's reading of a boolean's text: true/false in any case, "0", "1", and anything else non-empty is true.</summary>
    public static bool ParseBoolean(string value) =>
        bool.TryParse(value, out var parsed) ? parsed : value != "0";

    /// <summary>"B12" → row 12, column 2; no $, no sheet, within Excel's limits.</summary>
    public static bool TryParseReference(string text, out int row, out int column)
    {
        row = 0;
        column = 0;
        var i = 0;
        while (i < text.Length && char.IsAsciiLetter(text[i]))
        {
            column = (column * 26) + (char.ToUpperInvariant(text[i]) - 'A' + 1);
            if (column > CellAddress.MaxColumns)
            {
                return false;
            }

            i++;
        }

        if (i == 0 || i == text.Length)
        {
            return false;
        }

        for (; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }

            row = (row * 10) + (text[i] - '0');
            if (row > CellAddress.MaxRows)
            {
                return false;
            }
        }

        return row >= 1;
    }
}
