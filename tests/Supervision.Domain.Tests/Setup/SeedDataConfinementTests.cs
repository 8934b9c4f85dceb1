using System.Text.RegularExpressions;
using Supervision.Domain.Campaigns;

namespace Supervision.Domain.Tests.Setup;

/// <summary>The built-in campaign is data: no school, room, observer unit, date or year of it appears in code elsewhere.</summary>
public partial class SeedDataConfinementTests
{
    private static readonly Campaign Seed = YuzhongCampaign.Create();

    private static IEnumerable<string> SeedFacts()
    {
        foreach (var name in Seed.Schools.Select(s => s.Name).Concat(Seed.ObserverUnits).Concat(Seed.Groups.SelectMany(g => g.ObserverUnits)))
        {
            yield return name;
        }

        foreach (var room in Seed.Areas.Select(a => a.Room).Distinct())
        {
            yield return $"\"{room}\"";
        }

        foreach (var date in Seed.Groups.Select(g => g.Date).Distinct())
        {
            yield return $"{date.Month}.{date.Day}";
            yield return $"{date:yyyy-MM-dd}";
        }

        yield return Seed.SchoolYear;
        yield return $"\"{Seed.Id}\"";
    }

    [Fact]
    public void NoSourceOutsideTheSeedFileNamesASchoolRoomDateOrYearOfTheBuiltInCampaign()
    {
        var backend = Path.Combine(RepositoryRoot(), "Backend");
        var facts = SeedFacts().Distinct().ToList();
        Assert.True(facts.Count > 70, $"only {facts.Count} facts");
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(backend, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(backend, file);
            if (Path.GetFileName(file) == "YuzhongCampaign.cs" || relative.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"))
            {
                continue;
            }

            // Comments may cite the notice; code, strings and messages may not.
            var code = LineComment().Replace(File.ReadAllText(file), "");
            found.AddRange(facts.Where(f => code.Contains(f, StringComparison.Ordinal)).Select(f => $"{relative}: {f}"));
        }

        Assert.True(found.Count == 0, "seed facts outside YuzhongCampaign.cs:\n" + string.Join("\n", found));
    }

    [Fact]
    public void TheSearchFindsAFactWhereOneIsWritten()
    {
        var sample = LineComment().Replace("var x = \"大田湾小学\"; // 人和街小学", "");

        Assert.Equal(["大田湾小学"], SeedFacts().Where(f => sample.Contains(f, StringComparison.Ordinal)));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Supervision.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Supervision.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex("//.*$", RegexOptions.Multiline)]
    private static partial Regex LineComment();
}
