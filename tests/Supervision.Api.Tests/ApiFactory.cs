using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Supervision.Api.Tests;

/// <summary>
/// The real app in environment Testing with development sign-in (X-Dev-User); nothing else is swapped.
/// A test that needs another environment or mode derives one with WithWebHostBuilder.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    public const string Campaign = "yuzhong-2018-2019";
    public const string OfficeUser = "zhengtao@yuzhong.example";
    public const string SchoolUser = "s01@yuzhong.example";

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(StorageRoot))
        {
            Directory.Delete(StorageRoot, recursive: true);
        }
    }

    public HttpClient CreateClientAs(string? upn)
    {
        var client = CreateClient();
        if (upn is not null)
        {
            client.DefaultRequestHeaders.Add("X-Dev-User", upn);
        }

        return client;
    }

    /// <summary>A fresh local store per factory, removed when the factory is disposed.</summary>
    public string StorageRoot { get; } = Path.Combine(Path.GetTempPath(), "supervision-api-tests-" + Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:Local:Root", StorageRoot);
        // Host settings are visible while Program builds its services, where the auth mode is chosen.
        builder.UseSetting("Auth:Mode", "Development");
    }
}
