using System.Net;
using static Supervision.Api.Tests.Results.ResultsTestKit;

namespace Supervision.Api.Tests.Results;

/// <summary>Who sees which results, before and after the office publishes them. Each test gets its own app and store.</summary>
public sealed class ResultsVisibilityTests : IDisposable
{
    private readonly ApiFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task BeforePublishingOnlyTheOfficeSeesResults()
    {
        var (status, office) = await factory.GetAsync(ApiFactory.OfficeUser, "results");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(office.GetProperty("published").GetBoolean());
        Assert.Equal(SchoolIdsBetween(1, 64), office.SchoolIds());

        foreach (var upn in new[] { ApiFactory.SchoolUser, Peng })
        {
            var (_, body) = await factory.GetAsync(upn, "results");
            Assert.False(body.GetProperty("published").GetBoolean());
            Assert.Empty(body.SchoolIds());
        }
    }

    [Fact]
    public async Task OnlyTheOfficePublishes()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.PublishAsync(ApiFactory.SchoolUser)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.PublishAsync(Peng)).Status);
        Assert.Empty((await factory.GetAsync(ApiFactory.SchoolUser, "results")).Body.SchoolIds());
        Assert.False(File.Exists(Path.Combine(factory.StorageRoot, ApiFactory.Campaign, "results", "published.json")));
    }

    [Fact]
    public async Task AfterPublishingASchoolSeesItsOwnEntryAndAnInspectorTheSchoolsOfTheirGroups()
    {
        var (status, publication) = await factory.PublishAsync(ApiFactory.OfficeUser);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(publication.GetProperty("published").GetBoolean());
        Assert.Equal(ApiFactory.OfficeUser, publication.GetProperty("publishedBy").GetString());
        Assert.True(File.Exists(Path.Combine(factory.StorageRoot, ApiFactory.Campaign, "results", "published.json")));

        var school = (await factory.GetAsync("s07@yuzhong.example", "results")).Body;
        Assert.True(school.GetProperty("published").GetBoolean());
        Assert.Equal(["s07"], school.SchoolIds());
        // 彭小琴 inspects groups 1 and 2 (s01–s21), 陈郁兰 groups 3 and 4 (s22–s44).
        Assert.Equal(SchoolIdsBetween(1, 21), (await factory.GetAsync(Peng, "results")).Body.SchoolIds());
        Assert.Equal(SchoolIdsBetween(22, 44), (await factory.GetAsync(Chen, "results")).Body.SchoolIds());
        Assert.Equal(64, (await factory.GetAsync(ApiFactory.OfficeUser, "results")).Body.SchoolIds().Length);
    }

    [Fact]
    public async Task ConcurrentPublishesKeepTheFirstPublicationAndWriteOneVersion()
    {
        var publishes = await Task.WhenAll(factory.PublishAsync(ApiFactory.OfficeUser), factory.PublishAsync("liman@yuzhong.example"),
            factory.PublishAsync(ApiFactory.OfficeUser));
        Assert.All(publishes, p => Assert.Equal(HttpStatusCode.OK, p.Status));
        Assert.Single(publishes.Select(p => (p.Body.GetProperty("publishedBy").GetString(), p.Body.GetProperty("publishedAt").GetString())).Distinct());
        var history = Path.Combine(factory.StorageRoot, ".versions", ApiFactory.Campaign, "results", "published.json");
        Assert.Single(Directory.GetFiles(history));
    }

    [Fact]
    public async Task AnUnknownCampaignIsNotFound()
    {
        using var client = factory.ClientAs(ApiFactory.OfficeUser);
        var results = await client.GetAsync(new Uri("/api/campaigns/nope/results", UriKind.Relative));
        var progress = await client.GetAsync(new Uri("/api/campaigns/nope/progress", UriKind.Relative));
        var publish = await client.PostAsync(new Uri("/api/campaigns/nope/results/publish", UriKind.Relative), null);
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], [results.StatusCode, progress.StatusCode, publish.StatusCode]);
    }
}
