using Supervision.Domain.Forms;
using Supervision.Workbooks.Reading;
using Supervision.Workbooks.Tests.Templates;
using static Supervision.Workbooks.Tests.Templates.TemplateTestKit;

namespace Supervision.Workbooks.Tests.FastReading;

/// <summary>Consolidating twice reads only what changed: stored files → readings, cached by path and version.</summary>
public sealed class FastReadingCacheTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("supervision-cache-").FullName;
    private readonly FastStoredWorkbookReader reader = new();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private List<string> Store()
    {
        return FilledForms.All().Select(f =>
        {
            var path = Path.Combine(folder, f.File);
            File.WriteAllBytes(path, f.Bytes);
            return path;
        }).ToList();
    }

    private IReadOnlyList<FormReading> ReadForms(string path) =>
        reader.Read(File.ReadAllBytes(path)).Sheets.Select(s => Parser.Parse(s.Grid, null, s.Metadata)).ToList();

    private Dictionary<string, IReadOnlyList<FormReading>> Consolidate(ReadingCache<IReadOnlyList<FormReading>> cache, IEnumerable<string> paths,
        Func<string, string> version) =>
        paths.ToDictionary(p => p, p => cache.GetOrRead(p, version(p), ReadForms));

    private static string ContentVersion(string path) => ReadingCacheVersions.ContentVersion(File.ReadAllBytes(path));

    [Fact]
    public void AfterOneStoredFileChangesTheWarmRunReadsExactlyThatFile()
    {
        var paths = Store();
        var cache = new ReadingCache<IReadOnlyList<FormReading>>();
        var cold = Consolidate(cache, paths, ContentVersion);
        Assert.Equal((5L, 0L), (cache.Reads, cache.Hits));

        var warm = Consolidate(cache, paths, ContentVersion);
        Assert.Equal((5L, 5L), (cache.Reads, cache.Hits));
        Assert.All(paths, p => Assert.Same(cold[p], warm[p]));

        var a4 = paths.Single(p => p.EndsWith("a4.xlsx", StringComparison.Ordinal));
        File.WriteAllBytes(a4, FillWithClosedXml(File.ReadAllBytes(a4), w => w.Worksheet("评分表 g1-1").Cell("B5").Value = 9.5));
        var changed = Consolidate(cache, paths, ContentVersion);

        Assert.Equal((6L, 9L), (cache.Reads, cache.Hits));
        Assert.All(paths.Where(p => p != a4), p => Assert.Same(cold[p], changed[p]));
        var peer = (PeerScoreSheet)changed[a4].Single().Data!;
        Assert.Equal(9.5m, peer.Rows[1].Scores[0]);
        Assert.Equal(8m, ((PeerScoreSheet)cold[a4].Single().Data!).Rows[1].Scores[0]);
    }

    [Fact]
    public void AFileVersionChangesWhenAFileIsRewrittenWithOtherContentAndAWithdrawnFileIsForgotten()
    {
        var paths = Store();
        var cache = new ReadingCache<IReadOnlyList<FormReading>>();
        Consolidate(cache, paths, ReadingCacheVersions.FileVersion);
        var a1 = paths.Single(p => p.EndsWith("a1.xlsx", StringComparison.Ordinal));
        var before = ReadingCacheVersions.FileVersion(a1);

        File.WriteAllBytes(a1, FillWithClosedXml(File.ReadAllBytes(a1), w => w.Worksheet("评估表 鹅岭小学").Cell("B26").SetValue("彭小琴、陈郁兰、李明")));
        Consolidate(cache, paths, ReadingCacheVersions.FileVersion);

        Assert.NotEqual(before, ReadingCacheVersions.FileVersion(a1));
        Assert.Equal(6, cache.Reads);
        Assert.Equal(1, cache.RemoveAllExcept(paths.Where(p => p != a1)));
        Assert.Equal(4, cache.Count);
    }

    [Fact]
    public void TheStoredFilesReadOnTheFastPathGiveTheSameReadingsAsClosedXml()
    {
        var paths = Store();
        var closedXml = new ClosedXmlStoredWorkbookReader();

        foreach (var path in paths)
        {
            var expected = closedXml.Read(File.ReadAllBytes(path)).Sheets.Select(s => Parser.Parse(s.Grid, null, s.Metadata));
            var actual = ReadForms(path);
            Assert.Equal(expected.Select(r => (Describe(r.Data), string.Join(",", Issues(r)))), actual.Select(r => (Describe(r.Data), string.Join(",", Issues(r)))));
        }

        Assert.Equal(0, reader.FullReads);
    }
}
