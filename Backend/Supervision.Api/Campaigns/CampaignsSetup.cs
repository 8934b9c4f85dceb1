namespace Supervision.Api.Campaigns;

public static class CampaignsSetup
{
    public static IServiceCollection AddCampaigns(this IServiceCollection services)
    {
        services.AddSingleton<ICampaignCatalog, BuiltInCampaignCatalog>();
        return services;
    }
}
