using System.Net;
using System.Text.Json;
using static Supervision.Api.Tests.Results.ResultsTestKit;

namespace Supervision.Api.Tests.Results;

/// <summary>
/// The progress board over HTTP after three forms are in: 大田湾小学's (s01) 附件4, and 彭小琴's 附件1 for s01 and s02
/// (one workbook, two sheets). Everything else of "who must submit what" is missing.
/// </summary>
public sealed class ProgressApiTests(ProgressApiTests.Submitted state) : IClassFixture<ProgressApiTests.Submitted>
{
    public sealed class Submitted : IAsyncLifetime
    {
        public ApiFactory Factory { get; } = new();

        public async Task InitializeAsync()
        {
            await Factory.SubmitAsync(ApiFactory.SchoolUser, PeerSheet("s01", (_, c) => c.Max - 1));
            await Factory.SubmitAsync(Peng, Evaluations(Peng, [Seed.FindSchool("s01")!, Seed.FindSchool("s02")!], (_, i) => i.Weight));
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }

    private static (string, string, string)[] Keys(JsonElement items) =>
        items.EnumerateArray().Select(i => (i.GetProperty("form").GetString()!, i.GetProperty("subject").GetString()!, i.GetProperty("author").GetString()!)).ToArray();

    private static JsonElement SchoolIn(JsonElement board, string schoolId) =>
        board.GetProperty("areas").EnumerateArray().SelectMany(a => a.GetProperty("schools").EnumerateArray())
            .Single(s => s.GetProperty("schoolId").GetString() == schoolId);

    private static JsonElement Inspector(JsonElement board, string upn) =>
        board.GetProperty("inspectors").EnumerateArray().Single(i => i.GetProperty("upn").GetString() == upn);

    private static readonly string[] Categories = ["c1", "c2", "c3", "c4", "c5", "c6"];

    [Fact]
    public async Task TheOfficeSeesExactlyTheMissingFormsOfEverySchoolAndInspector()
    {
        var (status, board) = await state.Factory.GetAsync(ApiFactory.OfficeUser, "progress");
        Assert.Equal(HttpStatusCode.OK, status);

        var s01 = SchoolIn(board, "s01");
        Assert.Equal([("self-check", "s01", "s01")], Keys(s01.GetProperty("missing")));
        Assert.Equal([("peer-scores", "g1-1", "s01")], Keys(s01.GetProperty("submitted")));
        Assert.Equal(JsonValueKind.String, s01.GetProperty("lastSubmittedAt").ValueKind);
        Assert.Equal([("self-check", "s02", "s02"), ("peer-scores", "g1-1", "s02")], Keys(SchoolIn(board, "s02").GetProperty("missing")));

        var peng = Inspector(board, Peng);
        Assert.Equal([("evaluation", "s01", Peng), ("evaluation", "s02", Peng)], Keys(peng.GetProperty("submitted")));
        Assert.Equal(
            SchoolIdsBetween(3, 21).Select(s => ("evaluation", s, Peng)).Concat(Categories.Select(c => ("records", c, Peng))).ToArray(),
            Keys(peng.GetProperty("missing")));
        Assert.Equal(
            SchoolIdsBetween(45, 64).Select(s => ("evaluation", s, Luo)).Concat(Categories.Select(c => ("records", c, Luo))).ToArray(),
            Keys(Inspector(board, Luo).GetProperty("missing")));

        // schools 64 × 2 − 1 = 127; 彭小琴 19 + 6 = 25; 陈郁兰 23 + 6 = 29; 罗兴洪 20 + 6 = 26
        var schoolsMissing = board.GetProperty("areas").EnumerateArray().SelectMany(a => a.GetProperty("schools").EnumerateArray())
            .Sum(s => s.GetProperty("missing").GetArrayLength());
        int[] inspectorsMissing = [25, 29, 26];
        Assert.Equal(127, schoolsMissing);
        Assert.Equal(inspectorsMissing, board.GetProperty("inspectors").EnumerateArray().Select(i => i.GetProperty("missing").GetArrayLength()));
    }

    [Fact]
    public async Task ASchoolSeesOnlyItsOwnProgress()
    {
        var (_, board) = await state.Factory.GetAsync(ApiFactory.SchoolUser, "progress");
        var area = Assert.Single(board.GetProperty("areas").EnumerateArray());
        Assert.Equal("g1-1", area.GetProperty("areaId").GetString());
        Assert.Equal("s01", Assert.Single(area.GetProperty("schools").EnumerateArray()).GetProperty("schoolId").GetString());
        Assert.Empty(board.GetProperty("inspectors").EnumerateArray());
    }

    [Fact]
    public async Task AnInspectorSeesTheSchoolsOfTheirGroupsAndOnlyTheirOwnForms()
    {
        var (_, board) = await state.Factory.GetAsync(Peng, "progress");
        Assert.Equal(["g1-1", "g1-2", "g2-1", "g2-2"], board.GetProperty("areas").EnumerateArray().Select(a => a.GetProperty("areaId").GetString()));
        Assert.Equal(21, board.GetProperty("areas").EnumerateArray().Sum(a => a.GetProperty("schools").GetArrayLength()));
        Assert.Equal(Peng, Assert.Single(board.GetProperty("inspectors").EnumerateArray()).GetProperty("upn").GetString());
    }
}
