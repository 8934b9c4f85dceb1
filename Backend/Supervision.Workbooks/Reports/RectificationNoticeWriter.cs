using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Results;

namespace Supervision.Workbooks.Reports;

/// <summary>
/// 整改通知: the rectification notice for a school whose grade requires one (不合格), as a printable A4 .docx written with the
/// OpenXml SDK: title, the school, its final score and grade, the inspectors' score per category against the maximum (a
/// table), the weakest items, the date by which the school must answer, and the organiser's signature line and date.
/// The answer date is not stored in the campaign: callers pass it, and it defaults to <see cref="DefaultAnswerDays"/>
/// days after the date the notice is issued (the consolidation date).
/// </summary>
public sealed class RectificationNoticeWriter
{
    public const int DefaultAnswerDays = 30;
    public const string Title = "整改通知";
    private const string Font = "宋体";
    private const string TitleFont = "黑体";

    private readonly Campaign campaign;

    public RectificationNoticeWriter(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        this.campaign = campaign;
    }

    public static DateOnly DefaultAnswerBy(DateOnly issuedOn) => issuedOn.AddDays(DefaultAnswerDays);

    /// <summary>One notice per school that requires rectification, in campaign order.</summary>
    public IReadOnlyList<(string SchoolId, byte[] Document)> WriteAll(CampaignResults results, DateOnly issuedOn, DateOnly? answerBy = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        return results.Schools.Where(s => s.RequiresRectification).Select(s => (s.SchoolId, Write(s, issuedOn, answerBy))).ToList();
    }

    public byte[] Write(SchoolResult school, DateOnly issuedOn, DateOnly? answerBy = null)
    {
        ArgumentNullException.ThrowIfNull(school);
        var due = answerBy ?? DefaultAnswerBy(issuedOn);
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            body.Append(Paragraph(Title, JustificationValues.Center, size: 44, bold: true, font: TitleFont, after: 120));
            body.Append(Paragraph(campaign.Title, JustificationValues.Center, size: 28, after: 360));
            body.Append(Paragraph($"{school.School}：", JustificationValues.Left, after: 120));
            var grade = school.Grade?.Name ?? "不合格";
            body.Append(Paragraph(
                $"根据{campaign.District}{campaign.SchoolYear}学年教师继续教育过程督查结果，你校最终得分为 {Show(school.Final)} 分，评定等级为“{grade}”。"
                + "现将督查组各项目评分和得分最低的项目通知如下，请对照督查评估表逐项整改。", JustificationValues.Both, indent: true));

            body.Append(Paragraph("一、督查组各项目评分", JustificationValues.Left, bold: true, before: 240));
            body.Append(ScoreTable(school));

            body.Append(Paragraph("二、需重点整改的项目", JustificationValues.Left, bold: true, before: 240));
            var weakest = WeakestItems.Of(campaign, school);
            if (weakest.Count == 0)
            {
                body.Append(Paragraph("督查组没有逐条评分（附件1），请对照上表中得分较低的项目整改。", JustificationValues.Both, indent: true));
            }

            for (var i = 0; i < weakest.Count; i++)
            {
                var item = weakest[i];
                body.Append(Paragraph(
                    $"{i + 1}. 第{item.Item.Number}项（{item.Category.Name}）{item.Content}：督查组平均得分 {Show(item.Score)} 分，权重 {Number(item.Item.Weight)} 分"
                    + $"（督查方式：{item.Item.Method}）。", JustificationValues.Both, indent: true));
            }

            body.Append(Paragraph("三、整改要求", JustificationValues.Left, bold: true, before: 240));
            body.Append(Paragraph(
                $"请你校认真分析原因，制定整改措施，于 {Date(due)} 前将书面整改报告（加盖公章）报送{campaign.Organiser}。",
                JustificationValues.Both, indent: true));

            body.Append(Paragraph(campaign.Organiser, JustificationValues.Right, before: 720));
            body.Append(Paragraph("（盖章）", JustificationValues.Right));
            body.Append(Paragraph(Date(issuedOn), JustificationValues.Right));
            body.Append(Paragraph("签收人：____________    签收日期：____________", JustificationValues.Left, before: 480));
            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1440, Right = 1588U, Bottom = 1440, Left = 1588U, Header = 851U, Footer = 992U, Gutter = 0U }));
            main.Document = new Document(body);
            document.PackageProperties.Title = $"{Title}（{school.School}）";
            document.PackageProperties.Creator = campaign.Organiser;
        }

        return stream.ToArray();
    }

    private Table ScoreTable(SchoolResult school)
    {
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
                new TableJustification { Val = TableRowAlignmentValues.Center },
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4U },
                    new LeftBorder { Val = BorderValues.Single, Size = 4U },
                    new BottomBorder { Val = BorderValues.Single, Size = 4U },
                    new RightBorder { Val = BorderValues.Single, Size = 4U },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4U },
                    new InsideVerticalBorder { Val = BorderValues.Single, Size = 4U })),
            new TableGrid(new GridColumn { Width = "3400" }, new GridColumn { Width = "1700" }, new GridColumn { Width = "1900" }, new GridColumn { Width = "1700" }));
        table.Append(Row(true, "项目", "满分", "督查组得分", "得分率"));
        var categories = school.Inspector?.Categories
            ?? campaign.Rubric.Categories.Select(c => new CategoryScore(c.Id, c.Name, c.Max, null)).ToList();
        foreach (var category in categories)
        {
            table.Append(Row(false, category.Name, Number(category.Max), Show(category.Score), Rate(category.Score, category.Max)));
        }

        table.Append(Row(true, "督查组总分", Number(campaign.Rubric.Total), Show(school.Inspector?.Total), Rate(school.Inspector?.Total, campaign.Rubric.Total)));
        table.Append(Row(true, "最终得分", Number(campaign.Rubric.Total), Show(school.Final), Rate(school.Final, campaign.Rubric.Total)));
        return table;
    }

    private static TableRow Row(bool bold, params string[] texts) =>
        new(texts.Select((text, i) => new TableCell(
            new TableCellProperties(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }),
            Paragraph(text, i == 0 ? JustificationValues.Left : JustificationValues.Center, bold: bold, size: 24, before: 60, after: 60))));

    private static Paragraph Paragraph(string text, JustificationValues justification, int size = 28, bool bold = false, string font = Font,
        int before = 0, int after = 0, bool indent = false)
    {
        var properties = new ParagraphProperties(
            new SpacingBetweenLines { Before = Twips(before), After = Twips(after), Line = "360", LineRule = LineSpacingRuleValues.Auto });
        if (indent)
        {
            properties.Append(new Indentation { FirstLineChars = 200 });
        }

        properties.Append(new Justification { Val = justification });
        var runProperties = new RunProperties(new RunFonts { Ascii = font, HighAnsi = font, EastAsia = font, ComplexScript = font });
        if (bold)
        {
            runProperties.Append(new Bold());
        }

        runProperties.Append(new FontSize { Val = Twips(size) }, new FontSizeComplexScript { Val = Twips(size) });
        return new Paragraph(properties, new Run(runProperties, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    private static string Twips(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Show(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "—";

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Rate(decimal? score, decimal max) =>
        score is { } s && max > 0 ? (s / max).ToString("0%", CultureInfo.InvariantCulture) : "—";

    private static string Date(DateOnly date) => date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
}
