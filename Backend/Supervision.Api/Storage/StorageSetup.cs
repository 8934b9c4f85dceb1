using System.ComponentModel.DataAnnotations;

namespace Supervision.Api.Storage;

public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Local (the embedded default) or Graph.</summary>
    [Required]
    public string Provider { get; set; } = "Local";
}

public static class StorageSetup
{
    public static IServiceCollection AddSupervisionStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.Provider)}"] ?? "Local";
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        if (string.Equals(provider, "Local", StringComparison.OrdinalIgnoreCase))
        {
            services.AddOptions<LocalStorageOptions>().Bind(configuration.GetSection(LocalStorageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
            services.AddSingleton<IFileStore, LocalFileStore>();
            return services;
        }

        throw new InvalidOperationException(
            $"Storage:Provider '{provider}' is not available in this build; use Local (Graph storage is its own piece of work).");
    }
}
