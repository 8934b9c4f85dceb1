using System.Net;
using System.Text.Json;

namespace Supervision.Api.Tests;

public sealed class OpenApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public void TheDocumentWrittenAtBuildDescribesTheCheckEndpoint()
    {
        var path = Path.Combine(RepositoryRoot(), "Backend", "Supervision.Api", "openapi", "supervision.json");

        Assert.True(File.Exists(path), $"{path} was not written at build");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var check = json.RootElement.GetProperty("paths").GetProperty("/api/campaigns/{id}/check").GetProperty("post");
        Assert.True(check.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.Equal(["200", "400", "404", "413", "415"], check.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order());
    }

    [Fact]
    public async Task TheDocumentIsServedWithoutSignIn()
    {
        // An unknown X-Dev-User fails authentication: only an anonymous endpoint still answers.
        using var client = factory.CreateClientAs("nobody@yuzhong.example");

        var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("paths").TryGetProperty("/api/campaigns/{id}/check", out _));
        Assert.True(json.RootElement.GetProperty("paths").TryGetProperty("/api/dev/users", out _));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Supervision.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Supervision.sln above {AppContext.BaseDirectory}.");
    }
}
