using System.Text;
using Microsoft.Extensions.Options;
using Supervision.Api.Storage;

namespace Supervision.Api.Tests.Storage;

public sealed class LocalFileStoreTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "supervision-store-" + Guid.NewGuid().ToString("N"));

    private LocalFileStore Store() => new(Options.Create(new LocalStorageOptions { Root = root }), TimeProvider.System);

    private static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task AWrittenFileIsReadBackWithItsVersionAndLivesAtItsPath()
    {
        var store = Store();
        var stored = await store.WriteAsync("c/peer-scores/g1-1/s01.xlsx", Bytes("one"), WriteCondition.MustNotExist);
        var read = await store.ReadAsync("c/peer-scores/g1-1/s01.xlsx");
        Assert.NotNull(read);
        Assert.Equal("one", Encoding.UTF8.GetString(read.Bytes));
        Assert.Equal(stored, read.Info);
        Assert.StartsWith("1-", stored.Version, StringComparison.Ordinal);
        Assert.Equal("one", await File.ReadAllTextAsync(Path.Combine(root, "c", "peer-scores", "g1-1", "s01.xlsx")));
        Assert.Null(await store.ReadAsync("c/peer-scores/g1-1/s02.xlsx"));
    }

    [Fact]
    public async Task EveryReplacedVersionIsKept()
    {
        var store = Store();
        var first = await store.WriteAsync("c/a.xlsx", Bytes("one"), WriteCondition.Any);
        var second = await store.WriteAsync("c/a.xlsx", Bytes("two"), WriteCondition.IfMatch(first.Version));
        var versions = await store.VersionsAsync("c/a.xlsx");
        Assert.Equal([first.Version, second.Version], versions.Select(v => v.Version));
        Assert.Equal("one", Encoding.UTF8.GetString((await store.ReadVersionAsync("c/a.xlsx", first.Version))!.Bytes));
        Assert.Equal("two", Encoding.UTF8.GetString((await store.ReadAsync("c/a.xlsx"))!.Bytes));
    }

    [Fact]
    public async Task AStaleVersionOrAnExistingFileIsRefusedAndNothingChanges()
    {
        var store = Store();
        var first = await store.WriteAsync("c/a.xlsx", Bytes("one"), WriteCondition.Any);
        await store.WriteAsync("c/a.xlsx", Bytes("two"), WriteCondition.IfMatch(first.Version));

        var stale = await Assert.ThrowsAsync<VersionConflictException>(() => store.WriteAsync("c/a.xlsx", Bytes("three"), WriteCondition.IfMatch(first.Version)));
        Assert.Equal(first.Version, stale.Expected);
        await Assert.ThrowsAsync<VersionConflictException>(() => store.WriteAsync("c/a.xlsx", Bytes("three"), WriteCondition.MustNotExist));
        Assert.Equal("two", Encoding.UTF8.GetString((await store.ReadAsync("c/a.xlsx"))!.Bytes));
        Assert.Equal(2, (await store.VersionsAsync("c/a.xlsx")).Count);
    }

    [Fact]
    public async Task ConcurrentWritersExpectingTheSameVersionLeaveExactlyOneWinner()
    {
        var store = Store();
        var first = await store.WriteAsync("c/a.xlsx", Bytes("base"), WriteCondition.Any);
        var attempts = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            try
            {
                await Store().WriteAsync("c/a.xlsx", Bytes($"writer {i}"), WriteCondition.IfMatch(first.Version));
                return true;
            }
            catch (VersionConflictException)
            {
                return false;
            }
        })).ToList();
        var results = await Task.WhenAll(attempts);
        Assert.Equal(1, results.Count(r => r));
        Assert.Equal(2, (await store.VersionsAsync("c/a.xlsx")).Count);
    }

    [Fact]
    public async Task ConcurrentUnconditionalWritersAllLandAsSeparateVersions()
    {
        var store = Store();
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => Store().WriteAsync("c/b.xlsx", Bytes($"w{i}"), WriteCondition.Any))));
        var versions = await store.VersionsAsync("c/b.xlsx");
        Assert.Equal(Enumerable.Range(1, 12), versions.Select(v => int.Parse(v.Version.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task ListingGivesTheCurrentVersionOfEveryFileUnderAFolder()
    {
        var store = Store();
        await store.WriteAsync("c/peer-scores/g1-1/s01.xlsx", Bytes("a"), WriteCondition.Any);
        await store.WriteAsync("c/peer-scores/g1-1/s01.xlsx", Bytes("b"), WriteCondition.Any);
        await store.WriteAsync("c/peer-scores/g1-2/s06.xlsx", Bytes("c"), WriteCondition.Any);
        await store.WriteAsync("other/x.xlsx", Bytes("d"), WriteCondition.Any);
        var listed = await store.ListAsync("c");
        Assert.Equal(["c/peer-scores/g1-1/s01.xlsx", "c/peer-scores/g1-2/s06.xlsx"], listed.Select(f => f.Path));
        Assert.StartsWith("2-", listed[0].Version, StringComparison.Ordinal);
        Assert.Empty(await store.ListAsync("nothing"));
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("c//a.xlsx")]
    [InlineData("/c/a.xlsx")]
    [InlineData("c/.versions/a")]
    [InlineData("c/a\u0000.xlsx")]
    public async Task PathsThatEscapeOrHideAreRefused(string path)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store().WriteAsync(path, Bytes("x"), WriteCondition.Any));
    }

    [Fact]
    public async Task NoTemporaryFileIsLeftBehind()
    {
        var store = Store();
        await store.WriteAsync("c/a.xlsx", Bytes("one"), WriteCondition.Any);
        Assert.Empty(Directory.EnumerateFiles(root, ".tmp-*", SearchOption.AllDirectories));
    }
}
