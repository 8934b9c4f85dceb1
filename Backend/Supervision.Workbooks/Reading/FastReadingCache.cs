using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;

namespace Supervision.Workbooks.Reading;

/// <summary>
/// What was read from each stored file, kept by path together with the file's version, so that consolidating again
/// reads only the files that changed. The version is whatever identifies a file's content: the store's version token
/// (best), a content hash (<see cref="ReadingCacheVersions.ContentVersion"/>), or size and modification time (<see cref="ReadingCacheVersions.FileVersion"/>,
/// cheapest, but blind to a rewrite of the same size within the file system's timestamp resolution). Safe for
/// concurrent use; two threads asking for the same new version may both read it, and either result is kept.
/// </summary>
public sealed class ReadingCache<T>
{
    private readonly ConcurrentDictionary<string, (string Version, T Value)> entries = new(StringComparer.Ordinal);
    private long reads;
    private long hits;

    /// <summary>Files read (not found, or found with another version) since the cache was made.</summary>
    public long Reads => Interlocked.Read(ref reads);

    /// <summary>Lookups answered from the cache.</summary>
    public long Hits => Interlocked.Read(ref hits);

    public int Count => entries.Count;

    /// <summary>The value read from <paramref name="path"/> at <paramref name="version"/>; reads it when the cache has another version or none.</summary>
    public T GetOrRead(string path, string version, Func<string, T> read)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(read);
        if (entries.TryGetValue(path, out var entry) && string.Equals(entry.Version, version, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref hits);
            return entry.Value;
        }

        Interlocked.Increment(ref reads);
        var value = read(path);
        entries[path] = (version, value);
        return value;
    }

    public bool Remove(string path) => entries.TryRemove(path, out _);

    /// <summary>Drops the entries of files no longer present (a withdrawn submission); returns how many.</summary>
    public int RemoveAllExcept(IEnumerable<string> paths)
    {
        var keep = new HashSet<string>(paths, StringComparer.Ordinal);
        var removed = 0;
        foreach (var path in entries.Keys)
        {
            if (!keep.Contains(path) && entries.TryRemove(path, out _))
            {
                removed++;
            }
        }

        return removed;
    }
}

/// <summary>Version strings for <see cref="ReadingCache{T}"/> when the files do not come with one.</summary>
public static class ReadingCacheVersions
{
    /// <summary>Size and last write time (UTC ticks): one stat per file.</summary>
    public static string FileVersion(string path)
    {
        var info = new FileInfo(path);
        return string.Create(CultureInfo.InvariantCulture, $"{info.Length}:{info.LastWriteTimeUtc.Ticks}");
    }

    /// <summary>SHA-256 of the content: exact, at the cost of reading the file.</summary>
    public static string ContentVersion(ReadOnlySpan<byte> content) => Convert.ToHexString(SHA256.HashData(content));
}
