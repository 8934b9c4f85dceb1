using System.Globalization;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Forms;
using Supervision.Domain.Rules;

namespace Supervision.Domain.Results;

/// <summary>
/// Aggregation and grading exactly as PRODUCT.md defines them, from the submitted forms alone:
/// <list type="bullet">
/// <item>inspector: per category the mean of its sources — each inspector's 附件1 (the category's item sum, only when every
/// item is filled) and each inspector's 附件5 — and the total only when every category has a source;</item>
/// <item>peer: other schools' complete 附件4 rows for the school, mean per category and total, and the trimmed mean (the
/// single highest and single lowest scorer by total left out) from the campaign's minimum number of peers, used when present;</item>
/// <item>self: the school's own row in its own 附件4; selfEvaluation: a 附件1 the school filled about itself;</item>
/// <item>final: Σ weight × part / Σ weight over the parts with a positive weight, null when one of them is missing;</item>
/// <item>everything exact, then rounded once to 2 decimals half away from zero; grade and competition ranks from the rounded final.</item>
/// </list>
/// Only the latest version of each (form, subject, author) counts. Flag comparisons use the rounded numbers people see.
/// </summary>
public static class ResultsCalculator
{
    public static CampaignResults Calculate(Campaign campaign, IEnumerable<SubmittedForm> forms)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(forms);
        var index = new CampaignIndex(campaign);
        var latest = SubmittedForm.Latest(forms);
        var context = new Context(index, latest, ProgressCalculator.Calculate(index, latest));

        var drafts = new List<Draft>();
        foreach (var group in campaign.Groups)
        {
            foreach (var area in group.Areas)
            {
                drafts.AddRange(area.Schools.Select(school => context.Score(group, area, school)));
            }
        }

        var district = Ranking(drafts);
        var areas = drafts.GroupBy(d => d.Area.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Ranking(g), StringComparer.Ordinal);
        var results = drafts.Select(draft => new SchoolResult(draft.School.Id, draft.School.Name, draft.Group.Number, draft.Area.Id, draft.Self,
                draft.SelfEvaluation, draft.Peer, draft.Inspector, draft.Final, draft.Grade, areas[draft.Area.Id](draft.Final), district(draft.Final),
                context.Flags(draft), draft.ScorerDeviation, context.SelfCheckOf(draft.School.Id)))
            .ToList();
        return new CampaignResults(campaign.Id, results, context.Progress);
    }

    // Competition ranking on the rounded final: one more than the number of schools strictly ahead; no final, no rank.
    private static Func<decimal?, int?> Ranking(IEnumerable<Draft> scope)
    {
        var finals = scope.Where(d => d.Final is not null).Select(d => d.Final!.Value).OrderDescending().ToArray();
        return final =>
        {
            if (final is not { } value)
            {
                return null;
            }

            // The first position whose final is not above this one.
            int low = 0, high = finals.Length;
            while (low < high)
            {
                var middle = (low + high) / 2;
                if (finals[middle] > value)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low + 1;
        };
    }

    private sealed record Draft(
        Group Group,
        Area Area,
        School School,
        PartScore? Self,
        PartScore? SelfEvaluation,
        PeerScore? Peer,
        InspectorScore? Inspector,
        decimal? Final,
        GradeBand? Grade,
        decimal? ScorerDeviation,
        IReadOnlyList<string> MissingParts);

    /// <summary>The latest forms indexed by the school they concern, so each school costs only its own rows.</summary>
    private sealed class Context
    {
        private readonly Campaign campaign;
        private readonly CampaignIndex index;
        private readonly IReadOnlyList<RubricCategory> categories;
        private readonly Dictionary<string, PeerScoreSheet> peerSheetsByAuthor = new(StringComparer.Ordinal);
        private readonly Dictionary<string, SubmittedForm> peerFormsByAuthor = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<(string Scorer, PeerScoreRow Row)>> peerRowsByTarget = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<(SubmittedForm Form, EvaluationSheet Sheet)>> evaluationsBySubject = new(StringComparer.Ordinal);
        private readonly List<(SubmittedForm Form, RecordSheet Sheet, RubricCategory Category)> records = [];
        private readonly Dictionary<string, List<(SubmittedForm Form, RubricCategory Category, RecordRow Row)>> recordRowsBySchool = new(StringComparer.Ordinal);
        private readonly Dictionary<string, SubmittedForm> selfChecks = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<PeerMark>> marksByTarget = new(StringComparer.Ordinal);
        private readonly Dictionary<string, SchoolProgress> schoolProgress;
        private readonly Dictionary<string, InspectorProgress> inspectorProgress;

        public Context(CampaignIndex index, IReadOnlyList<SubmittedForm> latest, CampaignProgress progress)
        {
            this.index = index;
            campaign = index.Campaign;
            Progress = progress;
            categories = campaign.Rubric.Categories;
            schoolProgress = progress.Schools.ToDictionary(s => s.SchoolId, StringComparer.Ordinal);
            inspectorProgress = progress.Inspectors.ToDictionary(i => i.Upn, StringComparer.OrdinalIgnoreCase);

            // Authors in ordinal order, so marks, sources and messages come out the same whatever order the forms were given in.
            foreach (var form in latest.OrderBy(f => f.Author, StringComparer.Ordinal).ThenBy(f => f.Subject, StringComparer.Ordinal))
            {
                switch (form.Data)
                {
                    case PeerScoreSheet sheet when form.Form == FormKind.PeerScores:
                        peerSheetsByAuthor[form.Author] = sheet;
                        peerFormsByAuthor[form.Author] = form;
                        foreach (var row in sheet.Rows.Where(r => r.SchoolId != form.Author).DistinctBy(r => r.SchoolId))
                        {
                            Add(peerRowsByTarget, row.SchoolId, (form.Author, row));
                        }

                        break;
                    case EvaluationSheet sheet when form.Form == FormKind.Evaluation:
                        Add(evaluationsBySubject, form.Subject, (form, sheet));
                        break;
                    case RecordSheet sheet when form.Form == FormKind.Records && campaign.Rubric.FindCategory(form.Subject) is { } category:
                        records.Add((form, sheet, category));
                        foreach (var row in sheet.Rows.DistinctBy(r => r.SchoolId))
                        {
                            Add(recordRowsBySchool, row.SchoolId, (form, category, row));
                        }

                        break;
                    case SelfCheckSheet when form.Form == FormKind.SelfCheck:
                        selfChecks[form.Subject] = form;
                        break;
                }
            }
        }

        private static void Add<T>(Dictionary<string, List<T>> lists, string key, T value)
        {
            if (!lists.TryGetValue(key, out var list))
            {
                lists[key] = list = [];
            }

            list.Add(value);
        }

        public CampaignProgress Progress { get; }

        public SelfCheckSheet? SelfCheckOf(string schoolId) => selfChecks.GetValueOrDefault(schoolId)?.Data as SelfCheckSheet;

        private List<(SubmittedForm Form, EvaluationSheet Sheet)> EvaluationsAbout(string schoolId) =>
            evaluationsBySubject.GetValueOrDefault(schoolId) ?? [];

        public Draft Score(Group group, Area area, School school)
        {
            var (self, selfExact) = SelfPart(school.Id);
            var (selfEvaluation, _) = SelfEvaluationPart(school.Id);
            var (peer, peerExact) = PeerPart(school.Id);
            var (inspector, inspectorExact) = InspectorPart(school.Id);

            var policy = campaign.Aggregation;
            var parts = new List<(decimal Weight, ExactScore? Total, string Missing)>
            {
                (policy.InspectorWeight, inspectorExact, MissingInspectorText(inspector)),
                (policy.PeerWeight, peerExact, "没有完整的互评分"),
                (policy.SelfWeight, selfExact, "没有自评分（本校附件4中本校一行）"),
            };
            var weighted = parts.Where(p => p.Weight > 0).ToList();
            var missing = weighted.Where(p => p.Total is null).Select(p => p.Missing).ToList();
            decimal? final = null;
            if (weighted.Count > 0 && missing.Count == 0)
            {
                var weightSum = ExactScore.Sum(weighted.Select(p => ExactScore.From(p.Weight)));
                final = (ExactScore.Sum(weighted.Select(p => ExactScore.From(p.Weight) * p.Total!.Value)) / weightSum).Report();
            }
            else if (weighted.Count == 0)
            {
                missing.Add("督查活动没有为任何部分设置权重");
            }

            var grade = final is { } f ? campaign.Grading.GradeOf(f) : null;
            return new Draft(group, area, school, self, selfEvaluation, peer, inspector, final, grade, ScorerDeviation(school.Id), missing);
        }

        private static string MissingInspectorText(InspectorScore? inspector)
        {
            if (inspector is null)
            {
                return "没有任何督查组评分（附件1、附件5）";
            }

            var names = inspector.Categories.Where(c => c.Score is null).Select(c => $"“{c.Name}”");
            return $"督查组评分缺少{string.Concat(names)}的评分来源";
        }

        // ---------- parts ----------

        private (PartScore? Part, ExactScore? Total) SelfPart(string schoolId)
        {
            var row = peerSheetsByAuthor.GetValueOrDefault(schoolId)?.Rows.FirstOrDefault(r => r.SchoolId == schoolId);
            return row is null ? (null, null) : Part(row.Scores);
        }

        private (PartScore? Part, ExactScore? Total) SelfEvaluationPart(string schoolId)
        {
            var own = EvaluationsAbout(schoolId).FirstOrDefault(e => e.Form.Author == schoolId);
            return own.Sheet is null ? (null, null) : Part(categories.Select(c => CategorySum(own.Sheet, c)).ToList());
        }

        private (PartScore Part, ExactScore? Total) Part(IReadOnlyList<decimal?> scores)
        {
            var list = categories.Select((c, i) => new CategoryScore(c.Id, c.Name, c.Max, i < scores.Count ? Reported(scores[i]) : null)).ToList();
            ExactScore? total = list.All(c => c.Score is not null) ? ExactScore.Sum(list.Select(c => ExactScore.From(c.Score!.Value))) : null;
            return (new PartScore(total?.Report(), list), total);
        }

        /// <summary>A 附件1's category score: the sum of its items, only when every item is filled. Never the form's own sums.</summary>
        private static decimal? CategorySum(EvaluationSheet sheet, RubricCategory category)
        {
            var sum = 0m;
            foreach (var item in category.Items)
            {
                if (sheet.ItemScores.GetValueOrDefault(item.Number) is not { } score)
                {
                    return null;
                }

                sum += score;
            }

            return sum;
        }

        // Each school's marks are read again for every scorer's deviation: build them once.
        private List<PeerMark> MarksFor(string schoolId)
        {
            if (!marksByTarget.TryGetValue(schoolId, out var list))
            {
                marksByTarget[schoolId] = list = (peerRowsByTarget.GetValueOrDefault(schoolId) ?? []).Select(p => Mark(p.Scorer, p.Row)).ToList();
            }

            return list;
        }

        private PeerMark Mark(string scorer, PeerScoreRow row)
        {
            var scores = categories.Select((_, i) => i < row.Scores.Count ? row.Scores[i] : null).ToList();
            var complete = scores.All(s => s is not null);
            return new PeerMark(scorer, scores, complete ? scores.Sum(s => s!.Value) : null, complete, Dropped: false);
        }

        private (PeerScore? Part, ExactScore? Total) PeerPart(string schoolId)
        {
            var marks = MarksFor(schoolId);
            if (marks.Count == 0)
            {
                return (null, null);
            }

            var counted = marks.Where(m => m.Counted).ToList();
            var meanCategories = MeanCategories(counted);
            ExactScore? mean = counted.Count == 0 ? null : ExactScore.Mean(counted.Select(m => ExactScore.From(m.Total!.Value)).ToList());

            List<CategoryScore>? trimmedCategories = null;
            ExactScore? trimmed = null;
            var minimum = Math.Max(campaign.Aggregation.TrimmedMeanMinPeers, 3);
            if (counted.Count >= minimum)
            {
                // By total; equal totals are ordered by scorer id, so the lowest id of the lowest and the highest id of the highest go.
                var ordered = counted.OrderBy(m => m.Total!.Value).ThenBy(m => m.ScorerId, StringComparer.Ordinal).ToList();
                var dropped = new HashSet<string>(StringComparer.Ordinal) { ordered[0].ScorerId, ordered[^1].ScorerId };
                var kept = ordered.Skip(1).Take(ordered.Count - 2).ToList();
                trimmedCategories = MeanCategories(kept);
                trimmed = ExactScore.Mean(kept.Select(m => ExactScore.From(m.Total!.Value)).ToList());
                marks = marks.Select(m => dropped.Contains(m.ScorerId) ? m with { Dropped = true } : m).ToList();
            }

            var used = trimmed ?? mean;
            var peer = new PeerScore(mean?.Report(), trimmed?.Report(), counted.Count, trimmedCategories ?? meanCategories, meanCategories,
                trimmedCategories, marks);
            return (peer, used);
        }

        private List<CategoryScore> MeanCategories(List<PeerMark> marks)
        {
            var list = new List<CategoryScore>(categories.Count);
            for (var c = 0; c < categories.Count; c++)
            {
                decimal? mean = null;
                if (marks.Count > 0)
                {
                    var sum = 0m;
                    foreach (var mark in marks)
                    {
                        sum += mark.Scores[c]!.Value;
                    }

                    mean = (ExactScore.From(sum) / marks.Count).Report();
                }

                list.Add(new CategoryScore(categories[c].Id, categories[c].Name, categories[c].Max, mean));
            }

            return list;
        }

        // Plain loops over category and item positions: this runs once per school, and a city has thousands.
        private (InspectorScore? Part, ExactScore? Total) InspectorPart(string schoolId)
        {
            var sources = new List<InspectorSource>();
            var sums = new ExactScore[categories.Count];
            var counts = new int[categories.Count];
            var items = categories.SelectMany(c => c.Items.Select(item => (Category: c, Item: item))).ToList();
            var itemSums = new ExactScore[items.Count];
            var itemCounts = new int[items.Count];
            void AddSource(FormKind form, string author, int position, decimal score)
            {
                sources.Add(new InspectorSource(form, author, categories[position].Id, score));
                sums[position] = counts[position]++ == 0 ? ExactScore.From(score) : sums[position] + ExactScore.From(score);
            }

            foreach (var (form, sheet) in EvaluationsAbout(schoolId))
            {
                if (!IsInspector(form.Author))
                {
                    continue;
                }

                for (var c = 0; c < categories.Count; c++)
                {
                    if (CategorySum(sheet, categories[c]) is { } sum)
                    {
                        AddSource(FormKind.Evaluation, form.Author, c, sum);
                    }
                }

                for (var i = 0; i < items.Count; i++)
                {
                    if (sheet.ItemScores.GetValueOrDefault(items[i].Item.Number) is { } score)
                    {
                        itemSums[i] = itemCounts[i]++ == 0 ? ExactScore.From(score) : itemSums[i] + ExactScore.From(score);
                    }
                }
            }

            foreach (var (form, category, row) in recordRowsBySchool.GetValueOrDefault(schoolId) ?? [])
            {
                if (row.Score is { } score)
                {
                    AddSource(FormKind.Records, form.Author, IndexOf(category), score);
                }
            }

            if (sources.Count == 0 && itemCounts.All(n => n == 0))
            {
                return (null, null);
            }

            var categoryScores = new List<CategoryScore>(categories.Count);
            ExactScore? total = ExactScore.Zero;
            for (var c = 0; c < categories.Count; c++)
            {
                ExactScore? mean = counts[c] == 0 ? null : sums[c] / counts[c];
                total = mean is { } m && total is { } t ? t + m : null;
                categoryScores.Add(new CategoryScore(categories[c].Id, categories[c].Name, categories[c].Max, mean?.Report()));
            }

            var itemScores = new List<ItemScore>(items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                var (category, item) = items[i];
                itemScores.Add(new ItemScore(item.Number, category.Id, item.Weight, itemCounts[i] == 0 ? null : (itemSums[i] / itemCounts[i]).Report(), itemCounts[i]));
            }

            return (new InspectorScore(total?.Report(), categoryScores, itemScores, sources), total);
        }

        private int IndexOf(RubricCategory category)
        {
            for (var c = 0; c < categories.Count; c++)
            {
                if (categories[c].Id == category.Id)
                {
                    return c;
                }
            }

            throw new InvalidOperationException($"Category {category.Id} is not in the rubric.");
        }

        /// <summary>An inspection source is any 附件1 author that is not a school (an inspector, or the office naming itself).</summary>
        private bool IsInspector(string author) => !index.IsSchool(author);

        // ---------- scorer deviation ----------

        private decimal? ScorerDeviation(string scorerId)
        {
            if (peerSheetsByAuthor.GetValueOrDefault(scorerId) is not { } own)
            {
                return null;
            }

            var differences = new List<ExactScore>();
            foreach (var row in own.Rows.Where(r => r.SchoolId != scorerId).DistinctBy(r => r.SchoolId))
            {
                var mine = Mark(scorerId, row);
                if (!mine.Counted)
                {
                    continue;
                }

                var others = MarksFor(row.SchoolId).Where(m => m.Counted && m.ScorerId != scorerId).ToList();
                if (others.Count == 0)
                {
                    continue;
                }

                var othersMean = ExactScore.Mean(others.Select(m => ExactScore.From(m.Total!.Value)).ToList());
                differences.Add((ExactScore.From(mine.Total!.Value) - othersMean).Abs());
            }

            return differences.Count == 0 ? null : ExactScore.Mean(differences).Report();
        }

        // ---------- flags ----------

        public List<Flag> Flags(Draft draft)
        {
            var flags = new List<Flag>();
            var thresholds = campaign.Thresholds;
            if (draft.Grade is { RequiresRectification: true } grade)
            {
                flags.Add(new Flag(FlagCodes.GradeFailing, $"最终得分 {Show(draft.Final)}，评定为“{grade.Name}”，需发整改通知。"));
            }

            if (draft.Final is null)
            {
                flags.Add(new Flag(FlagCodes.FinalMissing, $"没有最终得分：{string.Join("；", draft.MissingParts)}，因此没有等级和排名。"));
            }

            if (draft.Self?.Total is { } self && draft.Peer?.Total is { } peer && self - peer > thresholds.SelfAbovePeers)
            {
                flags.Add(new Flag(FlagCodes.SelfAbovePeers,
                    $"自评分 {Show(self)} 比互评分 {Show(peer)} 高 {Show(self - peer)} 分，超过 {ScoreRules.Format(thresholds.SelfAbovePeers)} 分。"));
            }

            if (draft.Inspector?.Total is { } inspector && draft.Peer?.Total is { } peerTotal
                && Math.Abs(inspector - peerTotal) > thresholds.InspectorPeerGap)
            {
                flags.Add(new Flag(FlagCodes.InspectorPeerGap,
                    $"督查组评分 {Show(inspector)} 与互评分 {Show(peerTotal)} 相差 {Show(Math.Abs(inspector - peerTotal))} 分，超过 {ScoreRules.Format(thresholds.InspectorPeerGap)} 分。"));
            }

            if (draft.ScorerDeviation is { } deviation && deviation > thresholds.PeerScorerDeviation)
            {
                flags.Add(new Flag(FlagCodes.PeerScorerDeviates,
                    $"本校在附件4中给其他学校的总评分与其他学校给分的平均值平均相差 {Show(deviation)} 分，超过 {ScoreRules.Format(thresholds.PeerScorerDeviation)} 分。"));
            }

            if (MissingForms(draft) is { Count: > 0 } missingForms)
            {
                flags.Add(new Flag(FlagCodes.FormsMissing, $"尚未提交：{string.Join("；", missingForms)}。"));
            }

            if (IncompleteForms(draft) is { Count: > 0 } incomplete)
            {
                flags.Add(new Flag(FlagCodes.FormsIncomplete, $"评分不完整：{string.Join("；", incomplete)}。"));
            }

            if (LateForms(draft) is { Count: > 0 } late)
            {
                flags.Add(new Flag(FlagCodes.SubmittedLate, $"逾期提交：{string.Join("；", late)}。"));
            }

            return flags;
        }

        private static string Show(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "—";

        private string PersonName(string author) =>
            index.User(author) is { } person && person.Role != Role.School ? person.Name
            : index.School(author)?.Name ?? author;

        private List<string> MissingForms(Draft draft)
        {
            var texts = new List<string>();
            texts.AddRange(schoolProgress[draft.School.Id].Missing.Select(m => $"本校的{m.Label}"));
            foreach (var inspector in index.InspectorsOf(draft.Group))
            {
                var missing = inspectorProgress[inspector.Upn].Missing.ToList();
                if (missing.Any(m => m.Form == FormKind.Evaluation && m.Subject == draft.School.Id))
                {
                    texts.Add($"{inspector.Name}对本校的{FormKind.Evaluation.DisplayName()}");
                }

                var records = missing.Where(m => m.Form == FormKind.Records)
                    .Select(m => campaign.Rubric.FindCategory(m.Subject)?.Name ?? m.Subject).ToList();
                if (records.Count > 0)
                {
                    texts.Add($"{inspector.Name}的{FormKind.Records.DisplayName()}（{string.Join("、", records)}）");
                }
            }

            return texts;
        }

        private List<string> IncompleteForms(Draft draft)
        {
            var school = draft.School.Id;
            var texts = new List<string>();
            if (selfChecks.GetValueOrDefault(school) is { Complete: false })
            {
                texts.Add($"本校的{FormKind.SelfCheck.DisplayName()}有未填写的项目");
            }

            if (peerSheetsByAuthor.GetValueOrDefault(school) is { } own)
            {
                var gaps = own.Rows.Where(r => r.Scores.Count < categories.Count || r.Scores.Any(s => s is null)).Select(r => r.SchoolName).ToList();
                if (gaps.Count > 0)
                {
                    texts.Add($"本校的{FormKind.PeerScores.DisplayName()}中{string.Join("、", gaps)}的评分未填完整");
                }
            }

            foreach (var (form, sheet) in EvaluationsAbout(school).Where(e => IsInspector(e.Form.Author)))
            {
                var empty = campaign.Rubric.Items.Where(i => sheet.ItemScores.GetValueOrDefault(i.Number) is null).Select(i => i.Number).ToList();
                if (empty.Count > 0)
                {
                    texts.Add($"{PersonName(form.Author)}的{FormKind.Evaluation.DisplayName()}有 {empty.Count} 项未评分（第 {string.Join("、", empty)} 项）");
                }
            }

            // A 附件5 row for the school without a score, or an assigned inspector's 附件5 without a row for it.
            var rows = recordRowsBySchool.GetValueOrDefault(school) ?? [];
            var assigned = index.InspectorsOf(draft.Group).Select(i => i.Upn).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var (form, _, category) in records)
            {
                var row = rows.FirstOrDefault(r => ReferenceEquals(r.Form, form)).Row;
                if ((row is not null || assigned.Contains(form.Author)) && row?.Score is null)
                {
                    texts.Add($"{PersonName(form.Author)}的{FormKind.Records.DisplayName()}（{category.Name}）没有本校的评分");
                }
            }

            return texts;
        }

        private List<string> LateForms(Draft draft)
        {
            var school = draft.School.Id;
            var concerned = new[] { selfChecks.GetValueOrDefault(school), peerFormsByAuthor.GetValueOrDefault(school) }.OfType<SubmittedForm>()
                .Concat(EvaluationsAbout(school).Select(e => e.Form))
                .Concat((recordRowsBySchool.GetValueOrDefault(school) ?? []).Select(r => r.Form));
            var texts = new List<string>();
            foreach (var form in concerned.OrderBy(f => f.Form).ThenBy(f => f.Author, StringComparer.Ordinal))
            {
                if (FormDeadlines.DueBy(index, form.Form, form.Subject, form.Author, form.Data) is { } due && form.SubmittedAt >= due)
                {
                    var who = form.Author == school ? "本校" : PersonName(form.Author);
                    var what = form.Form == FormKind.Records
                        ? $"{FormKind.Records.DisplayName()}（{campaign.Rubric.FindCategory(form.Subject)?.Name ?? form.Subject}）"
                        : form.Form.DisplayName();
                    texts.Add($"{who}的{what}于 {FormDeadlines.Local(campaign, form.SubmittedAt)} 提交，应在 {FormDeadlines.LastDay(campaign, due)} 当天结束前提交");
                }
            }

            return texts;
        }

        private static decimal? Reported(decimal? value) => value is { } v ? ExactScore.From(v).Report() : null;
    }
}
