using Supervision.Domain.Campaigns;
using Supervision.Domain.Forms;
using Supervision.Domain.Grids;

namespace Supervision.Domain.Tests;

/// <summary>Grids written in tests the way a person fills a sheet: rows of strings and numbers.</summary>
internal static class Grids
{
    public static CellValue Cell(object? value) => value switch
    {
        null => CellValue.Empty,
        string s => CellValue.FromText(s),
        int i => CellValue.FromNumber(i),
        double d => CellValue.FromNumber(d),
        decimal m => CellValue.FromNumber((double)m),
        bool b => CellValue.FromBoolean(b),
        _ => throw new ArgumentException($"unsupported cell {value}"),
    };

    public static Grid At(string sheet, string topLeft, params object?[][] rows) =>
        new(sheet, CellAddress.Parse(topLeft), rows.Select(r => r.Select(Cell)));

    /// <summary>A 附件4 as a school fills it by hand, at A1: every school of the area scored with the given totals per row.</summary>
    public static Grid PeerSheet(Campaign campaign, Area area, School filler, Func<School, int, object?>? score = null, Func<School, object?>? total = null)
    {
        var categories = campaign.Rubric.Categories;
        var rows = new List<object?[]>
        {
            new object?[] { campaign.FormTitles.PeerScores },
            new object?[] { "填写学校：", filler.Name, null, "片区编号：", area.Id, "日期：", "2019-05-28" },
            new object?[] { "学校" }.Concat(categories.Select(c => (object?)$"{c.Name}{c.Max}分")).Append("总评分").ToArray(),
        };
        foreach (var school in area.Schools)
        {
            var scores = categories.Select((c, i) => score is null ? (object?)(double)(c.Max - 1) : score(school, i)).ToList();
            var sum = scores.All(s => s is double) ? scores.Sum(s => (double)s!) : 0;
            rows.Add(new object?[] { school.Name }.Concat(scores).Append(total is null ? sum : total(school)).ToArray());
        }

        rows.Add(["注：填报学校为本学校的评分视为自评分。"]);
        return new Grid("评分表", CellAddress.A1, rows.Select(r => r.Select(Cell)));
    }

    /// <summary>Renders a layout the way the template writer will: labels, headings, row labels, optional scores.</summary>
    public static Grid Render(FormLayout layout, Func<LayoutRow, object?> score)
    {
        var cells = new Dictionary<CellAddress, CellValue> { [CellAddress.A1] = CellValue.FromText(layout.Title) };
        foreach (var field in layout.Fields)
        {
            cells[field.LabelCell] = CellValue.FromText(field.Label + "：");
            if (field.Value is not null)
            {
                cells[field.ValueCell] = CellValue.FromText(field.Value);
            }
        }

        foreach (var column in layout.Columns)
        {
            cells[new CellAddress(layout.HeaderRow, column.Column)] = CellValue.FromText(column.Heading);
        }

        var labelColumn = layout.Form == FormKind.Evaluation ? layout.Column("content").Column : layout.Columns[0].Column;
        foreach (var row in layout.Rows)
        {
            cells[new CellAddress(row.Row, labelColumn)] = CellValue.FromText(row.Label);
        }

        foreach (var (cell, _) in layout.ScoreCells())
        {
            var row = layout.Rows.First(r => r.Row == cell.Row);
            cells[cell] = Cell(score(row));
        }

        if (layout.TotalCell is { } total)
        {
            cells[total.Offset(0, -1)] = CellValue.FromText("总分");
        }

        return Grid.FromCells("表", cells);
    }
}
