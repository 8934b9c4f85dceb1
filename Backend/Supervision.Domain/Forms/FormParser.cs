using System.Globalization;
using System.Text.RegularExpressions;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Grids;
using Supervision.Domain.Rules;

namespace Supervision.Domain.Forms;

/// <summary>
/// Turns a Grid into typed form data plus issues, for 附件1, 附件3 (in SelfCheck.cs), 附件4 and 附件5. The grid may come from an uploaded sheet,
/// the add-in's used range or the streaming reader; the form is found by its headings wherever it was placed, and the
/// header block (填写学校, 片区编号, 填写人, 评价项目) is read from the grid itself.
/// </summary>
public sealed partial class FormParser
{
    private readonly Campaign campaign;
    private readonly Dictionary<string, School> schoolsByName;

    public FormParser(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        this.campaign = campaign;
        schoolsByName = campaign.Schools
            .GroupBy(s => SchoolNames.Normalize(s.Name), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    /// <summary>Which form a grid holds, by its headings; null when none is recognisable.</summary>
    public FormKind? Recognise(Grid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (GridSearch.FindTable(grid, EvaluationSpecs()) is not null)
        {
            return FormKind.Evaluation;
        }

        if (GridSearch.FindTable(grid, SelfCheckSpecs()) is not null)
        {
            return FormKind.SelfCheck;
        }

        if (GridSearch.FindTable(grid, RecordSpecs()) is not null)
        {
            return FormKind.Records;
        }

        return GridSearch.FindTable(grid, PeerSpecs()) is not null ? FormKind.PeerScores : null;
    }

    public FormReading Parse(Grid grid, FormKind? declared = null, FormMetadata? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var origin = grid.TopLeft.ToString();
        if (!string.IsNullOrWhiteSpace(metadata?.Campaign) && !string.Equals(metadata.Campaign.Trim(), campaign.Id, StringComparison.OrdinalIgnoreCase))
        {
            return Refused(declared, grid, Issue.Error(IssueCodes.FormOtherCampaign, grid.Sheet, origin,
                $"工作表“{grid.Sheet}”属于督查活动“{metadata.Campaign}”，不是本次的“{campaign.Title}”（{campaign.Id}），请使用本次下发的模板。"));
        }

        FormKind? fromMetadata = null;
        if (!string.IsNullOrWhiteSpace(metadata?.Form))
        {
            if (!FormKinds.TryParse(metadata.Form, out var kind))
            {
                return Refused(declared, grid, Issue.Error(IssueCodes.FormUnrecognised, grid.Sheet, origin,
                    $"工作表“{grid.Sheet}”标注的表格类型“{metadata.Form}”无法识别。"));
            }

            fromMetadata = kind;
        }

        if (declared is not null && fromMetadata is not null && declared != fromMetadata)
        {
            return Refused(declared, grid, Issue.Error(IssueCodes.FormKindMismatch, grid.Sheet, origin,
                $"工作表“{grid.Sheet}”是{fromMetadata.Value.DisplayName()}，不是所选的{declared.Value.DisplayName()}。"));
        }

        var form = fromMetadata ?? declared ?? Recognise(grid);
        return form switch
        {
            FormKind.PeerScores => ParsePeerScores(grid, metadata),
            FormKind.Evaluation => ParseEvaluation(grid, metadata),
            FormKind.Records => ParseRecords(grid, metadata),
            FormKind.SelfCheck => ParseSelfCheck(grid, metadata),
            FormKind.Schedule => Refused(form, grid, Issue.Error(IssueCodes.FormUnsupported, grid.Sheet, origin,
                $"{form.Value.DisplayName()}不按评分表检查（工作表“{grid.Sheet}”）。")),
            _ => Refused(null, grid, Issue.Error(IssueCodes.FormUnrecognised, grid.Sheet, origin,
                $"无法识别工作表“{grid.Sheet}”：没有找到附件1（督查内容、实评分）、附件3（组织机构、管理人员、经费投入）、附件4（学校、各项目分值、总评分）或附件5（学校、情况记录、评分）的表头。")),
        };
    }

    private static FormReading Refused(FormKind? form, Grid grid, Issue issue) =>
        new(form, grid.Sheet, null, null, [issue], new FormSummary(0, 0, 0, 1, 0, false), null);

    private static FormReading NoTable(FormKind form, Grid grid, string headings) =>
        Refused(form, grid, Issue.Error(IssueCodes.FormUnrecognised, grid.Sheet, grid.TopLeft.ToString(),
            $"工作表“{grid.Sheet}”不是可识别的{form.DisplayName()}：没有找到表头（{headings}）。"));

    // ---------- 附件4 评分表 ----------

    private List<HeadingSpec> PeerSpecs()
    {
        var specs = new List<HeadingSpec> { new(FormHeadings.SchoolKey, true, FormHeadings.School) };
        specs.AddRange(campaign.Rubric.Categories.Select(c => new HeadingSpec(c.Id, true, FormHeadings.PeerCategory(c), c.Name)));
        specs.Add(new HeadingSpec(FormHeadings.TotalKey, false, FormHeadings.PeerTotal, FormHeadings.EvaluationTotal));
        return specs;
    }

    private FormReading ParsePeerScores(Grid grid, FormMetadata? metadata)
    {
        var table = GridSearch.FindTable(grid, PeerSpecs());
        if (table is null)
        {
            return NoTable(FormKind.PeerScores, grid, string.Join("、", PeerSpecs().Select(s => s.Spellings[0])));
        }

        var issues = new List<Issue>();
        var sheet = grid.Sheet;
        var categories = campaign.Rubric.Categories;

        var fillerField = GridSearch.ReadField(grid, FormHeadings.FillingSchool, table.Row);
        var filler = ResolveSchoolField(fillerField?.Value ?? metadata?.Author, fillerField, grid, table, FormHeadings.FillingSchool, issues);

        var areaField = GridSearch.ReadField(grid, FormHeadings.AreaCode, table.Row);
        var areaText = areaField?.Value ?? metadata?.Subject;
        Area? area = null;
        if (!string.IsNullOrWhiteSpace(areaText))
        {
            area = campaign.FindArea(areaText);
            var cell = (areaField?.Cell ?? grid.TopLeft).ToString();
            if (area is null)
            {
                issues.Add(Issue.Error(IssueCodes.HeaderUnknownArea, sheet, cell,
                    $"片区编号“{areaText}”不存在（{cell}），本次督查的片区编号为：{string.Join("、", campaign.Areas.Select(a => a.Id))}。"));
            }
            else if (filler is not null && !area.Schools.Contains(filler))
            {
                var own = campaign.AreaOf(filler.Id);
                issues.Add(Issue.Error(IssueCodes.HeaderAreaMismatch, sheet, cell,
                    $"填写学校“{filler.Name}”属于片区 {own?.Id}，不属于表中填写的片区 {area.Id}（{cell}）。"));
                area = null;
            }
        }
        else if (filler is not null)
        {
            area = campaign.AreaOf(filler.Id);
        }

        var schoolColumn = table.ColumnOf(FormHeadings.SchoolKey)!.Value;
        var totalColumn = table.ColumnOf(FormHeadings.TotalKey);
        var rows = new List<PeerScoreRow>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int? firstFreeRow = null;
        var lastRow = table.Row;
        int expected = 0, filled = 0;
        for (var row = table.Row + 1; row <= grid.LastRow; row++)
        {
            var nameCell = grid[row, schoolColumn];
            var name = GridSearch.Text(nameCell);
            if (name.StartsWith('注'))
            {
                break;
            }

            var scoreCells = categories.Select(c => grid[row, table.Columns[c.Id]]).ToList();
            var typedCell = totalColumn is { } tc ? grid[row, tc] : CellValue.Empty;
            if (name.Length == 0)
            {
                if (scoreCells.All(c => c.IsEmpty) && typedCell.IsEmpty)
                {
                    firstFreeRow ??= row;
                    continue;
                }

                issues.Add(Issue.Error(IssueCodes.RowUnknownSchool, sheet, new CellAddress(row, schoolColumn).ToString(),
                    $"第 {row} 行填写了评分但没有学校名称（{new CellAddress(row, schoolColumn)}）。"));
                lastRow = row;
                continue;
            }

            lastRow = row;
            var nameAddress = new CellAddress(row, schoolColumn).ToString();
            var school = FindSchool(name);
            if (school is null || (area is not null && !area.Schools.Contains(school)))
            {
                var where = school is null ? "不是本次督查的学校" : $"属于片区 {campaign.AreaOf(school.Id)?.Id}，不属于片区 {area!.Id}";
                issues.Add(Issue.Error(IssueCodes.RowUnknownSchool, sheet, nameAddress,
                    $"“{nameCell.Display.Trim()}”{where}（{nameAddress}）。学校名称须与下发模板一致。"));
                continue;
            }

            if (!seen.Add(school.Id))
            {
                issues.Add(Issue.Error(IssueCodes.RowDuplicateSchool, sheet, nameAddress,
                    $"“{school.Name}”在表中出现了不止一次（{nameAddress}），每所学校只评一行。"));
                continue;
            }

            var scores = new List<decimal?>();
            for (var i = 0; i < categories.Count; i++)
            {
                var category = categories[i];
                var address = new CellAddress(row, table.Columns[category.Id]);
                var reading = ScoreRules.Read(scoreCells[i], category.Max, campaign.ScoreStep);
                expected++;
                if (reading.IsValid)
                {
                    filled++;
                }

                var issue = ScoreRules.IssueFor(reading, scoreCells[i], category.Max, campaign.ScoreStep, sheet, address,
                    $"“{school.Name}”的“{category.Name}”");
                if (issue is not null)
                {
                    issues.Add(issue);
                }

                scores.Add(reading.IsValid ? reading.Value : null);
            }

            decimal? total = scores.All(s => s is not null) ? scores.Sum(s => s!.Value) : null;
            var typed = totalColumn is { } column ? CheckTypedTotal(typedCell, total, sheet, new CellAddress(row, column), $"“{school.Name}”的{FormHeadings.PeerTotal}", issues) : null;
            rows.Add(new PeerScoreRow(school.Id, school.Name, row, scores, total, typed, school == filler));
        }

        if (area is not null)
        {
            var missingAt = new CellAddress(firstFreeRow is { } free && free > lastRow ? free : lastRow + 1, schoolColumn).ToString();
            foreach (var school in area.Schools.Where(s => !seen.Contains(s.Id)))
            {
                expected += categories.Count;
                issues.Add(school == filler
                    ? Issue.Error(IssueCodes.RowOwnSchoolMissing, sheet, missingAt,
                        $"表中缺少填写学校“{school.Name}”自己的一行（应在 {missingAt} 附近），本校的评分即自评分，不能省略。")
                    : Issue.Error(IssueCodes.RowMissingSchool, sheet, missingAt,
                        $"表中缺少片区 {area.Id} 的学校“{school.Name}”（应在 {missingAt} 附近）。"));
            }
        }

        var data = new PeerScoreSheet(filler?.Id, area?.Id, GridSearch.ReadField(grid, FormHeadings.Date, table.Row)?.Value, rows);
        return Reading(FormKind.PeerScores, grid, area?.Id, filler?.Id, issues, rows.Count, expected, filled, data);
    }

    // ---------- 附件1 评估表 ----------

    private static List<HeadingSpec> EvaluationSpecs() =>
    [
        new("category", false, FormHeadings.Category),
        new("content", true, FormHeadings.Content),
        new("method", false, FormHeadings.Method),
        new("weight", false, FormHeadings.Weight),
        new(FormHeadings.ScoreKey, true, FormHeadings.ActualScore),
    ];

    private FormReading ParseEvaluation(Grid grid, FormMetadata? metadata)
    {
        var table = GridSearch.FindTable(grid, EvaluationSpecs());
        if (table is null)
        {
            return NoTable(FormKind.Evaluation, grid, $"{FormHeadings.Content}、{FormHeadings.ActualScore}");
        }

        var issues = new List<Issue>();
        var sheet = grid.Sheet;
        var subjectField = GridSearch.ReadField(grid, FormHeadings.EvaluatedSchool, table.Row);
        var school = ResolveSchoolField(subjectField?.Value ?? metadata?.Subject, subjectField, grid, table, FormHeadings.EvaluatedSchool, issues);
        var author = ResolveAuthor(GridSearch.ReadField(grid, FormHeadings.Author, table.Row)?.Value ?? metadata?.Author);

        var contentColumn = table.ColumnOf("content")!.Value;
        var scoreColumn = table.ColumnOf(FormHeadings.ScoreKey)!.Value;
        var itemRows = new Dictionary<int, int>();
        int? footerRow = null;
        CellAddress? typedTotalCell = null;
        for (var row = table.Row + 1; row <= grid.LastRow && footerRow is null; row++)
        {
            for (var column = grid.FirstColumn; column <= grid.LastColumn; column++)
            {
                if (GridSearch.Text(grid[row, column]) == FormHeadings.EvaluationTotal)
                {
                    footerRow = row;
                    typedTotalCell = column < scoreColumn || !grid[row, scoreColumn].IsEmpty
                        ? new CellAddress(row, scoreColumn)
                        : new CellAddress(row, column + 1);
                    break;
                }
            }

            if (footerRow is null && ItemNumberPattern().Match(GridSearch.Text(grid[row, contentColumn])) is { Success: true } match
                && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                itemRows.TryAdd(number, row);
            }
        }

        var subject = school is null ? "本表" : $"“{school.Name}”";
        var itemScores = new Dictionary<int, decimal?>();
        var categoryScores = new Dictionary<string, decimal?>(StringComparer.Ordinal);
        int expected = 0, filled = 0;
        var previousRow = table.Row;
        foreach (var category in campaign.Rubric.Categories)
        {
            var all = true;
            var sum = 0m;
            foreach (var item in category.Items)
            {
                expected++;
                if (!itemRows.TryGetValue(item.Number, out var row))
                {
                    var at = new CellAddress(previousRow + 1, contentColumn).ToString();
                    issues.Add(Issue.Error(IssueCodes.RowItemMissing, sheet, at,
                        $"{subject}缺少第 {item.Number} 项（{category.Name}：{item.Content}），应在 {at} 附近。"));
                    itemScores[item.Number] = null;
                    all = false;
                    continue;
                }

                previousRow = row;
                var address = new CellAddress(row, scoreColumn);
                var cell = grid[address];
                var reading = ScoreRules.Read(cell, item.Weight, campaign.ScoreStep);
                var issue = ScoreRules.IssueFor(reading, cell, item.Weight, campaign.ScoreStep, sheet, address,
                    $"{subject}第 {item.Number} 项（{category.Name}）");
                if (issue is not null)
                {
                    issues.Add(issue);
                }

                if (reading.IsValid)
                {
                    filled++;
                    sum += reading.Value!.Value;
                }
                else
                {
                    all = false;
                }

                itemScores[item.Number] = reading.IsValid ? reading.Value : null;
            }

            categoryScores[category.Id] = all ? sum : null;
        }

        decimal? total = categoryScores.Values.All(v => v is not null) ? categoryScores.Values.Sum(v => v!.Value) : null;
        var typed = typedTotalCell is { } totalCell
            ? CheckTypedTotal(grid[totalCell], total, sheet, totalCell, $"{subject}的{FormHeadings.EvaluationTotal}", issues)
            : null;
        var data = new EvaluationSheet(school?.Id, author, itemScores, categoryScores, total, typed);
        return Reading(FormKind.Evaluation, grid, school?.Id, author, issues, itemRows.Count, expected, filled, data);
    }

    [GeneratedRegex(@"^(\d{1,3})[.、。]")]
    private static partial Regex ItemNumberPattern();

    // ---------- 附件5 记录表 ----------

    private static List<HeadingSpec> RecordSpecs() =>
    [
        new(FormHeadings.SchoolKey, true, FormHeadings.School),
        new("notes", true, FormHeadings.Notes),
        new(FormHeadings.ScoreKey, true, FormHeadings.RecordScore),
    ];

    private FormReading ParseRecords(Grid grid, FormMetadata? metadata)
    {
        var table = GridSearch.FindTable(grid, RecordSpecs());
        if (table is null)
        {
            return NoTable(FormKind.Records, grid, $"{FormHeadings.School}、{FormHeadings.Notes}、{FormHeadings.RecordScore}");
        }

        var issues = new List<Issue>();
        var sheet = grid.Sheet;
        var author = ResolveAuthor(GridSearch.ReadField(grid, FormHeadings.Author, table.Row)?.Value ?? metadata?.Author);
        var categoryField = GridSearch.ReadField(grid, FormHeadings.RecordCategory, table.Row);
        var categoryText = categoryField?.Value ?? metadata?.Subject;
        var categoryCell = (categoryField?.Cell ?? grid.TopLeft).ToString();
        RubricCategory? category = null;
        if (string.IsNullOrWhiteSpace(categoryText))
        {
            issues.Add(Issue.Error(IssueCodes.HeaderSubjectMissing, sheet, categoryCell,
                $"未填写评价项目（{categoryCell}），应为：{string.Join("、", campaign.Rubric.Categories.Select(c => c.Name))}之一。"));
        }
        else
        {
            var normalized = SchoolNames.Normalize(categoryText);
            category = campaign.Rubric.FindCategory(normalized)
                ?? campaign.Rubric.Categories.FirstOrDefault(c => normalized.StartsWith(SchoolNames.Normalize(c.Name), StringComparison.Ordinal));
            if (category is null)
            {
                issues.Add(Issue.Error(IssueCodes.HeaderUnknownCategory, sheet, categoryCell,
                    $"评价项目“{categoryText}”不是评估表的项目（{categoryCell}），应为：{string.Join("、", campaign.Rubric.Categories.Select(c => c.Name))}之一。"));
            }
        }

        var max = category?.Max ?? campaign.Rubric.Total;
        var schoolColumn = table.ColumnOf(FormHeadings.SchoolKey)!.Value;
        var notesColumn = table.ColumnOf("notes")!.Value;
        var scoreColumn = table.ColumnOf(FormHeadings.ScoreKey)!.Value;
        var rows = new List<RecordRow>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int expected = 0, filled = 0;
        for (var row = table.Row + 1; row <= grid.LastRow; row++)
        {
            var nameCell = grid[row, schoolColumn];
            var name = GridSearch.Text(nameCell);
            var notes = grid[row, notesColumn];
            var scoreCell = grid[row, scoreColumn];
            var nameAddress = new CellAddress(row, schoolColumn).ToString();
            if (name.Length == 0)
            {
                if (!notes.IsEmpty || !scoreCell.IsEmpty)
                {
                    issues.Add(Issue.Error(IssueCodes.RowUnknownSchool, sheet, nameAddress,
                        $"第 {row} 行填写了记录或评分但没有学校名称（{nameAddress}）。"));
                }

                continue;
            }

            var school = FindSchool(name);
            if (school is null)
            {
                issues.Add(Issue.Error(IssueCodes.RowUnknownSchool, sheet, nameAddress,
                    $"“{nameCell.Display.Trim()}”不是本次督查的学校（{nameAddress}）。学校名称须与下发模板一致。"));
                continue;
            }

            if (!seen.Add(school.Id))
            {
                issues.Add(Issue.Error(IssueCodes.RowDuplicateSchool, sheet, nameAddress,
                    $"“{school.Name}”在表中出现了不止一次（{nameAddress}），每所学校只记一行。"));
                continue;
            }

            expected++;
            var address = new CellAddress(row, scoreColumn);
            var reading = ScoreRules.Read(scoreCell, max, campaign.ScoreStep);
            var issue = ScoreRules.IssueFor(reading, scoreCell, max, campaign.ScoreStep, sheet, address,
                $"“{school.Name}”的“{category?.Name ?? "评价项目"}”");
            if (issue is not null)
            {
                issues.Add(issue);
            }

            if (reading.IsValid)
            {
                filled++;
            }

            rows.Add(new RecordRow(school.Id, school.Name, row, notes.IsEmpty ? null : notes.Display, reading.IsValid ? reading.Value : null));
        }

        var data = new RecordSheet(author, category?.Id, rows);
        return Reading(FormKind.Records, grid, category?.Id, author, issues, rows.Count, expected, filled, data);
    }

    // ---------- shared ----------

    private static FormReading Reading(FormKind form, Grid grid, string? subject, string? author, List<Issue> issues,
        int rows, int expected, int filled, FormData data)
    {
        var errors = issues.Count(i => i.Severity == Severity.Error);
        var warnings = issues.Count - errors;
        var complete = errors == 0 && expected > 0 && filled == expected;
        return new FormReading(form, grid.Sheet, subject, author, issues, new FormSummary(rows, expected, filled, errors, warnings, complete), data);
    }

    private School? FindSchool(string text)
    {
        var normalized = SchoolNames.Normalize(text);
        return schoolsByName.TryGetValue(normalized, out var school)
            ? school
            : campaign.FindSchool(normalized.ToLowerInvariant());
    }

    private School? ResolveSchoolField(string? value, FieldValue? field, Grid grid, TableHeader table, string label, List<Issue> issues)
    {
        var cell = (field?.Cell ?? new CellAddress(Math.Max(grid.FirstRow, table.Row - 1), grid.FirstColumn)).ToString();
        if (string.IsNullOrWhiteSpace(value))
        {
            issues.Add(Issue.Error(label == FormHeadings.FillingSchool ? IssueCodes.HeaderAuthorMissing : IssueCodes.HeaderSubjectMissing,
                grid.Sheet, cell, $"表头的“{label}”未填写（{cell}），请填写学校名称。"));
            return null;
        }

        var school = FindSchool(value);
        if (school is null)
        {
            issues.Add(Issue.Error(IssueCodes.HeaderUnknownSchool, grid.Sheet, cell,
                $"{label}“{value}”不是本次督查的学校（{cell}）。学校名称须与下发模板一致。"));
        }

        return school;
    }

    /// <summary>A 填写人 names a roster person (by name or account) or a school; otherwise it is kept as written.</summary>
    private string? ResolveAuthor(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var normalized = SchoolNames.Normalize(value);
        var person = campaign.Roster.FirstOrDefault(r => r.Role != Role.School
            && (string.Equals(r.Upn, normalized, StringComparison.OrdinalIgnoreCase) || SchoolNames.Normalize(r.Name) == normalized));
        return person?.Upn ?? FindSchool(normalized)?.Id ?? value.Trim();
    }

    private static decimal? CheckTypedTotal(CellValue typedCell, decimal? total, string sheet, CellAddress address, string what, List<Issue> issues)
    {
        if (typedCell.IsEmpty)
        {
            return null;
        }

        var reading = ScoreRules.Read(typedCell, decimal.MaxValue, 0);
        if (reading.Status == ScoreStatus.NotANumber)
        {
            issues.Add(Issue.Warning(IssueCodes.TotalMismatch, sheet, address.ToString(),
                $"{what}“{typedCell.Display}”不是数字（{address}），以各项之和{(total is null ? "" : " " + ScoreRules.Format(total.Value))}为准。"));
            return null;
        }

        var typed = reading.Value;
        if (total is not null && typed is not null && typed != total)
        {
            issues.Add(Issue.Warning(IssueCodes.TotalMismatch, sheet, address.ToString(),
                $"{what}填写为 {ScoreRules.Format(typed.Value)}，与各项之和 {ScoreRules.Format(total.Value)} 不符（{address}），以 {ScoreRules.Format(total.Value)} 为准。"));
        }

        return typed;
    }
}
