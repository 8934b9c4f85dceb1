using System.Text.Json;
using Microsoft.Extensions.Options;
using Supervision.Api.Storage;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Results;

namespace Supervision.Api.Results;

/// <summary>Whether and when the office published a campaign's results, as stored in <c>{campaign}/results/published.json</c>.</summary>
public sealed record Publication(bool Published, DateTimeOffset PublishedAt, string PublishedBy);

/// <summary>
/// Results and progress from the stored submissions, and publishing. Publishing stores a marker, not a snapshot:
/// after it, schools see the live results, which later (re)submissions still change.
/// </summary>
public sealed class ResultsService(StoredSubmissionLoader loader, IFileStore store, TimeProvider clock, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    private readonly JsonSerializerOptions serializer = json.Value.SerializerOptions;

    public static string PublicationPath(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return StorePaths.Combine(campaign.Id, "results", "published.json");
    }

    public async Task<CampaignResults> CalculateAsync(Campaign campaign, CancellationToken cancellationToken) =>
        ResultsCalculator.Calculate(campaign, await loader.LoadAsync(campaign, cancellationToken).ConfigureAwait(false));

    public async Task<CampaignProgress> ProgressAsync(Campaign campaign, CancellationToken cancellationToken) =>
        ProgressCalculator.Calculate(campaign, await loader.LoadAsync(campaign, cancellationToken).ConfigureAwait(false));

    public async Task<Publication?> PublicationAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var content = await store.ReadAsync(PublicationPath(campaign), cancellationToken).ConfigureAwait(false);
        return content is null ? null : JsonSerializer.Deserialize<Publication>(content.Bytes, serializer);
    }

    /// <summary>
    /// Publishes once: the first writer's marker stands (the write must find no file), and a second or concurrent publish
    /// gets that marker back instead of overwriting who published and when.
    /// </summary>
    public async Task<Publication> PublishAsync(Campaign campaign, string publishedBy, CancellationToken cancellationToken)
    {
        var publication = new Publication(true, clock.GetUtcNow(), publishedBy);
        try
        {
            await store.WriteAsync(PublicationPath(campaign), JsonSerializer.SerializeToUtf8Bytes(publication, serializer), WriteCondition.MustNotExist,
                cancellationToken).ConfigureAwait(false);
            return publication;
        }
        catch (VersionConflictException)
        {
            return await PublicationAsync(campaign, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"{PublicationPath(campaign)} exists but cannot be read.");
        }
    }
}
