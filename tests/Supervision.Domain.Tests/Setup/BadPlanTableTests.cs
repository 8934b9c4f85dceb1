using Supervision.Domain.Campaigns;
using Supervision.Domain.Grids;
using Supervision.Domain.Setup;

namespace Supervision.Domain.Tests.Setup;

public class BadPlanTableTests
{
    /// <summary>A one-group schedule with the given schools cell, time cell and presentation phase.</summary>
    private static Grid Plan(string schools, string time = "5.28上\n少年宫", string presentation = "汇报展示：9:00—10:40/14:00—15:40",
        string? secondRoom = null, string? secondTime = null) => Grids.At("安排表", "A1",
        ["组号", "学校", "地点", "时间"],
        ["一", schools, "会议室", time],
        [null, secondRoom, secondRoom is null ? null : "4-1", secondTime],
        [],
        ["备注："],
        ["督查时间安排：上午9:00—12:00  下午14:00—17:00"],
        [presentation]);

    public static TheoryData<string, Grid, string[]> Plans => new()
    {
        { "a clean plan", Plan("甲小学、乙小学（2）"), [] },
        { "stated count differs", Plan("甲小学、乙小学（3）"), ["B2 schedule.count-mismatch"] },
        { "half-width brackets", Plan("甲小学、乙小学(3)"), ["B2 schedule.count-mismatch"] },
        { "no stated count is not a mismatch", Plan("甲小学、乙小学"), [] },
        { "run-together names explain the count", Plan("甲小学乙幼儿园、丙中学（3）"), ["B2 schedule.run-together"] },
        { "run-together names that do not explain the count", Plan("甲小学乙幼儿园、丙中学（5）"), ["B2 schedule.count-mismatch"] },
        { "a unit word inside a name is no split", Plan("红岩小学校、求精中学校（2）"), [] },
        { "trailing separator", Plan("甲小学、乙小学、（2）"), ["B2 schedule.stray-separator"] },
        { "double separator", Plan("甲小学、、乙小学（2）"), ["B2 schedule.stray-separator"] },
        { "a line break separates names", Plan("甲小学\n乙小学（2）"), [] },
        { "a school listed twice in one room", Plan("甲小学、甲小学（2）"), ["B2 schedule.duplicate-school"] },
        { "a school listed in two rooms", Plan("甲小学、乙小学（2）", secondRoom: "丙小学、 甲小学（2）"), ["B3 schedule.duplicate-school"] },
        { "a phase ending before it starts", Plan("甲小学（1）", presentation: "汇报展示：9:00—8:40"), ["A7 schedule.time-reversed"] },
        { "a date outside the school year", Plan("甲小学（1）", time: "2020.5.28上"), ["D2 schedule.date-outside-year"] },
        { "a date inside the school year", Plan("甲小学（1）", time: "2019年5月28日下午"), [] },
        { "no such day", Plan("甲小学（1）", time: "2.30上"), ["D2 schedule.bad-date"] },
        { "no half-day", Plan("甲小学（1）", time: "5.28"), ["D2 schedule.bad-date"] },
        { "an afternoon group without afternoon phase times", Plan("甲小学（1）", time: "5.28下", presentation: "汇报展示：9:00—10:40"), ["D2 schedule.timetable-missing"] },
        { "the second room repeats the group's date", Plan("甲小学（1）", secondRoom: "乙小学（1）", secondTime: "5.28上"), [] },
        { "the second room has another date", Plan("甲小学（1）", secondRoom: "乙小学（1）", secondTime: "5.29上"), ["D3 schedule.date-conflict"] },
        { "the second room has another half-day", Plan("甲小学（1）", secondRoom: "乙小学（1）", secondTime: "5.28下"), ["D3 schedule.date-conflict"] },
        { "no date at all", Plan("甲小学（1）", time: "少年宫"), ["D2 schedule.date-missing"] },
        { "5 schools fill a 40-minute phase at 8 minutes exactly", Plan("甲小学、乙小学、丙小学、丁小学、戊小学（5）", presentation: "汇报展示：9:00—9:40"), [] },
        { "6 schools in 40 minutes are tight", Plan("甲小学、乙小学、丙小学、丁小学、戊小学、己小学（6）", presentation: "汇报展示：9:00—9:40"), ["B2 schedule.presentation-tight"] },
        { "8 schools fit 40 minutes at 5 minutes exactly", Plan("甲小学、乙小学、丙小学、丁小学、戊小学、己小学、庚小学、辛小学（8）", presentation: "汇报展示：9:00—9:40"), ["B2 schedule.presentation-tight"] },
        { "9 schools overrun 40 minutes", Plan("甲小学、乙小学、丙小学、丁小学、戊小学、己小学、庚小学、辛小学、壬小学（9）", presentation: "汇报展示：9:00—9:40"), ["B2 schedule.presentation-overrun"] },
        { "an afternoon room is measured against the afternoon phase", Plan("甲小学、乙小学、丙小学、丁小学、戊小学、己小学（6）", time: "5.28下", presentation: "汇报展示：9:00—10:40/14:00—14:40"), ["B2 schedule.presentation-tight"] },
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public void EachBadPlanGivesExactlyItsIssues(string plan, Grid grid, string[] expected)
    {
        var import = ScheduleImporter.Import(grid, SeedScheduleImportTests.Blank());

        Assert.True(expected.SequenceEqual(import.Issues.Select(i => $"{i.Cell} {i.Code}")),
            $"{plan}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", import.Issues.Select(i => $"{i.Cell} {i.Code}"))}]");
    }

    [Fact]
    public void AHostVenueInTheNextRowsTimeCellBelongsToTheGroup()
    {
        var grid = Grids.At("安排表", "A1",
            ["组号", "学校", "地点", "时间"],
            ["1", "甲小学（1）", "一号厅", "6月3日下午"],
            [null, "乙小学（1）", "二号厅", "少年宫、青年宫"]);

        var import = ScheduleImporter.Import(grid, SeedScheduleImportTests.Blank());

        Assert.Equal([SetupCodes.ScheduleTimetableMissing], import.Issues.Select(i => i.Code));
        var group = Assert.Single(import.Groups);
        Assert.Equal(("少年宫、青年宫", new DateOnly(2019, 6, 3), HalfDay.Afternoon, 2), (group.HostVenue, group.Date, group.HalfDay, group.Areas.Count));
        Assert.Equal(["少年宫", "青年宫"], group.ObserverUnits);
    }

    [Fact]
    public void GroupsWrittenWithTheirOrdinalAreNumberedAndNamedByTheirNumeral()
    {
        var grid = Grids.At("安排表", "A1",
            ["组号", "学校", "地点", "时间"],
            ["第十二组", "甲小学（1）", "一号厅", "6.3上"],
            ["第2组", "乙小学（1）", "一号厅", "6.3下"]);

        var import = ScheduleImporter.Import(grid, SeedScheduleImportTests.Blank());

        Assert.Equal(["12 十二 g12-1", "2 2 g2-1"], import.Groups.Select(g => $"{g.Number} {g.Name} {g.Areas[0].Id}"));
    }

    [Fact]
    public void ASheetWithoutTheScheduleHeadingsIsRefusedAsSuch()
    {
        var import = ScheduleImporter.Import(Grids.At("Sheet1", "A1", ["姓名", "账号"]), SeedScheduleImportTests.Blank());

        Assert.Equal([SetupCodes.ScheduleTableMissing], import.Issues.Select(i => i.Code));
        Assert.Empty(import.Groups);
    }

    [Fact]
    public void AnAcceptedIdThatMatchesNothingIsReported()
    {
        var import = ScheduleImporter.Import(Plan("甲小学（1）"), SeedScheduleImportTests.Blank(), ["split-00000000"]);

        Assert.Equal([SetupCodes.ScheduleUnknownSuggestion], import.Issues.Select(i => i.Code));
    }

    public static TheoryData<string, Func<Campaign, Campaign>, string[]> Campaigns => new()
    {
        { "the built-in campaign", c => c, [] },
        { "a rubric summing to 99", c => c with { Rubric = new Rubric([.. c.Rubric.Categories.Take(5), c.Rubric.Categories[5] with
            { Max = 9m, Items = [.. c.Rubric.Categories[5].Items.Take(2), c.Rubric.Categories[5].Items[2] with { Weight = 3m }] }]) },
            ["rubric.total"] },
        { "items not summing to their category", c => c with { Rubric = new Rubric([c.Rubric.Categories[0] with { Max = 11m }, .. c.Rubric.Categories.Skip(1)]) },
            ["rubric.item-weights", "rubric.total"] },
        { "bands out of order", c => c with { Grading = new Grading([c.Grading.Bands[1], c.Grading.Bands[0], .. c.Grading.Bands.Skip(2)]) },
            ["grading.bands-order"] },
        { "two bands with the same minimum", c => c with { Grading = new Grading([c.Grading.Bands[0], c.Grading.Bands[1] with { Min = 90m }, .. c.Grading.Bands.Skip(2)]) },
            ["grading.bands-order"] },
        { "a band above 100", c => c with { Grading = new Grading([c.Grading.Bands[0] with { Min = 101m }, .. c.Grading.Bands.Skip(1)]) },
            ["grading.band-range"] },
        { "materials due after the first session", c => c with { Deadlines = c.Deadlines with { PaperMaterials = new DateOnly(2019, 5, 29) } },
            ["deadlines.order"] },
        { "materials due on the first session day", c => c with { Deadlines = c.Deadlines with { PaperMaterials = new DateOnly(2019, 5, 28) } }, [] },
        { "blend weights summing to 1.1", c => c with { Aggregation = c.Aggregation with { PeerWeight = 0.1m } }, ["aggregation.weights"] },
        { "a step of zero", c => c with { ScoreStep = 0m }, ["campaign.score-step"] },
        { "an id with capitals", c => c with { Id = "Next-Year" }, ["campaign.bad-id"] },
        { "a school year that is not one", c => c with { SchoolYear = "明年" }, ["campaign.school-year"] },
        { "sessions and deadlines of another year", c => c with { SchoolYear = "2019—2020" },
            ["deadlines.outside-year", "deadlines.outside-year", .. Enumerable.Repeat("schedule.date-outside-year", 6)] },
        { "a school without an account", c => c with { Roster = [.. c.Roster.Where(r => r.SchoolId != "s01")] }, ["roster.school-without-account"] },
        { "no office", c => c with { Roster = [.. c.Roster.Where(r => r.Role != Role.Office)] }, ["roster.no-office"] },
    };

    [Theory]
    [MemberData(nameof(Campaigns))]
    public void EachBadCampaignSettingGivesExactlyItsCodes(string change, Func<Campaign, Campaign> edit, string[] expected)
    {
        var issues = CampaignRules.Check(edit(YuzhongCampaign.Create()));

        Assert.True(expected.SequenceEqual(issues.Select(i => i.Code)), $"{change}: got [{string.Join(", ", issues.Select(i => i.Code))}]");
    }
}
