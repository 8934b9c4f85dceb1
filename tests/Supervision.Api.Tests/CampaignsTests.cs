using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Supervision.Api.Tests;

public sealed class CampaignsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly Uri BuiltIn = new($"/api/campaigns/{ApiFactory.Campaign}", UriKind.Relative);

    [Fact]
    public async Task TheBuiltInCampaignHas64SchoolsIn11AreasAnd22ItemsTotalling100()
    {
        using var client = factory.CreateClientAs(ApiFactory.OfficeUser);

        var response = await client.GetAsync(BuiltIn);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var campaign = json.RootElement;
        Assert.Equal(ApiFactory.Campaign, campaign.GetProperty("id").GetString());
        var areas = campaign.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("areas").EnumerateArray()).ToList();
        Assert.Equal(11, areas.Count);
        Assert.Equal(64, areas.Sum(a => a.GetProperty("schools").GetArrayLength()));
        var rubric = campaign.GetProperty("rubric");
        var items = rubric.GetProperty("categories").EnumerateArray().SelectMany(c => c.GetProperty("items").EnumerateArray()).ToList();
        Assert.Equal(22, items.Count);
        Assert.Equal(100m, items.Sum(i => i.GetProperty("weight").GetDecimal()));
        Assert.Equal(100m, rubric.GetProperty("total").GetDecimal());
        Assert.Equal(0.5m, campaign.GetProperty("scoreStep").GetDecimal());
        Assert.Equal("morning", campaign.GetProperty("timetables")[0].GetProperty("halfDay").GetString());
        Assert.Equal(69, campaign.GetProperty("roster").GetArrayLength());
    }

    [Fact]
    public async Task ASchoolAccountSeesTheCampaignWithoutTheRoster()
    {
        using var client = factory.CreateClientAs(ApiFactory.SchoolUser);

        var response = await client.GetAsync(BuiltIn);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(0, json.RootElement.GetProperty("roster").GetArrayLength());
    }

    [Fact]
    public async Task TheCampaignCarriesAStrongETagAndAMatchingIfNoneMatchGets304()
    {
        using var client = factory.CreateClientAs(ApiFactory.OfficeUser);

        var first = await client.GetAsync(BuiltIn);
        var etag = first.Headers.ETag;
        using var conditional = new HttpRequestMessage(HttpMethod.Get, BuiltIn);
        conditional.Headers.IfNoneMatch.Add(etag!);
        var second = await client.SendAsync(conditional);

        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.Matches("^\"[0-9a-f]{32}\"$", etag.Tag);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(etag, second.Headers.ETag);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AStaleIfNoneMatchGetsTheWholeCampaign()
    {
        using var client = factory.CreateClientAs(ApiFactory.OfficeUser);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, BuiltIn);
        conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"0000\""));

        var response = await client.SendAsync(conditional);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OfficeAndSchoolViewsHaveDifferentETags()
    {
        using var office = factory.CreateClientAs(ApiFactory.OfficeUser);
        using var school = factory.CreateClientAs(ApiFactory.SchoolUser);

        var officeTag = (await office.GetAsync(BuiltIn)).Headers.ETag;
        var schoolTag = (await school.GetAsync(BuiltIn)).Headers.ETag;

        Assert.NotEqual(officeTag, schoolTag);
    }

    [Fact]
    public async Task AnUnknownCampaignIsA404ProblemNamingTheId()
    {
        using var client = factory.CreateClientAs(ApiFactory.OfficeUser);

        var response = await client.GetAsync(new Uri("/api/campaigns/nowhere-2020", UriKind.Relative));

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.NotFound, problem.Status);
        Assert.Equal("application/problem+json", problem.ContentType);
        Assert.Equal("未找到", problem.Title);
        Assert.Equal("督查活动“nowhere-2020”不存在。", problem.Detail);
    }

    [Fact]
    public async Task TheCampaignListHasTheBuiltInCampaignWithItsCounts()
    {
        using var client = factory.CreateClientAs(ApiFactory.SchoolUser);

        var response = await client.GetAsync(new Uri("/api/campaigns", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var campaign = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(ApiFactory.Campaign, campaign.GetProperty("id").GetString());
        Assert.Equal("2018—2019", campaign.GetProperty("schoolYear").GetString());
        Assert.Equal("渝中区中小学教师继续教育中心", campaign.GetProperty("organiser").GetString());
        Assert.Equal(64, campaign.GetProperty("schools").GetInt32());
        Assert.Equal(11, campaign.GetProperty("areas").GetInt32());
    }
}
