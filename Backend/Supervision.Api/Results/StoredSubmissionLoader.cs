using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Supervision.Api.Storage;
using Supervision.Api.Submissions;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Forms;
using Supervision.Domain.Results;
using Supervision.Workbooks.Reading;

namespace Supervision.Api.Results;

/// <summary>
/// Rebuilds the submitted forms of a campaign from the store alone: lists <c>{campaign}/{form}/{subject}/{author}.xlsx</c>
/// for 附件1, 附件3, 附件4 and 附件5, reads each file's sheets, parses them with the one <see cref="FormParser"/> and keeps
/// the sheet whose form and subject (and author, when the sheet names one) match the path. Parsed forms are cached by
/// (path, version), so a second run reads only files that changed; files are read in parallel, and identical bytes stored
/// at several paths (an inspector's workbook of 附件1 sheets) are read once per run. The workbook → sheets step is the
/// registered <see cref="IStoredWorkbookReader"/> (ClosedXML by default, <see cref="FastStoredWorkbookReader"/> with one
/// registration). The submission time comes from the file's receipt, else from the store.
/// </summary>
public sealed partial class StoredSubmissionLoader(IFileStore store, IStoredWorkbookReader reader, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    ILogger<StoredSubmissionLoader> logger)
{
    private static readonly FormKind[] SubmittedKinds = [FormKind.Evaluation, FormKind.SelfCheck, FormKind.PeerScores, FormKind.Records];
    private readonly ConcurrentDictionary<string, CampaignCache> caches = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);
    private readonly JsonSerializerOptions serializer = json.Value.SerializerOptions;

    private sealed record StoredPath(FormKind Form, string Subject, string Author);

    /// <summary>What a parsed file gave; null data when no sheet of it matched its path.</summary>
    private sealed record CachedFile(string Version, DateTimeOffset StoredAt, FormData? Data, bool Complete);

    private sealed record ReceiptStamp(string Path, string Version, DateTimeOffset StoredAt, string Sheet);

    /// <summary>One campaign's cache; a campaign edit gives a new Campaign object and so a fresh cache (parsing depends on it).</summary>
    private sealed class CampaignCache(Campaign campaign)
    {
        public Campaign Campaign { get; } = campaign;

        public ConcurrentDictionary<string, CachedFile> Files { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, ReceiptStamp?> Receipts { get; } = new(StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<SubmittedForm>> LoadAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        // One load per campaign at a time: a request arriving during a cold load waits and then finds the cache filled.
        var gate = gates.GetOrAdd(campaign.Id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await LoadLockedAsync(campaign, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<IReadOnlyList<SubmittedForm>> LoadLockedAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var cache = caches.AddOrUpdate(campaign.Id, _ => new CampaignCache(campaign),
            (_, existing) => ReferenceEquals(existing.Campaign, campaign) ? existing : new CampaignCache(campaign));

        var stored = new List<(StoredFile File, StoredPath Key)>();
        foreach (var kind in SubmittedKinds)
        {
            foreach (var file in await store.ListAsync(StorePaths.Combine(campaign.Id, kind.Slug()), cancellationToken).ConfigureAwait(false))
            {
                if (Parse(campaign, file.Path) is { } key)
                {
                    stored.Add((file, key));
                }
            }
        }

        var receipts = await ReceiptsAsync(campaign, cache, cancellationToken).ConfigureAwait(false);
        var changed = stored.Where(s => !cache.Files.TryGetValue(s.File.Path, out var hit) || hit.Version != s.File.Version).ToList();
        if (changed.Count > 0)
        {
            var parser = new FormParser(campaign);
            var byContent = new ConcurrentDictionary<string, Lazy<IReadOnlyList<UploadedSheet>>>(StringComparer.Ordinal);
            var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(changed, options, async (item, token) =>
            {
                var content = await store.ReadAsync(item.File.Path, token).ConfigureAwait(false);
                if (content is null)
                {
                    return;
                }

                var hash = Convert.ToHexStringLower(SHA256.HashData(content.Bytes));
                var sheets = byContent.GetOrAdd(hash, _ => new Lazy<IReadOnlyList<UploadedSheet>>(() => reader.Read(content.Bytes) is { IsRefused: false } read ? read.Sheets : [])).Value;
                receipts.TryGetValue((content.Info.Path, content.Info.Version), out var receipt);
                var reading = Pick(parser, sheets, item.Key, receipt?.Sheet);
                if (reading is null)
                {
                    LogNoMatchingSheet(logger, item.File.Path, content.Info.Version, item.Key.Form, item.Key.Subject);
                }

                cache.Files[item.File.Path] = new CachedFile(content.Info.Version, content.Info.StoredAt, reading?.Data, reading?.Summary.Complete ?? false);
            }).ConfigureAwait(false);
        }

        var listed = stored.Select(s => s.File.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in cache.Files.Keys.Where(path => !listed.Contains(path)).ToList())
        {
            cache.Files.TryRemove(gone, out _);
        }

        var forms = new List<SubmittedForm>();
        foreach (var (file, key) in stored)
        {
            if (cache.Files.TryGetValue(file.Path, out var cached) && cached.Data is not null)
            {
                var submittedAt = receipts.TryGetValue((file.Path, cached.Version), out var receipt) ? receipt.StoredAt : cached.StoredAt;
                forms.Add(new SubmittedForm(key.Form, key.Subject, key.Author, submittedAt, cached.Data, cached.Complete));
            }
        }

        LogLoaded(logger, forms.Count, campaign.Id, changed.Count);
        return forms;
    }

    /// <summary><c>{campaign}/{form}/{subject}/{author}.xlsx</c>, or null for anything else in those folders.</summary>
    private static StoredPath? Parse(Campaign campaign, string path)
    {
        var segments = path.Split('/');
        if (segments.Length != 4 || segments[0] != campaign.Id || !FormKinds.TryParse(segments[1], out var form)
            || !segments[3].EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) || segments[3].Length == ".xlsx".Length)
        {
            return null;
        }

        return new StoredPath(form, segments[2], segments[3][..^".xlsx".Length]);
    }

    /// <summary>
    /// The sheet stored for this path: the receipt's sheet first; sheets whose metadata names another form or subject are
    /// skipped without parsing; a reading naming the path's author wins over one naming nobody (a template without author).
    /// </summary>
    private static FormReading? Pick(FormParser parser, IReadOnlyList<UploadedSheet> sheets, StoredPath key, string? receiptSheet)
    {
        FormReading? fallback = null;
        foreach (var sheet in sheets.OrderBy(s => string.Equals(s.Grid.Sheet, receiptSheet, StringComparison.Ordinal) ? 0 : 1))
        {
            if (sheet.Metadata is { } metadata && !string.IsNullOrWhiteSpace(metadata.Form)
                && (!FormKinds.TryParse(metadata.Form, out var declared) || declared != key.Form
                    || (!string.IsNullOrWhiteSpace(metadata.Subject) && !string.Equals(metadata.Subject.Trim(), key.Subject, StringComparison.OrdinalIgnoreCase))))
            {
                continue;
            }

            var reading = parser.Parse(sheet.Grid, key.Form, sheet.Metadata);
            if (reading.Form != key.Form || reading.Data is null || !string.Equals(reading.Subject, key.Subject, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (string.Equals(reading.Author, key.Author, StringComparison.OrdinalIgnoreCase))
            {
                return reading;
            }

            fallback ??= reading;
        }

        return fallback;
    }

    /// <summary>Receipts by (file path, version). Receipts are written once and never replaced, so each is read once.</summary>
    private async Task<Dictionary<(string Path, string Version), ReceiptStamp>> ReceiptsAsync(Campaign campaign, CampaignCache cache,
        CancellationToken cancellationToken)
    {
        var files = await store.ListAsync(StorePaths.Combine(campaign.Id, "receipts"), cancellationToken).ConfigureAwait(false);
        var unread = files.Where(f => !cache.Receipts.ContainsKey(f.Path)).ToList();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(unread, options, async (file, token) =>
        {
            ReceiptStamp? stamp = null;
            if (await store.ReadAsync(file.Path, token).ConfigureAwait(false) is { } content)
            {
                try
                {
                    if (JsonSerializer.Deserialize<SubmissionReceipt>(content.Bytes, serializer) is { } receipt)
                    {
                        stamp = new ReceiptStamp(receipt.Path, receipt.Version, receipt.StoredAt, receipt.Sheet);
                    }
                }
                catch (JsonException e)
                {
                    LogUnreadableReceipt(logger, e, file.Path);
                }
            }

            cache.Receipts[file.Path] = stamp;
        }).ConfigureAwait(false);

        var stamps = new Dictionary<(string, string), ReceiptStamp>();
        foreach (var stamp in files.Select(f => cache.Receipts.GetValueOrDefault(f.Path)).OfType<ReceiptStamp>())
        {
            stamps[(stamp.Path, stamp.Version)] = stamp;
        }

        return stamps;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No sheet of {Path} (version {Version}) is a {Form} about {Subject}; the file is left out")]
    private static partial void LogNoMatchingSheet(ILogger logger, string path, string version, FormKind form, string subject);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Loaded {Count} submitted forms of {Campaign}; read {Changed} changed files")]
    private static partial void LogLoaded(ILogger logger, int count, string campaign, int changed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receipt {Path} is not readable; the store's time is used instead")]
    private static partial void LogUnreadableReceipt(ILogger logger, Exception exception, string path);
}
