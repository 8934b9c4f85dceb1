namespace Supervision.Domain.Grids;

/// <summary>
/// A rectangle of cell values: the meeting point of every way a form reaches us. ClosedXML turns an uploaded sheet into
/// a Grid, the add-in sends a used range's values as one, and the streaming reader yields one; one parser reads them all.
/// </summary>
public sealed class Grid
{
    private readonly CellValue[][] rows;

    public Grid(string sheet, CellAddress topLeft, IEnumerable<IEnumerable<CellValue>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Sheet = sheet;
        TopLeft = topLeft;
        this.rows = rows.Select(r => r.ToArray()).ToArray();
        ColumnCount = this.rows.Length == 0 ? 0 : this.rows.Max(r => r.Length);
    }

    public string Sheet { get; }

    public CellAddress TopLeft { get; }

    public int RowCount => rows.Length;

    public int ColumnCount { get; }

    public int FirstRow => TopLeft.Row;

    public int LastRow => TopLeft.Row + RowCount - 1;

    public int FirstColumn => TopLeft.Column;

    public int LastColumn => TopLeft.Column + ColumnCount - 1;

    /// <summary>The value at an absolute sheet address; empty outside the rectangle.</summary>
    public CellValue this[CellAddress address] => this[address.Row, address.Column];

    public CellValue this[int row, int column]
    {
        get
        {
            var r = row - TopLeft.Row;
            var c = column - TopLeft.Column;
            return r >= 0 && r < rows.Length && c >= 0 && c < rows[r].Length ? rows[r][c] : CellValue.Empty;
        }
    }

    /// <summary>Every non-empty cell, row by row, with its absolute address.</summary>
    public IEnumerable<(CellAddress Address, CellValue Value)> Cells()
    {
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                if (!rows[r][c].IsEmpty)
                {
                    yield return (new CellAddress(TopLeft.Row + r, TopLeft.Column + c), rows[r][c]);
                }
            }
        }
    }

    /// <summary>Builds a grid from sparse cells (a reader that saw only some cells), spanning A1 to the last one.</summary>
    public static Grid FromCells(string sheet, IReadOnlyDictionary<CellAddress, CellValue> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count == 0)
        {
            return new Grid(sheet, CellAddress.A1, []);
        }

        var lastRow = cells.Keys.Max(a => a.Row);
        var lastColumn = cells.Keys.Max(a => a.Column);
        var values = new CellValue[lastRow][];
        for (var r = 0; r < lastRow; r++)
        {
            values[r] = new CellValue[lastColumn];
        }

        foreach (var (address, value) in cells)
        {
            values[address.Row - 1][address.Column - 1] = value;
        }

        return new Grid(sheet, CellAddress.A1, values);
    }
}
