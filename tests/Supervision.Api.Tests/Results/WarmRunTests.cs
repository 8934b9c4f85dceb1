using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Workbooks.Reading;
using static Supervision.Api.Tests.Results.ResultsTestKit;

namespace Supervision.Api.Tests.Results;

/// <summary>Parsed submissions are cached by file version: a second run reads nothing, a changed file is read again alone.</summary>
public sealed class WarmRunTests : IDisposable
{
    private readonly ApiFactory factory = new();
    private readonly CountingReader reader = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task ASecondRunReadsNoFileAndAChangedFileIsTheOnlyOneReadAgain()
    {
        using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IStoredWorkbookReader>(reader)));
        // s02 gives s01 8 in every category (48); s01's own sheet is its self-score; 彭小琴 scores s01 on 附件1.
        await app.SubmitAsync(ApiFactory.SchoolUser, PeerSheet("s01", (_, _) => 8));
        await app.SubmitAsync("s02@yuzhong.example", PeerSheet("s02", (_, _) => 8));
        await app.SubmitAsync(Peng, Evaluations(Peng, [Seed.FindSchool("s01")!], (_, i) => i.Weight));

        var cold = (await app.GetAsync(ApiFactory.OfficeUser, "results")).Body;
        Assert.Equal(3, reader.Reads);
        Assert.Equal(48.00m, cold.School("s01").GetProperty("peer").Number("mean"));

        await app.GetAsync(ApiFactory.OfficeUser, "results");
        await app.GetAsync(ApiFactory.OfficeUser, "progress");
        Assert.Equal(3, reader.Reads);

        // s02 raises 组织管理 for s01 to 9: 49.
        await app.SubmitAsync("s02@yuzhong.example", PeerSheet("s02", (school, c) => school.Id == "s01" && c.Id == "c1" ? 9 : 8));
        var warm = (await app.GetAsync(ApiFactory.OfficeUser, "results")).Body;
        Assert.Equal(4, reader.Reads);
        Assert.Equal(49.00m, warm.School("s01").GetProperty("peer").Number("mean"));
        Assert.Equal(100.00m, warm.School("s01").Number("final"));
    }
}
