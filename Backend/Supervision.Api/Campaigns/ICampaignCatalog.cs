using Supervision.Domain.Campaigns;

namespace Supervision.Api.Campaigns;

/// <summary>
/// The campaigns the API knows: the built-in one (read-only) and those the office created, stored as
/// <c>{campaign}/campaign.json</c> through the file store. Reads are synchronous and served from memory; the stored
/// campaigns are loaded at startup and the memory is updated after every successful write.
/// </summary>
public interface ICampaignCatalog
{
    IReadOnlyList<Campaign> All { get; }

    Campaign? Find(string id);
}
