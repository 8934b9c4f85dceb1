using Supervision.Domain.Grids;
using Supervision.Domain.Rules;

namespace Supervision.Domain.Forms;

/// <summary>A heading the parser looks for; any of its spellings matches after normalisation.</summary>
internal sealed record HeadingSpec(string Key, bool Required, params string[] Spellings);

/// <summary>A table found in a grid: its header row and the column of each heading found.</summary>
internal sealed record TableHeader(int Row, IReadOnlyDictionary<string, int> Columns)
{
    public int? ColumnOf(string key) => Columns.TryGetValue(key, out var c) ? c : null;
}

/// <summary>A header-block value (填写学校：…) and the cell it was read from, or where it should be.</summary>
internal sealed record FieldValue(string? Value, CellAddress Cell);

/// <summary>Finds headings and labelled values in a grid wherever the form was placed.</summary>
internal static class GridSearch
{
    private static readonly string[] Labels =
    [
        FormHeadings.FillingSchool, FormHeadings.AreaCode, FormHeadings.Date, FormHeadings.Author,
        FormHeadings.EvaluatedSchool, FormHeadings.RecordCategory, FormHeadings.Signature,
    ];

    public static string Text(CellValue value) => SchoolNames.Normalize(value.Display);

    public static TableHeader? FindTable(Grid grid, IReadOnlyList<HeadingSpec> specs)
    {
        for (var row = grid.FirstRow; row <= grid.LastRow; row++)
        {
            var columns = new Dictionary<string, int>();
            for (var column = grid.FirstColumn; column <= grid.LastColumn; column++)
            {
                var text = Text(grid[row, column]);
                if (text.Length == 0)
                {
                    continue;
                }

                var spec = specs.FirstOrDefault(s => !columns.ContainsKey(s.Key) && s.Spellings.Any(h => SchoolNames.Normalize(h) == text));
                if (spec is not null)
                {
                    columns[spec.Key] = column;
                }
            }

            if (specs.Where(s => s.Required).All(s => columns.ContainsKey(s.Key)))
            {
                return new TableHeader(row, columns);
            }
        }

        return null;
    }

    /// <summary>
    /// Reads "label：value" from one cell, or "label：" followed by the next filled cell on its right, in the rows before
    /// <paramref name="beforeRow"/>. Null when the label is not there at all.
    /// </summary>
    public static FieldValue? ReadField(Grid grid, string label, int beforeRow)
    {
        var wanted = SchoolNames.Normalize(label);
        for (var row = grid.FirstRow; row < beforeRow && row <= grid.LastRow; row++)
        {
            for (var column = grid.FirstColumn; column <= grid.LastColumn; column++)
            {
                var text = Text(grid[row, column]);
                if (!text.StartsWith(wanted, StringComparison.Ordinal))
                {
                    continue;
                }

                var rest = text[wanted.Length..].TrimStart(':');
                if (rest.Length > 0)
                {
                    return new FieldValue(rest, new CellAddress(row, column));
                }

                for (var right = column + 1; right <= grid.LastColumn; right++)
                {
                    var value = Text(grid[row, right]);
                    if (value.Length == 0)
                    {
                        continue;
                    }

                    return IsLabel(value) ? new FieldValue(null, new CellAddress(row, column + 1)) : new FieldValue(value, new CellAddress(row, right));
                }

                return new FieldValue(null, new CellAddress(row, column + 1));
            }
        }

        return null;
    }

    private static bool IsLabel(string normalized) =>
        Labels.Any(l => normalized.StartsWith(SchoolNames.Normalize(l), StringComparison.Ordinal));
}
