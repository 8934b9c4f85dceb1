using Supervision.Domain.Forms;

namespace Supervision.Domain.Results;

/// <summary>
/// One stored version of a form, as aggregation sees it: the typed data the <see cref="FormParser"/> read, what it is
/// about (<paramref name="Subject"/>: the evaluated school for 附件1 and 附件3, the area for 附件4, the category for 附件5),
/// who it is by (<paramref name="Author"/>: the school id or the inspector's UPN) and when it was stored.
/// Several versions of the same (form, subject, author) may be given; only the latest counts.
/// </summary>
/// <param name="Complete">Whether the form had every score or fact filled when read (progress shows it).</param>
public sealed record SubmittedForm(FormKind Form, string Subject, string Author, DateTimeOffset SubmittedAt, FormData Data, bool Complete = true)
{
    /// <summary>The key "only the latest version counts" is taken over.</summary>
    public (FormKind Form, string Subject, string Author) Key => (Form, Subject, Author);

    /// <summary>The latest version of each (form, subject, author); equal times keep the one given last.</summary>
    public static IReadOnlyList<SubmittedForm> Latest(IEnumerable<SubmittedForm> forms)
    {
        ArgumentNullException.ThrowIfNull(forms);
        var latest = new Dictionary<(FormKind, string, string), SubmittedForm>();
        foreach (var form in forms)
        {
            if (!latest.TryGetValue(form.Key, out var known) || form.SubmittedAt >= known.SubmittedAt)
            {
                latest[form.Key] = form;
            }
        }

        return latest.Values.ToList();
    }
}
