using Supervision.Domain.Forms;
using Supervision.Domain.Results;

namespace Supervision.Domain.Tests.Sampling;

public sealed class RecordBookSamplingTests
{
    private static SelfCheckSheet WithTeachers(int? teachers) =>
        new("s01", null, null, new SelfCheckManagement(null, null, null, null, null, null, null), new SelfCheckFunding(null, null, null),
            teachers, new SelfCheckEthics(null, null), [], new SchoolBasedTraining(null, null, null, null),
            new SchoolBasedTraining(null, null, null, null));

    [Theory]
    [InlineData(99, 20)]
    [InlineData(100, 30)]
    [InlineData(200, 30)]
    [InlineData(201, 40)]
    public void TheTeacherCountOnTheSelfCheckDecidesHowManyBooksAreDrawn(int teachers, int books)
    {
        var sample = RecordBookSampling.Draw("yz-2019", "s01", WithTeachers(teachers))!;

        Assert.Equal((teachers, books, books), (sample.Teachers, sample.Books, sample.TeacherNumbers.Count));
        Assert.Equal(books, sample.TeacherNumbers.Distinct().Count());
        Assert.All(sample.TeacherNumbers, n => Assert.InRange(n, 1, teachers));
        Assert.Equal(sample.TeacherNumbers.Order(), sample.TeacherNumbers);
    }

    [Fact]
    public void TheSameSeedDrawsTheSameTeachersEveryTime()
    {
        var sample = RecordBookSampling.Draw("yz-2019", "s01", 99, 20);

        // Literal, computed by an independent Python implementation of SHA-256("yz-2019|s01") → SplitMix64 → partial
        // Fisher–Yates with rejection; a change of algorithm must show here.
        Assert.Equal("yz-2019|s01", sample.Seed);
        Assert.Equal(Expected, sample.TeacherNumbers);
        Assert.Equal(Expected, RecordBookSampling.Draw("yz-2019", "s01", 99, 20).TeacherNumbers);
    }

    private static readonly int[] Expected = [2, 8, 15, 16, 19, 21, 22, 40, 44, 49, 59, 64, 67, 75, 77, 81, 87, 91, 98, 99];

    [Fact]
    public void AnotherSchoolOrAnOfficeSeedDrawsOtherTeachers()
    {
        var plain = RecordBookSampling.Draw("yz-2019", "s01", 150, 30);
        var otherSchool = RecordBookSampling.Draw("yz-2019", "s02", 150, 30);
        var officeSeed = RecordBookSampling.Draw("yz-2019", "s01", 150, 30, "2019-05-28 会议抽签");

        Assert.Equal("yz-2019|s01|2019-05-28 会议抽签", officeSeed.Seed);
        Assert.NotEqual(plain.TeacherNumbers, otherSchool.TeacherNumbers);
        Assert.NotEqual(plain.TeacherNumbers, officeSeed.TeacherNumbers);
        Assert.Equal(officeSeed.TeacherNumbers, RecordBookSampling.Draw("yz-2019", "s01", 150, 30, " 2019-05-28 会议抽签 ").TeacherNumbers);
    }

    [Fact]
    public void FewerTeachersThanBooksMeansEveryBookIsChecked()
    {
        var sample = RecordBookSampling.Draw("yz-2019", "s01", WithTeachers(12))!;

        Assert.Equal(20, sample.Books);
        Assert.Equal(Enumerable.Range(1, 12), sample.TeacherNumbers);
    }

    [Fact]
    public void WithoutATeacherCountThereIsNoDraw() =>
        Assert.Null(RecordBookSampling.Draw("yz-2019", "s01", WithTeachers(null)));
}
