using Supervision.Domain.Forms;
using Supervision.Domain.Results;

namespace Supervision.Api.Results;

/// <summary><c>GET …/results</c>: whether the results are published, and the entries this user may see.</summary>
public sealed record ResultsResponse(bool Published, DateTimeOffset? PublishedAt, IReadOnlyList<SchoolResultView> Schools);

/// <summary>One school's results as ARCHITECTURE.md shapes them; a missing part is null, never 0.</summary>
public sealed record SchoolResultView(
    string SchoolId,
    string School,
    int Group,
    string Area,
    PartView? Self,
    PartView? SelfEvaluation,
    PeerView? Peer,
    PartView? Inspector,
    decimal? Final,
    string? Grade,
    int? Rank,
    int? DistrictRank,
    IReadOnlyList<Flag> Flags)
{
    public static SchoolResultView From(SchoolResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new SchoolResultView(result.SchoolId, result.School, result.Group, result.Area, PartView.From(result.Self),
            PartView.From(result.SelfEvaluation),
            result.Peer is { } peer ? new PeerView(peer.Mean, peer.TrimmedMean, peer.Count, peer.Categories) : null,
            result.Inspector is { } inspector ? new PartView(inspector.Total, inspector.Categories) : null,
            result.Final, result.Grade?.Name, result.Rank, result.DistrictRank, result.Flags);
    }
}

public sealed record PartView(decimal? Total, IReadOnlyList<CategoryScore> Categories)
{
    public static PartView? From(PartScore? part) => part is null ? null : new PartView(part.Total, part.Categories);
}

/// <summary>The peer score: <c>categories</c> are the trimmed mean's when there is one, else the mean's.</summary>
public sealed record PeerView(decimal? Mean, decimal? TrimmedMean, int Count, IReadOnlyList<CategoryScore> Categories);

/// <summary><c>POST …/results/publish</c>.</summary>
public sealed record PublicationResponse(bool Published, DateTimeOffset PublishedAt, string PublishedBy);

/// <summary><c>GET …/progress</c>: per area and school, and per inspector, the forms in and the required forms missing.</summary>
public sealed record ProgressResponse(IReadOnlyList<AreaProgressView> Areas, IReadOnlyList<InspectorProgressView> Inspectors);

public sealed record AreaProgressView(string AreaId, string Room, int Group, DateOnly SessionDate, IReadOnlyList<SchoolProgressView> Schools);

public sealed record SchoolProgressView(string SchoolId, string School, IReadOnlyList<ProgressItemView> Submitted, IReadOnlyList<ProgressItemView> Missing,
    DateTimeOffset? LastSubmittedAt)
{
    public static SchoolProgressView From(SchoolProgress school)
    {
        ArgumentNullException.ThrowIfNull(school);
        return new SchoolProgressView(school.SchoolId, school.School, school.Submitted.Select(ProgressItemView.From).ToList(),
            school.Missing.Select(ProgressItemView.From).ToList(), school.LastSubmittedAt);
    }
}

public sealed record InspectorProgressView(string Upn, string Name, IReadOnlyList<int> Groups, IReadOnlyList<ProgressItemView> Submitted,
    IReadOnlyList<ProgressItemView> Missing, DateTimeOffset? LastSubmittedAt)
{
    public static InspectorProgressView From(InspectorProgress inspector)
    {
        ArgumentNullException.ThrowIfNull(inspector);
        return new InspectorProgressView(inspector.Upn, inspector.Name, inspector.Groups, inspector.Submitted.Select(ProgressItemView.From).ToList(),
            inspector.Missing.Select(ProgressItemView.From).ToList(), inspector.LastSubmittedAt);
    }
}

/// <summary>One form: <c>form</c> is the slug (evaluation, self-check, peer-scores, records), <c>label</c> its Chinese name.</summary>
public sealed record ProgressItemView(string Form, string Subject, string Author, string Label, bool Required, DateTimeOffset? DueBy,
    DateTimeOffset? SubmittedAt, bool Complete, bool Late)
{
    public static ProgressItemView From(ProgressItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new ProgressItemView(item.Form.Slug(), item.Subject, item.Author, item.Label, item.Required, item.DueBy, item.SubmittedAt,
            item.Complete, item.Late);
    }
}
