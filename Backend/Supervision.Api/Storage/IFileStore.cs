namespace Supervision.Api.Storage;

/// <summary>One stored version of a file: its path in the store, an opaque version token, when and how big.</summary>
public sealed record StoredFile(string Path, string Version, DateTimeOffset StoredAt, long Size);

public sealed record FileContent(StoredFile Info, byte[] Bytes);

/// <summary>What a write expects to find: anything, nothing (a new file), or exactly the version the writer last read.</summary>
public abstract record WriteCondition
{
    public static readonly WriteCondition Any = new AnyVersion();
    public static readonly WriteCondition MustNotExist = new Absent();

    public static WriteCondition IfMatch(string version) => new Matching(version);

    public sealed record AnyVersion : WriteCondition;

    public sealed record Absent : WriteCondition;

    public sealed record Matching(string Version) : WriteCondition;
}

/// <summary>A write refused because the file changed since the writer read it (or exists when it should not).</summary>
public sealed class VersionConflictException(string path, string? expected, string? actual)
    : Exception($"Version conflict on '{path}': expected {expected ?? "no file"}, found {actual ?? "no file"}.")
{
    public string Path { get; } = path;

    public string? Expected { get; } = expected;

    public string? Actual { get; } = actual;
}

/// <summary>The store is unreachable or failing; the caller may retry later. Nothing was written.</summary>
public sealed class StorageUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Where every file lives: local folder or OneDrive/SharePoint through Graph. Writes are atomic, keep every replaced
/// version, and refuse a stale expected version, so two writers never silently overwrite each other.
/// </summary>
public interface IFileStore
{
    Task<FileContent?> ReadAsync(string path, CancellationToken cancellationToken = default);

    Task<StoredFile?> GetInfoAsync(string path, CancellationToken cancellationToken = default);

    Task<StoredFile> WriteAsync(string path, ReadOnlyMemory<byte> content, WriteCondition condition, CancellationToken cancellationToken = default);

    /// <summary>Current versions of every file under a folder, recursively.</summary>
    Task<IReadOnlyList<StoredFile>> ListAsync(string folder, CancellationToken cancellationToken = default);

    /// <summary>Every version of one file, oldest first.</summary>
    Task<IReadOnlyList<StoredFile>> VersionsAsync(string path, CancellationToken cancellationToken = default);

    Task<FileContent?> ReadVersionAsync(string path, string version, CancellationToken cancellationToken = default);
}

/// <summary>Store paths: '/'-separated relative segments, no '..', no empty or hidden segments, no control characters.</summary>
public static class StorePaths
{
    public static string Normalize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Replace('\\', '/').Split('/');
        if (segments.Length == 0 || segments.Any(s => s.Length == 0 || s.StartsWith('.') || s.Any(char.IsControl) || s.Length > 200))
        {
            throw new ArgumentException($"'{path}' is not a valid store path.", nameof(path));
        }

        return string.Join('/', segments);
    }

    public static string Combine(params string[] segments) => Normalize(string.Join('/', segments));
}
