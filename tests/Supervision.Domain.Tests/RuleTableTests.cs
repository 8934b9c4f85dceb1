using Supervision.Domain.Campaigns;
using Supervision.Domain.Grids;
using Supervision.Domain.Rules;

namespace Supervision.Domain.Tests;

public class ScoreRuleTests
{
    public static TheoryData<CellValue, ScoreStatus, double?> Cases => new()
    {
        { CellValue.FromNumber(0), ScoreStatus.Valid, 0 },
        { CellValue.FromNumber(10), ScoreStatus.Valid, 10 },
        { CellValue.FromNumber(9.5), ScoreStatus.Valid, 9.5 },
        { CellValue.FromNumber(10.5), ScoreStatus.OutOfRange, 10.5 },
        { CellValue.FromNumber(11), ScoreStatus.OutOfRange, 11 },
        { CellValue.FromNumber(-0.5), ScoreStatus.OutOfRange, -0.5 },
        { CellValue.FromNumber(-1), ScoreStatus.OutOfRange, -1 },
        { CellValue.FromNumber(9.25), ScoreStatus.OffStep, 9.25 },
        { CellValue.FromNumber(0.1), ScoreStatus.OffStep, 0.1 },
        { CellValue.FromNumber(double.NaN), ScoreStatus.NotANumber, null },
        { CellValue.FromNumber(double.PositiveInfinity), ScoreStatus.NotANumber, null },
        { CellValue.FromText("abc"), ScoreStatus.NotANumber, null },
        { CellValue.FromText("NaN"), ScoreStatus.NotANumber, null },
        { CellValue.FromText("8"), ScoreStatus.Valid, 8 },
        { CellValue.FromText(" ８．５ "), ScoreStatus.Valid, 8.5 },
        { CellValue.FromText("1e1"), ScoreStatus.NotANumber, null },
        { CellValue.FromText("   "), ScoreStatus.Missing, null },
        { CellValue.Empty, ScoreStatus.Missing, null },
        { CellValue.FromBoolean(true), ScoreStatus.NotANumber, null },
        { CellValue.FromError("#N/A"), ScoreStatus.NotANumber, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ScoreCellIsReadAgainstMaxTenAndStepHalf(CellValue cell, ScoreStatus status, double? value)
    {
        var reading = ScoreRules.Read(cell, 10m, 0.5m);
        Assert.Equal(status, reading.Status);
        Assert.Equal(value is null ? null : (decimal)value.Value, reading.Value);
    }

    [Fact]
    public void BinaryNoiseOfATypedDecimalIsNotAnOffStepScore()
    {
        Assert.Equal(ScoreStatus.Valid, ScoreRules.Read(CellValue.FromNumber(0.1 + 0.2), 10m, 0.1m).Status);
        Assert.Equal(ScoreStatus.Valid, ScoreRules.Read(CellValue.FromNumber(7.3), 10m, 0.1m).Status);
    }

    [Fact]
    public void AStepOfOnePointRefusesHalfPoints()
    {
        Assert.Equal(ScoreStatus.OffStep, ScoreRules.Read(CellValue.FromNumber(2.5), 10m, 1m).Status);
    }

    [Theory]
    [InlineData(ScoreStatus.Missing, IssueCodes.ScoreMissing, Severity.Warning)]
    [InlineData(ScoreStatus.NotANumber, IssueCodes.ScoreNotANumber, Severity.Error)]
    [InlineData(ScoreStatus.OutOfRange, IssueCodes.ScoreOutOfRange, Severity.Error)]
    [InlineData(ScoreStatus.OffStep, IssueCodes.ScoreOffStep, Severity.Error)]
    public void EachInvalidScoreGivesItsCodeSeverityAndCell(ScoreStatus status, string code, Severity severity)
    {
        var issue = ScoreRules.IssueFor(new ScoreReading(status, status is ScoreStatus.OutOfRange or ScoreStatus.OffStep ? 11m : null),
            CellValue.FromText("x"), 10m, 0.5m, "评分表", new CellAddress(7, 3), "“大田湾小学”的“组织管理”");
        Assert.NotNull(issue);
        Assert.Equal((code, severity, "评分表", "C7"), (issue.Code, issue.Severity, issue.Sheet, issue.Cell));
        Assert.Contains("大田湾小学", issue.Message, StringComparison.Ordinal);
        Assert.Contains("组织管理", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AValidScoreHasNoIssue()
    {
        Assert.Null(ScoreRules.IssueFor(new ScoreReading(ScoreStatus.Valid, 5m), CellValue.FromNumber(5), 10m, 0.5m, "s", CellAddress.A1, "x"));
    }
}

public class RubricRuleTests
{
    private static Rubric Seed => YuzhongCampaign.Create().Rubric;

    [Fact]
    public void RubricSummingToNinetyNineIsRefusedForItsCategoryAndItsTotal()
    {
        var categories = Seed.Categories.ToList();
        var first = categories[0];
        categories[0] = first with { Items = [.. first.Items.Take(3), first.Items[3] with { Weight = 2m }] };
        var issues = RubricRules.Check(new Rubric(categories));
        Assert.Equal([IssueCodes.RubricItemWeights], issues.Select(i => i.Code));
        Assert.Contains("组织管理", issues[0].Message, StringComparison.Ordinal);

        categories[0] = first with { Max = 9m, Items = [.. first.Items.Take(3), first.Items[3] with { Weight = 2m }] };
        var total = RubricRules.Check(new Rubric(categories));
        Assert.Equal([IssueCodes.RubricTotal], total.Select(i => i.Code));
        Assert.Contains("99", total[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateItemNumbersZeroWeightsAndEmptyRubricsAreRefused()
    {
        var seed = Seed;
        var c1 = seed.Categories[0];
        var dup = seed.Categories.Select(c => c == c1 ? c with { Items = [.. c.Items.Take(3), c.Items[3] with { Number = 1 }] } : c).ToList();
        Assert.Equal([IssueCodes.RubricDuplicateItem], RubricRules.Check(new Rubric(dup)).Select(i => i.Code));

        var zero = seed.Categories.Select(c => c == c1
            ? c with { Items = [c.Items[0] with { Weight = 5m }, c.Items[1] with { Weight = 5m }, c.Items[2] with { Weight = 0m }] }
            : c).ToList();
        Assert.Equal([IssueCodes.RubricBadWeight], RubricRules.Check(new Rubric(zero)).Select(i => i.Code));

        Assert.Equal([IssueCodes.RubricEmpty], RubricRules.Check(new Rubric([])).Select(i => i.Code));
    }
}

public class SchoolNameTests
{
    [Theory]
    [InlineData("大田湾小学", " 大田湾 小学 ")]
    [InlineData("大田湾小学", "大田湾\u3000小学")]
    [InlineData("77100幼儿园", "７７１００幼儿园")]
    [InlineData("30中", "３０中")]
    public void SpacesAndFullWidthCharactersAreNormalised(string a, string b) => Assert.True(SchoolNames.Same(a, b));

    [Theory]
    [InlineData("红岩小学校", "红岩幼儿园")]
    [InlineData("大坪小学", "大坪中学")]
    [InlineData("人民小学", "人民路小学")]
    [InlineData("人和街小学", "鼓楼人和街小学")]
    [InlineData("红岩小学校", "红岩小学")]
    [InlineData("", "")]
    public void SimilarNamesAreNeverMatchedLoosely(string a, string b) => Assert.False(SchoolNames.Same(a, b));
}

public class CellAddressTests
{
    [Theory]
    [InlineData("A1", 1, 1)]
    [InlineData("$B$3", 3, 2)]
    [InlineData("z10", 10, 26)]
    [InlineData("AA7", 7, 27)]
    [InlineData("XFD1048576", 1048576, 16384)]
    public void ParsesA1Addresses(string text, int row, int column)
    {
        Assert.Equal(new CellAddress(row, column), CellAddress.Parse(text));
        Assert.Equal(text.Replace("$", "", StringComparison.Ordinal).ToUpperInvariant(), new CellAddress(row, column).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("A0")]
    [InlineData("1A")]
    [InlineData("XFE1")]
    [InlineData("A1048577")]
    [InlineData("B-3")]
    public void RefusesWhatIsNotAnAddress(string text) => Assert.False(CellAddress.TryParse(text, out _));

    [Theory]
    [InlineData("Sheet1!B3:I12", "Sheet1", 3, 2)]
    [InlineData("'My ''sheet'''!C4", "My 'sheet'", 4, 3)]
    [InlineData("评分表!A1:H12", "评分表", 1, 1)]
    [InlineData("D5", null, 5, 4)]
    public void ParsesOfficeRangeAddresses(string text, string? sheet, int row, int column)
    {
        Assert.True(RangeReference.TryParse(text, out var reference));
        Assert.Equal(new RangeReference(sheet, new CellAddress(row, column)), reference);
    }

    [Theory]
    [InlineData("!A1")]
    [InlineData("Sheet1!")]
    [InlineData("Sheet1!A1:")]
    [InlineData("A1:B")]
    public void RefusesMalformedRangeAddresses(string text) => Assert.False(RangeReference.TryParse(text, out _));
}
