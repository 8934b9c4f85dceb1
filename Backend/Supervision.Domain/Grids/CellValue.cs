using System.Globalization;

namespace Supervision.Domain.Grids;

public enum CellKind
{
    Empty,
    Number,
    Text,
    Boolean,
    Error,
}

/// <summary>A cell's value as a spreadsheet holds it: empty, a number, text, a boolean or an error such as #N/A.</summary>
public readonly record struct CellValue(CellKind Kind, double Number, string? Text)
{
    public static CellValue Empty => default;

    public static CellValue FromNumber(double number) => new(CellKind.Number, number, null);

    public static CellValue FromBoolean(bool value) => new(CellKind.Boolean, value ? 1 : 0, null);

    public static CellValue FromError(string error) => new(CellKind.Error, 0, error);

    /// <summary>Text; an empty or blank string is an empty cell, as in Excel's range.values.</summary>
    public static CellValue FromText(string? text) =>
        string.IsNullOrWhiteSpace(text) ? Empty : new CellValue(CellKind.Text, 0, text);

    public bool IsEmpty => Kind == CellKind.Empty;

    /// <summary>The value as a person reads it in the cell.</summary>
    public string Display => Kind switch
    {
        CellKind.Number => Number.ToString("0.############", CultureInfo.InvariantCulture),
        CellKind.Boolean => Number != 0 ? "TRUE" : "FALSE",
        CellKind.Text or CellKind.Error => Text ?? "",
        _ => "",
    };

    public override string ToString() => Display;
}
