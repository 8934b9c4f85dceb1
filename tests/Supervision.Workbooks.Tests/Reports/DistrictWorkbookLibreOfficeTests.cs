using System.Diagnostics;
using Supervision.Domain.Campaigns;
using Supervision.Workbooks.Reports;
using Supervision.Workbooks.Tests.Templates;
using Xunit.Abstractions;

namespace Supervision.Workbooks.Tests.Reports;

/// <summary>LibreOffice, made to recalculate every formula on load, gets the results' numbers from the district workbook's formulas.</summary>
[Collection(LibreOfficeRuns.Name)]
public sealed class DistrictWorkbookLibreOfficeTests(ITestOutputHelper output) : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("supervision-district-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public void LibreOfficeRecalculatingTamperedCachesGetsTheResultsNumbersInBothLayoutsAndWithABlendedFinal()
    {
        var seed = ResultsFixture.Seed();
        var blended = ResultsFixture.Seed(new AggregationPolicy(InspectorWeight: 0.5m, PeerWeight: 0.3m, SelfWeight: 0.2m, TrimmedMeanMinPeers: 5));
        var cases = new List<(string File, Campaign Campaign, bool SheetPerArea)>
        {
            ("per-area.xlsx", seed, true),
            ("one-matrix-blended.xlsx", blended, false),
        };
        var inputs = new List<string>();
        var results = cases.ToDictionary(c => c.File, c => ResultsFixture.Results(c.Campaign));
        Assert.Contains(results["one-matrix-blended.xlsx"].Schools, s => s.Final is not null && s.Final != s.Inspector?.Total);
        foreach (var (file, campaign, perArea) in cases)
        {
            var bytes = new DistrictWorkbookWriter(campaign, perArea ? DistrictWorkbookWriter.DefaultAreaSheetLimit : 0)
                .Write(results[file], ResultsFixture.ConsolidatedAt);
            var tampered = WorkbookCells.Tamper(bytes);
            // The tampering took: a reader trusting cached results now sees the wrong numbers everywhere.
            var (wrong, _) = DistrictExpectations.Compare(campaign, results[file], WorkbookCells.Read(tampered), perArea);
            Assert.True(wrong.Count > 1000, $"{file}: only {wrong.Count} cells differ after tampering");
            var path = Path.Combine(work, "in", file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, tampered);
            inputs.Add(path);
        }

        var clock = Stopwatch.StartNew();
        ExternalTools.ConvertWithLibreOffice(ExternalTools.Profile(Path.Combine(work, "recalc"), recalculateOnLoad: true), inputs, Path.Combine(work, "out"));
        output.WriteLine($"LibreOffice recalculated {inputs.Count} workbooks in {clock.Elapsed.TotalSeconds:0.0} s");

        foreach (var (file, campaign, perArea) in cases)
        {
            var cells = WorkbookCells.Read(File.ReadAllBytes(Path.Combine(work, "out", file)));
            var (mismatches, formulas) = DistrictExpectations.Compare(campaign, results[file], cells, perArea);
            Assert.True(mismatches.Count == 0, $"{file}:\n{string.Join("\n", mismatches.Take(30))}");
            Assert.True(formulas > 1000, $"{file}: only {formulas} formula cells compared");
        }
    }
}
