using Supervision.Domain.Campaigns;
using Supervision.Domain.Setup;

namespace Supervision.Domain.Tests.Setup;

public class RosterImportTests
{
    private static Campaign TwoSchools() => YuzhongCampaign.Create() with
    {
        Groups = [new Group(1, "一", new DateOnly(2019, 5, 28), HalfDay.Morning, "少年宫", ["少年宫"],
            [new Area("g1-1", "会议室", [new School("s01", "甲小学"), new School("s02", "乙小学")])])],
        Roster = [],
    };

    [Fact]
    public void ACleanRosterGivesItsEntriesInEveryRoleSpelling()
    {
        var grid = Grids.At("名单", "A1",
            ["姓名", "账号", "角色", "学校", "督查组"],
            ["王老师", "wang@example.org", "办公室", null, null],
            ["李老师", "li@example.org", "inspector", null, "1"],
            ["甲小学管理员", "jia@example.org", "学校", "甲 小学", null],
            ["乙小学管理员", "yi@example.org", "school", "s02", null]);

        var import = RosterImporter.Import(grid, TwoSchools());

        Assert.Empty(import.Issues);
        Assert.Equal(
            ["wang@example.org Office  ", "li@example.org Inspector  1", "jia@example.org School s01 ", "yi@example.org School s02 "],
            import.Entries.Select(e => $"{e.Upn} {e.Role} {e.SchoolId} {string.Join(",", e.Groups)}"));
    }

    [Fact]
    public void EveryRosterProblemIsReportedWithItsCell()
    {
        var grid = Grids.At("名单", "A1",
            ["姓名", "账号", "角色", "学校", "督查组"],
            ["王老师", "wang@example.org", "办公室", null, null],
            ["重复", "WANG@example.org", "办公室", null, null],
            ["丙小学管理员", "bing@example.org", "学校", "丙小学", null],
            ["无学校", "none@example.org", "学校", null, null],
            ["李老师", "li@example.org", "督查组", null, "一、七"],
            ["张老师", "zhang@example.org", "校长", null, null],
            ["无账号", null, "学校", "甲小学", null]);

        var import = RosterImporter.Import(grid, TwoSchools());

        Assert.Equal(
        [
            "B3 roster.duplicate-account", "D4 roster.unknown-school", "D5 roster.school-missing", "E6 roster.unknown-group",
            "C7 roster.unknown-role", "B8 roster.account-missing", " roster.school-without-account", " roster.school-without-account",
        ], import.Issues.Select(i => $"{i.Cell} {i.Code}"));
        Assert.Equal([1], import.Entries.Single(e => e.Upn == "li@example.org").Groups);
    }
}
