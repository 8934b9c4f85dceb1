namespace Supervision.Domain.Forms;

/// <summary>The five official forms, 附件1–5 of the notice.</summary>
public enum FormKind
{
    /// <summary>附件1 督查评估表: the 22-item rubric scored for one school.</summary>
    Evaluation,
    /// <summary>附件2 安排表: the schedule of groups, rooms and sessions.</summary>
    Schedule,
    /// <summary>附件3 自查表: a school's own facts.</summary>
    SelfCheck,
    /// <summary>附件4 评分表: one school scores every school of its area by category.</summary>
    PeerScores,
    /// <summary>附件5 记录表: one inspector's notes and score per school for one rubric category.</summary>
    Records,
}

public static class FormKinds
{
    private static readonly (FormKind Kind, string Slug, string Attachment, string Name)[] Table =
    [
        (FormKind.Evaluation, "evaluation", "附件1", "督查评估表"),
        (FormKind.Schedule, "schedule", "附件2", "片区安排表"),
        (FormKind.SelfCheck, "self-check", "附件3", "校本研修自查表"),
        (FormKind.PeerScores, "peer-scores", "附件4", "过程督查评分表"),
        (FormKind.Records, "records", "附件5", "过程督查情况记录表"),
    ];

    /// <summary>The URL and JSON name: evaluation, schedule, self-check, peer-scores, records.</summary>
    public static string Slug(this FormKind kind) => Table.First(t => t.Kind == kind).Slug;

    /// <summary>"附件4 过程督查评分表": how users name the form.</summary>
    public static string DisplayName(this FormKind kind)
    {
        var row = Table.First(t => t.Kind == kind);
        return $"{row.Attachment} {row.Name}";
    }

    public static bool TryParse(string? slug, out FormKind kind)
    {
        foreach (var row in Table)
        {
            if (string.Equals(row.Slug, slug?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = row.Kind;
                return true;
            }
        }

        kind = default;
        return false;
    }

    public static IEnumerable<string> Slugs => Table.Select(t => t.Slug);
}
