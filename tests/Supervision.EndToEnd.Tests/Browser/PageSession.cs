using System.Collections.Concurrent;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Supervision.EndToEnd.Tests.Browser;

/// <summary>
/// One browser context and page. Every request is routed here: loopback requests go to the app, the CDN's office.js is
/// answered with the fake (or the real file), and any other request is recorded and aborted — a test fails on it.
/// </summary>
public sealed class PageSession(BrowserFixture fixture, IBrowserContext context) : IAsyncDisposable
{
    private static readonly string OfficeJsDist = Path.Combine(RepoPaths.AddIn, "node_modules", "@microsoft", "office-js", "dist");
    private static readonly string ExcelJs = Path.Combine(RepoPaths.AddIn, "node_modules", "exceljs", "dist", "exceljs.min.js");

    public IPage Page { get; set; } = null!;

    public IBrowserContext Context => context;

    public OfficeMode Mode { get; set; }

    public ConcurrentQueue<string> ExternalRequests { get; } = new();

    /// <summary>Requests the real office.js makes by itself to Microsoft's telemetry service (blocked).</summary>
    public ConcurrentQueue<string> OfficeJsTelemetry { get; } = new();

    public List<string> PageErrors { get; } = [];

    public List<string> ConsoleErrors { get; } = [];

    /// <summary>Requests to answer differently once: path (e.g. "/api/campaigns/x/submissions") → status; the request is recorded.</summary>
    public ConcurrentDictionary<string, int> FailOnce { get; } = new();

    public ConcurrentQueue<(string Path, string Query, string? IdempotencyKey, int Status)> ApiPosts { get; } = new();

    public async Task RouteAsync(IRoute route)
    {
        var request = route.Request;
        var url = new Uri(request.Url);
        if (url.IsLoopback)
        {
            if (url.AbsolutePath == "/__e2e/exceljs.min.js")
            {
                await route.FulfillAsync(new() { Status = 200, ContentType = "text/javascript", Path = ExcelJs });
                return;
            }

            if (request.Method == "POST" && url.AbsolutePath.StartsWith("/api/", StringComparison.Ordinal))
            {
                var key = await request.HeaderValueAsync("idempotency-key");
                if (FailOnce.TryRemove(url.AbsolutePath, out var status))
                {
                    ApiPosts.Enqueue((url.AbsolutePath, Uri.UnescapeDataString(url.Query), key, status));
                    await route.FulfillAsync(new()
                    {
                        Status = status,
                        ContentType = "application/problem+json",
                        Body = $$"""{"type":"https://tools.ietf.org/html/rfc9110#section-15.6.4","title":"服务暂不可用","status":{{status}},"detail":"存储暂时不可用，请稍后再试。","code":"storage.unavailable"}""",
                    });
                    return;
                }

                ApiPosts.Enqueue((url.AbsolutePath, Uri.UnescapeDataString(url.Query), key, 0));
            }

            await route.ContinueAsync();
            return;
        }

        if (url.Host == "appsforoffice.microsoft.com" && Mode == OfficeMode.Fake && request.Url == BrowserFixture.OfficeCdn)
        {
            await route.FulfillAsync(new() { Status = 200, ContentType = "text/javascript", Body = fixture.FakeOfficeJs });
            return;
        }

        if (url.Host == "appsforoffice.microsoft.com" && Mode == OfficeMode.Real && url.AbsolutePath.StartsWith("/lib/1/hosted/", StringComparison.Ordinal))
        {
            var file = Path.Combine(OfficeJsDist, url.AbsolutePath["/lib/1/hosted/".Length..]);
            if (File.Exists(file))
            {
                await route.FulfillAsync(new() { Status = 200, ContentType = "text/javascript", Path = file });
                return;
            }
        }

        if (Mode == OfficeMode.Real && url.Host == "telemetryservice.firstpartyapps.oaspapps.com")
        {
            // The real office.js reports telemetry to Microsoft on its own, outside our code: blocked, and kept apart.
            OfficeJsTelemetry.Enqueue(request.Url);
            await route.AbortAsync("blockedbyclient");
            return;
        }

        if (url.Host == "appsforoffice.microsoft.com" && Mode == OfficeMode.None)
        {
            // A browser that cannot reach the CDN (offline, blocked): the page must work without Office.js.
            await route.AbortAsync("internetdisconnected");
            return;
        }

        ExternalRequests.Enqueue(request.Url);
        await route.AbortAsync("blockedbyclient");
    }

    public Task GotoAsync(string path = "/taskpane.html") => Page.GotoAsync(fixture.BaseUrl + path);

    public Task<T> EvalAsync<T>(string script, object? arg = null) => Page.EvaluateAsync<T>(script, arg);

    /// <summary>Saves a screenshot of the page under the test output's screenshots folder.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(RepoPaths.Screenshots, name + ".png");
        await Page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }

    /// <summary>A screenshot of the fake workbook's sheet (values and fills), for a person reading the run.</summary>
    public async Task<string> WorkbookScreenshotAsync(string sheet, string name, int rows = 10, int columns = 9)
    {
        var html = await EvalAsync<string>("([s, r, c]) => window.__fakeExcel.renderGrid(s, r, c)", new object[] { sheet, rows, columns });
        var page = await context.NewPageAsync();
        await page.SetContentAsync("<!doctype html><meta charset=utf-8><body style='margin:0'>" + html);
        var path = Path.Combine(RepoPaths.Screenshots, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        await page.CloseAsync();
        return path;
    }

    /// <summary>axe-core on the current state: no serious or critical violation.</summary>
    public async Task AssertAccessibleAsync(string state)
    {
        var result = await Page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"accessibility ({state}): " + string.Join("\n", bad.Select(Describe)));
    }

    private static string Describe(AxeResultItem v) =>
        $"{v.Impact} {v.Id}: {v.Help} — " + string.Join("; ", v.Nodes.Take(3).Select(n => n.Target?.ToString() ?? ""));

    /// <summary>No request left the machine, no script error happened.</summary>
    public void AssertClean()
    {
        Assert.Empty(ExternalRequests);
        Assert.Empty(PageErrors);
    }

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
