using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
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
            // Checked when the bearer scheme is first used, not at startup: the build-time OpenAPI generator starts the
            // host (environment Production, no AzureAd values) to read its endpoints.
            services.AddOptions<EntraIdOptions>()
                .Bind(configuration.GetSection(EntraIdOptions.SectionName))
                .ValidateDataAnnotations();
            services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
                .Configure<IOptions<EntraIdOptions>>((bearer, entraId) => _ = entraId.Value);
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
