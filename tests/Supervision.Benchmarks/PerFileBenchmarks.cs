using BenchmarkDotNet.Attributes;
using Supervision.Domain.Forms;
using Supervision.Workbooks.Reading;

namespace Supervision.Benchmarks;

/// <summary>
/// BenchmarkDotNet, per file: one generated 附件4 and one 附件1 of the synthetic city, read by each reader. Runs in
/// process (no generated project to build), so a few minutes for the whole class.
/// </summary>
[MemoryDiagnoser]
[InProcess]
[WarmupCount(3)]
[IterationCount(15)]
public class PerFileBenchmarks
{
    private FormParser parser = null!;
    private string file = "";
    private byte[] bytes = [];

    [Params("a4", "a1")]
    public string Form { get; set; } = "a4";

    [GlobalSetup]
    public void Setup()
    {
        var campaign = SyntheticCity.Create();
        parser = new FormParser(campaign);
        var files = SubmissionGenerator.EnsureFolder(campaign, Path.Combine(Path.GetTempPath(), "supervision-bench"), 20, TextWriter.Null);
        file = files.First(f => f.EndsWith($"-{Form}.xlsx", StringComparison.Ordinal));
        bytes = File.ReadAllBytes(file);
    }

    [Benchmark(Description = "floor: unzip + tokenize")]
    public long Floor() => TokenizingFloor.Read(file);

    [Benchmark(Description = "fast reader")]
    public int Fast() => FastWorkbookReader.ReadFile(file).Sheets.Count;

    [Benchmark(Baseline = true, Description = "fast reader + FormParser")]
    public int FastAndParse() => FastWorkbookReader.ReadFile(file).Sheets.Count(s => parser.Parse(s.Grid, null, s.Metadata).Data is not null);

    [Benchmark(Description = "ClosedXML WorkbookReader + FormParser")]
    public int ClosedXmlAndParse() =>
        WorkbookReader.Read(bytes).Sheets.Count(s => parser.Parse(s.Grid, null, s.Metadata).Data is not null);
}
