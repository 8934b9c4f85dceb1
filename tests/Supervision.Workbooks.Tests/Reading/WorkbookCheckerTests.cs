using ClosedXML.Excel;
using Supervision.Domain.Forms;
using Supervision.Domain.Rules;
using Supervision.Workbooks.Reading;
using Xunit.Abstractions;
using static Supervision.Workbooks.Tests.Reading.TestUploads;

namespace Supervision.Workbooks.Tests.Reading;

public class WorkbookCheckerTests
{
    /// <summary>Two 附件4 (areas g1-1 by 大田湾小学 s01, g1-2 by 鹅岭小学 s07), an unrelated sheet between them, metadata for both.</summary>
    private static XLWorkbook TwoPeerSheets()
    {
        var workbook = new XLWorkbook();
        AddPeerSheet(workbook, "评分表-会议室", "g1-1", "s01");
        workbook.AddWorksheet("说明").Cell("A1").SetValue("请各校于5月28日前填写。");
        AddPeerSheet(workbook, "评分表-4-1", "g1-2", "s07");
        MetadataSheet.Write(workbook, [("评分表-会议室", PeerMetadata("g1-1", "s01")), ("评分表-4-1", PeerMetadata("g1-2", "s07"))]);
        return workbook;
    }

    private static (FormKind?, string, string?, string?, int, bool) Summary(FormReading r) =>
        (r.Form, r.Sheet, r.Subject, r.Author, r.Issues.Count, r.Summary.Complete);

    [Fact]
    public void TwoPeerSheetsForDifferentAreasAndAnUnrelatedSheetGiveTwoCompleteReadings()
    {
        using var workbook = TwoPeerSheets();
        var check = WorkbookChecker.Check(Save(workbook), Seed);

        Assert.Null(check.Refusal);
        Assert.Equal(
            [(FormKind.PeerScores, "评分表-会议室", "g1-1", "s01", 0, true), (FormKind.PeerScores, "评分表-4-1", "g1-2", "s07", 0, true)],
            check.Forms.Select(Summary));
        var rows = ((PeerScoreSheet)check.Forms[1].Data!).Rows;
        Assert.Equal([94m, 94m, 94m, 94m, 94m], rows.Select(r => r.TypedTotal));
    }

    [Fact]
    public void SheetsWhoseMetadataSheetWasDeletedAreStillRecognisedByTheirHeadings()
    {
        using var workbook = TwoPeerSheets();
        workbook.Worksheet(MetadataSheet.Name).Delete();
        var check = WorkbookChecker.Check(Save(workbook), Seed);

        Assert.Equal(
            [(FormKind.PeerScores, "评分表-会议室", "g1-1", "s01", 0, true), (FormKind.PeerScores, "评分表-4-1", "g1-2", "s07", 0, true)],
            check.Forms.Select(Summary));
    }

    [Fact]
    public void ASheetMissingFromTheMetadataIsRecognisedByItsHeadingsBesideOneThatIsListed()
    {
        using var workbook = TwoPeerSheets();
        MetadataSheet.Write(workbook, [("评分表-4-1", PeerMetadata("g1-2", "s07"))]);
        var check = WorkbookChecker.Check(Save(workbook), Seed);

        Assert.Equal(["g1-1", "g1-2"], check.Forms.Select(f => f.Subject));
        Assert.All(check.Forms, f => Assert.Empty(f.Issues));
    }

    [Fact]
    public void AFormOfAnotherCampaignIsRefusedByTheParserWithItsSheetAndCell()
    {
        using var workbook = new XLWorkbook();
        AddPeerSheet(workbook, "评分表", "g1-2", "s07");
        MetadataSheet.Write(workbook, [("评分表", PeerMetadata("g1-2", "s07", campaign: "yuzhong-2017-2018"))]);
        var check = WorkbookChecker.Check(Save(workbook), Seed);

        var reading = Assert.Single(check.Forms);
        var issue = Assert.Single(reading.Issues);
        Assert.Equal((Severity.Error, IssueCodes.FormOtherCampaign, "评分表", "A1"), (issue.Severity, issue.Code, issue.Sheet, issue.Cell));
        Assert.Contains("yuzhong-2017-2018", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSheetFilterReadsOnlyTheNamedSheetIgnoringCase()
    {
        using var workbook = TwoPeerSheets();
        workbook.Worksheet("评分表-4-1").Name = "Peer g1-2";
        MetadataSheet.Write(workbook, [("评分表-会议室", PeerMetadata("g1-1", "s01")), ("Peer g1-2", PeerMetadata("g1-2", "s07"))]);
        var check = WorkbookChecker.Check(Save(workbook), Seed, sheet: "peer G1-2");

        Assert.Equal([("Peer g1-2", "g1-2")], check.Forms.Select(f => (f.Sheet, f.Subject)));
    }

    [Fact]
    public void AnUnknownSheetNameIsRefusedAsSheetNotFoundListingTheVisibleSheets()
    {
        using var workbook = TwoPeerSheets();
        var refusal = WorkbookChecker.Check(Save(workbook), Seed, sheet: "评分表").Refusal!;

        Assert.Equal(UploadCodes.SheetNotFound, refusal.Code);
        Assert.Equal("工作簿中没有名为“评分表”的可见工作表。工作簿中的工作表：“评分表-会议室”、“说明”、“评分表-4-1”。", refusal.Message);
    }

    [Fact]
    public void TheHiddenMetadataSheetCannotBeChosenByName()
    {
        using var workbook = TwoPeerSheets();
        Assert.Equal(UploadCodes.SheetNotFound, WorkbookChecker.Check(Save(workbook), Seed, sheet: MetadataSheet.Name).Refusal!.Code);
    }

    [Fact]
    public void AWorkbookWithoutAnyFormGivesOneUnrecognisedReadingForItsFirstSheet()
    {
        using var workbook = new XLWorkbook();
        workbook.AddWorksheet("名单").Cell("A1").SetValue("姓名");
        workbook.AddWorksheet("备注").Cell("A1").SetValue("无");
        var reading = Assert.Single(WorkbookChecker.Check(Save(workbook), Seed).Forms);

        var issue = Assert.Single(reading.Issues);
        Assert.Equal((IssueCodes.FormUnrecognised, "名单", "A1"), (issue.Code, issue.Sheet, issue.Cell));
    }

    [Fact]
    public void AnExternalLinkIsAWarningOnEveryFormOfTheWorkbook()
    {
        using var workbook = TwoPeerSheets();
        var check = WorkbookChecker.Check(UploadPreflightTests.WithExternalLink(Save(workbook)), Seed);

        Assert.Null(check.Refusal);
        Assert.Equal(2, check.Forms.Count);
        Assert.All(check.Forms, form =>
        {
            var warning = Assert.Single(form.Issues);
            Assert.Equal((Severity.Warning, UploadCodes.ExternalLink, form.Sheet), (warning.Severity, warning.Code, warning.Sheet));
            Assert.Equal((0, 1, true), (form.Summary.Errors, form.Summary.Warnings, form.Summary.Complete));
        });
    }

    [Fact]
    public void AWorkbookThatPassesThePreflightButBreaksClosedXmlIsRefusedAsCorrupt()
    {
        // Well-formed XML, sizes and types all in order, but the sheet points to a relationship that does not exist.
        var upload = Rebuild(ValidPeerWorkbook(), e => e.SetText("xl/workbook.xml", e.Text("xl/workbook.xml")
            .Replace("r:id=\"", "r:id=\"missing", StringComparison.Ordinal)));
        Assert.Null(UploadPreflight.Check(upload).Refusal);

        var refusal = WorkbookChecker.Check(upload, Seed).Refusal!;
        Assert.Equal(UploadCodes.Corrupt, refusal.Code);
        Assert.Contains("工作簿的内部结构无法解析", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFormulaInTheMetadataSheetMakesItUntrustedAndTheFormsAreRecognisedByHeadings()
    {
        using var workbook = TwoPeerSheets();
        // Were the metadata read, this campaign would make both forms "of another campaign".
        workbook.Worksheet(MetadataSheet.Name).Cell("B2").FormulaA1 = "\"yuzhong-\"&\"2017-2018\"";
        var check = WorkbookChecker.Check(Save(workbook), Seed);

        Assert.Equal([("g1-1", 0), ("g1-2", 0)], check.Forms.Select(f => (f.Subject, f.Issues.Count)));
    }
}

[Collection(nameof(MeasuredUploads))]
public class WorkbookCheckerTimingTests(ITestOutputHelper output)
{
    [Fact]
    public void ASmallValidWorkbookIsCheckedWellWithinASecond()
    {
        var upload = ValidPeerWorkbook();
        Measurement.WarmUp();
        var runs = Enumerable.Range(0, 5).Select(_ => Measurement.Run(() => WorkbookChecker.Check(upload, Seed))).ToList();

        foreach (var (check, elapsed, allocated) in runs)
        {
            output.WriteLine(Measurement.Describe("small valid workbook (one 附件4 + metadata)", elapsed, allocated, upload.Length,
                $"{check.Forms.Count} reading(s), {check.Forms.Sum(f => f.Issues.Count)} issue(s)"));
            Assert.Equal((false, 1, 0), (check.IsRefused, check.Forms.Count, check.Forms[0].Issues.Count));
        }

        var median = runs.Select(r => r.Elapsed).Order().ElementAt(runs.Count / 2);
        output.WriteLine($"median {median.TotalMilliseconds:F1} ms");
        Assert.True(median < TimeSpan.FromSeconds(1), $"median {median.TotalMilliseconds:F0} ms");
    }
}
