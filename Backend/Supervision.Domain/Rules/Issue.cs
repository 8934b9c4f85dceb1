namespace Supervision.Domain.Rules;

public enum Severity
{
    /// <summary>Blocks a submission.</summary>
    Error,
    /// <summary>Stored, but reported (an empty score, a typed total that disagrees).</summary>
    Warning,
}

/// <summary>One problem found in a form or a campaign: where it is (sheet and A1 cell), a stable code and a Chinese message.</summary>
public sealed record Issue(Severity Severity, string Code, string? Sheet, string? Cell, string Message)
{
    public static Issue Error(string code, string? sheet, string? cell, string message) => new(Severity.Error, code, sheet, cell, message);

    public static Issue Warning(string code, string? sheet, string? cell, string message) => new(Severity.Warning, code, sheet, cell, message);
}

/// <summary>The stable issue codes. Clients may rely on them; messages are for people.</summary>
public static class IssueCodes
{
    public const string ScoreNotANumber = "score.not-a-number";
    public const string ScoreOutOfRange = "score.out-of-range";
    public const string ScoreOffStep = "score.off-step";
    public const string ScoreMissing = "score.missing";
    public const string TotalMismatch = "total.mismatch";

    public const string RowUnknownSchool = "row.unknown-school";
    public const string RowDuplicateSchool = "row.duplicate-school";
    public const string RowMissingSchool = "row.missing-school";
    public const string RowOwnSchoolMissing = "row.own-school-missing";
    public const string RowItemMissing = "row.item-missing";

    public const string HeaderAuthorMissing = "header.author-missing";
    public const string HeaderUnknownSchool = "header.unknown-school";
    public const string HeaderAreaMismatch = "header.area-mismatch";
    public const string HeaderUnknownArea = "header.unknown-area";
    public const string HeaderUnknownCategory = "header.unknown-category";
    public const string HeaderSubjectMissing = "header.subject-missing";

    public const string SelfCheckMissing = "selfcheck.missing";
    public const string SelfCheckNotANumber = "selfcheck.not-a-number";
    public const string SelfCheckOutOfRange = "selfcheck.out-of-range";
    public const string SelfCheckFundingBelowOnePercent = "selfcheck.funding-below-1pct";

    public const string FormUnrecognised = "form.unrecognised";
    public const string FormOtherCampaign = "form.other-campaign";
    public const string FormKindMismatch = "form.kind-mismatch";
    public const string FormUnsupported = "form.unsupported";

    public const string RubricItemWeights = "rubric.item-weights";
    public const string RubricTotal = "rubric.total";
    public const string RubricEmpty = "rubric.empty";
    public const string RubricDuplicateItem = "rubric.duplicate-item";
    public const string RubricBadWeight = "rubric.bad-weight";
}
