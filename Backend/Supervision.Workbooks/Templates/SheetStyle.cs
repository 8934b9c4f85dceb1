using System.Globalization;
using ClosedXML.Excel;
using Supervision.Domain.Forms;
using Supervision.Domain.Grids;
using Supervision.Domain.Rules;

namespace Supervision.Workbooks.Templates;

/// <summary>The look shared by every template: fonts Chinese Excel users have, thin borders, A4 print setup, protection.</summary>
internal static class SheetStyle
{
    /// <summary>Body text, as on the paper forms.</summary>
    public const string TextFont = "宋体";

    /// <summary>Numbers (scores, totals, amounts): Office's Chinese UI font, clearer digits than 宋体.</summary>
    public const string NumberFont = "等线";

    public const double BodySize = 11;
    public const double TitleSize = 16;
    public const string ScoreFormat = "0.0";

    /// <summary>A total shows nothing while it is 0, so a blank form prints blank totals, as on the paper.</summary>
    public const string TotalFormat = "0.0;-0.0;";
    public const string MoneyFormat = "#,##0.00";
    public const string CountFormat = "0";
    public const string TextFormat = "@";

    /// <summary>Points per printed line at 11 pt: 宋体 needs 14.25; LibreOffice's CJK fallback fonts need a little more.</summary>
    private const double LineHeight = 15.5;

    public static readonly XLColor SelfRowFill = XLColor.FromHtml("#FFF2CC");

    public static void ApplyWorkbookDefaults(XLWorkbook workbook)
    {
        workbook.Style.Font.FontName = TextFont;
        workbook.Style.Font.FontSize = BodySize;
        workbook.Style.Font.FontCharSet = XLFontCharSet.GB2312;
    }

    public static IXLRange Box(IXLWorksheet sheet, CellAddress topLeft, CellAddress bottomRight)
    {
        var range = sheet.Range(topLeft.Row, topLeft.Column, bottomRight.Row, bottomRight.Column);
        if (topLeft != bottomRight)
        {
            range.Merge();
        }

        return range;
    }

    public static IXLRange Box(IXLWorksheet sheet, CellBox box) => Box(sheet, box.TopLeft, box.BottomRight);

    public static void Text(IXLRange range, string text) => range.FirstCell().SetValue(text);

    public static void Title(IXLWorksheet sheet, string text, int row, int width, double height = 30)
    {
        var range = Box(sheet, new CellAddress(row, 1), new CellAddress(row, width));
        Text(range, text);
        range.Style.Font.SetFontName(TextFont).Font.SetFontSize(TitleSize).Font.SetBold()
            .Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center).Alignment.SetVertical(XLAlignmentVerticalValues.Center)
            .Alignment.SetWrapText();
        sheet.Row(row).Height = height;
    }

    public static void Heading(IXLRange range)
    {
        range.Style.Font.SetBold()
            .Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center).Alignment.SetVertical(XLAlignmentVerticalValues.Center)
            .Alignment.SetWrapText();
    }

    public static void Label(IXLRange range) =>
        range.Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Left).Alignment.SetVertical(XLAlignmentVerticalValues.Center);

    public static void Centered(IXLRange range) =>
        range.Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center).Alignment.SetVertical(XLAlignmentVerticalValues.Center)
            .Alignment.SetWrapText();

    public static void Grid(IXLRange range)
    {
        range.Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin);
    }

    /// <summary>A cell people type into: unlocked; text inputs keep "03-04" or "0012" as typed.</summary>
    public static void Input(IXLRange range, string format)
    {
        range.Style.Protection.SetLocked(false).NumberFormat.SetFormat(format);
        if (format != TextFormat)
        {
            range.Style.Font.SetFontName(NumberFont)
                .Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center).Alignment.SetVertical(XLAlignmentVerticalValues.Center);
        }
        else
        {
            range.Style.Alignment.SetVertical(XLAlignmentVerticalValues.Top).Alignment.SetWrapText();
        }
    }

    public static void Number(IXLRange range, string format) =>
        range.Style.NumberFormat.SetFormat(format).Font.SetFontName(NumberFont)
            .Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center).Alignment.SetVertical(XLAlignmentVerticalValues.Center);

    /// <summary>A score cell: a number from 0 to its maximum, stopped by Excel (the server checks again: paste bypasses this).</summary>
    public static void ScoreValidation(IXLRange range, decimal max, decimal step, string what)
    {
        var maxText = ScoreRules.Format(max);
        var validation = range.SetDataValidation();
        validation.Decimal.Between(0, (double)max);
        validation.IgnoreBlanks = true;
        validation.ShowInputMessage = true;
        validation.InputTitle = Clip($"{what}（0—{maxText}分）", 32);
        validation.InputMessage = step > 0
            ? $"请填写 0 到 {maxText} 之间的分数，以 {ScoreRules.Format(step)} 分为单位。"
            : $"请填写 0 到 {maxText} 之间的分数。";
        validation.ShowErrorMessage = true;
        validation.ErrorStyle = XLErrorStyle.Stop;
        validation.ErrorTitle = "分数超出范围";
        validation.ErrorMessage = $"{what}只能填写 0 到 {maxText} 之间的数。";
    }

    public static void WholeNumberValidation(IXLRange range, int min, string title, string message)
    {
        var validation = range.SetDataValidation();
        validation.WholeNumber.EqualOrGreaterThan(min);
        Messages(validation, title, message, $"此处只能填写不小于 {min} 的整数。");
    }

    public static void AmountValidation(IXLRange range, string title, string message)
    {
        var validation = range.SetDataValidation();
        validation.Decimal.EqualOrGreaterThan(0);
        Messages(validation, title, message, "此处只能填写不小于 0 的金额（元）。");
    }

    private static void Messages(IXLDataValidation validation, string title, string message, string error)
    {
        validation.IgnoreBlanks = true;
        validation.ShowInputMessage = true;
        validation.InputTitle = Clip(title, 32);
        validation.InputMessage = message;
        validation.ShowErrorMessage = true;
        validation.ErrorStyle = XLErrorStyle.Stop;
        validation.ErrorTitle = "数值不符合要求";
        validation.ErrorMessage = error;
    }

    /// <summary>A list of allowed texts, for a header cell whose value must be one of a few names.</summary>
    public static void ListValidation(IXLRange range, IEnumerable<string> values, string title)
    {
        var list = string.Join(",", values);
        // Excel refuses a literal list longer than 255 characters; a free cell is then checked by the server only.
        if (list.Length > 250)
        {
            return;
        }

        var validation = range.SetDataValidation();
        validation.List($"\"{list}\"", true);
        validation.IgnoreBlanks = true;
        validation.ShowInputMessage = true;
        validation.InputTitle = Clip(title, 32);
        validation.InputMessage = "请从下拉列表中选择。";
        validation.ShowErrorMessage = true;
        validation.ErrorStyle = XLErrorStyle.Stop;
        validation.ErrorTitle = "不在列表中";
        validation.ErrorMessage = "请从下拉列表中选择，名称须与下发模板一致。";
    }

    /// <summary>A4, fit to one page wide, table headings repeated on every page, page numbers in the footer.</summary>
    public static void Print(IXLWorksheet sheet, XLPageOrientation orientation, int repeatFrom, int repeatTo, int lastRow, int lastColumn,
        bool onePage = false)
    {
        var setup = sheet.PageSetup;
        setup.PaperSize = XLPaperSize.A4Paper;
        setup.PageOrientation = orientation;
        setup.FitToPages(1, onePage ? 1 : 0);
        setup.SetRowsToRepeatAtTop(repeatFrom, repeatTo);
        setup.PrintAreas.Add(1, 1, lastRow, lastColumn);
        setup.CenterHorizontally = true;
        setup.Margins.SetLeft(0.5).SetRight(0.5).SetTop(0.6).SetBottom(0.6).SetHeader(0.3).SetFooter(0.3);
        setup.Footer.Center.AddText("第 ");
        setup.Footer.Center.AddText(XLHFPredefinedText.PageNumber);
        setup.Footer.Center.AddText(" 页，共 ");
        setup.Footer.Center.AddText(XLHFPredefinedText.NumberOfPages);
        setup.Footer.Center.AddText(" 页");
        sheet.ShowGridLines = false;
    }

    /// <summary>Locks every cell not marked as input; no password (a UI guard: the server checks every upload).</summary>
    public static void Protect(IXLWorksheet sheet)
    {
        sheet.Protect()
            .AllowElement(XLSheetProtectionElements.FormatColumns | XLSheetProtectionElements.FormatRows, true);
    }

    /// <summary>
    /// A row height that shows <paramref name="text"/> wrapped in a column <paramref name="width"/> characters wide: column
    /// widths count the digit "0", a Chinese character takes two, and nothing here can measure glyphs (no libgdiplus).
    /// </summary>
    public static double HeightFor(string text, double width, double minimum = 20)
    {
        var lines = 0;
        foreach (var line in text.Split('\n'))
        {
            var units = line.Sum(c => c < 0x2E80 ? 1.1 : 2.1);
            lines += Math.Max(1, (int)Math.Ceiling(units / Math.Max(1, width - 1)));
        }

        return Math.Max(minimum, Math.Round((lines * LineHeight) + 6, 1));
    }

    public static string Clip(string text, int length) => text.Length <= length ? text : text[..length];

    /// <summary>A valid sheet name: no []:*?/\ characters, at most 31 characters.</summary>
    public static string SheetName(string name)
    {
        var cleaned = new string(name.Select(c => "[]:*?/\\".Contains(c, StringComparison.Ordinal) ? '-' : c).ToArray()).Trim('\'', ' ');
        return Clip(cleaned, 31).TrimEnd();
    }

    public static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
