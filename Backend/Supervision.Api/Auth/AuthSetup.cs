using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Identity.Web;

namespace Supervision.Api.Auth;

public static class AuthSetup
{
    /// <summary>
    /// Auth:Mode=EntraId (the default outside Development): Microsoft.Identity.Web validates bearer tokens (section AzureAd).
    /// Auth:Mode=Development: a roster user named by X-Dev-User; refused outside the Development and Testing environments.
    /// Either way every endpoint without its own policy needs a signed-in user with the scope access_as_user.
    /// </summary>
    public static IServiceCollection AddSupervisionAuth(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var mode = ReadMode(configuration, environment);
        services.AddOptions<AuthOptions>()
            .Bind(configuration.GetSection(AuthOptions.SectionName))
            .PostConfigure(o => o.Mode = mode)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        if (mode == AuthMode.Development)
        {
            if (!environment.IsDevelopment() && !environment.IsEnvironment("Testing"))
            {
                throw new InvalidOperationException(
                    $"Auth:Mode=Development signs requests in as any roster user without a password, so it is refused in environment "
                    + $"'{environment.EnvironmentName}'. It is allowed only in the Development and Testing environments; "
                    + "elsewhere remove Auth:Mode or set it to EntraId.");
            }

            services.AddAuthentication(AuthConstants.DevelopmentScheme)
                .AddScheme<AuthenticationSchemeOptions, DevelopmentAuthHandler>(AuthConstants.DevelopmentScheme, _ => { });
        }
        else
        {
            // Fail fast at startup when the AzureAd section is incomplete, except inside the build-time OpenAPI
            // generator, which starts the host (environment Production, no AzureAd values) only to read its endpoints.
            var entraId = services.AddOptions<EntraIdOptions>()
                .Bind(configuration.GetSection(EntraIdOptions.SectionName))
                .ValidateDataAnnotations();
            if (!IsBuildTimeDocumentGenerator())
            {
                entraId.ValidateOnStart();
            }

            services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                .AddMicrosoftIdentityWebApi(configuration, EntraIdOptions.SectionName);
        }

        // RequireScope needs Microsoft.Identity.Web's scope handler; AddMicrosoftIdentityWebApi registers it, the
        // development scheme does not (without this line every development request would be 403).
        services.AddRequiredScopeAuthorization();
        var apiUser = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireScope(AuthConstants.Scope).Build();
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthConstants.ScopePolicy, apiUser)
            .SetFallbackPolicy(apiUser);
        return services;
    }

    private static bool IsBuildTimeDocumentGenerator() =>
        string.Equals(System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name, "GetDocument.Insider", StringComparison.Ordinal);

    private static AuthMode ReadMode(IConfiguration configuration, IHostEnvironment environment)
    {
        var text = configuration[$"{AuthOptions.SectionName}:{nameof(AuthOptions.Mode)}"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return environment.IsDevelopment() ? AuthMode.Development : AuthMode.EntraId;
        }

        return Enum.TryParse<AuthMode>(text.Trim(), ignoreCase: true, out var mode) && Enum.IsDefined(mode) && !char.IsAsciiDigit(text.Trim()[0])
            ? mode
            : throw new InvalidOperationException(
                $"Auth:Mode '{text}' is not known; use {nameof(AuthMode.EntraId)} or {nameof(AuthMode.Development)}.");
    }
}
