using Supervision.Domain.Rules;

namespace Supervision.Api.Submissions;

/// <summary>
/// What was stored for one form sheet: the receipt a user keeps. <c>version</c> is the store's version token of the
/// file at <c>path</c>; send it back as <c>If-Match</c> to replace exactly that version.
/// </summary>
public sealed record SubmissionReceipt(
    string Id,
    string Form,
    string Sheet,
    string Subject,
    string Author,
    string SubmittedBy,
    string Version,
    DateTimeOffset StoredAt,
    string Path,
    bool Complete,
    IReadOnlyList<Issue> Issues);

public sealed record SubmissionsResponse(IReadOnlyList<SubmissionReceipt> Submissions);
