using System.Text.Json;
using Microsoft.Playwright;

namespace Supervision.EndToEnd.Tests.Browser;

/// <summary>One app server and one headless Debian Chromium for all browser tests.</summary>
public sealed class BrowserFixture : IAsyncLifetime, IDisposable
{
    public const string OfficeCdn = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ];

    private readonly AppServer server = new();
    private IPlaywright? playwright;

    public string BaseUrl => server.BaseUrl;

    public IBrowser Browser { get; private set; } = null!;

    public string FakeOfficeJs { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fake-office.js"));

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? ChromiumPath;
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {chromium}. The browser tests need Debian's package: `apt-get install -y chromium` "
                + "(Playwright cannot download browsers here); .ci/run installs it.");
        }

        if (!File.Exists(Path.Combine(RepoPaths.WebRoot, "taskpane.html")))
        {
            throw new InvalidOperationException($"{RepoPaths.WebRoot}/taskpane.html is missing: the Api's build should have built the add-in.");
        }

        server.Start();
        // dotnet test runs the other suites (LibreOffice, ClosedXML) at the same time on two cores: be patient.
        Assertions.SetDefaultExpectTimeout(15_000);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ChromiumArgs });
    }

    /// <summary>A fresh context and page whose office.js is the fake Excel (seeded), or none for a plain browser.</summary>
    public async Task<PageSession> OpenAsync(object? excelSeed, int width = 350, int height = 760, bool realOfficeJs = false)
    {
        var context = await Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = width, Height = height },
            Locale = "zh-CN",
            AcceptDownloads = true,
        });
        var session = new PageSession(this, context);
        await context.RouteAsync("**/*", session.RouteAsync);
        if (excelSeed is not null)
        {
            await context.AddInitScriptAsync($"window.__FAKE_EXCEL_SEED__ = {JsonSerializer.Serialize(excelSeed)};");
        }

        session.Mode = excelSeed is not null ? OfficeMode.Fake : realOfficeJs ? OfficeMode.Real : OfficeMode.None;
        session.Page = await context.NewPageAsync();
        session.Page.PageError += (_, e) => session.PageErrors.Add(e);
        session.Page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                session.ConsoleErrors.Add(m.Text);
            }
        };
        return session;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await server.DisposeAsync();
    }

    public void Dispose() => server.Dispose();
}

public enum OfficeMode
{
    /// <summary>The CDN's office.js is answered with fake-office.js: the page runs "in Excel".</summary>
    Fake,
    /// <summary>The CDN's office.js is answered with the real file from @microsoft/office-js: a browser outside Office.</summary>
    Real,
    /// <summary>The CDN cannot be reached: a browser without Office.js.</summary>
    None,
}

[CollectionDefinition(Name)]
public sealed class BrowserGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
