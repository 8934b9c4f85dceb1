using System.Globalization;
using System.Text;

namespace Supervision.Domain.Grids;

/// <summary>A cell position, 1-based, written as Excel's A1 notation.</summary>
public readonly record struct CellAddress(int Row, int Column)
{
    public const int MaxRows = 1_048_576;
    public const int MaxColumns = 16_384;

    public static readonly CellAddress A1 = new(1, 1);

    public CellAddress Offset(int rows, int columns) => new(Row + rows, Column + columns);

    public override string ToString() => ColumnName(Column) + Row.ToString(CultureInfo.InvariantCulture);

    public static string ColumnName(int column)
    {
        var name = new StringBuilder();
        for (var c = column; c > 0; c = (c - 1) / 26)
        {
            name.Insert(0, (char)('A' + ((c - 1) % 26)));
        }

        return name.ToString();
    }

    /// <summary>Parses "B3" or "$B$3".</summary>
    public static bool TryParse(string? text, out CellAddress address)
    {
        address = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim().Replace("$", "", StringComparison.Ordinal);
        var i = 0;
        var column = 0;
        while (i < s.Length && char.IsAsciiLetter(s[i]))
        {
            column = (column * 26) + (char.ToUpperInvariant(s[i]) - 'A' + 1);
            if (column > MaxColumns)
            {
                return false;
            }

            i++;
        }

        if (i == 0 || i == s.Length
            || !int.TryParse(s.AsSpan(i), NumberStyles.None, CultureInfo.InvariantCulture, out var row)
            || row < 1 || row > MaxRows)
        {
            return false;
        }

        address = new CellAddress(row, column);
        return true;
    }

    public static CellAddress Parse(string text) =>
        TryParse(text, out var address) ? address : throw new FormatException($"'{text}' is not an A1 cell address.");
}

/// <summary>
/// An address as Office gives it for a range: "B3", "B3:I12", "Sheet1!B3:I12" or "'My sheet'!B3:I12".
/// Only the sheet name and the top-left cell matter to a Grid.
/// </summary>
public readonly record struct RangeReference(string? Sheet, CellAddress TopLeft)
{
    public static bool TryParse(string? text, out RangeReference reference)
    {
        reference = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        string? sheet = null;
        var bang = s.LastIndexOf('!');
        if (bang >= 0)
        {
            sheet = s[..bang];
            if (sheet.Length >= 2 && sheet[0] == '\'' && sheet[^1] == '\'')
            {
                sheet = sheet[1..^1].Replace("''", "'", StringComparison.Ordinal);
            }

            if (sheet.Length == 0)
            {
                return false;
            }

            s = s[(bang + 1)..];
        }

        var colon = s.IndexOf(':', StringComparison.Ordinal);
        var first = colon >= 0 ? s[..colon] : s;
        if (!CellAddress.TryParse(first, out var topLeft))
        {
            return false;
        }

        if (colon >= 0 && !CellAddress.TryParse(s[(colon + 1)..], out _))
        {
            return false;
        }

        reference = new RangeReference(sheet, topLeft);
        return true;
    }
}
