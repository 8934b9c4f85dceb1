using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Supervision.Api.Hosting;

/// <summary>
/// Without configured URLs the app listens on http://localhost:5000 (the browser page, the API) and, when an ASP.NET Core
/// development certificate exists, on https://localhost:3000 (Office sideloads only https add-ins; the manifest points there).
/// </summary>
public static partial class LocalListeners
{
    public const int HttpPort = 5000;
    public const int HttpsPort = 3000;

    /// <summary>The extension `dotnet dev-certs https` puts on the ASP.NET Core HTTPS development certificate.</summary>
    private const string DevelopmentCertificateOid = "1.3.6.1.4.1.311.84.1.1";

    public static WebApplicationBuilder ListenOnLocalPortsByDefault(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // urls comes from ASPNETCORE_URLS or --urls; http_ports/https_ports and Kestrel:Endpoints are the other ways to choose.
        var configuration = builder.Configuration;
        if (!string.IsNullOrWhiteSpace(configuration["urls"])
            || !string.IsNullOrWhiteSpace(configuration["http_ports"])
            || !string.IsNullOrWhiteSpace(configuration["https_ports"])
            || configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            return builder;
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenLocalhost(HttpPort);
            var certificate = FindDevelopmentCertificate();
            if (certificate is not null)
            {
                kestrel.ListenLocalhost(HttpsPort, listen => listen.UseHttps(certificate));
            }
            else
            {
                var logger = kestrel.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LocalListeners));
                LogNoDevelopmentCertificate(logger, HttpsPort);
            }
        });
        return builder;
    }

    /// <summary>The newest valid development certificate with a private key in CurrentUser/My, or null.</summary>
    public static X509Certificate2? FindDevelopmentCertificate()
    {
        try
        {
            using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
            store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            var now = DateTime.Now;
            X509Certificate2? best = null;
            foreach (var certificate in store.Certificates)
            {
                var usable = certificate.Extensions.Any(e => e.Oid?.Value == DevelopmentCertificateOid)
                    && certificate.NotBefore <= now && now <= certificate.NotAfter && certificate.HasPrivateKey;
                if (usable && (best is null || certificate.NotAfter > best.NotAfter))
                {
                    best?.Dispose();
                    best = certificate;
                }
                else
                {
                    certificate.Dispose();
                }
            }

            return best;
        }
        catch (CryptographicException)
        {
            // No store for this user yet (OpenExistingOnly) or an unreadable one: no certificate.
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "No ASP.NET Core development certificate, so no https://localhost:{Port} (Office needs https): run `dotnet dev-certs https --trust` and restart.")]
    private static partial void LogNoDevelopmentCertificate(ILogger logger, int port);
}
