using Supervision.Domain.Rules;

namespace Supervision.Domain.Forms;

/// <summary>What a form says, typed; missing or invalid scores are null.</summary>
public abstract record FormData;

/// <summary>附件4: one school's scores for every school of its area; the filling school's own row is its self-score.</summary>
public sealed record PeerScoreSheet(string? FillingSchoolId, string? AreaId, string? Date, IReadOnlyList<PeerScoreRow> Rows) : FormData;

/// <param name="Scores">Per rubric category, in rubric order.</param>
/// <param name="Total">Recomputed from the category scores; null unless all are valid.</param>
/// <param name="TypedTotal">What the form's 总评分 cell says, if a number.</param>
public sealed record PeerScoreRow(string SchoolId, string SchoolName, int Row, IReadOnlyList<decimal?> Scores, decimal? Total,
    decimal? TypedTotal, bool IsSelf);

/// <summary>附件1: one school's 22 item scores from one author (an inspector, or the school itself).</summary>
public sealed record EvaluationSheet(string? SchoolId, string? Author, IReadOnlyDictionary<int, decimal?> ItemScores,
    IReadOnlyDictionary<string, decimal?> CategoryScores, decimal? Total, decimal? TypedTotal) : FormData;

/// <summary>附件5: one inspector's notes and category score per school.</summary>
public sealed record RecordSheet(string? Author, string? CategoryId, IReadOnlyList<RecordRow> Rows) : FormData;

public sealed record RecordRow(string SchoolId, string SchoolName, int Row, string? Notes, decimal? Score);

/// <summary>Counts a person reads at a glance after a check.</summary>
public sealed record FormSummary(int Rows, int ScoresExpected, int ScoresFilled, int Errors, int Warnings, bool Complete);

/// <summary>The keys of the hidden <c>_supervision</c> sheet, also sent by the add-in beside a grid.</summary>
public sealed record FormMetadata(string? Campaign, string? Form, string? Subject, string? Author, string? TemplateVersion);

/// <summary>A form read from one sheet: what it is, about whom, by whom, its issues and its data.</summary>
public sealed record FormReading(FormKind? Form, string Sheet, string? Subject, string? Author, IReadOnlyList<Issue> Issues,
    FormSummary Summary, FormData? Data)
{
    public bool HasErrors => Issues.Any(i => i.Severity == Severity.Error);
}
