using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using Supervision.Api.Storage;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Rules;
using Supervision.Domain.Setup;

namespace Supervision.Api.Campaigns;

/// <summary>What the last schedule or roster import reported, kept with the campaign for <c>GET …/checks</c>.</summary>
public sealed record ImportReport(DateTimeOffset ImportedAt, string ImportedBy, IReadOnlyList<Issue> Issues, IReadOnlyList<ScheduleSuggestion> Suggestions);

/// <summary>The stored form of a campaign: the campaign, its rubric revision and the reports of its last imports.</summary>
public sealed record StoredCampaign(Campaign Campaign, int RubricRevision, ImportReport? Schedule, ImportReport? Roster);

/// <summary>A stored campaign and the store version it was read at.</summary>
public sealed record CampaignEntry(StoredCampaign Stored, string Version);

/// <summary>The built-in campaign plus the stored ones; see <see cref="ICampaignCatalog"/>.</summary>
public sealed partial class CampaignCatalog(IFileStore store, ILogger<CampaignCatalog> logger) : ICampaignCatalog, IDisposable
{
    public const string IndexPath = "_campaigns/index.json";

    public static readonly JsonSerializerOptions StorageJson = CreateStorageJson();

    private readonly Campaign builtIn = YuzhongCampaign.Create();
    private readonly Dictionary<string, CampaignEntry> stored = new(StringComparer.Ordinal);
    private readonly Lock sync = new();
    private readonly SemaphoreSlim writes = new(1, 1);
    private IReadOnlyList<Campaign> all = [];

    public IReadOnlyList<Campaign> All => all.Count == 0 ? [builtIn] : all;

    public Campaign? Find(string id) => All.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.Ordinal));

    public void Dispose() => writes.Dispose();

    public bool IsBuiltIn(string id) => string.Equals(id, builtIn.Id, StringComparison.Ordinal);

    public CampaignEntry? Entry(string id)
    {
        lock (sync)
        {
            return stored.GetValueOrDefault(id);
        }
    }

    public static string PathOf(string id) => StorePaths.Combine(id, "campaign.json");

    /// <summary>Reads every campaign the index names; a missing or unreadable one is skipped, never fatal.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var index = await store.ReadAsync(IndexPath, cancellationToken).ConfigureAwait(false);
        var ids = index is null ? [] : JsonSerializer.Deserialize<List<string>>(index.Bytes, StorageJson) ?? [];
        foreach (var id in ids.Where(CampaignRules.IsValidId))
        {
            var file = await store.ReadAsync(PathOf(id), cancellationToken).ConfigureAwait(false);
            if (file is null)
            {
                CampaignMissing(logger, id);
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize<StoredCampaign>(file.Bytes, StorageJson) is { } campaign && campaign.Campaign.Id == id)
                {
                    Remember(new CampaignEntry(campaign, file.Info.Version));
                    continue;
                }
            }
            catch (JsonException ex)
            {
                CampaignUnreadable(logger, id, ex);
                continue;
            }

            CampaignUnreadable(logger, id, null);
        }
    }

    /// <summary>Stores a new campaign; a campaign with that id already stored is a <see cref="VersionConflictException"/>.</summary>
    public async Task<CampaignEntry> CreateAsync(StoredCampaign campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        await writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var info = await store.WriteAsync(PathOf(campaign.Campaign.Id), Serialize(campaign), WriteCondition.MustNotExist, cancellationToken)
                .ConfigureAwait(false);
            var entry = new CampaignEntry(campaign, info.Version);
            await AddToIndexAsync(campaign.Campaign.Id, cancellationToken).ConfigureAwait(false);
            Remember(entry);
            return entry;
        }
        finally
        {
            writes.Release();
        }
    }

    /// <summary>
    /// Replaces a stored campaign if it is still at <paramref name="expectedVersion"/>; the edit is computed from the
    /// current entry under the write lock. A stale version is a <see cref="VersionConflictException"/>.
    /// </summary>
    public async Task<CampaignEntry> UpdateAsync(string id, string expectedVersion, StoredCampaign campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        await writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var info = await store.WriteAsync(PathOf(id), Serialize(campaign), WriteCondition.IfMatch(expectedVersion), cancellationToken)
                .ConfigureAwait(false);
            var entry = new CampaignEntry(campaign, info.Version);
            Remember(entry);
            return entry;
        }
        finally
        {
            writes.Release();
        }
    }

    /// <summary>Whether anything besides the campaign file is stored under the campaign's folder (submissions, receipts…).</summary>
    public async Task<bool> HasSubmissionsAsync(string id, CancellationToken cancellationToken)
    {
        var files = await store.ListAsync(id, cancellationToken).ConfigureAwait(false);
        return files.Any(f => !string.Equals(f.Path, PathOf(id), StringComparison.Ordinal));
    }

    private async Task AddToIndexAsync(string id, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var index = await store.ReadAsync(IndexPath, cancellationToken).ConfigureAwait(false);
            var ids = index is null ? [] : JsonSerializer.Deserialize<List<string>>(index.Bytes, StorageJson) ?? [];
            if (ids.Contains(id, StringComparer.Ordinal))
            {
                return;
            }

            ids.Add(id);
            try
            {
                var condition = index is null ? WriteCondition.MustNotExist : WriteCondition.IfMatch(index.Info.Version);
                await store.WriteAsync(IndexPath, JsonSerializer.SerializeToUtf8Bytes(ids, StorageJson), condition, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (VersionConflictException) when (attempt < 5)
            {
                // Another instance added a campaign at the same time: read the index again and add ours to theirs.
            }
        }
    }

    private void Remember(CampaignEntry entry)
    {
        lock (sync)
        {
            stored[entry.Stored.Campaign.Id] = entry;
            all = [builtIn, .. stored.Values.Select(e => e.Stored.Campaign).Where(c => !IsBuiltIn(c.Id)).OrderBy(c => c.Id, StringComparer.Ordinal)];
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Campaign {Id} is in the index but its campaign.json is missing; it is not served.")]
    private static partial void CampaignMissing(ILogger logger, string id);

    [LoggerMessage(Level = LogLevel.Error, Message = "Campaign {Id}: campaign.json cannot be read; it is not served until the file is repaired.")]
    private static partial void CampaignUnreadable(ILogger logger, string id, Exception? exception);

    private static byte[] Serialize(StoredCampaign campaign) => JsonSerializer.SerializeToUtf8Bytes(campaign, StorageJson);

    private static JsonSerializerOptions CreateStorageJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
            // Derived lists (all areas, all schools, the rubric total) are not stored: they follow from the groups.
            TypeInfoResolver = new DefaultJsonTypeInfoResolver
            {
                Modifiers =
                {
                    static info =>
                    {
                        foreach (var property in info.Properties.Where(p => p.Set is null))
                        {
                            property.ShouldSerialize = static (_, _) => false;
                        }
                    },
                },
            },
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly();
        return options;
    }
}

/// <summary>Loads the stored campaigns before the app takes requests.</summary>
internal sealed class CampaignLoader(CampaignCatalog catalog) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => catalog.LoadAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
