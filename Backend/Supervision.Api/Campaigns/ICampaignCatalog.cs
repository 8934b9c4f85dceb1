using Supervision.Domain.Campaigns;

namespace Supervision.Api.Campaigns;

/// <summary>The campaigns the API knows. For now only the built-in one; later they are stored through the file store.</summary>
public interface ICampaignCatalog
{
    IReadOnlyList<Campaign> All { get; }

    Campaign? Find(string id);
}

/// <summary>Holds the built-in campaign (<see cref="YuzhongCampaign"/>), created once.</summary>
internal sealed class BuiltInCampaignCatalog : ICampaignCatalog
{
    public IReadOnlyList<Campaign> All { get; } = [YuzhongCampaign.Create()];

    public Campaign? Find(string id) => All.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.Ordinal));
}
