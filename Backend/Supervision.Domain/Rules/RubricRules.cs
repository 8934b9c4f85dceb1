using Supervision.Domain.Campaigns;

namespace Supervision.Domain.Rules;

/// <summary>Rubric integrity: item weights sum to their category maximum, categories sum to 100.</summary>
public static class RubricRules
{
    public const decimal ExpectedTotal = 100m;

    public static IReadOnlyList<Issue> Check(Rubric rubric)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        var issues = new List<Issue>();
        if (rubric.Categories.Count == 0)
        {
            issues.Add(Issue.Error(IssueCodes.RubricEmpty, null, null, "评估表没有任何项目。"));
            return issues;
        }

        foreach (var category in rubric.Categories)
        {
            if (category.Items.Count == 0)
            {
                issues.Add(Issue.Error(IssueCodes.RubricEmpty, null, null, $"项目“{category.Name}”没有任何督查内容。"));
                continue;
            }

            foreach (var item in category.Items.Where(i => i.Weight <= 0))
            {
                issues.Add(Issue.Error(IssueCodes.RubricBadWeight, null, null,
                    $"项目“{category.Name}”第 {item.Number} 项的权重 {ScoreRules.Format(item.Weight)} 必须大于 0。"));
            }

            var sum = category.Items.Sum(i => i.Weight);
            if (sum != category.Max)
            {
                issues.Add(Issue.Error(IssueCodes.RubricItemWeights, null, null,
                    $"项目“{category.Name}”各条权重之和为 {ScoreRules.Format(sum)}，与该项满分 {ScoreRules.Format(category.Max)} 不符。"));
            }
        }

        foreach (var number in rubric.Items.GroupBy(i => i.Number).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            issues.Add(Issue.Error(IssueCodes.RubricDuplicateItem, null, null, $"督查内容编号 {number} 重复出现。"));
        }

        if (rubric.Total != ExpectedTotal)
        {
            issues.Add(Issue.Error(IssueCodes.RubricTotal, null, null,
                $"各项目满分之和为 {ScoreRules.Format(rubric.Total)}，应为 {ScoreRules.Format(ExpectedTotal)}。"));
        }

        return issues;
    }
}
