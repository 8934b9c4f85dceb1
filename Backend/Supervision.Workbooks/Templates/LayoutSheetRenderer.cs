using System.Globalization;
using ClosedXML.Excel;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Forms;
using Supervision.Domain.Grids;
using static Supervision.Workbooks.Templates.SheetStyle;

namespace Supervision.Workbooks.Templates;

/// <summary>
/// Renders a <see cref="FormLayout"/> (附件1, 附件4, 附件5) onto a sheet. Every address comes from the layout, which the
/// parser and the streaming reader share: what is printed here is what they look for.
/// </summary>
internal sealed class LayoutSheetRenderer(Campaign campaign, FormLayout layout)
{
    public const string SelfScoreNote = "（自评）";

    /// <summary>Column widths by layout column key; the paper's proportions at 11 pt.</summary>
    private static readonly Dictionary<string, double> Widths = new(StringComparer.Ordinal)
    {
        ["category"] = 12,
        ["content"] = 50,
        ["method"] = 11,
        ["weight"] = 7,
        [FormHeadings.SchoolKey] = 18,
        ["notes"] = 58,
        [FormHeadings.TotalKey] = 10,
    };

    private const double ScoreWidth = 10;
    private const double CategoryScoreWidth = 14;
    private const double NoteWidth = 9;

    public void Render(IXLWorksheet sheet, string? selfSchoolId = null)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        foreach (var column in layout.Columns)
        {
            sheet.Column(column.Column).Width = WidthOf(column);
        }

        Title(sheet, layout.Title, 1, layout.Width);
        RenderFields(sheet);
        RenderHeadings(sheet);
        RenderRows(sheet);
        RenderScores(sheet);
        RenderTotals(sheet);

        var lastRow = layout.LastDataRow;
        var lastColumn = layout.Width;
        if (layout.Footnote is { } footnote)
        {
            lastRow++;
            var note = Box(sheet, new CellAddress(lastRow, 1), new CellAddress(lastRow, layout.Width));
            Text(note, footnote);
            Label(note);
            sheet.Row(lastRow).Height = 22;
        }

        if (layout.TotalCell is { } total)
        {
            lastRow = Math.Max(lastRow, total.Row);
        }

        if (selfSchoolId is not null && layout.Rows.FirstOrDefault(r => r.Key == selfSchoolId) is { } self)
        {
            // The filling school's own row is its self-score: shaded, with a note beside the table. The name cell keeps the
            // exact school name, which the parser matches.
            sheet.Range(self.Row, 1, self.Row, layout.Width).Style.Fill.SetBackgroundColor(SelfRowFill);
            var noteColumn = layout.Width + 1;
            sheet.Column(noteColumn).Width = NoteWidth;
            var note = sheet.Cell(self.Row, noteColumn);
            note.SetValue(SelfScoreNote);
            note.Style.Font.SetItalic().Alignment.SetVertical(XLAlignmentVerticalValues.Center);
            lastColumn = noteColumn;
        }

        var orientation = layout.Form == FormKind.PeerScores ? XLPageOrientation.Landscape : XLPageOrientation.Portrait;
        Print(sheet, orientation, layout.HeaderRow, layout.HeaderRow, lastRow, lastColumn);
    }

    private double WidthOf(LayoutColumn column) =>
        Widths.TryGetValue(column.Key, out var width) ? width
        : column.Key == FormHeadings.ScoreKey ? ScoreWidth
        : CategoryScoreWidth;

    private double WidthOfColumns(int first, int last) =>
        layout.Columns.Where(c => c.Column >= first && c.Column <= last).Sum(WidthOf);

    /// <summary>Header block: "label：" then the value, merged up to the next label on the row (or the form's right edge).</summary>
    private void RenderFields(IXLWorksheet sheet)
    {
        var labelCells = layout.Fields.Select(f => f.LabelCell).ToList();
        if (layout.TotalCell is { } total)
        {
            labelCells.Add(total.Offset(0, -1));
        }

        foreach (var field in layout.Fields)
        {
            var isSignature = field.Label == FormHeadings.Signature;
            var label = sheet.Cell(field.LabelCell.Row, field.LabelCell.Column);
            // The paper prints 检查小组签字 as a table cell without a colon; header labels end in "：".
            label.SetValue(isSignature ? field.Label : field.Label + "：");
            var nextLabel = labelCells.Where(c => c.Row == field.ValueCell.Row && c.Column > field.ValueCell.Column).Select(c => c.Column).DefaultIfEmpty(layout.Width + 1).Min();
            var value = Box(sheet, field.ValueCell, new CellAddress(field.ValueCell.Row, nextLabel - 1));
            if (field.Value is not null)
            {
                Text(value, field.Value);
                Label(value);
            }
            else
            {
                Input(value, TextFormat);
                value.Style.Alignment.SetVertical(XLAlignmentVerticalValues.Center);
                if (field.Key == "author" && layout.Form == FormKind.PeerScores)
                {
                    ListValidation(value, layout.Rows.Select(r => r.Label), "填写学校");
                }
            }

            if (!isSignature)
            {
                // A line to write on after "label：", as on the paper.
                value.Style.Border.SetBottomBorder(XLBorderStyleValues.Thin);
            }

            if (isSignature)
            {
                Centered(sheet.Range(field.LabelCell.Row, field.LabelCell.Column, field.LabelCell.Row, field.LabelCell.Column));
                sheet.Row(field.LabelCell.Row).Height = 28;
            }
            else
            {
                Label(sheet.Range(field.LabelCell.Row, field.LabelCell.Column, field.LabelCell.Row, field.LabelCell.Column));
                sheet.Row(field.LabelCell.Row).Height = 22;
            }
        }
    }

    private void RenderHeadings(IXLWorksheet sheet)
    {
        var height = 22.0;
        foreach (var column in layout.Columns)
        {
            var cell = sheet.Range(layout.HeaderRow, column.Column, layout.HeaderRow, column.Column);
            Text(cell, column.Heading);
            Heading(cell);
            height = Math.Max(height, HeightFor(column.Heading, WidthOf(column)));
        }

        sheet.Row(layout.HeaderRow).Height = height;
        Grid(sheet.Range(layout.HeaderRow, 1, layout.LastDataRow, layout.Width));
    }

    private void RenderRows(IXLWorksheet sheet)
    {
        var columns = layout.Columns.ToDictionary(c => c.Key, StringComparer.Ordinal);
        foreach (var row in layout.Rows)
        {
            // Rows tall enough to write in by hand once printed; 情况记录 gets room for a few lines.
            var height = layout.Form switch
            {
                FormKind.Records => 60.0,
                FormKind.PeerScores => 30.0,
                _ => 24.0,
            };
            foreach (var column in layout.Columns)
            {
                var cell = sheet.Range(row.Row, column.Column, row.Row, column.Column);
                switch (column.Key)
                {
                    case "content":
                    case FormHeadings.SchoolKey:
                        Text(cell, row.Label);
                        cell.Style.Alignment.SetVertical(XLAlignmentVerticalValues.Center).Alignment.SetWrapText();
                        height = Math.Max(height, HeightFor(row.Label, WidthOf(column)));
                        break;
                    case "method":
                        Text(cell, ItemOf(row).Method);
                        Centered(cell);
                        break;
                    case "weight":
                        cell.FirstCell().SetValue(row.Max ?? 0);
                        Number(cell, "0.##");
                        break;
                    case "notes":
                        Input(cell, TextFormat);
                        break;
                    default:
                        break;
                }
            }

            sheet.Row(row.Row).Height = height;
        }

        // 附件1: the 项目 column names each category once, merged over its items, as on the paper.
        if (columns.TryGetValue("category", out var category))
        {
            foreach (var group in layout.Rows.GroupBy(r => r.Group))
            {
                var first = group.Min(r => r.Row);
                var last = group.Max(r => r.Row);
                var box = Box(sheet, new CellAddress(first, category.Column), new CellAddress(last, category.Column));
                Text(box, campaign.Rubric.FindCategory(group.Key ?? "")?.Name ?? group.Key ?? "");
                Centered(box);
            }
        }
    }

    private RubricItem ItemOf(LayoutRow row) =>
        campaign.Rubric.Items.First(i => i.Number.ToString(CultureInfo.InvariantCulture) == row.Key);

    private void RenderScores(IXLWorksheet sheet)
    {
        foreach (var (cell, max) in layout.ScoreCells())
        {
            var range = sheet.Range(cell.Row, cell.Column, cell.Row, cell.Column);
            Input(range, ScoreFormat);
            ScoreValidation(range, max, campaign.ScoreStep, ScoreName(cell));
        }
    }

    /// <summary>How the input message names a score cell: "第 3 项实评分", "组织管理评分", "评分".</summary>
    private string ScoreName(CellAddress cell)
    {
        var row = layout.Rows.First(r => r.Row == cell.Row);
        var column = layout.Columns.First(c => c.Column == cell.Column);
        return layout.Form switch
        {
            FormKind.Evaluation => $"第 {row.Key} 项{column.Heading}",
            FormKind.PeerScores => campaign.Rubric.FindCategory(column.Key)?.Name is { } name ? $"{name}评分" : column.Heading,
            _ => column.Heading,
        };
    }

    private void RenderTotals(IXLWorksheet sheet)
    {
        var scoreColumns = layout.Columns.Where(c => c.Max is not null).OrderBy(c => c.Column).ToList();
        if (layout.Columns.FirstOrDefault(c => c.Key == FormHeadings.TotalKey) is { } totalColumn && scoreColumns.Count > 0)
        {
            // 附件4: 总评分 = the row's category scores.
            foreach (var row in layout.Rows)
            {
                var first = new CellAddress(row.Row, scoreColumns[0].Column);
                var last = new CellAddress(row.Row, scoreColumns[^1].Column);
                var cell = sheet.Cell(row.Row, totalColumn.Column);
                cell.FormulaA1 = $"SUM({first}:{last})";
                Number(sheet.Range(row.Row, totalColumn.Column, row.Row, totalColumn.Column), TotalFormat);
            }
        }

        if (layout.TotalCell is { } total)
        {
            // 附件1: 检查小组签字 … 总分 [SUM of 实评分], a bordered footer row like the paper's.
            var score = layout.Column(FormHeadings.ScoreKey).Column;
            var label = sheet.Cell(total.Row, total.Column - 1);
            label.SetValue(FormHeadings.EvaluationTotal);
            Centered(sheet.Range(total.Row, total.Column - 1, total.Row, total.Column - 1));
            label.Style.Font.SetBold();
            var cell = sheet.Cell(total.Row, total.Column);
            cell.FormulaA1 = $"SUM({new CellAddress(layout.FirstDataRow, score)}:{new CellAddress(layout.LastDataRow, score)})";
            Number(sheet.Range(total.Row, total.Column, total.Row, total.Column), TotalFormat);
            cell.Style.Font.SetBold();
            Grid(sheet.Range(total.Row, 1, total.Row, layout.Width));
        }
    }
}
