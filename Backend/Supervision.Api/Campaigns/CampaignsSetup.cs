namespace Supervision.Api.Campaigns;

public static class CampaignsSetup
{
    public static IServiceCollection AddCampaigns(this IServiceCollection services)
    {
        services.AddSingleton<CampaignCatalog>();
        services.AddSingleton<ICampaignCatalog>(provider => provider.GetRequiredService<CampaignCatalog>());
        services.AddHostedService<CampaignLoader>();
        return services;
    }
}
