using ClosedXML.Excel;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Forms;
using static Supervision.Workbooks.Templates.SheetStyle;

namespace Supervision.Workbooks.Templates;

/// <summary>
/// Writes a campaign's official forms (附件1–5) as .xlsx templates laid out like the notice's paper forms: input cells
/// unlocked and validated, everything else locked (no password), totals as formulas with cached values, A4 print setup,
/// and a hidden <c>_supervision</c> sheet naming each form sheet's campaign, form, subject and author.
/// 附件1, 附件4 and 附件5 are rendered from <see cref="FormLayouts"/>, 附件3 from <see cref="SelfCheckLayout"/>: the layouts
/// the parser reads by.
/// </summary>
public sealed class TemplateWriter
{
    public const string TemplateVersion = "1";

    private readonly Campaign campaign;

    public TemplateWriter(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        this.campaign = campaign;
    }

    /// <summary>附件1 督查评估表 for one school; <paramref name="author"/> is the inspector, or the school itself for a self-evaluation.</summary>
    public byte[] Evaluation(School school, RosterEntry? author = null) => Evaluations([school], author);

    /// <summary>One workbook with a 附件1 sheet per school (an inspector's schools), each its own form.</summary>
    public byte[] Evaluations(IReadOnlyList<School> schools, RosterEntry? author = null)
    {
        ArgumentNullException.ThrowIfNull(schools);
        if (schools.Count == 0)
        {
            throw new ArgumentException("At least one school is needed.", nameof(schools));
        }

        return Build(FormKind.Evaluation, (workbook, forms) =>
        {
            foreach (var school in schools)
            {
                RequireSchool(school);
                var layout = FormLayouts.Evaluation(campaign, school, AuthorName(author));
                var sheet = AddSheet(workbook, $"评估表 {school.Name}");
                new LayoutSheetRenderer(campaign, layout).Render(sheet);
                forms.Add((sheet.Name, Metadata(FormKind.Evaluation, school.Id, AuthorId(author))));
            }
        });
    }

    /// <summary>附件2 片区安排表: the whole schedule of the campaign.</summary>
    public byte[] Schedule() => Build(FormKind.Schedule, (workbook, forms) =>
    {
        var sheet = AddSheet(workbook, "安排表");
        new ScheduleSheetRenderer(campaign).Render(sheet);
        forms.Add((sheet.Name, Metadata(FormKind.Schedule, null, null)));
    });

    /// <summary>附件3 校本研修自查表 for one school, with the two facts the paper lacks (教师人数, 教职工工资总额) marked as additions.</summary>
    public byte[] SelfCheck(School school)
    {
        RequireSchool(school);
        return Build(FormKind.SelfCheck, (workbook, forms) =>
        {
            var sheet = AddSheet(workbook, $"自查表 {school.Name}");
            new SelfCheckSheetRenderer(SelfCheckLayout.Create(campaign, school)).Render(sheet);
            forms.Add((sheet.Name, Metadata(FormKind.SelfCheck, school.Id, school.Id)));
        });
    }

    /// <summary>附件4 过程督查评分表 for one area; with a filling school, its own row is marked as the self-score.</summary>
    public byte[] PeerScores(Area area, School? fillingSchool = null)
    {
        ArgumentNullException.ThrowIfNull(area);
        if (campaign.FindArea(area.Id) is null)
        {
            throw new ArgumentException($"Area {area.Id} is not in campaign {campaign.Id}.", nameof(area));
        }

        if (fillingSchool is not null && !area.Schools.Contains(fillingSchool))
        {
            throw new ArgumentException($"School {fillingSchool.Id} is not in area {area.Id}.", nameof(fillingSchool));
        }

        return Build(FormKind.PeerScores, (workbook, forms) =>
        {
            var layout = FormLayouts.PeerScores(campaign, area, fillingSchool);
            var sheet = AddSheet(workbook, $"评分表 {area.Id}");
            new LayoutSheetRenderer(campaign, layout).Render(sheet, fillingSchool?.Id);
            forms.Add((sheet.Name, Metadata(FormKind.PeerScores, area.Id, fillingSchool?.Id)));
        });
    }

    /// <summary>附件5 情况记录表 for one inspector and rubric category: one row per school of the inspector's groups.</summary>
    public byte[] Records(RubricCategory category, RosterEntry inspector)
    {
        ArgumentNullException.ThrowIfNull(inspector);
        var schools = campaign.SchoolsInspectedBy(inspector).ToList();
        if (schools.Count == 0)
        {
            throw new ArgumentException($"{inspector.Upn} inspects no group of campaign {campaign.Id}.", nameof(inspector));
        }

        return Records(category, schools, inspector);
    }

    /// <summary>附件5 for the given schools; the author, when known, is printed as 填写人.</summary>
    public byte[] Records(RubricCategory category, IReadOnlyList<School> schools, RosterEntry? author = null)
    {
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(schools);
        if (campaign.Rubric.FindCategory(category.Id) is null)
        {
            throw new ArgumentException($"Category {category.Id} is not in the rubric of campaign {campaign.Id}.", nameof(category));
        }

        foreach (var school in schools)
        {
            RequireSchool(school);
        }

        return Build(FormKind.Records, (workbook, forms) =>
        {
            var layout = FormLayouts.Records(campaign, category, schools, AuthorName(author));
            var sheet = AddSheet(workbook, $"记录表 {category.Name}");
            new LayoutSheetRenderer(campaign, layout).Render(sheet);
            forms.Add((sheet.Name, Metadata(FormKind.Records, category.Id, AuthorId(author))));
        });
    }

    /// <summary>How an author is printed: a school account by its school's name, a person by their name.</summary>
    public string? AuthorName(RosterEntry? author) =>
        author is null ? null
        : author.Role == Role.School && author.SchoolId is { } id && campaign.FindSchool(id) is { } school ? school.Name
        : author.Name;

    /// <summary>How an author is recorded: a school by its id, a person by their account (UPN), as the parser resolves them.</summary>
    public static string? AuthorId(RosterEntry? author) =>
        author is null ? null : author.Role == Role.School && author.SchoolId is { } id ? id : author.Upn;

    private FormMetadata Metadata(FormKind form, string? subject, string? author) =>
        new(campaign.Id, form.Slug(), subject, author, TemplateVersion);

    private void RequireSchool(School school)
    {
        ArgumentNullException.ThrowIfNull(school);
        if (campaign.FindSchool(school.Id) is null)
        {
            throw new ArgumentException($"School {school.Id} is not in campaign {campaign.Id}.", nameof(school));
        }
    }

    private static IXLWorksheet AddSheet(XLWorkbook workbook, string name)
    {
        var sheetName = SheetName(name);
        for (var n = 2; workbook.Worksheets.Contains(sheetName); n++)
        {
            var suffix = $" ({n})";
            sheetName = Clip(SheetName(name), 31 - suffix.Length) + suffix;
        }

        return workbook.AddWorksheet(sheetName);
    }

    private byte[] Build(FormKind form, Action<XLWorkbook, List<(string Sheet, FormMetadata Metadata)>> addSheets)
    {
        using var workbook = new XLWorkbook();
        ApplyWorkbookDefaults(workbook);
        var forms = new List<(string Sheet, FormMetadata Metadata)>();
        addSheets(workbook, forms);
        foreach (var (name, _) in forms)
        {
            Protect(workbook.Worksheet(name));
        }

        MetadataSheet.Write(workbook, forms);
        workbook.Worksheet(1).SetTabActive().SetTabSelected();
        workbook.Properties.Title = $"{form.DisplayName()}（{campaign.Title}）";
        workbook.Properties.Company = campaign.Organiser;
        // Structure locked without a password: nobody unhides or deletes _supervision by accident.
        workbook.Protect();
        using var stream = new MemoryStream();
        workbook.SaveAs(stream, new SaveOptions { EvaluateFormulasBeforeSaving = true });
        PrintTitles.MakeAbsolute(stream);
        return stream.ToArray();
    }
}
