using Supervision.Domain.Campaigns;
using Supervision.Domain.Grids;

namespace Supervision.Domain.Forms;

/// <summary>A labelled header cell such as 填写学校：[value].</summary>
public sealed record LayoutField(string Key, string Label, CellAddress LabelCell, CellAddress ValueCell, string? Value);

/// <summary>A table column: its heading and, for score columns, the maximum a cell may hold.</summary>
public sealed record LayoutColumn(string Key, string Heading, int Column, decimal? Max = null);

/// <summary>A table row known in advance: a school (key = school id) or a rubric item (key = item number).</summary>
public sealed record LayoutRow(string Key, string Label, int Row, string? Group = null, decimal? Max = null);

/// <summary>
/// Where everything of one form sits in its template: title, header block, table header, rows, total and footnote.
/// Derived from the campaign (its rubric, areas and schools); the template writer renders it, the streaming reader reads
/// the cells it names, and <see cref="FormHeadings"/> gives the parser the same headings.
/// </summary>
public sealed record FormLayout(
    FormKind Form,
    string Title,
    int Width,
    IReadOnlyList<LayoutField> Fields,
    int HeaderRow,
    IReadOnlyList<LayoutColumn> Columns,
    IReadOnlyList<LayoutRow> Rows,
    CellAddress? TotalCell,
    string? Footnote)
{
    public int FirstDataRow => HeaderRow + 1;

    public int LastDataRow => Rows.Count == 0 ? HeaderRow : Rows[^1].Row;

    public LayoutColumn Column(string key) => Columns.First(c => c.Key == key);

    /// <summary>Every input cell that takes a score, with its maximum.</summary>
    public IEnumerable<(CellAddress Cell, decimal Max)> ScoreCells()
    {
        foreach (var row in Rows)
        {
            foreach (var column in Columns.Where(c => c.Max is not null || (row.Max is not null && c.Key == FormHeadings.ScoreKey)))
            {
                yield return (new CellAddress(row.Row, column.Column), column.Max ?? row.Max!.Value);
            }
        }
    }
}

/// <summary>The headings and labels the forms print and the parser looks for.</summary>
public static class FormHeadings
{
    public const string ScoreKey = "score";
    public const string TotalKey = "total";
    public const string SchoolKey = "school";

    public const string FillingSchool = "填写学校";
    public const string AreaCode = "片区编号";
    public const string Date = "日期";
    public const string Author = "填写人";
    public const string EvaluatedSchool = "被督查学校";
    public const string RecordCategory = "评价项目";

    public const string School = "学校";
    public const string PeerTotal = "总评分";
    public const string PeerFootnote = "注：填报学校为本学校的评分视为自评分。";

    public const string Category = "项目";
    public const string Content = "督查内容";
    public const string Method = "督查方式";
    public const string Weight = "权重";
    public const string ActualScore = "实评分";
    public const string Signature = "检查小组签字";
    public const string EvaluationTotal = "总分";

    public const string Notes = "情况记录";
    public const string RecordScore = "评分";

    /// <summary>附件4's category heading, e.g. "组织管理10分".</summary>
    public static string PeerCategory(RubricCategory category)
    {
        ArgumentNullException.ThrowIfNull(category);
        return $"{category.Name}{category.Max:0.##}分";
    }

    /// <summary>附件1's content cell starts with the item number, as on the paper: "1．…".</summary>
    public static string ItemContent(RubricItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return $"{item.Number}．{item.Content}";
    }
}

public static class FormLayouts
{
    /// <summary>附件4 评分表 for one area: one row per school of the area, one column per rubric category, 总评分.</summary>
    public static FormLayout PeerScores(Campaign campaign, Area area, School? fillingSchool = null)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(area);
        var categories = campaign.Rubric.Categories;
        var columns = new List<LayoutColumn> { new(FormHeadings.SchoolKey, FormHeadings.School, 1) };
        columns.AddRange(categories.Select((c, i) => new LayoutColumn(c.Id, FormHeadings.PeerCategory(c), i + 2, c.Max)));
        columns.Add(new LayoutColumn(FormHeadings.TotalKey, FormHeadings.PeerTotal, categories.Count + 2));
        var width = Math.Max(columns.Count, 7);
        const int headerRow = 3;
        var rows = area.Schools.Select((s, i) => new LayoutRow(s.Id, s.Name, headerRow + 1 + i)).ToList();
        var fields = new List<LayoutField>
        {
            new("author", FormHeadings.FillingSchool, new CellAddress(2, 1), new CellAddress(2, 2), fillingSchool?.Name),
            new("area", FormHeadings.AreaCode, new CellAddress(2, width - 4), new CellAddress(2, width - 3), area.Id),
            new("date", FormHeadings.Date, new CellAddress(2, width - 1), new CellAddress(2, width), null),
        };
        return new FormLayout(FormKind.PeerScores, campaign.FormTitles.PeerScores, width, fields, headerRow, columns, rows,
            TotalCell: null, Footnote: FormHeadings.PeerFootnote);
    }

    /// <summary>附件1 评估表 for one school: one row per rubric item, 实评分 per item, 总分 at the foot.</summary>
    public static FormLayout Evaluation(Campaign campaign, School school, string? author = null)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(school);
        const int headerRow = 3;
        var columns = new List<LayoutColumn>
        {
            new("category", FormHeadings.Category, 1),
            new("content", FormHeadings.Content, 2),
            new("method", FormHeadings.Method, 3),
            new("weight", FormHeadings.Weight, 4),
            new(FormHeadings.ScoreKey, FormHeadings.ActualScore, 5),
        };
        var rows = new List<LayoutRow>();
        foreach (var category in campaign.Rubric.Categories)
        {
            foreach (var item in category.Items)
            {
                rows.Add(new LayoutRow(item.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    FormHeadings.ItemContent(item), headerRow + 1 + rows.Count, category.Id, item.Weight));
            }
        }

        var footerRow = headerRow + rows.Count + 1;
        var fields = new List<LayoutField>
        {
            new("subject", FormHeadings.EvaluatedSchool, new CellAddress(2, 1), new CellAddress(2, 2), school.Name),
            new("author", FormHeadings.Author, new CellAddress(2, 3), new CellAddress(2, 4), author),
            new("signature", FormHeadings.Signature, new CellAddress(footerRow, 1), new CellAddress(footerRow, 2), null),
        };
        return new FormLayout(FormKind.Evaluation, campaign.FormTitles.Evaluation, 5, fields, headerRow, columns, rows,
            TotalCell: new CellAddress(footerRow, 5), Footnote: null);
    }

    /// <summary>附件5 记录表 for one inspector and rubric category: per school 情况记录 and 评分 (0..the category's maximum).</summary>
    public static FormLayout Records(Campaign campaign, RubricCategory category, IReadOnlyList<School> schools, string? author = null)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(schools);
        const int headerRow = 4;
        var columns = new List<LayoutColumn>
        {
            new(FormHeadings.SchoolKey, FormHeadings.School, 1),
            new("notes", FormHeadings.Notes, 2),
            new(FormHeadings.ScoreKey, FormHeadings.RecordScore, 3, category.Max),
        };
        var rows = schools.Select((s, i) => new LayoutRow(s.Id, s.Name, headerRow + 1 + i)).ToList();
        var fields = new List<LayoutField>
        {
            new("author", FormHeadings.Author, new CellAddress(2, 1), new CellAddress(2, 2), author),
            new("subject", FormHeadings.RecordCategory, new CellAddress(3, 1), new CellAddress(3, 2), category.Name),
        };
        return new FormLayout(FormKind.Records, campaign.FormTitles.Records, 3, fields, headerRow, columns, rows,
            TotalCell: null, Footnote: null);
    }
}
