using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Supervision.Api.Tests;

public sealed class AuthTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public void DevelopmentSignInIsRefusedWhenTheEnvironmentIsProduction()
    {
        using var production = factory.WithWebHostBuilder(b => b.UseEnvironment("Production"));

        var error = Assert.Throws<InvalidOperationException>(() => production.CreateClient());

        Assert.Equal(
            "Auth:Mode=Development signs requests in as any roster user without a password, so it is refused in environment "
            + "'Production'. It is allowed only in the Development and Testing environments; elsewhere remove Auth:Mode or set it to EntraId.",
            error.Message);
    }

    [Fact]
    public void AnUnknownAuthModeStopsStartupNamingTheValue()
    {
        using var unknown = factory.WithWebHostBuilder(b => b.UseSetting("Auth:Mode", "Password"));

        var error = Assert.Throws<InvalidOperationException>(() => unknown.CreateClient());

        Assert.Equal("Auth:Mode 'Password' is not known; use EntraId or Development.", error.Message);
    }

    [Fact]
    public void EntraIdModeWithoutItsAzureAdSettingsStopsStartup()
    {
        using var incomplete = factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Auth:Mode", "EntraId");
            b.UseSetting("AzureAd:ClientId", "00000000-0000-0000-0000-000000000002");
        });

        var error = Assert.ThrowsAny<Exception>(() => incomplete.CreateClient());

        Assert.Contains("TenantId", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MeAnswersForTheSchoolAccountNamedInXDevUser()
    {
        using var client = factory.CreateClientAs(ApiFactory.SchoolUser);

        var me = await GetJsonAsync(client, "/api/me");

        Assert.Equal("s01@yuzhong.example", me.GetProperty("upn").GetString());
        Assert.Equal("大田湾小学管理员", me.GetProperty("name").GetString());
        Assert.Equal("school", me.GetProperty("role").GetString());
        Assert.Equal("s01", me.GetProperty("schoolId").GetString());
        Assert.Equal("大田湾小学", me.GetProperty("school").GetString());
        Assert.Equal(0, me.GetProperty("groups").GetArrayLength());
        var campaign = Assert.Single(me.GetProperty("campaigns").EnumerateArray());
        Assert.Equal(ApiFactory.Campaign, campaign.GetProperty("id").GetString());
        Assert.Equal("school", campaign.GetProperty("role").GetString());
        Assert.Equal("s01", campaign.GetProperty("schoolId").GetString());
    }

    [Fact]
    public async Task XDevUserIsMatchedIgnoringCase()
    {
        using var client = factory.CreateClientAs("PengXiaoQin@Yuzhong.Example");

        var me = await GetJsonAsync(client, "/api/me");

        Assert.Equal("pengxiaoqin@yuzhong.example", me.GetProperty("upn").GetString());
        Assert.Equal("inspector", me.GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Null, me.GetProperty("schoolId").ValueKind);
        Assert.Equal(JsonValueKind.Null, me.GetProperty("school").ValueKind);
        Assert.Equal([1, 2], me.GetProperty("groups").EnumerateArray().Select(g => g.GetInt32()));
    }

    [Fact]
    public async Task WithoutXDevUserTheFirstOfficeUserOfTheBuiltInCampaignIsSignedIn()
    {
        using var client = factory.CreateClientAs(null);

        var me = await GetJsonAsync(client, "/api/me");

        Assert.Equal(ApiFactory.OfficeUser, me.GetProperty("upn").GetString());
        Assert.Equal("郑涛", me.GetProperty("name").GetString());
        Assert.Equal("office", me.GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Null, me.GetProperty("schoolId").ValueKind);
    }

    [Fact]
    public async Task AnUnknownXDevUserIsA401ProblemNamingTheAccount()
    {
        using var client = factory.CreateClientAs("nobody@yuzhong.example");

        var response = await client.GetAsync(new Uri("/api/me", UriKind.Relative));

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.Unauthorized, problem.Status);
        Assert.Equal("application/problem+json", problem.ContentType);
        Assert.Equal("未登录", problem.Title);
        Assert.Equal("开发登录账号“nobody@yuzhong.example”（X-Dev-User 请求头）不在任何督查活动的名单中。", problem.Detail);
    }

    [Fact]
    public async Task InEntraIdModeARequestWithoutATokenIsA401Problem()
    {
        using var entraId = WithEntraId(factory);
        using var client = entraId.CreateClient();

        var response = await client.GetAsync(new Uri("/api/me", UriKind.Relative));

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.Unauthorized, problem.Status);
        Assert.Equal("未登录", problem.Title);
        Assert.Equal("需要登录后才能访问。", problem.Detail);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task InEntraIdModeTheDevelopmentUserListIsNotMapped()
    {
        using var entraId = WithEntraId(factory);
        using var client = entraId.CreateClient();

        var response = await client.GetAsync(new Uri("/api/dev/users", UriKind.Relative));

        // The fallback policy answers before routing can say 404: an anonymous caller learns nothing.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TheDevelopmentUserListIsTheBuiltInRosterAndNeedsNoSignIn()
    {
        using var client = factory.CreateClientAs("nobody@yuzhong.example");

        var users = await GetJsonAsync(client, "/api/dev/users");

        Assert.Equal(69, users.GetArrayLength());
        var first = users[0];
        Assert.Equal(ApiFactory.OfficeUser, first.GetProperty("upn").GetString());
        Assert.Equal("office", first.GetProperty("role").GetString());
        var school = users.EnumerateArray().Single(u => u.GetProperty("upn").GetString() == ApiFactory.SchoolUser);
        Assert.Equal("school", school.GetProperty("role").GetString());
        Assert.Equal("s01", school.GetProperty("schoolId").GetString());
        Assert.Equal("大田湾小学", school.GetProperty("school").GetString());
    }

    private static WebApplicationFactory<Program> WithEntraId(ApiFactory factory) => factory.WithWebHostBuilder(b =>
    {
        b.UseSetting("Auth:Mode", "EntraId");
        b.UseSetting("AzureAd:Instance", "https://login.microsoftonline.com/");
        b.UseSetting("AzureAd:TenantId", "00000000-0000-0000-0000-000000000001");
        b.UseSetting("AzureAd:ClientId", "00000000-0000-0000-0000-000000000002");
        b.UseSetting("AzureAd:Audience", "api://00000000-0000-0000-0000-000000000002");
    });

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }
}
