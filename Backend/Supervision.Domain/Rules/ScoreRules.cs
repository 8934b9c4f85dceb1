using System.Globalization;
using Supervision.Domain.Grids;

namespace Supervision.Domain.Rules;

/// <summary>The outcome of reading one score cell.</summary>
public enum ScoreStatus
{
    Valid,
    Missing,
    NotANumber,
    OutOfRange,
    OffStep,
}

public readonly record struct ScoreReading(ScoreStatus Status, decimal? Value)
{
    public bool IsValid => Status == ScoreStatus.Valid;
}

/// <summary>A score is a number within 0..max on the campaign's step. Pure; the server is the authority.</summary>
public static class ScoreRules
{
    public static ScoreReading Read(CellValue cell, decimal max, decimal step)
    {
        decimal value;
        switch (cell.Kind)
        {
            case CellKind.Empty:
                return new ScoreReading(ScoreStatus.Missing, null);
            case CellKind.Number:
                if (double.IsNaN(cell.Number) || double.IsInfinity(cell.Number) || Math.Abs(cell.Number) > 1e12)
                {
                    return new ScoreReading(ScoreStatus.NotANumber, null);
                }

                // Round away binary noise (7.3 stored as 7.2999999999999998) before the step check.
                value = Math.Round((decimal)cell.Number, 9);
                break;
            case CellKind.Text:
                // Numbers typed or pasted as text (WPS, CSV, full-width digits) still count as the number they show.
                var text = SchoolNames.Normalize(cell.Text);
                if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
                {
                    return new ScoreReading(ScoreStatus.NotANumber, null);
                }

                break;
            default:
                return new ScoreReading(ScoreStatus.NotANumber, null);
        }

        if (value < 0 || value > max)
        {
            return new ScoreReading(ScoreStatus.OutOfRange, value);
        }

        if (step > 0 && value % step != 0)
        {
            return new ScoreReading(ScoreStatus.OffStep, value);
        }

        return new ScoreReading(ScoreStatus.Valid, value);
    }

    /// <summary>"0.5" → "0.5", "10.0" → "10" for messages.</summary>
    public static string Format(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    /// <summary>The issue for a score that is not valid, or null. <paramref name="what"/> names the school and item in Chinese.</summary>
    public static Issue? IssueFor(ScoreReading reading, CellValue cell, decimal max, decimal step, string sheet, CellAddress address, string what) =>
        reading.Status switch
        {
            ScoreStatus.Missing => Issue.Warning(IssueCodes.ScoreMissing, sheet, address.ToString(),
                $"{what}未填写评分（{address}），表格将按未完成保存。"),
            ScoreStatus.NotANumber => Issue.Error(IssueCodes.ScoreNotANumber, sheet, address.ToString(),
                $"{what}的评分“{cell.Display}”不是数字（{address}），请填写 0 到 {Format(max)} 之间的数。"),
            ScoreStatus.OutOfRange => Issue.Error(IssueCodes.ScoreOutOfRange, sheet, address.ToString(),
                $"{what}的评分 {Format(reading.Value!.Value)} 超出范围（{address}），应在 0 到 {Format(max)} 之间。"),
            ScoreStatus.OffStep => Issue.Error(IssueCodes.ScoreOffStep, sheet, address.ToString(),
                $"{what}的评分 {Format(reading.Value!.Value)} 不是 {Format(step)} 的整数倍（{address}）。"),
            _ => null,
        };
}
