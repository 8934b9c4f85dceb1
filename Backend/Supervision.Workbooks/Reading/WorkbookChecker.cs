using Supervision.Domain.Campaigns;
using Supervision.Domain.Forms;
using Supervision.Domain.Rules;

namespace Supervision.Workbooks.Reading;

/// <summary>An upload checked: a refusal, or one reading per form sheet.</summary>
public sealed record WorkbookCheck(UploadRefusal? Refusal, IReadOnlyList<FormReading> Forms)
{
    public bool IsRefused => Refusal is not null;
}

/// <summary>
/// Checks an uploaded workbook against a campaign: every visible sheet that is a form becomes a reading. A sheet named
/// in the metadata sheet is parsed with its metadata (a form of another campaign is refused by the parser); any other
/// sheet is recognised by its headings or skipped. When no sheet is a form, the first one is reported unrecognised.
/// </summary>
public static class WorkbookChecker
{
    /// <param name="sheet">Only this sheet (case-insensitive, as Excel compares names); null for every form sheet.</param>
    public static WorkbookCheck Check(ReadOnlyMemory<byte> upload, Campaign campaign, string? sheet = null, UploadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var workbook = WorkbookReader.Read(upload, limits);
        if (workbook.Refusal is { } refusal)
        {
            return new WorkbookCheck(refusal, []);
        }

        var sheets = workbook.Sheets;
        if (!string.IsNullOrWhiteSpace(sheet))
        {
            sheets = sheets.Where(s => string.Equals(s.Grid.Sheet, sheet.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        }

        if (sheets.Count == 0)
        {
            var names = string.Join("、", workbook.Sheets.Select(s => $"“{s.Grid.Sheet}”"));
            return new WorkbookCheck(new UploadRefusal(UploadCodes.SheetNotFound, string.IsNullOrWhiteSpace(sheet)
                ? "工作簿中没有可见的工作表。"
                : $"工作簿中没有名为“{sheet.Trim()}”的可见工作表。{(names.Length == 0 ? "" : $"工作簿中的工作表：{names}。")}"), []);
        }

        var parser = new FormParser(campaign);
        var readings = new List<FormReading>();
        foreach (var uploaded in sheets)
        {
            if (uploaded.Metadata is { } metadata)
            {
                readings.Add(parser.Parse(uploaded.Grid, null, metadata));
            }
            else if (parser.Recognise(uploaded.Grid) is { } form)
            {
                readings.Add(parser.Parse(uploaded.Grid, form));
            }
        }

        if (readings.Count == 0)
        {
            readings.Add(parser.Parse(sheets[0].Grid));
        }

        return new WorkbookCheck(null, readings.Select(r => WithWarnings(r, workbook.Warnings)).ToList());
    }

    // Workbook-level warnings (external links, formulas left unevaluated) concern every form read from the workbook.
    private static FormReading WithWarnings(FormReading reading, IReadOnlyList<Issue> warnings) =>
        warnings.Count == 0 ? reading : reading with
        {
            Issues = [.. reading.Issues, .. warnings.Select(w => w with { Sheet = reading.Sheet })],
            Summary = reading.Summary with { Warnings = reading.Summary.Warnings + warnings.Count },
        };
}
