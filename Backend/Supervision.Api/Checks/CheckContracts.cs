using System.Text.Json;
using Supervision.Domain.Forms;
using Supervision.Domain.Rules;

namespace Supervision.Api.Checks;

/// <summary>
/// A used range as the add-in reads it. <c>values</c> is Excel's range.values: rows of string, number, boolean or null
/// ("" and null are empty cells). <c>address</c> is "A1", "B3:I12", "Sheet1!B3:I12" or "'My sheet'!B3:I12"; only its
/// top-left cell and sheet matter. <c>form</c> is one of evaluation, schedule, self-check, peer-scores, records, or
/// absent to recognise the form by its headings.
/// </summary>
public sealed record GridCheckRequest(
    string Address,
    IReadOnlyList<IReadOnlyList<JsonElement>> Values,
    string? Form = null,
    string? Sheet = null,
    FormMetadata? Metadata = null);

/// <summary>The result of checking: one entry per form sheet (exactly one for a JSON grid).</summary>
public sealed record CheckResponse(IReadOnlyList<FormCheck> Forms);

/// <param name="Form">The form's slug (e.g. "peer-scores"), or null when it could not be recognised.</param>
/// <param name="Subject">Whom the form is about: the area for 附件4, the school for 附件1, the category for 附件5.</param>
/// <param name="Author">Who filled it in: a school id or a roster UPN.</param>
public sealed record FormCheck(string? Form, string Sheet, string? Subject, string? Author, IReadOnlyList<Issue> Issues, FormSummary Summary)
{
    public static FormCheck From(FormReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return new(reading.Form?.Slug(), reading.Sheet, reading.Subject, reading.Author, reading.Issues, reading.Summary);
    }
}
