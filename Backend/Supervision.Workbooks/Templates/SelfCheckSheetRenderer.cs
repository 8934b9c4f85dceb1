using ClosedXML.Excel;
using Supervision.Domain.Forms;
using static Supervision.Workbooks.Templates.SheetStyle;

namespace Supervision.Workbooks.Templates;

/// <summary>Renders 附件3 自查表 from its <see cref="SelfCheckLayout"/>: every caption and value box where the layout puts it.</summary>
internal sealed class SelfCheckSheetRenderer(SelfCheckLayout layout)
{
    /// <summary>Column widths A–J: a narrow section column, then the 组织管理 table's nine columns.</summary>
    private static readonly double[] Widths = [5, 13, 12, 12, 12, 13, 12, 12, 12, 16];

    private const double TextValueHeight = 54;

    public void Render(IXLWorksheet sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        for (var c = 0; c < layout.Width; c++)
        {
            sheet.Column(c + 1).Width = c < Widths.Length ? Widths[c] : 12;
        }

        var heights = new Dictionary<int, double>();
        void Tall(int row, double height) => heights[row] = Math.Max(heights.GetValueOrDefault(row, 20), height);

        Grid(sheet.Range(layout.FirstTableRow, 1, layout.LastTableRow, layout.Width));
        foreach (var caption in layout.Captions)
        {
            if (caption.Kind == SelfCheckCaptionKind.Title)
            {
                Title(sheet, caption.Text, caption.Box.TopLeft.Row, layout.Width);
                continue;
            }

            var range = Box(sheet, caption.Box);
            Text(range, caption.Text);
            switch (caption.Kind)
            {
                case SelfCheckCaptionKind.Subtitle:
                    Centered(range);
                    range.Style.Font.SetFontSize(12);
                    Tall(caption.Box.TopLeft.Row, 20);
                    break;
                case SelfCheckCaptionKind.Section:
                    // One character per line down the narrow column, as on the paper (组/织/管/理); the parser ignores line breaks.
                    Text(range, string.Join("\n", caption.Text.ToCharArray()));
                    Heading(range);
                    break;
                case SelfCheckCaptionKind.Heading:
                    Heading(range);
                    if (caption.Box.Rows == 1)
                    {
                        Tall(caption.Box.TopLeft.Row, HeightFor(caption.Text, WidthOf(caption.Box), 22));
                    }

                    break;
                default:
                    Label(range);
                    range.Style.Alignment.SetWrapText();
                    Tall(caption.Box.TopLeft.Row, HeightFor(caption.Text, WidthOf(caption.Box), 22));
                    break;
            }
        }

        foreach (var fact in layout.Facts)
        {
            var range = Box(sheet, fact.ValueBox);
            var row = fact.ValueCell.Row;
            if (fact.Value is not null)
            {
                // Prefilled (the school's name): printed and locked.
                Text(range, fact.Value);
                Label(range);
                range.Style.Border.SetBottomBorder(XLBorderStyleValues.Thin);
                continue;
            }

            switch (fact.Kind)
            {
                case SelfCheckValueKind.Text:
                    Input(range, TextFormat);
                    if (row >= layout.FirstTableRow)
                    {
                        Tall(row, TextValueHeight);
                    }
                    else
                    {
                        // Header block (联系人, 联系电话): a line to write on, as on the paper.
                        range.Style.Alignment.SetVertical(XLAlignmentVerticalValues.Center).Border.SetBottomBorder(XLBorderStyleValues.Thin);
                    }

                    break;
                case SelfCheckValueKind.Money:
                    Input(range, MoneyFormat);
                    AmountValidation(range, fact.Key == "payroll" ? "教职工工资总额（元）" : "经费投入（元）",
                        fact.Key == "payroll"
                            ? "填写本学年教职工工资总额（元）。经费投入总额应不低于它的 1%。"
                            : "填写金额（元），不小于 0。");
                    Tall(row, 24);
                    break;
                case SelfCheckValueKind.TeacherCount:
                    Input(range, CountFormat);
                    WholeNumberValidation(range, 1, "教师人数", "填写本校教师人数（整数），用于确定交流检查的研训记录册数量。");
                    break;
                case SelfCheckValueKind.Count:
                    Input(range, CountFormat);
                    WholeNumberValidation(range, 0, "送培人数", "填写送培人数（整数），没有可不填。");
                    break;
                default:
                    break;
            }
        }

        foreach (var (row, height) in heights)
        {
            sheet.Row(row).Height = height;
        }

        // The paper form is one landscape page; its title lines and header block repeat if a printer needs two.
        Print(sheet, XLPageOrientation.Landscape, 1, layout.FirstTableRow - 1, layout.LastTableRow, layout.Width, onePage: true);
    }

    private static double WidthOf(CellBox box)
    {
        var total = 0.0;
        for (var c = box.TopLeft.Column; c <= box.BottomRight.Column; c++)
        {
            total += c - 1 < Widths.Length ? Widths[c - 1] : 12;
        }

        return total;
    }
}
