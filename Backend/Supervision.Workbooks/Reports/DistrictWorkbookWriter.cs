using System.Globalization;
using ClosedXML.Excel;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Forms;
using Supervision.Domain.Results;
using Supervision.Workbooks.Templates;
using static Supervision.Workbooks.Templates.SheetStyle;

namespace Supervision.Workbooks.Reports;

/// <summary>
/// The district workbook (区汇总表) of a campaign's results: 汇总 (one row per school), the cross-score matrix of each area
/// (互评: one sheet per area, or one sheet for all when there are more areas than <see cref="DefaultAreaSheetLimit"/>),
/// 分项 (the inspectors' sources and mean per school and category), 标记 (flags), 整改名单 (schools graded 不合格) and
/// 记录册抽查 (record-book sampling).
/// <para>
/// Formulas stand where a reader expects them, and are built so that a program that recalculates gets exactly the
/// results' rounded numbers: they sit over the exact source values (each inspector source, each peer total), never over
/// rounded intermediates — a total is ROUND(Σ AVERAGE(sources), 2), the peer score ROUND((SUM−MAX−MIN)/(COUNT−2), 2),
/// the final ROUND of the campaign's blend of those exact expressions. Grades (from the bands), ranks (COUNTIF in the district —
/// ClosedXML 0.95.4 cannot evaluate RANK — and COUNTIFS within the area) and the number of record books are formulas too. A number the results do not have (null) is
/// left empty, never a formula that would show an error.
/// </para>
/// </summary>
public sealed class DistrictWorkbookWriter
{
    public const int DefaultAreaSheetLimit = 30;
    public const string SummarySheet = "汇总";
    public const string BreakdownSheet = "分项";
    public const string FlagsSheet = "标记";
    public const string RectificationSheet = "整改名单";
    public const string SamplingSheet = "记录册抽查";
    public const string AllAreasMatrixSheet = "互评";
    public const string ScoreFormat = "0.00";

    /// <summary>The header row of 汇总, 分项, 标记, 整改名单 and 记录册抽查 (a title and a note above it).</summary>
    public const int HeaderRow = 3;

    private static readonly XLColor HeaderFill = XLColor.FromHtml("#DDEBF7");
    private static readonly XLColor FormulaRowFill = XLColor.FromHtml("#F2F2F2");
    private static readonly XLColor DroppedFill = XLColor.FromHtml("#FCE4D6");
    private static readonly XLColor FailingFill = XLColor.FromHtml("#FFC7CE");
    private static readonly XLColor FailingFont = XLColor.FromHtml("#9C0006");

    private readonly Campaign campaign;
    private readonly int areaSheetLimit;

    public DistrictWorkbookWriter(Campaign campaign, int areaSheetLimit = DefaultAreaSheetLimit)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentOutOfRangeException.ThrowIfNegative(areaSheetLimit);
        this.campaign = campaign;
        this.areaSheetLimit = areaSheetLimit;
    }

    /// <summary>The name of an area's 互评 sheet when areas get a sheet each.</summary>
    public static string MatrixSheetName(Area area)
    {
        ArgumentNullException.ThrowIfNull(area);
        return SheetName($"互评 {area.Id}");
    }

    /// <summary>Whether the areas get a 互评 sheet each (else one <see cref="AllAreasMatrixSheet"/> with an area column).</summary>
    public bool SheetPerArea => campaign.Areas.Count() <= areaSheetLimit;

    /// <summary>
    /// Writes the workbook. <paramref name="samples"/> default to each school's draw from its 附件3 without an office seed.
    /// </summary>
    public byte[] Write(CampaignResults results, DateTimeOffset consolidatedAt, IReadOnlyList<RecordBookSample>? samples = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        samples ??= results.Schools.Select(s => RecordBookSampling.Draw(campaign.Id, s.SchoolId, s.SelfCheck)).OfType<RecordBookSample>().ToList();

        using var workbook = new XLWorkbook();
        ApplyWorkbookDefaults(workbook);
        var summary = workbook.AddWorksheet(SummarySheet);
        var matrixSheets = SheetPerArea
            ? campaign.Areas.Select(a => (Area: (Area?)a, Sheet: workbook.AddWorksheet(MatrixSheetName(a)))).ToList()
            : [(null, workbook.AddWorksheet(AllAreasMatrixSheet))];
        var breakdown = workbook.AddWorksheet(BreakdownSheet);
        var flags = workbook.AddWorksheet(FlagsSheet);
        var rectification = workbook.AddWorksheet(RectificationSheet);
        var sampling = workbook.AddWorksheet(SamplingSheet);

        var peers = new Dictionary<string, PeerCells>(StringComparer.Ordinal);
        if (SheetPerArea)
        {
            foreach (var (area, sheet) in matrixSheets)
            {
                new MatrixRenderer(campaign, results, sheet, peers).RenderSheet([area!]);
            }
        }
        else
        {
            new MatrixRenderer(campaign, results, matrixSheets[0].Sheet, peers).RenderSheet(campaign.Areas.ToList());
        }

        var inspectors = new BreakdownRenderer(campaign, results, breakdown).Render();
        var summaryRows = new SummaryRenderer(campaign, results, summary, peers, inspectors, consolidatedAt).Render();
        RenderFlags(flags, results);
        RenderRectification(rectification, results, summaryRows);
        RenderSampling(sampling, results, samples);

        summary.SetTabActive().SetTabSelected();
        workbook.Properties.Title = $"{campaign.Title} 区汇总表";
        workbook.Properties.Company = campaign.Organiser;
        using var stream = new MemoryStream();
        workbook.SaveAs(stream, new SaveOptions { EvaluateFormulasBeforeSaving = true });
        PrintTitles.MakeAbsolute(stream);
        ConditionalFormatIds.UpperCase(stream);
        return stream.ToArray();
    }

    // ---------- shared helpers ----------

    internal static string Ref(IXLCell cell) => $"{Quote(cell.Worksheet.Name)}!{cell.Address.ToStringRelative()}";

    internal static string Ref(IXLRange range) =>
        $"{Quote(range.Worksheet.Name)}!{range.FirstCell().Address.ToStringRelative()}:{range.LastCell().Address.ToStringRelative()}";

    private static string Quote(string sheet) => $"'{sheet.Replace("'", "''", StringComparison.Ordinal)}'";

    internal static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    internal static string Show(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "—";

    internal static void Put(IXLCell cell, decimal? value)
    {
        if (value is { } v)
        {
            cell.SetValue((double)v);
        }

        cell.Style.NumberFormat.SetFormat(ScoreFormat).Font.SetFontName(NumberFont)
            .Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
    }

    internal static void Formula(IXLCell cell, string formula, string format = ScoreFormat)
    {
        cell.FormulaA1 = formula;
        cell.Style.NumberFormat.SetFormat(format).Font.SetFontName(NumberFont)
            .Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
    }

    internal static void HeaderCells(IXLRange range)
    {
        Heading(range);
        Grid(range);
        range.Style.Fill.SetBackgroundColor(HeaderFill);
    }

    internal static void TitleAndNote(IXLWorksheet sheet, string title, string note, int width)
    {
        Title(sheet, title, 1, width, 28);
        var noteRange = Box(sheet, new Domain.Grids.CellAddress(2, 1), new Domain.Grids.CellAddress(2, width));
        Text(noteRange, note);
        noteRange.Style.Alignment.SetWrapText().Alignment.SetVertical(XLAlignmentVerticalValues.Top).Font.SetFontSize(9)
            .Font.SetFontColor(XLColor.FromHtml("#595959"));
        sheet.Row(2).Height = HeightFor(note, Enumerable.Range(1, width).Sum(c => sheet.Column(c).Width) * 0.95, 18) * 0.85;
    }

    /// <summary>Header row, frozen panes, a filter over the table, grid lines and A4 landscape printing.</summary>
    internal static void Table(IXLWorksheet sheet, int lastRow, int lastColumn, int frozenColumns)
    {
        HeaderCells(sheet.Range(HeaderRow, 1, HeaderRow, lastColumn));
        sheet.Row(HeaderRow).Height = 32;
        if (lastRow > HeaderRow)
        {
            Grid(sheet.Range(HeaderRow + 1, 1, lastRow, lastColumn));
        }

        sheet.SheetView.Freeze(HeaderRow, frozenColumns);
        sheet.Range(HeaderRow, 1, Math.Max(lastRow, HeaderRow), lastColumn).SetAutoFilter();
        Print(sheet, XLPageOrientation.Landscape, HeaderRow, HeaderRow, Math.Max(lastRow, HeaderRow), lastColumn);
    }

    internal static void Widths(IXLWorksheet sheet, params double[] widths)
    {
        for (var i = 0; i < widths.Length; i++)
        {
            sheet.Column(i + 1).Width = widths[i];
        }
    }

    internal static void TextCell(IXLCell cell, string? text, bool wrap = false)
    {
        cell.SetValue(text ?? "");
        cell.Style.Alignment.SetVertical(XLAlignmentVerticalValues.Center);
        if (wrap)
        {
            cell.Style.Alignment.SetWrapText();
        }
    }

    private static void SchoolColumns(IXLWorksheet sheet, int row, SchoolResult school)
    {
        sheet.Cell(row, 1).SetValue(school.Group);
        sheet.Cell(row, 1).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        TextCell(sheet.Cell(row, 2), school.Area);
        TextCell(sheet.Cell(row, 3), school.School);
    }

    // ---------- 标记 ----------

    private void RenderFlags(IXLWorksheet sheet, CampaignResults results)
    {
        Widths(sheet, 6, 9, 22, 22, 16, 90);
        string[] headers = ["组", "片区", "学校", "代码", "标记", "说明"];
        for (var c = 0; c < headers.Length; c++)
        {
            sheet.Cell(HeaderRow, c + 1).SetValue(headers[c]);
        }

        var row = HeaderRow;
        foreach (var school in results.Schools)
        {
            foreach (var flag in school.Flags)
            {
                row++;
                SchoolColumns(sheet, row, school);
                TextCell(sheet.Cell(row, 4), flag.Code);
                TextCell(sheet.Cell(row, 5), FlagLabels.Label(flag.Code));
                TextCell(sheet.Cell(row, 6), flag.Message, wrap: true);
                sheet.Row(row).Height = HeightFor(flag.Message, 90, 18);
                if (flag.Code == FlagCodes.GradeFailing)
                {
                    sheet.Range(row, 1, row, 6).Style.Font.SetFontColor(FailingFont);
                }
            }
        }

        TitleAndNote(sheet, $"{campaign.Title} 标记", "每行一个标记：代码供系统识别，说明给人看（含相关分数与阈值）。", 6);
        Table(sheet, row, 6, 3);
    }

    // ---------- 整改名单 ----------

    private void RenderRectification(IXLWorksheet sheet, CampaignResults results, IReadOnlyDictionary<string, SummaryRow> summaryRows)
    {
        Widths(sheet, 6, 9, 22, 10, 9, 60, 60);
        string[] headers = ["组", "片区", "学校", "最终得分", "等级", "督查组分项得分（得分/满分）", "最薄弱项目（督查组平均分/权重）"];
        for (var c = 0; c < headers.Length; c++)
        {
            sheet.Cell(HeaderRow, c + 1).SetValue(headers[c]);
        }

        var row = HeaderRow;
        foreach (var school in results.Schools.Where(s => s.RequiresRectification))
        {
            row++;
            SchoolColumns(sheet, row, school);
            var cells = summaryRows[school.SchoolId];
            Formula(sheet.Cell(row, 4), Ref(cells.Final));
            Formula(sheet.Cell(row, 5), Ref(cells.Grade), "General");
            var categories = school.Inspector?.Categories.Select(c => $"{c.Name} {Show(c.Score)}/{Number(c.Max)}") ?? [];
            TextCell(sheet.Cell(row, 6), string.Join("；", categories), wrap: true);
            var weak = WeakestItems.Of(campaign, school).Select(w => $"第{w.Item.Number}项 {w.Content}（{Show(w.Score)}/{Number(w.Item.Weight)}）");
            var weakText = string.Join("\n", weak);
            TextCell(sheet.Cell(row, 7), weakText, wrap: true);
            sheet.Row(row).Height = Math.Max(HeightFor(weakText, 60, 18), HeightFor(string.Join("；", categories), 60, 18));
        }

        TitleAndNote(sheet, $"{campaign.Title} 整改名单",
            "评定为需整改等级（不合格）的学校，须在规定期限内书面回复整改情况；最终得分和等级引用“汇总”表。最薄弱项目按督查组平均分与权重之比由低到高列出。", 7);
        Table(sheet, row, 7, 3);
    }

    // ---------- 记录册抽查 ----------

    private void RenderSampling(IXLWorksheet sheet, CampaignResults results, IReadOnlyList<RecordBookSample> samples)
    {
        Widths(sheet, 6, 9, 22, 10, 10, 10, 70, 34);
        string[] headers = ["组", "片区", "学校", "教师人数", "应抽册数", "实抽册数", "抽中教师编号（按教师名册序号）", "抽签种子"];
        for (var c = 0; c < headers.Length; c++)
        {
            sheet.Cell(HeaderRow, c + 1).SetValue(headers[c]);
        }

        var byId = samples.ToDictionary(s => s.SchoolId, StringComparer.Ordinal);
        var row = HeaderRow;
        foreach (var school in results.Schools)
        {
            row++;
            SchoolColumns(sheet, row, school);
            if (byId.TryGetValue(school.SchoolId, out var sample))
            {
                sheet.Cell(row, 4).SetValue(sample.Teachers);
                var teachers = sheet.Cell(row, 4).Address.ToStringRelative();
                Formula(sheet.Cell(row, 5), $"IF(ISNUMBER({teachers}),IF({teachers}>200,40,IF({teachers}>=100,30,20)),\"\")", "0");
                Formula(sheet.Cell(row, 6), $"IF(ISNUMBER({teachers}),MIN({teachers},{sheet.Cell(row, 5).Address.ToStringRelative()}),\"\")", "0");
                var numbers = string.Join("、", sample.TeacherNumbers);
                TextCell(sheet.Cell(row, 7), numbers, wrap: true);
                TextCell(sheet.Cell(row, 8), sample.Seed, wrap: true);
                sheet.Row(row).Height = HeightFor(numbers, 70, 18);
            }
            else
            {
                TextCell(sheet.Cell(row, 7), "未提交附件3或未填写教师人数，无法抽取。");
            }

            sheet.Cell(row, 4).Style.NumberFormat.SetFormat("0").Font.SetFontName(NumberFont).Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        }

        TitleAndNote(sheet, $"{campaign.Title} 记录册抽查",
            "按通知：教师 200 人以上抽查 40 本，100—200 人（含）30 本，100 人以下 20 本，不足时全部查看。抽取方法：以“抽签种子”文字的 SHA-256 "
            + "摘要前 8 字节为 SplitMix64 随机数种子，对 1..教师人数 做部分 Fisher–Yates 洗牌，取前若干个编号并排序；同一种子总得到同样的编号。", 8);
        Table(sheet, row, 8, 3);
    }

    // ---------- 互评 ----------

    /// <summary>Where a school's peer numbers sit in the 互评 sheet: its self-score cell, its rounded peer score, and the exact expression.</summary>
    private sealed record PeerCells(IXLCell? Self, IXLCell? Peer, string? ExactPeer);

    private sealed class MatrixRenderer(Campaign campaign, CampaignResults results, IXLWorksheet sheet, Dictionary<string, PeerCells> peers)
    {
        private const int FirstColumn = 3;
        private readonly int minimum = Math.Max(campaign.Aggregation.TrimmedMeanMinPeers, 3);

        public void RenderSheet(List<Area> areas)
        {
            var widest = areas.Count == 0 ? 1 : areas.Max(a => a.Schools.Count);
            sheet.Column(1).Width = 9;
            sheet.Column(2).Width = 24;
            for (var c = 0; c < widest; c++)
            {
                sheet.Column(FirstColumn + c).Width = 13;
            }

            var lastColumn = FirstColumn + widest - 1;
            var title = areas.Count == 1 ? $"片区 {areas[0].Id}（{areas[0].Room}）互评矩阵" : $"{campaign.Title} 互评矩阵（各片区）";
            Title(sheet, title, 1, lastColumn, 28);
            var row = 2;
            var first = true;
            foreach (var area in areas)
            {
                if (!first)
                {
                    row += 2;
                }

                row = RenderArea(area, row);
                first = false;
            }

            Print(sheet, XLPageOrientation.Landscape, 3, 3, row, lastColumn);
            if (areas.Count == 1)
            {
                sheet.SheetView.Freeze(3, 2);
            }
            else
            {
                sheet.SheetView.Freeze(2, 2);
            }
        }

        /// <summary>Writes one area's block from <paramref name="top"/> (a note, the header, one row per scorer, then the formula rows); returns its last row.</summary>
        private int RenderArea(Area area, int top)
        {
            var schools = area.Schools;
            var scorers = schools.Select(s => s.Id).ToList();
            foreach (var school in schools)
            {
                if (results.Find(school.Id)?.Peer is { } peer)
                {
                    scorers.AddRange(peer.Marks.Select(m => m.ScorerId).Where(id => !scorers.Contains(id)));
                }
            }

            var lastColumn = FirstColumn + schools.Count - 1;
            var note = $"片区 {area.Id}（{area.Room}）：每行是一所评分学校在附件4中给各校的总评分，每列是一所被评学校得到的分数；"
                + $"本校给本校的分数（自评）单列在下方，不计入互评；评分不完整的行不计入。评分份数不少于 {minimum} 份时去掉一个最高分和一个最低分后取平均。";
            var noteRange = sheet.Range(top, 1, top, lastColumn).Merge();
            noteRange.FirstCell().SetValue(note);
            noteRange.Style.Alignment.SetWrapText().Font.SetFontSize(9).Font.SetFontColor(XLColor.FromHtml("#595959"));
            sheet.Row(top).Height = HeightFor(note, 24 + (13 * schools.Count), 18) * 0.85;

            var header = top + 1;
            sheet.Cell(header, 1).SetValue("片区");
            sheet.Cell(header, 2).SetValue("评分学校 \\ 被评学校");
            for (var c = 0; c < schools.Count; c++)
            {
                sheet.Cell(header, FirstColumn + c).SetValue(schools[c].Name);
            }

            HeaderCells(sheet.Range(header, 1, header, lastColumn));
            sheet.Row(header).Height = 32;

            var firstScorerRow = header + 1;
            var row = header;
            foreach (var scorerId in scorers)
            {
                row++;
                TextCell(sheet.Cell(row, 1), area.Id);
                TextCell(sheet.Cell(row, 2), campaign.FindSchool(scorerId)?.Name ?? scorerId);
                for (var c = 0; c < schools.Count; c++)
                {
                    var cell = sheet.Cell(row, FirstColumn + c);
                    if (schools[c].Id == scorerId)
                    {
                        TextCell(cell, "（自评）");
                        cell.Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center).Font.SetFontColor(XLColor.Gray);
                        continue;
                    }

                    var mark = results.Find(schools[c].Id)?.Peer?.Marks.FirstOrDefault(m => m.ScorerId == scorerId);
                    if (mark is { Counted: true })
                    {
                        Put(cell, mark.Total);
                        if (mark.Dropped)
                        {
                            cell.Style.Fill.SetBackgroundColor(DroppedFill);
                        }
                    }
                    else if (mark is not null)
                    {
                        TextCell(cell, "不完整");
                        cell.Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center).Font.SetFontColor(XLColor.Gray);
                    }
                }
            }

            var lastScorerRow = row;
            var selfRow = ++row;
            var countRow = ++row;
            var meanRow = ++row;
            var trimmedRow = ++row;
            var usedRow = ++row;
            (int Row, string Label)[] labels =
            [
                (selfRow, "自评（本校给本校）"), (countRow, "评分份数"), (meanRow, "均值"), (trimmedRow, "去掉最高最低后均值"), (usedRow, "互评分（计入）"),
            ];
            foreach (var (labelRow, label) in labels)
            {
                TextCell(sheet.Cell(labelRow, 1), area.Id);
                TextCell(sheet.Cell(labelRow, 2), label);
                sheet.Range(labelRow, 1, labelRow, lastColumn).Style.Fill.SetBackgroundColor(FormulaRowFill).Font.SetBold();
            }

            for (var c = 0; c < schools.Count; c++)
            {
                var column = FirstColumn + c;
                var result = results.Find(schools[c].Id);
                var scores = sheet.Range(firstScorerRow, column, Math.Max(lastScorerRow, firstScorerRow), column);
                var r = Ref(scores);
                var selfCell = sheet.Cell(selfRow, column);
                Put(selfCell, result?.Self?.Total);
                Formula(sheet.Cell(countRow, column), $"COUNT({r})", "0");
                Formula(sheet.Cell(meanRow, column), $"IF(COUNT({r})=0,\"\",ROUND(AVERAGE({r}),2))");
                var trimmed = $"(SUM({r})-MAX({r})-MIN({r}))/(COUNT({r})-2)";
                Formula(sheet.Cell(trimmedRow, column), $"IF(COUNT({r})>={minimum},ROUND({trimmed},2),\"\")");
                var exact = $"IF(COUNT({r})>={minimum},{trimmed},AVERAGE({r}))";
                Formula(sheet.Cell(usedRow, column), $"IF(COUNT({r})=0,\"\",ROUND({exact},2))");
                peers[schools[c].Id] = new PeerCells(result?.Self?.Total is null ? null : selfCell,
                    result?.Peer?.Total is null ? null : sheet.Cell(usedRow, column), result?.Peer?.Total is null ? null : exact);
            }

            Grid(sheet.Range(firstScorerRow, 1, row, lastColumn));
            if (lastScorerRow >= firstScorerRow)
            {
                sheet.Range(firstScorerRow, FirstColumn, lastScorerRow, lastColumn).AddConditionalFormat().ColorScale()
                    .LowestValue(XLColor.FromHtml("#F8696B")).Midpoint(XLCFContentType.Percentile, 50, XLColor.FromHtml("#FFEB84"))
                    .HighestValue(XLColor.FromHtml("#63BE7B"));
            }

            return row;
        }
    }

    // ---------- 分项 ----------

    /// <summary>Where a school's inspector numbers sit in 分项: the rounded mean per category, the rounded total, and the exact total expression.</summary>
    private sealed record InspectorCells(IReadOnlyDictionary<string, IXLCell> Categories, IXLCell? Total, string? ExactTotal);

    private sealed class BreakdownRenderer(Campaign campaign, CampaignResults results, IXLWorksheet sheet)
    {
        public Dictionary<string, InspectorCells> Render()
        {
            var categories = campaign.Rubric.Categories;
            var sourceColumns = Math.Max(1, results.Schools
                .Select(s => s.Inspector?.Sources.GroupBy(x => x.CategoryId).Select(g => g.Count()).DefaultIfEmpty(0).Max() ?? 0)
                .DefaultIfEmpty(0).Max());
            const int firstSource = 6;
            var meanColumn = firstSource + sourceColumns;
            var noteColumn = meanColumn + 1;
            Widths(sheet, 6, 9, 22, 12, 7);
            for (var c = 0; c < sourceColumns; c++)
            {
                sheet.Column(firstSource + c).Width = 9;
                sheet.Cell(HeaderRow, firstSource + c).SetValue($"来源{c + 1}");
            }

            sheet.Column(meanColumn).Width = 11;
            sheet.Column(noteColumn).Width = 50;
            string[] headers = ["组", "片区", "学校", "项目", "满分"];
            for (var c = 0; c < headers.Length; c++)
            {
                sheet.Cell(HeaderRow, c + 1).SetValue(headers[c]);
            }

            sheet.Cell(HeaderRow, meanColumn).SetValue("督查组得分");
            sheet.Cell(HeaderRow, noteColumn).SetValue("来源（督查员·表）");

            var cells = new Dictionary<string, InspectorCells>(StringComparer.Ordinal);
            var row = HeaderRow;
            foreach (var school in results.Schools)
            {
                var means = new Dictionary<string, IXLCell>(StringComparer.Ordinal);
                var averages = new List<string>();
                foreach (var category in categories)
                {
                    row++;
                    WriteSchool(row, school);
                    TextCell(sheet.Cell(row, 4), category.Name);
                    Put(sheet.Cell(row, 5), category.Max);
                    sheet.Cell(row, 5).Style.NumberFormat.SetFormat("0");
                    var sources = school.Inspector?.Sources.Where(s => s.CategoryId == category.Id).ToList() ?? [];
                    for (var i = 0; i < sources.Count; i++)
                    {
                        Put(sheet.Cell(row, firstSource + i), sources[i].Score);
                    }

                    var range = Ref(sheet.Range(row, firstSource, row, meanColumn - 1));
                    averages.Add($"AVERAGE({range})");
                    var mean = sheet.Cell(row, meanColumn);
                    if (sources.Count > 0)
                    {
                        Formula(mean, $"ROUND(AVERAGE({range}),2)");
                        means[category.Id] = mean;
                    }
                    else
                    {
                        Put(mean, null);
                    }

                    TextCell(sheet.Cell(row, noteColumn),
                        sources.Count == 0 ? "没有评分来源" : string.Join("；", sources.Select(s => $"{Person(s.Author)}·{s.Form.DisplayName()}")), wrap: true);
                }

                row++;
                WriteSchool(row, school);
                TextCell(sheet.Cell(row, 4), "督查组总分");
                Put(sheet.Cell(row, 5), campaign.Rubric.Total);
                sheet.Cell(row, 5).Style.NumberFormat.SetFormat("0");
                var exact = string.Join("+", averages);
                IXLCell? total = null;
                if (school.Inspector?.Total is not null)
                {
                    total = sheet.Cell(row, meanColumn);
                    Formula(total, $"ROUND({exact},2)");
                }
                else
                {
                    TextCell(sheet.Cell(row, noteColumn), "有项目没有评分来源，不计总分");
                }

                sheet.Range(row, 1, row, noteColumn).Style.Fill.SetBackgroundColor(FormulaRowFill).Font.SetBold();
                cells[school.SchoolId] = new InspectorCells(means, total, total is null ? null : exact);
            }

            TitleAndNote(sheet, $"{campaign.Title} 督查组分项得分",
                "每所学校每个项目一行：来源为各督查员附件1中该项目各条之和（全部填写时）或附件5中该项目的评分；督查组得分 = ROUND(来源平均值, 2)；"
                + "督查组总分 = ROUND(各项目来源平均值之和, 2)（先求和后舍入）。", noteColumn);
            Table(sheet, row, noteColumn, 4);
            return cells;
        }

        private void WriteSchool(int row, SchoolResult school)
        {
            sheet.Cell(row, 1).SetValue(school.Group);
            sheet.Cell(row, 1).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
            TextCell(sheet.Cell(row, 2), school.Area);
            TextCell(sheet.Cell(row, 3), school.School);
        }

        private string Person(string author) => campaign.FindUser(author)?.Name ?? campaign.FindSchool(author)?.Name ?? author;
    }

    // ---------- 汇总 ----------

    private sealed record SummaryRow(IXLCell Final, IXLCell Grade);

    private sealed class SummaryRenderer(Campaign campaign, CampaignResults results, IXLWorksheet sheet,
        Dictionary<string, PeerCells> peers, Dictionary<string, InspectorCells> inspectors, DateTimeOffset consolidatedAt)
    {
        public Dictionary<string, SummaryRow> Render()
        {
            var categories = campaign.Rubric.Categories;
            const int self = 4, peer = 5, firstCategory = 6;
            var inspectorTotal = firstCategory + categories.Count;
            var final = inspectorTotal + 1;
            var grade = final + 1;
            var areaRank = grade + 1;
            var districtRank = areaRank + 1;
            var flags = districtRank + 1;
            Widths(sheet, 6, 9, 22, 9, 9);
            for (var c = 0; c < categories.Count; c++)
            {
                sheet.Column(firstCategory + c).Width = 10;
                sheet.Cell(HeaderRow, firstCategory + c).SetValue($"督查组\n{categories[c].Name}（{Number(categories[c].Max)}）");
            }

            foreach (var (column, width) in new[] { (inspectorTotal, 10.0), (final, 10.0), (grade, 8.0), (areaRank, 8.0), (districtRank, 8.0), (flags, 40.0) })
            {
                sheet.Column(column).Width = width;
            }

            (int Column, string Text)[] headers =
            [
                (1, "组"), (2, "片区"), (3, "学校"), (self, "自评"), (peer, "互评"), (inspectorTotal, "督查组\n总分"), (final, "最终得分"),
                (grade, "等级"), (areaRank, "片区排名"), (districtRank, "全区排名"), (flags, "标记"),
            ];
            foreach (var (column, text) in headers)
            {
                sheet.Cell(HeaderRow, column).SetValue(text);
            }

            var firstRow = HeaderRow + 1;
            var lastRow = HeaderRow + results.Schools.Count;
            var finals = $"{sheet.Cell(firstRow, final).Address.ToStringFixed()}:{sheet.Cell(Math.Max(lastRow, firstRow), final).Address.ToStringFixed()}";
            var areas = $"{sheet.Cell(firstRow, 2).Address.ToStringFixed()}:{sheet.Cell(Math.Max(lastRow, firstRow), 2).Address.ToStringFixed()}";
            var rows = new Dictionary<string, SummaryRow>(StringComparer.Ordinal);
            var row = HeaderRow;
            foreach (var school in results.Schools)
            {
                row++;
                sheet.Cell(row, 1).SetValue(school.Group);
                sheet.Cell(row, 1).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
                TextCell(sheet.Cell(row, 2), school.Area);
                TextCell(sheet.Cell(row, 3), school.School);
                var peerCells = peers.GetValueOrDefault(school.SchoolId);
                var inspectorCells = inspectors[school.SchoolId];
                Reference(sheet.Cell(row, self), peerCells?.Self);
                Reference(sheet.Cell(row, peer), peerCells?.Peer);
                for (var c = 0; c < categories.Count; c++)
                {
                    Reference(sheet.Cell(row, firstCategory + c), inspectorCells.Categories.GetValueOrDefault(categories[c].Id));
                }

                Reference(sheet.Cell(row, inspectorTotal), inspectorCells.Total);
                var finalCell = sheet.Cell(row, final);
                if (school.Final is not null && FinalFormula(peerCells, inspectorCells) is { } formula)
                {
                    Formula(finalCell, formula);
                }
                else
                {
                    // A final the formulas cannot rebuild (a part with no cell) is kept as the results' value.
                    Put(finalCell, school.Final);
                }

                var f = finalCell.Address.ToStringRelative();
                Formula(sheet.Cell(row, grade), $"IF(ISNUMBER({f}),{GradeFormula(f)},\"\")", "General");
                Formula(sheet.Cell(row, areaRank), $"IF(ISNUMBER({f}),COUNTIFS({areas},{sheet.Cell(row, 2).Address.ToStringRelative()},{finals},\">\"&{f})+1,\"\")", "0");
                // Competition rank like RANK, written as COUNTIF because ClosedXML 0.95.4 cannot evaluate RANK (no cached value).
                Formula(sheet.Cell(row, districtRank), $"IF(ISNUMBER({f}),COUNTIF({finals},\">\"&{f})+1,\"\")", "0");
                TextCell(sheet.Cell(row, flags), string.Join("、", school.Flags.Select(x => FlagLabels.Label(x.Code)).Distinct()), wrap: true);
                rows[school.SchoolId] = new SummaryRow(finalCell, sheet.Cell(row, grade));
            }

            var weights = Describe(campaign.Aggregation);
            TitleAndNote(sheet, $"{campaign.Title} 区汇总表（{campaign.Organiser}）",
                $"汇总时间：{consolidatedAt.ToOffset(TimeSpan.FromHours(campaign.Deadlines.UtcOffsetHours)):yyyy-MM-dd HH:mm}。最终得分 = {weights}；"
                + "各分数先按原始分计算后四舍五入到两位小数，等级和排名按最终得分。空白表示缺少所需的表（见“标记”）。", flags);
            Table(sheet, row, flags, 3);
            if (row > HeaderRow)
            {
                var finalRange = sheet.Range(firstRow, final, row, final);
                finalRange.AddConditionalFormat().DataBar(XLColor.FromHtml("#5B9BD5")).LowestValue().HighestValue();
                var gradeRange = sheet.Range(firstRow, grade, row, grade);
                foreach (var band in campaign.Grading.Bands.Where(b => b.RequiresRectification))
                {
                    gradeRange.AddConditionalFormat().WhenEquals($"\"{band.Name}\"").Fill.SetBackgroundColor(FailingFill).Font.SetFontColor(FailingFont);
                }

                // One scale per column: categories have different maxima, a shared scale would paint the 10-point ones red.
                for (var column = firstCategory; column <= inspectorTotal; column++)
                {
                    sheet.Range(firstRow, column, row, column).AddConditionalFormat().ColorScale()
                        .LowestValue(XLColor.FromHtml("#F8696B")).HighestValue(XLColor.FromHtml("#FFFFFF"));
                }
            }

            return rows;
        }

        private static void Reference(IXLCell cell, IXLCell? source)
        {
            if (source is null)
            {
                Put(cell, null);
            }
            else
            {
                Formula(cell, Ref(source));
            }
        }

        /// <summary>ROUND of Σ weight × exact part / Σ weight over the parts with a positive weight; null when a part has no cell.</summary>
        private string? FinalFormula(PeerCells? peer, InspectorCells inspector)
        {
            var policy = campaign.Aggregation;
            var parts = new List<(decimal Weight, string? Exact)>
            {
                (policy.InspectorWeight, inspector.ExactTotal),
                (policy.PeerWeight, peer?.ExactPeer),
                (policy.SelfWeight, peer?.Self is { } self ? Ref(self) : null),
            }.Where(p => p.Weight > 0).ToList();
            if (parts.Count == 0 || parts.Any(p => p.Exact is null))
            {
                return null;
            }

            if (parts.Count == 1)
            {
                return $"ROUND({parts[0].Exact},2)";
            }

            var sum = string.Join("+", parts.Select(p => $"{Number(p.Weight)}*({p.Exact})"));
            var weightSum = parts.Sum(p => p.Weight);
            return weightSum == 1 ? $"ROUND({sum},2)" : $"ROUND(({sum})/{Number(weightSum)},2)";
        }

        private string GradeFormula(string final)
        {
            var formula = "\"\"";
            foreach (var band in campaign.Grading.Bands.Reverse())
            {
                formula = $"IF({final}>={Number(band.Min)},\"{band.Name}\",{formula})";
            }

            return formula;
        }

        private static string Describe(AggregationPolicy policy)
        {
            var parts = new List<string>();
            if (policy.InspectorWeight > 0)
            {
                parts.Add($"督查组总分 × {Number(policy.InspectorWeight)}");
            }

            if (policy.PeerWeight > 0)
            {
                parts.Add($"互评分 × {Number(policy.PeerWeight)}");
            }

            if (policy.SelfWeight > 0)
            {
                parts.Add($"自评分 × {Number(policy.SelfWeight)}");
            }

            var sum = policy.InspectorWeight + policy.PeerWeight + policy.SelfWeight;
            return parts.Count == 1 && policy.InspectorWeight > 0 ? "督查组总分" : $"（{string.Join(" + ", parts)}）÷ {Number(sum)}";
        }
    }
}

/// <summary>Short Chinese labels for flag codes (the flag's message carries the detail).</summary>
public static class FlagLabels
{
    public static string Label(string code) => code switch
    {
        FlagCodes.GradeFailing => "不合格",
        FlagCodes.SelfAbovePeers => "自评高于互评",
        FlagCodes.PeerScorerDeviates => "给分偏离他校",
        FlagCodes.InspectorPeerGap => "督查与互评差距大",
        FlagCodes.FormsMissing => "缺交表格",
        FlagCodes.FormsIncomplete => "评分不完整",
        FlagCodes.SubmittedLate => "逾期提交",
        FlagCodes.FinalMissing => "无最终得分",
        _ => code,
    };
}
