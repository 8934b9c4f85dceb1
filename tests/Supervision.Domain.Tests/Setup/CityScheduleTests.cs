using System.Diagnostics;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Setup;

namespace Supervision.Domain.Tests.Setup;

public class CityScheduleTests
{
    /// <summary>A city: 250 groups of two rooms, 6 schools each — 3,000 schools in 500 areas, a half-day per group.</summary>
    internal static object?[][] CityRows()
    {
        var rows = new List<object?[]> { new object?[] { "组号", "学校", "地点", "时间" } };
        var school = 0;
        for (var group = 1; group <= 250; group++)
        {
            var date = new DateOnly(2020, 9, 7).AddDays((group - 1) / 2);
            var time = $"{date.Month}.{date.Day}{(group % 2 == 1 ? "上" : "下")}\n第{group}会场";
            for (var room = 1; room <= 2; room++)
            {
                var names = Enumerable.Range(0, 6).Select(_ => $"城区{++school}号小学").ToList();
                rows.Add([room == 1 ? group.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
                    $"{string.Join("、", names)}（6）", room == 1 ? "一号厅" : "二号厅", room == 1 ? time : null]);
            }
        }

        rows.Add(["备注："]);
        rows.Add(["督查时间安排：上午9:00—12:00  下午14:00—17:00"]);
        rows.Add(["汇报展示：9:00—10:40/14:00—15:40"]);
        return [.. rows];
    }

    [Fact]
    public void ACitySizedScheduleImportsInUnderASecondOrTwo()
    {
        var grid = Grids.At("安排表", "A1", CityRows());
        var blank = YuzhongCampaign.Create() with { Id = "city", SchoolYear = "2020—2021", Groups = [], Roster = [],
            Deadlines = YuzhongCampaign.Create().Deadlines with { PaperMaterials = new DateOnly(2020, 9, 1), SelfCheck = new DateOnly(2020, 9, 1) } };

        var watch = Stopwatch.StartNew();
        var import = ScheduleImporter.Import(grid, blank);
        var checks = CampaignRules.Check(import.ApplyTo(blank));
        watch.Stop();

        Assert.Empty(import.Issues);
        Assert.Equal(500, import.Groups.Sum(g => g.Areas.Count));
        Assert.Equal(3000, import.Groups.SelectMany(g => g.Areas).Sum(a => a.Schools.Count));
        Assert.Equal("s3000", import.Groups[^1].Areas[^1].Schools[^1].Id);
        Assert.Equal(3000 + 1, checks.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"import and checks took {watch.Elapsed}");
    }
}
