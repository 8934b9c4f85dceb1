namespace Supervision.Domain.Results;

/// <summary>Something the office should look at about a school: a stable code and a Chinese explanation with the numbers.</summary>
public sealed record Flag(string Code, string Message);

/// <summary>The stable flag codes. Clients may rely on them; messages are for people.</summary>
public static class FlagCodes
{
    /// <summary>The grade is one that requires a rectification notice (不合格).</summary>
    public const string GradeFailing = "grade.failing";

    /// <summary>The self-score exceeds the peer score by more than the campaign's threshold.</summary>
    public const string SelfAbovePeers = "self.above-peers";

    /// <summary>On a scorer school: its totals for others differ from the other scorers' mean by more than the threshold on average.</summary>
    public const string PeerScorerDeviates = "peer.scorer-deviates";

    /// <summary>Inspector and peer totals differ by more than the threshold.</summary>
    public const string InspectorPeerGap = "inspector.peer-gap";

    /// <summary>A required form concerning the school has not been submitted.</summary>
    public const string FormsMissing = "forms.missing";

    /// <summary>A submitted form concerning the school has empty scores (or 附件3 facts).</summary>
    public const string FormsIncomplete = "forms.incomplete";

    /// <summary>A form concerning the school was submitted after its deadline.</summary>
    public const string SubmittedLate = "submitted.late";

    /// <summary>No final score: a part the final blend needs is missing.</summary>
    public const string FinalMissing = "final.missing";
}
