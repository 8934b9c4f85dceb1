using System.Globalization;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Grids;
using Supervision.Domain.Rules;

namespace Supervision.Domain.Forms;

/// <summary>A rectangle of cells printed as one box (merged when larger than one cell).</summary>
public sealed record CellBox(CellAddress TopLeft, int Rows = 1, int Columns = 1)
{
    public CellAddress BottomRight => TopLeft.Offset(Rows - 1, Columns - 1);

    public bool IsSingleCell => Rows == 1 && Columns == 1;

    public override string ToString() => IsSingleCell ? TopLeft.ToString() : $"{TopLeft}:{BottomRight}";
}

/// <summary>How a printed text of 附件3 looks: a section down the left edge, a table heading, a label beside its value, the title lines.</summary>
public enum SelfCheckCaptionKind
{
    Title,
    Subtitle,
    Section,
    Heading,
    Label,
}

/// <summary>Fixed text printed on 附件3.</summary>
public sealed record SelfCheckCaption(string Text, CellBox Box, SelfCheckCaptionKind Kind);

/// <summary>What a 附件3 value cell holds.</summary>
public enum SelfCheckValueKind
{
    Text,
    /// <summary>An amount in 元, zero or more.</summary>
    Money,
    /// <summary>教师人数: a whole number of at least one.</summary>
    TeacherCount,
    /// <summary>A number of people sent to a training (送培), a whole number, zero or more.</summary>
    Count,
}

/// <summary>
/// One fact a school writes on 附件3. The parser finds <see cref="Label"/> (or, in the 送培 table, the level and kind
/// headings) by its text and reads the value at the same offset from it as in the template; the template writer
/// renders <see cref="Value"/> into <see cref="ValueBox"/>.
/// </summary>
/// <param name="Label">The text that identifies the fact, without "：" or a "（补充项）" note; null for 送培 cells.</param>
/// <param name="LabelCell">Where the template prints the label (the top-left of its box).</param>
/// <param name="Scope">A sub-heading the label must follow, for labels printed twice (主讲人 under 全员培训 and under 课程开发).</param>
/// <param name="Value">Prefilled text (the school's name), printed and locked.</param>
public sealed record SelfCheckFact(string Key, string? Label, SelfCheckValueKind Kind, bool Required, CellAddress LabelCell,
    CellBox ValueBox, string? Scope = null, string? Value = null)
{
    public CellAddress ValueCell => ValueBox.TopLeft;
}

/// <summary>
/// 附件3 校本研修自查表 for one school, laid out like the notice's paper form: 组织管理 (a table with 经费投入 总额/人均),
/// 师德教育, 送培情况 (国家、市 and 区 × seven kinds of training) and 校本研修 (全员培训, 课程开发), plus two facts the
/// paper lacks but its own rules need, marked "（补充项）": 教师人数 and 教职工工资总额.
/// </summary>
public sealed record SelfCheckLayout(
    FormKind Form,
    string Title,
    int Width,
    IReadOnlyList<SelfCheckCaption> Captions,
    IReadOnlyList<SelfCheckFact> Facts,
    int FirstTableRow,
    int LastTableRow)
{
    public const string UnitLabel = "单位（盖章）";
    public const string ContactLabel = "联系人";
    public const string PhoneLabel = "联系电话";
    public const string AdditionNote = "（补充项）";

    public const string ManagementSection = "组织管理";
    public const string EthicsSection = "师德教育";
    public const string SentTrainingSection = "送培情况";
    public const string SchoolBasedSection = "校本研修";
    public const string FundingHeading = "经费投入（元）";
    public const string LevelHeading = "级别\\项目";
    public const string AllStaffHeading = "教师全员培训情况";
    public const string CourseHeading = "教师培训课程开发情况";

    public const string TeacherCountLabel = "教师人数";
    public const string PayrollLabel = "教职工工资总额（元）";
    public const string FundingTotalLabel = "总额";
    public const string FundingPerCapitaLabel = "人均";

    /// <summary>The management facts of the 组织管理 table, in the paper's column order (经费投入 sits between 继教专题会议 and 备案情况).</summary>
    public static readonly IReadOnlyList<(string Key, string Label)> ManagementFacts =
    [
        ("organisation", "组织机构"),
        ("managers", "管理人员"),
        ("regulations", "管理制度"),
        ("rewards", "奖惩制度"),
        ("annual-plan", "年度校本培训计划"),
        ("meetings", "继教专题会议"),
        ("filing", "校本培训申报表备案情况"),
    ];

    /// <summary>送培 levels (rows) and kinds (columns). The paper's unlabeled eighth column is left out.</summary>
    public static readonly IReadOnlyList<(string Key, string Label)> SentTrainingLevels =
    [
        ("national-city", "国家、市"),
        ("district", "区"),
    ];

    public static readonly IReadOnlyList<(string Key, string Label)> SentTrainingKinds =
    [
        ("new-teachers", "新教师培训"),
        ("key-teachers", "骨干教师培训"),
        ("principals", "校(园)长培训"),
        ("middle-managers", "中层干部培训"),
        ("subject", "学科专题培训"),
        ("summer", "暑期培训"),
        ("off-post", "非岗教师培训"),
    ];

    /// <summary>校本研修's two parts: their sub-heading and the four labels above their values.</summary>
    public static readonly IReadOnlyList<(string Key, string Heading, string ContentLabel)> SchoolBasedParts =
    [
        ("all-staff", AllStaffHeading, "培训主题、内容、时间及人数"),
        ("courses", CourseHeading, "培训内容、次数及人数"),
    ];

    public static readonly IReadOnlyList<(string Key, string Label)> SchoolBasedLabels =
    [
        ("speaker", "主讲人"),
        ("effect", "培训效果"),
        ("evidence", "印证材料"),
    ];

    public SelfCheckFact Fact(string key) => Facts.First(f => f.Key == key);

    public static string SentTrainingKey(string level, string kind) => $"sent.{level}.{kind}";

    /// <summary>Builds the layout; <paramref name="school"/> prefills 单位.</summary>
    public static SelfCheckLayout Create(Campaign campaign, School? school = null)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        const int width = 10;
        var captions = new List<SelfCheckCaption>();
        var facts = new List<SelfCheckFact>();
        void Caption(string text, int row, int column, SelfCheckCaptionKind kind, int rows = 1, int columns = 1) =>
            captions.Add(new SelfCheckCaption(text, new CellBox(new CellAddress(row, column), rows, columns), kind));

        Caption(campaign.FormTitles.SelfCheck, 1, 1, SelfCheckCaptionKind.Title, columns: width);
        // The paper's heading says 2017—2018 in a 2018—2019 notice: the campaign's own year is printed instead.
        Caption($"（{campaign.SchoolYear}学年度）", 2, 1, SelfCheckCaptionKind.Subtitle, columns: width);

        // Header block: 单位（盖章）：[school] 联系人：[ ] 联系电话：[ ]
        Caption(UnitLabel + "：", 3, 1, SelfCheckCaptionKind.Label, columns: 2);
        facts.Add(new SelfCheckFact("unit", UnitLabel, SelfCheckValueKind.Text, true, new CellAddress(3, 1),
            new CellBox(new CellAddress(3, 3), 1, 3), Value: school?.Name));
        Caption(ContactLabel + "：", 3, 6, SelfCheckCaptionKind.Label);
        facts.Add(new SelfCheckFact("contact", ContactLabel, SelfCheckValueKind.Text, true, new CellAddress(3, 6),
            new CellBox(new CellAddress(3, 7), 1, 2)));
        Caption(PhoneLabel + "：", 3, 9, SelfCheckCaptionKind.Label);
        facts.Add(new SelfCheckFact("phone", PhoneLabel, SelfCheckValueKind.Text, true, new CellAddress(3, 9),
            new CellBox(new CellAddress(3, 10))));

        // 组织管理: headings in rows 4–5 (经费投入 split into 总额/人均 in row 5), values in row 6, additions in row 7.
        const int managementRow = 4;
        Caption(ManagementSection, managementRow, 1, SelfCheckCaptionKind.Section, rows: 4);
        var column = 2;
        foreach (var (key, label) in ManagementFacts)
        {
            if (key == "filing")
            {
                Caption(FundingHeading, managementRow, column, SelfCheckCaptionKind.Heading, columns: 2);
                Caption(FundingTotalLabel, managementRow + 1, column, SelfCheckCaptionKind.Heading);
                Caption(FundingPerCapitaLabel, managementRow + 1, column + 1, SelfCheckCaptionKind.Heading);
                facts.Add(new SelfCheckFact("funding-total", FundingTotalLabel, SelfCheckValueKind.Money, true,
                    new CellAddress(managementRow + 1, column), new CellBox(new CellAddress(managementRow + 2, column))));
                facts.Add(new SelfCheckFact("funding-per-capita", FundingPerCapitaLabel, SelfCheckValueKind.Money, true,
                    new CellAddress(managementRow + 1, column + 1), new CellBox(new CellAddress(managementRow + 2, column + 1))));
                column += 2;
            }

            Caption(label, managementRow, column, SelfCheckCaptionKind.Heading, rows: 2);
            facts.Add(new SelfCheckFact(key, label, SelfCheckValueKind.Text, true, new CellAddress(managementRow, column),
                new CellBox(new CellAddress(managementRow + 2, column))));
            column++;
        }

        const int additionRow = managementRow + 3;
        Caption(TeacherCountLabel + AdditionNote, additionRow, 2, SelfCheckCaptionKind.Label, columns: 2);
        facts.Add(new SelfCheckFact("teachers", TeacherCountLabel, SelfCheckValueKind.TeacherCount, true, new CellAddress(additionRow, 2),
            new CellBox(new CellAddress(additionRow, 4))));
        Caption(PayrollLabel + AdditionNote, additionRow, 5, SelfCheckCaptionKind.Label, columns: 3);
        facts.Add(new SelfCheckFact("payroll", PayrollLabel, SelfCheckValueKind.Money, true, new CellAddress(additionRow, 5),
            new CellBox(new CellAddress(additionRow, 8), 1, 3)));

        // 师德教育: two labelled free-text boxes.
        const int ethicsRow = additionRow + 1;
        Caption(EthicsSection, ethicsRow, 1, SelfCheckCaptionKind.Section, rows: 2);
        (string Key, string Label)[] ethics = [("ethics-training", "师德教育内容、次数及培训人数"), ("ethics-conduct", "师德表现")];
        for (var i = 0; i < ethics.Length; i++)
        {
            Caption(ethics[i].Label + "：", ethicsRow + i, 2, SelfCheckCaptionKind.Label, columns: 2);
            facts.Add(new SelfCheckFact(ethics[i].Key, ethics[i].Label, SelfCheckValueKind.Text, true, new CellAddress(ethicsRow + i, 2),
                new CellBox(new CellAddress(ethicsRow + i, 4), 1, width - 3)));
        }

        // 送培情况: 级别\项目 × seven kinds; the last kind spans the last two columns so no column is left unlabeled.
        const int sentRow = ethicsRow + 2;
        Caption(SentTrainingSection, sentRow, 1, SelfCheckCaptionKind.Section, rows: 1 + SentTrainingLevels.Count);
        Caption(LevelHeading, sentRow, 2, SelfCheckCaptionKind.Heading);
        for (var k = 0; k < SentTrainingKinds.Count; k++)
        {
            var span = k == SentTrainingKinds.Count - 1 ? width - (3 + k) + 1 : 1;
            Caption(SentTrainingKinds[k].Label, sentRow, 3 + k, SelfCheckCaptionKind.Heading, columns: span);
        }

        for (var l = 0; l < SentTrainingLevels.Count; l++)
        {
            var row = sentRow + 1 + l;
            Caption(SentTrainingLevels[l].Label, row, 2, SelfCheckCaptionKind.Heading);
            for (var k = 0; k < SentTrainingKinds.Count; k++)
            {
                var span = k == SentTrainingKinds.Count - 1 ? width - (3 + k) + 1 : 1;
                facts.Add(new SelfCheckFact(SentTrainingKey(SentTrainingLevels[l].Key, SentTrainingKinds[k].Key), null, SelfCheckValueKind.Count,
                    false, new CellAddress(row, 2), new CellBox(new CellAddress(row, 3 + k), 1, span)));
            }
        }

        // 校本研修: each part is a sub-heading, a row of four labels and a row of values under them.
        var partRow = sentRow + 1 + SentTrainingLevels.Count;
        Caption(SchoolBasedSection, partRow, 1, SelfCheckCaptionKind.Section, rows: 3 * SchoolBasedParts.Count);
        (int Column, int Span)[] boxes = [(2, 3), (5, 2), (7, 2), (9, 2)];
        foreach (var (key, heading, contentLabel) in SchoolBasedParts)
        {
            Caption(heading, partRow, 2, SelfCheckCaptionKind.Heading, columns: width - 1);
            (string Key, string Label)[] labels = [("content", contentLabel), .. SchoolBasedLabels];
            for (var i = 0; i < labels.Length; i++)
            {
                Caption(labels[i].Label, partRow + 1, boxes[i].Column, SelfCheckCaptionKind.Heading, columns: boxes[i].Span);
                facts.Add(new SelfCheckFact($"{key}.{labels[i].Key}", labels[i].Label, SelfCheckValueKind.Text, true,
                    new CellAddress(partRow + 1, boxes[i].Column), new CellBox(new CellAddress(partRow + 2, boxes[i].Column), 1, boxes[i].Span),
                    Scope: heading));
            }

            partRow += 3;
        }

        return new SelfCheckLayout(FormKind.SelfCheck, campaign.FormTitles.SelfCheck, width, captions, facts, managementRow, partRow - 1);
    }
}

/// <summary>附件3 自查表: what one school says about its continuing-education work. Missing or invalid facts are null.</summary>
/// <param name="SentTraining">Every 送培 cell, level by level, kind by kind; an empty cell is a null count.</param>
/// <param name="TeacherCount">教师人数 (an addition to the paper form): decides how many record books are checked.</param>
public sealed record SelfCheckSheet(
    string? SchoolId,
    string? Contact,
    string? Phone,
    SelfCheckManagement Management,
    SelfCheckFunding Funding,
    int? TeacherCount,
    SelfCheckEthics Ethics,
    IReadOnlyList<SentTraining> SentTraining,
    SchoolBasedTraining AllStaffTraining,
    SchoolBasedTraining CourseDevelopment) : FormData
{
    /// <summary>Record books (研训记录册) checked for a school of this size: over 200 teachers 40, 100 to 200 30, under 100 20.</summary>
    public int? RecordBooksToCheck => TeacherCount switch
    {
        null => null,
        > 200 => 40,
        >= 100 => 30,
        _ => 20,
    };
}

public sealed record SelfCheckManagement(string? Organisation, string? Managers, string? Regulations, string? RewardsAndPenalties,
    string? AnnualPlan, string? Meetings, string? Filing);

/// <param name="Total">经费投入总额 (元).</param>
/// <param name="PerCapita">经费投入人均 (元).</param>
/// <param name="Payroll">教职工工资总额 (元), an addition to the paper form: item 3 wants the total at 1% of it or more.</param>
public sealed record SelfCheckFunding(decimal? Total, decimal? PerCapita, decimal? Payroll);

public sealed record SelfCheckEthics(string? Training, string? Conduct);

/// <summary>One 送培 cell: how many were sent to one kind of training at one level (national/city or district).</summary>
public sealed record SentTraining(string Level, string Kind, int? Count);

public sealed record SchoolBasedTraining(string? Content, string? Speaker, string? Effect, string? Evidence);

/// <summary>附件3: read by headings, checked by <see cref="SelfCheckLayout"/>'s rules.</summary>
public sealed partial class FormParser
{
    private SelfCheckLayout? selfCheckShape;

    /// <summary>Where the template puts each fact; the parser uses only the offsets between labels and values.</summary>
    private SelfCheckLayout SelfCheckShape => selfCheckShape ??= SelfCheckLayout.Create(campaign);

    private static List<HeadingSpec> SelfCheckSpecs()
    {
        var specs = SelfCheckLayout.ManagementFacts
            .Select(f => new HeadingSpec(f.Key, f.Key is "organisation" or "managers", f.Label))
            .ToList();
        specs.Add(new HeadingSpec("funding", true, SelfCheckLayout.FundingHeading, "经费投入"));
        return specs;
    }

    private FormReading ParseSelfCheck(Grid grid, FormMetadata? metadata)
    {
        var table = GridSearch.FindTable(grid, SelfCheckSpecs());
        if (table is null)
        {
            return NoTable(FormKind.SelfCheck, grid, "组织机构、管理人员、经费投入（元）");
        }

        var sheet = grid.Sheet;
        var issues = new List<Issue>();
        var reader = new SelfCheckReader(grid, SelfCheckShape);
        var filledFacts = 0;
        var requiredFacts = 0;

        var unit = reader.Read(SelfCheckShape.Fact("unit"));
        var school = ResolveSchoolField(unit.Text ?? metadata?.Subject, new FieldValue(unit.Text, unit.Cell), grid, table, "单位", issues);

        string? Text(string key)
        {
            var fact = SelfCheckShape.Fact(key);
            var read = reader.Read(fact);
            requiredFacts += fact.Required ? 1 : 0;
            if (read.Text is not null)
            {
                filledFacts += fact.Required ? 1 : 0;
            }
            else if (fact.Required)
            {
                issues.Add(Missing(sheet, read.Cell, FactName(fact)));
            }

            return read.Text;
        }

        decimal? Number(SelfCheckFact fact)
        {
            var read = reader.Read(fact);
            requiredFacts += fact.Required ? 1 : 0;
            if (read.Value.IsEmpty)
            {
                if (fact.Required)
                {
                    issues.Add(Missing(sheet, read.Cell, FactName(fact)));
                }

                return null;
            }

            var value = SelfCheckNumbers.Read(read.Value);
            var name = FactName(fact);
            if (value is null)
            {
                issues.Add(Issue.Error(IssueCodes.SelfCheckNotANumber, sheet, read.Cell.ToString(),
                    $"{name}“{read.Value.Display}”不是数字（{read.Cell}），{SelfCheckNumbers.Expected(fact.Kind)}。"));
                return null;
            }

            if (!SelfCheckNumbers.InRange(fact.Kind, value.Value))
            {
                issues.Add(Issue.Error(IssueCodes.SelfCheckOutOfRange, sheet, read.Cell.ToString(),
                    $"{name}填写为 {ScoreRules.Format(value.Value)}（{read.Cell}），{SelfCheckNumbers.Expected(fact.Kind)}。"));
                return null;
            }

            filledFacts += fact.Required ? 1 : 0;
            return value;
        }

        var contact = Text("contact");
        var phone = Text("phone");
        var managementTexts = SelfCheckLayout.ManagementFacts.ToDictionary(f => f.Key, f => Text(f.Key), StringComparer.Ordinal);
        var fundingTotalFact = SelfCheckShape.Fact("funding-total");
        var fundingTotal = Number(fundingTotalFact);
        var perCapita = Number(SelfCheckShape.Fact("funding-per-capita"));
        var teachers = Number(SelfCheckShape.Fact("teachers"));
        var payroll = Number(SelfCheckShape.Fact("payroll"));
        var ethics = new SelfCheckEthics(Text("ethics-training"), Text("ethics-conduct"));
        var sent = new List<SentTraining>();
        foreach (var (level, _) in SelfCheckLayout.SentTrainingLevels)
        {
            foreach (var (kind, _) in SelfCheckLayout.SentTrainingKinds)
            {
                var count = Number(SelfCheckShape.Fact(SelfCheckLayout.SentTrainingKey(level, kind)));
                sent.Add(new SentTraining(level, kind, count is null ? null : (int)count.Value));
            }
        }

        SchoolBasedTraining Part(string key) =>
            new(Text($"{key}.content"), Text($"{key}.speaker"), Text($"{key}.effect"), Text($"{key}.evidence"));
        var allStaff = Part("all-staff");
        var courses = Part("courses");

        // Item 3 of the rubric: the year's continuing-education funding is at least 1% of the staff payroll.
        if (fundingTotal is { } total && payroll is { } pay && pay > 0 && total * 100 < pay)
        {
            var cell = reader.Read(fundingTotalFact).Cell;
            issues.Add(Issue.Warning(IssueCodes.SelfCheckFundingBelowOnePercent, sheet, cell.ToString(),
                $"经费投入总额 {ScoreRules.Format(total)} 元低于教职工工资总额 {ScoreRules.Format(pay)} 元的 1%（{ScoreRules.Format(Math.Round(pay / 100, 2))} 元）（{cell}），不符合评估表第 3 项的要求。"));
        }

        var management = new SelfCheckManagement(managementTexts["organisation"], managementTexts["managers"], managementTexts["regulations"],
            managementTexts["rewards"], managementTexts["annual-plan"], managementTexts["meetings"], managementTexts["filing"]);
        var data = new SelfCheckSheet(school?.Id, contact, phone, management, new SelfCheckFunding(fundingTotal, perCapita, payroll),
            teachers is null ? null : (int)teachers.Value, ethics, sent, allStaff, courses);
        return Reading(FormKind.SelfCheck, grid, school?.Id, school?.Id, issues, 1, requiredFacts, filledFacts, data);
    }

    private static Issue Missing(string sheet, CellAddress cell, string name) =>
        Issue.Warning(IssueCodes.SelfCheckMissing, sheet, cell.ToString(), $"未填写{name}（{cell}），自查表将按未完成保存。");

    private static string FactName(SelfCheckFact fact)
    {
        if (fact.Label is null)
        {
            var parts = fact.Key.Split('.');
            var level = SelfCheckLayout.SentTrainingLevels.First(l => l.Key == parts[1]).Label;
            var kind = SelfCheckLayout.SentTrainingKinds.First(k => k.Key == parts[2]).Label;
            return $"送培情况“{level}”级“{kind}”";
        }

        return fact.Key switch
        {
            "funding-total" => "经费投入总额",
            "funding-per-capita" => "经费投入人均",
            _ when fact.Scope is not null => $"“{fact.Scope}”的“{fact.Label}”",
            _ => $"“{fact.Label}”",
        };
    }
}

/// <summary>Numbers on 附件3: typed as numbers or as text ("1,200", "５２人", "3000元").</summary>
internal static class SelfCheckNumbers
{
    private static readonly string[] Units = ["人次", "人", "元", "名"];

    public static decimal? Read(CellValue cell)
    {
        if (cell.Kind == CellKind.Number)
        {
            return double.IsFinite(cell.Number) && Math.Abs(cell.Number) < 1e12 ? Math.Round((decimal)cell.Number, 9) : null;
        }

        if (cell.Kind != CellKind.Text)
        {
            return null;
        }

        var text = SchoolNames.Normalize(cell.Text).Replace(",", "", StringComparison.Ordinal);
        foreach (var unit in Units)
        {
            if (text.EndsWith(unit, StringComparison.Ordinal))
            {
                text = text[..^unit.Length];
                break;
            }
        }

        return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }

    public static bool InRange(SelfCheckValueKind kind, decimal value) => kind switch
    {
        SelfCheckValueKind.TeacherCount => value >= 1 && value == decimal.Truncate(value) && value <= int.MaxValue,
        SelfCheckValueKind.Count => value >= 0 && value == decimal.Truncate(value) && value <= int.MaxValue,
        _ => value >= 0,
    };

    public static string Expected(SelfCheckValueKind kind) => kind switch
    {
        SelfCheckValueKind.TeacherCount => "应为不小于 1 的整数",
        SelfCheckValueKind.Count => "应为不小于 0 的整数（人数）",
        _ => "应为不小于 0 的金额（元）",
    };
}

/// <summary>Finds 附件3's facts in a grid by their labels, wherever the form was placed.</summary>
internal sealed class SelfCheckReader(Grid grid, SelfCheckLayout shape)
{
    private readonly Dictionary<string, int?> scopeRows = new(StringComparer.Ordinal);

    public readonly record struct FactValue(CellValue Value, CellAddress Cell)
    {
        public string? Text => Value.IsEmpty ? null : Value.Display.Trim() is { Length: > 0 } t ? t : null;
    }

    public FactValue Read(SelfCheckFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        var offset = (Rows: fact.ValueCell.Row - fact.LabelCell.Row, Columns: fact.ValueCell.Column - fact.LabelCell.Column);
        if (fact.Label is null)
        {
            return ReadSentTraining(fact);
        }

        var (first, last) = ScopeOf(fact.Scope);
        var label = FindLabel(fact.Label, first, last);
        if (label is null)
        {
            // Not on the sheet at all: report where the template has it, relative to the form's top-left.
            return new FactValue(CellValue.Empty, Shift(fact.ValueCell));
        }

        var (cell, rest) = label.Value;
        if (rest.Length > 0)
        {
            return new FactValue(CellValue.FromText(rest), cell);
        }

        var at = cell.Offset(offset.Rows, offset.Columns);
        var value = grid[at];
        if (value.IsEmpty && offset.Rows == 0)
        {
            // A hand-made sheet may put the value in the next filled cell rather than where the template merges it.
            for (var column = cell.Column + 1; column <= grid.LastColumn; column++)
            {
                var next = grid[cell.Row, column];
                if (!next.IsEmpty)
                {
                    return IsAnyLabel(GridSearch.Text(next)) ? new FactValue(CellValue.Empty, at) : new FactValue(next, new CellAddress(cell.Row, column));
                }
            }
        }

        return new FactValue(value, at);
    }

    private FactValue ReadSentTraining(SelfCheckFact fact)
    {
        var parts = fact.Key.Split('.');
        var levelLabel = SelfCheckLayout.SentTrainingLevels.First(l => l.Key == parts[1]).Label;
        var kindLabel = SelfCheckLayout.SentTrainingKinds.First(k => k.Key == parts[2]).Label;
        var kindCell = FindExact(kindLabel, grid.FirstRow, grid.LastRow);
        if (kindCell is null)
        {
            return new FactValue(CellValue.Empty, Shift(fact.ValueCell));
        }

        // The level rows follow the kinds' heading row closely, in the columns left of the kinds.
        var levelCell = FindExact(levelLabel, kindCell.Value.Row + 1, kindCell.Value.Row + 1 + SelfCheckLayout.SentTrainingLevels.Count,
            maxColumn: kindCell.Value.Column - 1);
        if (levelCell is null)
        {
            return new FactValue(CellValue.Empty, Shift(fact.ValueCell));
        }

        var at = new CellAddress(levelCell.Value.Row, kindCell.Value.Column);
        return new FactValue(grid[at], at);
    }

    /// <summary>The template's address moved by as much as the form's 组织管理 table moved.</summary>
    private CellAddress Shift(CellAddress templateCell)
    {
        var anchor = FindLabel(SelfCheckLayout.ManagementFacts[0].Label, grid.FirstRow, grid.LastRow);
        var templateAnchor = shape.Fact(SelfCheckLayout.ManagementFacts[0].Key).LabelCell;
        return anchor is { } found
            ? templateCell.Offset(found.Cell.Row - templateAnchor.Row, found.Cell.Column - templateAnchor.Column)
            : templateCell;
    }

    private (int First, int Last) ScopeOf(string? scope)
    {
        if (scope is null)
        {
            return (grid.FirstRow, grid.LastRow);
        }

        var start = RowOf(scope);
        if (start is null)
        {
            return (grid.FirstRow, grid.LastRow);
        }

        var end = SelfCheckLayout.SchoolBasedParts.Select(p => RowOf(p.Heading)).Where(r => r > start).Min() ?? grid.LastRow + 1;
        return (start.Value + 1, end - 1);
    }

    private int? RowOf(string heading)
    {
        if (!scopeRows.TryGetValue(heading, out var row))
        {
            row = FindExact(heading, grid.FirstRow, grid.LastRow)?.Row;
            scopeRows[heading] = row;
        }

        return row;
    }

    /// <summary>A cell that is the label, "label：", "label（补充项）" or "label：value" (value returned as the rest).</summary>
    private (CellAddress Cell, string Remainder)? FindLabel(string label, int firstRow, int lastRow)
    {
        var wanted = SchoolNames.Normalize(label);
        for (var row = Math.Max(firstRow, grid.FirstRow); row <= Math.Min(lastRow, grid.LastRow); row++)
        {
            for (var column = grid.FirstColumn; column <= grid.LastColumn; column++)
            {
                var text = GridSearch.Text(grid[row, column]);
                if (!text.StartsWith(wanted, StringComparison.Ordinal))
                {
                    continue;
                }

                var rest = StripNote(text[wanted.Length..]);
                if (rest is null)
                {
                    continue;
                }

                return (new CellAddress(row, column), rest);
            }
        }

        return null;
    }

    /// <summary>What follows a label: nothing, "：value" or a note in brackets; null when the cell is another text.</summary>
    private static string? StripNote(string rest)
    {
        while (rest.StartsWith('('))
        {
            var close = rest.IndexOf(')', StringComparison.Ordinal);
            if (close < 0)
            {
                return null;
            }

            rest = rest[(close + 1)..];
        }

        if (rest.Length == 0)
        {
            return "";
        }

        return rest[0] == ':' ? rest[1..] : null;
    }

    private CellAddress? FindExact(string text, int firstRow, int lastRow, int? maxColumn = null)
    {
        var wanted = SchoolNames.Normalize(text);
        for (var row = Math.Max(firstRow, grid.FirstRow); row <= Math.Min(lastRow, grid.LastRow); row++)
        {
            for (var column = grid.FirstColumn; column <= Math.Min(maxColumn ?? grid.LastColumn, grid.LastColumn); column++)
            {
                var found = GridSearch.Text(grid[row, column]);
                if (found == wanted || found.TrimEnd(':') == wanted)
                {
                    return new CellAddress(row, column);
                }
            }
        }

        return null;
    }

    private bool IsAnyLabel(string normalized) =>
        shape.Captions.Any(c => c.Kind is SelfCheckCaptionKind.Label or SelfCheckCaptionKind.Heading
            && normalized.TrimEnd(':') == SchoolNames.Normalize(c.Text).TrimEnd(':'));
}
