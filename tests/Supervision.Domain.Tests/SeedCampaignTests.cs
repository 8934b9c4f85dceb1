using System.Globalization;
using System.Text;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Rules;

namespace Supervision.Domain.Tests;

public class SeedCampaignTests
{
    private static readonly Campaign Seed = YuzhongCampaign.Create();

    [Fact]
    public void BuiltInCampaignMatchesTheHandWrittenReadingOfTheSeed()
    {
        var expected = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Expected", "yuzhong-2018-2019.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToList();
        var actual = Describe(Seed);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], actual[i]);
        }
    }

    [Fact]
    public void SeedHasSixtyFourSchoolsInElevenAreasOfSixGroups()
    {
        Assert.Equal(6, Seed.Groups.Count);
        Assert.Equal(11, Seed.Areas.Count());
        Assert.Equal(64, Seed.Schools.Count());
        Assert.Equal(64, Seed.Schools.Select(s => s.Id).Distinct().Count());
        Assert.Equal(64, Seed.Schools.Select(s => SchoolNames.Normalize(s.Name)).Distinct().Count());
    }

    [Fact]
    public void ObserverHostIsNotTheScoredSchoolOfTheSameStreet()
    {
        Assert.Contains("鼓楼人和街小学", Seed.ObserverUnits);
        Assert.DoesNotContain(Seed.Schools, s => s.Name == "鼓楼人和街小学");
        Assert.Contains(Seed.Schools, s => s.Name == "人和街小学");
        Assert.DoesNotContain("人和街小学", Seed.ObserverUnits);
    }

    [Fact]
    public void SeedRubricHasTwentyTwoItemsTotallingOneHundredWithNoIntegrityIssue()
    {
        Assert.Equal(22, Seed.Rubric.Items.Count());
        Assert.Equal(100m, Seed.Rubric.Total);
        Assert.Equal([10m, 10m, 10m, 30m, 30m, 10m], Seed.Rubric.Categories.Select(c => c.Max));
        Assert.Empty(RubricRules.Check(Seed.Rubric));
    }

    [Fact]
    public void SampleRosterHasTheOfficeInspectorsCoveringEveryGroupAndOneAccountPerSchool()
    {
        Assert.Contains(Seed.Roster, r => r.Role == Role.Office);
        var inspected = Seed.Roster.Where(r => r.Role == Role.Inspector).SelectMany(r => r.Groups).ToHashSet();
        Assert.Equal(Seed.Groups.Select(g => g.Number).ToHashSet(), inspected);
        foreach (var school in Seed.Schools)
        {
            Assert.Single(Seed.Roster, r => r.Role == Role.School && r.SchoolId == school.Id);
        }

        Assert.Contains(Seed.Provenance, p => p.StartsWith("roster: sample data", StringComparison.Ordinal));
        Assert.Contains(Seed.Provenance, p => p.StartsWith("grading: default", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(95, "优秀")]
    [InlineData(90, "优秀")]
    [InlineData(89.99, "良好")]
    [InlineData(80, "良好")]
    [InlineData(60, "合格")]
    [InlineData(59.99, "不合格")]
    [InlineData(0, "不合格")]
    public void DefaultGradeBandsSplitAtNinetyEightySixty(double score, string grade)
    {
        Assert.Equal(grade, Seed.Grading.GradeOf((decimal)score)!.Name);
    }

    private static List<string> Describe(Campaign c)
    {
        static string N(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);
        static string T(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);
        var lines = new List<string> { $"campaign {c.Id} | {c.SchoolYear} | {c.Organiser} | {c.District} | step {N(c.ScoreStep)}" };
        foreach (var category in c.Rubric.Categories)
        {
            lines.Add($"category {category.Id} {category.Name} {N(category.Max)}");
            lines.AddRange(category.Items.Select(i => $"item {i.Number} {category.Id} {N(i.Weight)} {i.Method} | {i.Content}"));
        }

        foreach (var g in c.Groups)
        {
            lines.Add($"group {g.Number} {g.Name} {g.Date:yyyy-MM-dd} {g.HalfDay} | {g.HostVenue}");
            lines.AddRange(g.Areas.Select(a => $"area {a.Id} {a.Room} | {string.Join(", ", a.Schools.Select(s => $"{s.Id} {s.Name}"))}"));
        }

        lines.Add($"observers {string.Join(", ", c.ObserverUnits)}");
        foreach (var t in c.Timetables)
        {
            var phases = string.Join(", ", t.Phases.Select(p => $"{p.Name} {T(p.Start)}-{T(p.End)}"));
            lines.Add($"timetable {t.HalfDay} {T(t.Start)}-{T(t.End)} | {phases}");
        }

        var d = c.Deadlines;
        var sb = new StringBuilder($"deadlines paper {d.PaperMaterials:yyyy-MM-dd}, self-check {d.SelfCheck:yyyy-MM-dd}");
        sb.Append(d.SessionFormsDueOnSessionDay ? ", session forms on the session day" : "");
        sb.Append(CultureInfo.InvariantCulture, $", UTC+{d.UtcOffsetHours}");
        lines.Add(sb.ToString());
        lines.AddRange(c.Grading.Bands.Select(b => $"grade {b.Name} {N(b.Min)}{(b.RequiresRectification ? " rectification" : "")}"));
        return lines;
    }
}
