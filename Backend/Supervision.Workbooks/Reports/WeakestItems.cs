using Supervision.Domain.Campaigns;
using Supervision.Domain.Results;

namespace Supervision.Workbooks.Reports;

/// <summary>A rubric item where the inspectors' mean score is lowest against its weight (得分率), for the rectification list and notice.</summary>
public sealed record WeakItem(RubricItem Item, RubricCategory Category, decimal Score)
{
    /// <summary>Score over weight, 0..1.</summary>
    public decimal Rate => Item.Weight == 0 ? 1 : Score / Item.Weight;

    /// <summary>The item's content without its closing punctuation, to be followed by a score in a sentence.</summary>
    public string Content => Item.Content.TrimEnd('。', '；', ';', '.', ' ');
}

public static class WeakestItems
{
    /// <summary>
    /// The <paramref name="count"/> items with the lowest inspector mean relative to their weight (ties: rubric order);
    /// items nobody scored are left out, and an item scored at its full weight is never "weak".
    /// </summary>
    public static IReadOnlyList<WeakItem> Of(Campaign campaign, SchoolResult result, int count = 3)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Inspector is null)
        {
            return [];
        }

        return result.Inspector.Items
            .Where(i => i.Score is not null)
            .Select(i => (Score: i, Item: campaign.Rubric.Items.FirstOrDefault(r => r.Number == i.Number)))
            .Where(p => p.Item is not null && p.Score.Score < p.Item.Weight)
            .Select(p => new WeakItem(p.Item!, campaign.Rubric.CategoryOf(p.Item!), p.Score.Score!.Value))
            .OrderBy(w => w.Rate)
            .ThenBy(w => w.Item.Number)
            .Take(count)
            .ToList();
    }
}
