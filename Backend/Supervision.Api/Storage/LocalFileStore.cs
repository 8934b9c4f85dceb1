using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Supervision.Api.Storage;

/// <summary>
/// The embedded store: a folder. Each version is written to a temporary file, flushed to disk, and renamed into
/// <c>.versions/{path}/{n}-{hash}</c> (the record); the current copy at <c>{path}</c> is then replaced the same way,
/// for people browsing the folder. A lock file per path serialises writers across threads and processes.
/// </summary>
public sealed partial class LocalFileStore : IFileStore
{
    private const string VersionsFolder = ".versions";
    private const string LocksFolder = ".locks";
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(15);
    private readonly string root;
    private readonly TimeProvider clock;

    public LocalFileStore(IOptions<LocalStorageOptions> options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        root = Path.GetFullPath(options.Value.Root);
        this.clock = clock;
        Directory.CreateDirectory(root);
    }

    public async Task<FileContent?> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var latest = Latest(StorePaths.Normalize(path));
        return latest is null ? null : new FileContent(latest.Value.Info, await File.ReadAllBytesAsync(latest.Value.File, cancellationToken).ConfigureAwait(false));
    }

    public Task<StoredFile?> GetInfoAsync(string path, CancellationToken cancellationToken = default) =>
        Task.FromResult(Latest(StorePaths.Normalize(path))?.Info);

    public async Task<FileContent?> ReadVersionAsync(string path, string version, CancellationToken cancellationToken = default)
    {
        var found = Versions(StorePaths.Normalize(path)).FirstOrDefault(v => v.Info.Version == version);
        return found.File is null ? null : new FileContent(found.Info, await File.ReadAllBytesAsync(found.File, cancellationToken).ConfigureAwait(false));
    }

    public Task<IReadOnlyList<StoredFile>> VersionsAsync(string path, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StoredFile>>(Versions(StorePaths.Normalize(path)).Select(v => v.Info).ToList());

    public Task<IReadOnlyList<StoredFile>> ListAsync(string folder, CancellationToken cancellationToken = default)
    {
        var normalized = StorePaths.Normalize(folder);
        var history = Path.Combine(root, VersionsFolder, normalized);
        var result = new List<StoredFile>();
        if (Directory.Exists(history))
        {
            // A file's history folder holds version files only; folders above it hold folders.
            foreach (var directory in Directory.EnumerateDirectories(history, "*", SearchOption.AllDirectories).Prepend(history))
            {
                if (Directory.EnumerateFiles(directory).Any(f => VersionName().IsMatch(Path.GetFileName(f))))
                {
                    var relative = Path.GetRelativePath(Path.Combine(root, VersionsFolder), directory).Replace('\\', '/');
                    if (Latest(relative) is { } latest)
                    {
                        result.Add(latest.Info);
                    }
                }
            }
        }

        return Task.FromResult<IReadOnlyList<StoredFile>>(result.OrderBy(f => f.Path, StringComparer.Ordinal).ToList());
    }

    public async Task<StoredFile> WriteAsync(string path, ReadOnlyMemory<byte> content, WriteCondition condition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var normalized = StorePaths.Normalize(path);
        await using var fileLock = await AcquireLockAsync(normalized, cancellationToken).ConfigureAwait(false);
        var latest = Latest(normalized);
        var actual = latest?.Info.Version;
        switch (condition)
        {
            case WriteCondition.Absent when latest is not null:
                throw new VersionConflictException(normalized, null, actual);
            case WriteCondition.Matching m when m.Version != actual:
                throw new VersionConflictException(normalized, m.Version, actual);
        }

        var number = latest is null ? 1 : ParseNumber(latest.Value.File) + 1;
        var hash = Convert.ToHexStringLower(SHA256.HashData(content.Span))[..12];
        var history = Path.Combine(root, VersionsFolder, normalized);
        Directory.CreateDirectory(history);
        var versionFile = Path.Combine(history, string.Create(CultureInfo.InvariantCulture, $"{number:D6}-{hash}"));
        await WriteDurablyAsync(versionFile, content, cancellationToken).ConfigureAwait(false);

        var current = Path.Combine(root, normalized);
        Directory.CreateDirectory(Path.GetDirectoryName(current)!);
        await WriteDurablyAsync(current, content, cancellationToken).ConfigureAwait(false);
        return Describe(normalized, versionFile);
    }

    private async Task WriteDurablyAsync(string target, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(target)!;
        var temp = Path.Combine(directory, $".tmp-{Guid.NewGuid():N}");
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.SetLastWriteTimeUtc(temp, clock.GetUtcNow().UtcDateTime);
            File.Move(temp, target, overwrite: true);
            SyncDirectory(directory);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    // rename(2) is atomic, but the new directory entry is durable only once the directory itself is fsynced.
    private static void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fd = NativeMethods.Open(directory, 0);
        if (fd >= 0)
        {
            _ = NativeMethods.Fsync(fd);
            _ = NativeMethods.Close(fd);
        }
    }

    private async Task<FileStream> AcquireLockAsync(string path, CancellationToken cancellationToken)
    {
        var locks = Path.Combine(root, LocksFolder);
        Directory.CreateDirectory(locks);
        var lockFile = Path.Combine(locks, Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(path)))[..32]);
        var deadline = clock.GetUtcNow() + LockTimeout;
        while (true)
        {
            try
            {
                // The lock file stays: deleting it on close would let a waiter lock the unlinked file while a newcomer
                // locks a fresh one. FileShare.None is an exclusive flock on Unix, across threads and processes.
                return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
            }
            catch (IOException) when (clock.GetUtcNow() < deadline)
            {
                await Task.Delay(10, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new StorageUnavailableException($"Timed out waiting for the write lock of '{path}'.", e);
            }
        }
    }

    private (StoredFile Info, string File)? Latest(string normalized)
    {
        var versions = Versions(normalized);
        return versions.Count == 0 ? null : versions[^1];
    }

    private List<(StoredFile Info, string File)> Versions(string normalized)
    {
        var history = Path.Combine(root, VersionsFolder, normalized);
        if (!Directory.Exists(history))
        {
            return [];
        }

        return Directory.EnumerateFiles(history)
            .Where(f => VersionName().IsMatch(Path.GetFileName(f)))
            .OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal)
            .Select(f => (Describe(normalized, f), f))
            .ToList();
    }

    private static StoredFile Describe(string path, string versionFile)
    {
        var info = new FileInfo(versionFile);
        var name = info.Name;
        var version = string.Create(CultureInfo.InvariantCulture, $"{ParseNumber(versionFile)}-{name[(name.IndexOf('-', StringComparison.Ordinal) + 1)..]}");
        return new StoredFile(path, version, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero), info.Length);
    }

    private static int ParseNumber(string versionFile) =>
        int.Parse(Path.GetFileName(versionFile).AsSpan(0, 6), NumberStyles.None, CultureInfo.InvariantCulture);

    [System.Text.RegularExpressions.GeneratedRegex("^[0-9]{6}-[0-9a-f]{12}$")]
    private static partial System.Text.RegularExpressions.Regex VersionName();

    private static partial class NativeMethods
    {
        [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int Open(string path, int flags);

        [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
        internal static partial int Fsync(int fd);

        [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
        internal static partial int Close(int fd);
    }
}

public sealed class LocalStorageOptions
{
    public const string SectionName = "Storage:Local";

    [System.ComponentModel.DataAnnotations.Required]
    public string Root { get; set; } = "./data";
}
