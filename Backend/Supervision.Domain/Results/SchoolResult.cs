using Supervision.Domain.Campaigns;
using Supervision.Domain.Forms;

namespace Supervision.Domain.Results;

/// <summary>Everything aggregation says about a campaign: one result per scored school, in campaign order, and the progress board.</summary>
public sealed record CampaignResults(string CampaignId, IReadOnlyList<SchoolResult> Schools, CampaignProgress Progress)
{
    public SchoolResult? Find(string schoolId) => Schools.FirstOrDefault(s => s.SchoolId == schoolId);
}

/// <summary>
/// One school's scores, grade, ranks and flags. Every number is rounded to 2 decimals (half away from zero) from exact
/// sums and means; a part that cannot be computed is null, never 0.
/// </summary>
/// <param name="Self">The school's own row in its own 附件4 (自评分); null without that form.</param>
/// <param name="SelfEvaluation">A 附件1 the school filled about itself (自评), reported beside the self-score.</param>
/// <param name="Peer">Other schools' 附件4 rows for this school (互评); null when no complete row exists.</param>
/// <param name="Inspector">The inspection team's score (督查组评分) from 附件1 and 附件5; null without any source.</param>
/// <param name="Final">The campaign's blend of the parts, rounded; grade and ranks use this value.</param>
/// <param name="Rank">Competition rank (1, 1, 3) within the area; null without a final score.</param>
/// <param name="DistrictRank">Competition rank within the whole campaign.</param>
/// <param name="ScorerDeviation">As a peer scorer: the mean absolute difference between this school's totals for others and
/// the other scorers' mean for them; null when it scored no school that others scored too.</param>
/// <param name="SelfCheck">The school's latest 附件3 (teacher count for record-book sampling, funding), when submitted.</param>
public sealed record SchoolResult(
    string SchoolId,
    string School,
    int Group,
    string Area,
    PartScore? Self,
    PartScore? SelfEvaluation,
    PeerScore? Peer,
    InspectorScore? Inspector,
    decimal? Final,
    GradeBand? Grade,
    int? Rank,
    int? DistrictRank,
    IReadOnlyList<Flag> Flags,
    decimal? ScorerDeviation,
    SelfCheckSheet? SelfCheck)
{
    public bool RequiresRectification => Grade?.RequiresRectification == true;

    public bool HasFlag(string code) => Flags.Any(f => f.Code == code);
}

/// <summary>A rubric category's score in one part; <see cref="Score"/> is null when the part has no value for it.</summary>
public sealed record CategoryScore(string Id, string Name, decimal Max, decimal? Score);

/// <summary>A total with its categories, in rubric order; the total is null unless every category has a score.</summary>
public sealed record PartScore(decimal? Total, IReadOnlyList<CategoryScore> Categories);

/// <summary>
/// The peer score (互评分) of one school. <see cref="Categories"/> and <see cref="Total"/> are the ones that count: the
/// trimmed mean's when there are enough peers, else the mean's.
/// </summary>
/// <param name="Count">How many other schools gave a complete row.</param>
/// <param name="TrimmedMean">Mean total without the single highest and single lowest scorer (by total); null below the campaign's minimum.</param>
/// <param name="Marks">Every other school's row for this school, complete or not (the cross-score matrix).</param>
public sealed record PeerScore(
    decimal? Mean,
    decimal? TrimmedMean,
    int Count,
    IReadOnlyList<CategoryScore> Categories,
    IReadOnlyList<CategoryScore> MeanCategories,
    IReadOnlyList<CategoryScore>? TrimmedCategories,
    IReadOnlyList<PeerMark> Marks)
{
    public decimal? Total => TrimmedMean ?? Mean;
}

/// <summary>What one scorer school gave: category scores in rubric order (null where empty) and their total.</summary>
/// <param name="Dropped">Left out of the trimmed mean as the highest or lowest scorer.</param>
/// <param name="Counted">A complete row, counted in the mean.</param>
public sealed record PeerMark(string ScorerId, IReadOnlyList<decimal?> Scores, decimal? Total, bool Counted, bool Dropped);

/// <summary>The inspection team's score of one school: per category the mean of its sources, the total only when every category has one.</summary>
/// <param name="Items">Per rubric item, the mean over the inspectors' 附件1 that scored it (the weakest items of a rectification notice).</param>
/// <param name="Sources">Every category score that went into a mean.</param>
public sealed record InspectorScore(
    decimal? Total,
    IReadOnlyList<CategoryScore> Categories,
    IReadOnlyList<ItemScore> Items,
    IReadOnlyList<InspectorSource> Sources);

public sealed record ItemScore(int Number, string CategoryId, decimal Weight, decimal? Score, int Sources);

/// <summary>One category score an inspector gave: from a 附件1 (the category's item sum) or a 附件5.</summary>
public sealed record InspectorSource(FormKind Form, string Author, string CategoryId, decimal Score);
