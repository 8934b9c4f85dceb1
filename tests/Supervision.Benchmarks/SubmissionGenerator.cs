using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Forms;
using Supervision.Domain.Grids;
using Supervision.Workbooks.Templates;

namespace Supervision.Benchmarks;

/// <summary>One stored submission to generate: a 附件4 by one school of an area, or a 附件1 for one school by an inspector or itself.</summary>
internal sealed record SubmissionSpec(int Index, FormKind Form, Area Area, int SchoolIndex, int InspectorIndex)
{
    /// <summary>-1: the school evaluates itself.</summary>
    public bool IsSelfEvaluation => Form == FormKind.Evaluation && InspectorIndex < 0;
}

/// <summary>
/// Writes filled submissions fast: TemplateWriter renders a handful of templates once (ClosedXML would take minutes
/// for thousands), and each file is a template with its names substituted in the shared strings, workbook.xml and
/// docProps, its score cells written into the sheet XML as numbers, totals' cached results updated (as Excel saves
/// them), the date and signature as inline strings, then zipped. The files go to a cache folder and are reused.
/// </summary>
internal sealed partial class SubmissionGenerator
{
    public const string Version = "v1";
    private const string SheetPart = "xl/worksheets/sheet1.xml";
    private const string StringsPart = "xl/sharedStrings.xml";

    private readonly Campaign campaign;
    private readonly Area area0;
    private readonly Dictionary<int, Dictionary<string, byte[]>> peerTemplates = [];
    private readonly Dictionary<string, byte[]> inspectorTemplate;
    private readonly Dictionary<string, byte[]> selfTemplate;

    public SubmissionGenerator(Campaign campaign)
    {
        this.campaign = campaign;
        var writer = new TemplateWriter(campaign);
        area0 = campaign.Areas.First();
        for (var k = 0; k < area0.Schools.Count; k++)
        {
            peerTemplates[k] = Unzip(writer.PeerScores(area0, area0.Schools[k]));
        }

        inspectorTemplate = Unzip(writer.Evaluation(area0.Schools[0], SyntheticCity.Inspector(campaign, area0, 0)));
        selfTemplate = Unzip(writer.Evaluation(area0.Schools[0], SchoolAccount(area0.Schools[0])));
    }

    /// <summary>
    /// The mix of a city's submissions, interleaved so that any prefix is mixed too: per area, each school's 附件4;
    /// per school, two inspectors' 附件1 and, for every third school, its own 附件1 (3,000 + 6,000 + 1,000 = 10,000).
    /// </summary>
    public static List<SubmissionSpec> Plan(Campaign campaign, int count)
    {
        var peer = new List<SubmissionSpec>();
        var evaluations = new List<SubmissionSpec>();
        var schoolNumber = 0;
        foreach (var area in campaign.Areas)
        {
            for (var k = 0; k < area.Schools.Count; k++)
            {
                peer.Add(new SubmissionSpec(0, FormKind.PeerScores, area, k, -1));
                evaluations.Add(new SubmissionSpec(0, FormKind.Evaluation, area, k, 0));
                evaluations.Add(new SubmissionSpec(0, FormKind.Evaluation, area, k, 1));
                if (schoolNumber++ % 3 == 0)
                {
                    evaluations.Add(new SubmissionSpec(0, FormKind.Evaluation, area, k, -1));
                }
            }
        }

        // Three 附件4 for every seven 附件1, in order.
        var plan = new List<SubmissionSpec>(count);
        int p = 0, e = 0;
        while (plan.Count < count && (p < peer.Count || e < evaluations.Count))
        {
            var takePeer = e >= evaluations.Count || (p < peer.Count && p * 7 <= e * 3);
            var spec = takePeer ? peer[p++] : evaluations[e++];
            plan.Add(spec with { Index = plan.Count });
        }

        return plan;
    }

    /// <summary>The folder of <paramref name="count"/> generated files, generating it unless a complete one exists.</summary>
    public static string[] EnsureFolder(Campaign campaign, string root, int count, TextWriter log)
    {
        var folder = Path.Combine(root, $"{Version}-{count}");
        var marker = Path.Combine(folder, "complete.txt");
        if (File.Exists(marker))
        {
            var files = Directory.GetFiles(folder, "*.xlsx").Order(StringComparer.Ordinal).ToArray();
            if (files.Length == count)
            {
                log.WriteLine($"reusing {count:N0} generated submissions in {folder}");
                return files;
            }
        }

        Directory.CreateDirectory(folder);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var generator = new SubmissionGenerator(campaign);
        var plan = Plan(campaign, count);
        var paths = plan.Select(s => Path.Combine(folder, $"{s.Index:00000}-{(s.Form == FormKind.PeerScores ? "a4" : "a1")}.xlsx")).ToArray();
        Parallel.For(0, plan.Count, i => File.WriteAllBytes(paths[i], generator.Generate(plan[i])));
        File.WriteAllText(marker, $"{count} files, generator {Version}\n");
        log.WriteLine($"generated {count:N0} submissions in {folder} in {clock.Elapsed.TotalSeconds:F1} s");
        return paths.Order(StringComparer.Ordinal).ToArray();
    }

    public byte[] Generate(SubmissionSpec spec)
    {
        var random = new Random(spec.Index + 1);
        return spec.Form == FormKind.PeerScores ? PeerScores(spec, random) : Evaluation(spec, random);
    }

    private byte[] PeerScores(SubmissionSpec spec, Random random)
    {
        var area = spec.Area;
        var names = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [area0.Id] = area.Id,
            [$"评分表 {area0.Id}"] = $"评分表 {area.Id}",
        };
        for (var i = 0; i < area0.Schools.Count; i++)
        {
            names[area0.Schools[i].Name] = area.Schools[i].Name;
            names[area0.Schools[i].Id] = area.Schools[i].Id;
        }

        var layout = FormLayouts.PeerScores(campaign, area);
        var categories = campaign.Rubric.Categories;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var totals = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var row in layout.Rows)
        {
            decimal total = 0;
            foreach (var category in categories)
            {
                var score = Score(random, category.Max);
                values[new CellAddress(row.Row, layout.Column(category.Id).Column).ToString()] = Number(score);
                total += score;
            }

            totals[new CellAddress(row.Row, layout.Column(FormHeadings.TotalKey).Column).ToString()] = total;
        }

        var date = layout.Fields.Single(f => f.Key == "date").ValueCell.ToString();
        return Fill(peerTemplates[spec.SchoolIndex], names, $"评分表 {area0.Id}", $"评分表 {area.Id}", values, totals,
            new Dictionary<string, string> { [date] = $"2025-05-{5 + (spec.Index % 20):00}" });
    }

    private byte[] Evaluation(SubmissionSpec spec, Random random)
    {
        var school = spec.Area.Schools[spec.SchoolIndex];
        var school0 = area0.Schools[0];
        var names = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [school0.Name] = school.Name,
            [school0.Id] = school.Id,
            [$"评估表 {school0.Name}"] = $"评估表 {school.Name}",
        };
        if (!spec.IsSelfEvaluation)
        {
            var inspector0 = SyntheticCity.Inspector(campaign, area0, 0);
            var inspector = SyntheticCity.Inspector(campaign, spec.Area, spec.InspectorIndex);
            names[inspector0.Name] = inspector.Name;
            names[inspector0.Upn] = inspector.Upn;
        }

        var layout = FormLayouts.Evaluation(campaign, school);
        var scoreColumn = layout.Column(FormHeadings.ScoreKey).Column;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        decimal total = 0;
        foreach (var row in layout.Rows)
        {
            var score = Score(random, row.Max!.Value);
            values[new CellAddress(row.Row, scoreColumn).ToString()] = Number(score);
            total += score;
        }

        var signature = layout.Fields.Single(f => f.Key == "signature").ValueCell.ToString();
        return Fill(spec.IsSelfEvaluation ? selfTemplate : inspectorTemplate, names, $"评估表 {school0.Name}", $"评估表 {school.Name}", values,
            new Dictionary<string, decimal> { [layout.TotalCell!.Value.ToString()] = total },
            new Dictionary<string, string> { [signature] = spec.IsSelfEvaluation ? "自评小组" : "督查组" });
    }

    // Most scores near the maximum, in half points.
    private static decimal Score(Random random, decimal max) => Math.Max(0, max - (random.Next(0, 7) * 0.5m));

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static byte[] Fill(Dictionary<string, byte[]> template, Dictionary<string, string> names, string sheet0, string sheet,
        Dictionary<string, string> numbers, Dictionary<string, decimal> totals, Dictionary<string, string> texts)
    {
        using var output = new MemoryStream(16 * 1024);
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in template)
            {
                var data = name switch
                {
                    StringsPart => Utf8(SharedText().Replace(Text(bytes), m =>
                        names.TryGetValue(m.Groups["text"].Value, out var renamed) ? m.Groups["open"].Value + renamed + "</x:t>" : m.Value)),
                    "xl/workbook.xml" or "docProps/app.xml" => Utf8(Text(bytes).Replace(sheet0, sheet, StringComparison.Ordinal)),
                    SheetPart => Utf8(FillSheet(Text(bytes), numbers, totals, texts)),
                    _ => bytes,
                };
                using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                entry.Write(data);
            }
        }

        return output.ToArray();
    }

    private static string FillSheet(string xml, Dictionary<string, string> numbers, Dictionary<string, decimal> totals, Dictionary<string, string> texts)
    {
        var written = 0;
        var filled = EmptyCell().Replace(xml, m =>
        {
            var reference = m.Groups["ref"].Value;
            var style = m.Groups["style"].Value;
            if (numbers.TryGetValue(reference, out var number))
            {
                written++;
                return $"<x:c r=\"{reference}\" s=\"{style}\"><x:v>{number}</x:v></x:c>";
            }

            if (texts.TryGetValue(reference, out var text))
            {
                written++;
                return $"<x:c r=\"{reference}\" s=\"{style}\" t=\"inlineStr\"><x:is><x:t>{text}</x:t></x:is></x:c>";
            }

            return m.Value;
        });
        var withTotals = FormulaCell().Replace(filled, m =>
        {
            if (!totals.TryGetValue(m.Groups["ref"].Value, out var total))
            {
                return m.Value;
            }

            written++;
            return $"{m.Groups["head"].Value}<x:v>{Number(total)}</x:v></x:c>";
        });
        return written == numbers.Count + totals.Count + texts.Count
            ? withTotals
            : throw new InvalidOperationException($"the template's sheet has {written} of the {numbers.Count + totals.Count + texts.Count} cells to fill");
    }

    private static Dictionary<string, byte[]> Unzip(byte[] workbook)
    {
        var parts = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var zip = new ZipArchive(new MemoryStream(workbook), ZipArchiveMode.Read);
        foreach (var entry in zip.Entries)
        {
            using var data = entry.Open();
            using var copy = new MemoryStream();
            data.CopyTo(copy);
            parts[entry.FullName] = copy.ToArray();
        }

        return parts;
    }

    private RosterEntry SchoolAccount(School school) => campaign.Roster.Single(r => r.SchoolId == school.Id);

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [GeneratedRegex("""(?<open><x:t(?: xml:space="preserve")?>)(?<text>[^<]*)</x:t>""")]
    private static partial Regex SharedText();

    [GeneratedRegex("""<x:c r="(?<ref>[A-Z]+[0-9]+)" s="(?<style>[0-9]+)"(?: t="s")? />""")]
    private static partial Regex EmptyCell();

    [GeneratedRegex("""(?<head><x:c r="(?<ref>[A-Z]+[0-9]+)"[^>]*><x:f>[^<]*</x:f>)<x:v>[^<]*</x:v></x:c>""")]
    private static partial Regex FormulaCell();
}
