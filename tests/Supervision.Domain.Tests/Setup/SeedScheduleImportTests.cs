using Supervision.Domain.Campaigns;
using Supervision.Domain.Grids;
using Supervision.Domain.Rules;
using Supervision.Domain.Setup;
using Supervision.Tests.Shared;

namespace Supervision.Domain.Tests.Setup;

public class SeedScheduleImportTests
{
    /// <summary>The seed's 附件2 word for word (<see cref="SeedScheduleText"/>) as a grid.</summary>
    internal static Grid SeedSheet() => Grids.At("安排表", "A1", SeedScheduleText.Rows());

    /// <summary>A new campaign of the same year with nothing scheduled yet.</summary>
    internal static Campaign Blank() => YuzhongCampaign.Create() with { Id = "next-year", Groups = [], ObserverUnits = [], Timetables = [] };

    /// <summary>Everything the schedule decides, one line per area, comparable with Assert.Equal.</summary>
    internal static string[] Describe(IEnumerable<Group> groups) => groups.SelectMany(g => g.Areas.Select(a =>
        $"{g.Number}|{g.Name}|{g.Date:yyyy-MM-dd}|{g.HalfDay}|{g.HostVenue}|{string.Join("/", g.ObserverUnits)}|{a.Id}|{a.Room}|"
        + string.Join(",", a.Schools.Select(s => $"{s.Id}={s.Name}")))).ToArray();

    internal static string[] Describe(IEnumerable<SessionTimetable> timetables) => timetables.Select(t =>
        $"{t.HalfDay} {t.Start:HH:mm}-{t.End:HH:mm}: " + string.Join("; ", t.Phases.Select(p => $"{p.Name} {p.Start:HH:mm}-{p.End:HH:mm}"))).ToArray();

    [Fact]
    public void TheSeedScheduleGivesExactlyItsFourContradictionsEachWithItsCell()
    {
        var import = ScheduleImporter.Import(SeedSheet(), Blank());

        Assert.Equal(
        [
            (Severity.Error, SetupCodes.ScheduleCountMismatch, "B7"),
            (Severity.Warning, SetupCodes.ScheduleStraySeparator, "B8"),
            (Severity.Warning, SetupCodes.ScheduleRunTogether, "B9"),
            (Severity.Error, SetupCodes.ScheduleTimeReversed, "A23"),
        ], import.Issues.Select(i => (i.Severity, i.Code, i.Cell)));
        Assert.All(import.Issues, i => Assert.Equal("安排表", i.Sheet));
        var suggestion = Assert.Single(import.Suggestions);
        Assert.Equal(("B9", "阳光春苗幼儿园四托", false), (suggestion.Cell, suggestion.Name, suggestion.Accepted));
        Assert.Equal(["阳光春苗幼儿园", "四托"], suggestion.Parts);
        Assert.Equal(ScheduleImporter.SuggestionId("B9", "阳光春苗幼儿园四托"), suggestion.Id);
        Assert.Contains(suggestion.Id, import.Issues.Single(i => i.Code == SetupCodes.ScheduleRunTogether).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AcceptingTheSuggestionGivesTheBuiltInReadingAndTheRemainingThree()
    {
        var first = ScheduleImporter.Import(SeedSheet(), Blank());

        var import = ScheduleImporter.Import(SeedSheet(), Blank(), [first.Suggestions[0].Id]);

        var builtIn = YuzhongCampaign.Create();
        Assert.Equal(Describe(builtIn.Groups), Describe(import.Groups));
        Assert.Equal(Describe(builtIn.Timetables), Describe(import.Timetables));
        Assert.Equal(builtIn.ObserverUnits, import.ObserverUnits);
        Assert.Equal(
            [SetupCodes.ScheduleCountMismatch, SetupCodes.ScheduleStraySeparator, SetupCodes.ScheduleTimeReversed],
            import.Issues.Select(i => i.Code));
        Assert.True(Assert.Single(import.Suggestions).Accepted);
    }

    [Fact]
    public void WithoutTheSuggestionTheRunTogetherNameStaysOneSchool()
    {
        var import = ScheduleImporter.Import(SeedSheet(), Blank());

        var room = import.Groups[2].Areas[1];
        Assert.Equal(["区级机关幼儿园", "景德幼儿园", "陆军特色幼儿园", "阳光春苗幼儿园四托", "八一保育院"], room.Schools.Select(s => s.Name));
        Assert.Equal(63, import.Groups.SelectMany(g => g.Areas).Sum(a => a.Schools.Count));
    }

    [Fact]
    public void ReimportedNamesKeepTheirIdsAndNewNamesGetTheNextFreeOne()
    {
        var builtIn = YuzhongCampaign.Create();
        var grid = Grids.At("安排表", "A1",
            ["组号", "学校", "地点", "时间"],
            ["一", "新开小学、大坪中学、大田湾小学（3）", "会议室", "9.10上\n少年宫"],
            ["备注："],
            ["汇报展示：9:00—10:40"]);

        var import = ScheduleImporter.Import(grid, builtIn);

        Assert.Empty(import.Issues);
        var daping = builtIn.Schools.Single(s => s.Name == "大坪中学").Id;
        Assert.Equal(64, builtIn.Schools.Count());
        Assert.Equal(["s65=新开小学", $"{daping}=大坪中学", "s01=大田湾小学"], import.Groups[0].Areas[0].Schools.Select(s => $"{s.Id}={s.Name}"));
        Assert.Equal(new DateOnly(2018, 9, 10), import.Groups[0].Date);
    }

    [Fact]
    public void ChangesAgainstTheCurrentScheduleNameRemovedSchoolsAndChangedAreas()
    {
        var builtIn = YuzhongCampaign.Create();
        var first = ScheduleImporter.Import(SeedSheet(), builtIn);
        var same = ScheduleImporter.Import(SeedSheet(), builtIn, [first.Suggestions[0].Id]);

        Assert.Empty(ScheduleChanges.Compare(builtIn, same.Groups));
        var changes = ScheduleChanges.Compare(builtIn, first.Groups);
        Assert.Equal([SetupCodes.ScheduleRemovesSchool, SetupCodes.ScheduleRemovesSchool, SetupCodes.ScheduleChangesArea], changes.Select(i => i.Code));
        Assert.StartsWith("阳光春苗幼儿园（s31）", changes[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("四托（s32）", changes[1].Message, StringComparison.Ordinal);
        Assert.StartsWith("片区 g3-2 的学校有变化", changes[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LastYearsSheetImportedIntoANewYearIsReportedAtItsTitle()
    {
        var import = ScheduleImporter.Import(SeedSheet(), Blank() with { SchoolYear = "2019—2020" });

        Assert.Equal(("A1", SetupCodes.ScheduleOtherYear), (import.Issues[0].Cell, import.Issues[0].Code));
        Assert.Equal(5, import.Issues.Count);
        Assert.Equal(new DateOnly(2020, 5, 28), import.Groups[0].Date);
    }
}
