using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Supervision.EndToEnd.Tests.Browser;

/// <summary>
/// The real app on a real socket (Kestrel, 127.0.0.1, a random port) in environment Testing with development sign-in and
/// a fresh local store, serving the built add-in from the Api's wwwroot.
/// </summary>
public sealed class AppServer : WebApplicationFactory<Program>
{
    public string StorageRoot { get; } = Path.Combine(Path.GetTempPath(), "supervision-e2e-" + Guid.NewGuid().ToString("N"));

    public string BaseUrl { get; private set; } = "";

    public void Start()
    {
        UseKestrel();
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // A configured URL keeps the app off its default ports (5000, and 3000 with a development certificate).
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("Storage:Local:Root", StorageRoot);
        builder.UseSetting("Auth:Mode", "Development");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(StorageRoot))
        {
            Directory.Delete(StorageRoot, recursive: true);
        }
    }
}
