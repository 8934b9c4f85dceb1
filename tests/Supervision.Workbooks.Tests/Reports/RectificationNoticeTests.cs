using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Results;
using Supervision.Workbooks.Reports;
using Word = DocumentFormat.OpenXml.Wordprocessing;

namespace Supervision.Workbooks.Tests.Reports;

public sealed class RectificationNoticeTests
{
    private static readonly Campaign Campaign = ResultsFixture.Seed();
    private static readonly CampaignResults Results = ResultsFixture.Results(Campaign);
    private static readonly DateOnly IssuedOn = new(2019, 6, 3);

    private static (List<string> Paragraphs, List<List<string>> Rows) Read(byte[] bytes)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var body = document.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Elements<Word.Paragraph>().Select(p => p.InnerText).ToList();
        var rows = body.Descendants<Word.TableRow>().Select(r => r.Elements<Word.TableCell>().Select(c => c.InnerText).ToList()).ToList();
        return (paragraphs, rows);
    }

    [Fact]
    public void EveryFailingSchoolAndNoOtherGetsANotice()
    {
        var notices = new RectificationNoticeWriter(Campaign).WriteAll(Results, IssuedOn);

        Assert.Equal(ResultsFixture.Failing, notices.Select(n => n.SchoolId));
    }

    [Fact]
    public void TheNoticeNamesTheSchoolItsScoresAgainstTheMaximaTheWeakestItemsAndTheDeadline()
    {
        var school = Results.Find("s05")!;
        var (paragraphs, rows) = Read(new RectificationNoticeWriter(Campaign).Write(school, IssuedOn));

        Assert.Equal("整改通知", paragraphs[0]);
        Assert.Equal($"{school.School}：", paragraphs[2]);
        Assert.Contains($"最终得分为 {school.Final!.Value:0.00} 分，评定等级为“不合格”", paragraphs[3], StringComparison.Ordinal);

        Assert.Equal(["项目", "满分", "督查组得分", "得分率"], rows[0]);
        var categories = school.Inspector!.Categories;
        Assert.Equal(categories.Count + 3, rows.Count);
        for (var i = 0; i < categories.Count; i++)
        {
            Assert.Equal(categories[i].Name, rows[i + 1][0]);
            Assert.Equal(categories[i].Max.ToString(System.Globalization.CultureInfo.InvariantCulture), rows[i + 1][1]);
            Assert.Equal(categories[i].Score!.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), rows[i + 1][2]);
        }

        Assert.Equal(["督查组总分", "100", $"{school.Inspector.Total!.Value:0.00}"], rows[^2].Take(3));
        Assert.Equal(["最终得分", "100", $"{school.Final.Value:0.00}"], rows[^1].Take(3));

        var weakest = WeakestItems.Of(Campaign, school);
        Assert.Equal(3, weakest.Count);
        for (var i = 0; i < weakest.Count; i++)
        {
            var line = paragraphs.Single(p => p.StartsWith($"{i + 1}. 第{weakest[i].Item.Number}项（", StringComparison.Ordinal));
            Assert.Contains(weakest[i].Content, line, StringComparison.Ordinal);
        }

        // Default deadline: 30 days after the issue date.
        Assert.Contains(paragraphs, p => p.Contains("于 2019年7月3日 前将书面整改报告", StringComparison.Ordinal));
        Assert.Contains(Campaign.Organiser, paragraphs);
        Assert.Contains("2019年6月3日", paragraphs);
    }

    [Fact]
    public void AGivenAnswerDateReplacesTheDefault()
    {
        var (paragraphs, _) = Read(new RectificationNoticeWriter(Campaign).Write(Results.Find("s20")!, IssuedOn, new DateOnly(2019, 6, 21)));

        Assert.Contains(paragraphs, p => p.Contains("于 2019年6月21日 前", StringComparison.Ordinal));
        Assert.DoesNotContain(paragraphs, p => p.Contains("2019年7月3日", StringComparison.Ordinal));
    }

    [Fact]
    public void WeakestItemsAreTheLowestScoreAgainstWeightInRubricOrderOnTies()
    {
        var weakest = WeakestItems.Of(Campaign, Results.Find("s05")!);
        var rates = weakest.Select(w => w.Rate).ToList();

        Assert.Equal(rates.Order(), rates);
        var all = Results.Find("s05")!.Inspector!.Items.Where(i => i.Score is not null).Select(i => i.Score!.Value / i.Weight).Min();
        Assert.Equal(all, rates[0]);
    }

    [Fact]
    public void OpenXmlValidatorFindsNoErrorInANotice()
    {
        var bytes = new RectificationNoticeWriter(Campaign).Write(Results.Find("s41")!, IssuedOn);
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2016).Validate(document)
            .Select(e => $"{e.Description} at {e.Path?.XPath}").ToList();

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
