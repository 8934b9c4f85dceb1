using ClosedXML.Excel;
using Microsoft.Playwright;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Forms;
using Supervision.Workbooks.Templates;
using static Supervision.EndToEnd.Tests.Browser.TaskpaneSteps;

namespace Supervision.EndToEnd.Tests.Browser;

/// <summary>The same page at / for WPS and browser users: no Office host.</summary>
[Collection(BrowserGroup.Name)]
public sealed class BrowserPageTests(BrowserFixture fx)
{
    private static readonly Campaign Seed = YuzhongCampaign.Create();

    /// <summary>A 附件4 of area g1-1 filled by 大田湾小学 in "WPS": every score 8, except (when bad) 研修计划 of 红岩小学校 (C5) = 12.</summary>
    private static string FilledPeerWorkbook(bool bad = true)
    {
        var area = Seed.FindArea("g1-1")!;
        var template = new TemplateWriter(Seed).PeerScores(area, Seed.FindSchool("s01"));
        using var workbook = new XLWorkbook(new MemoryStream(template));
        var sheet = workbook.Worksheets.First(w => w.Name != "_supervision");
        foreach (var (cell, _) in FormLayouts.PeerScores(Seed, area).ScoreCells())
        {
            sheet.Cell(cell.Row, cell.Column).Value = 8;
        }

        if (bad)
        {
            sheet.Cell("C5").Value = 12;
        }

        var path = Path.Combine(Path.GetTempPath(), $"附件4-{Guid.NewGuid():N}.xlsx");
        workbook.SaveAs(path, new SaveOptions { EvaluateFormulasBeforeSaving = true });
        return path;
    }

    [Fact]
    public async Task WithoutOfficeThePageUploadsAFileAndListsItsIssuesByCell()
    {
        await using var s = await fx.OpenAsync(excelSeed: null, width: 1024, height: 800);
        await SignInAsync(s, SchoolUser);
        await Assertions.Expect(s.Page.Locator("#host-status")).ToContainTextAsync("网页版");
        await Assertions.Expect(s.Page.GetByRole(AriaRole.Tab)).ToHaveTextAsync(["下载模板", "上传检查"]);
        await s.ScreenshotAsync("browser-1-templates");
        await s.AssertAccessibleAsync("browser templates");

        // Template download
        await ChooseFormAsync(s, "附件4 过程督查评分表");
        var download = await s.Page.RunAndWaitForDownloadAsync(() => s.Page.Locator("#download-template").ClickAsync());
        Assert.Equal("附件4 评分表 g1-1 大田湾小学.xlsx", download.SuggestedFilename);

        // Upload a filled file with one bad score
        await OpenTabAsync(s, "上传检查");
        var file = FilledPeerWorkbook();
        try
        {
            // Dropped on the zone, as a user drags a file from the desktop.
            await s.Page.Locator("#drop-zone").EvaluateAsync("""
                (zone, [name, base64]) => {
                  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
                  const data = new DataTransfer();
                  data.items.add(new File([bytes], name, { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
                  zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: data, bubbles: true, cancelable: true }));
                  zone.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
                }
                """, new object[] { "附件4 评分表 g1-1 大田湾小学.xlsx", Convert.ToBase64String(await File.ReadAllBytesAsync(file)) });
            await Assertions.Expect(s.Page.Locator("#panel-upload .file-line")).ToContainTextAsync("附件4 评分表 g1-1 大田湾小学.xlsx");
            var result = s.Page.Locator("#upload-result");
            await Assertions.Expect(result.Locator(".result--error strong")).ToHaveTextAsync("发现 1 处错误");
            await Assertions.Expect(result.Locator(".issue--static .issue__cell")).ToHaveTextAsync("C5");
            await Assertions.Expect(result.Locator(".issue--static .issue__message")).ToContainTextAsync("研修计划");
            await Assertions.Expect(result.Locator("button.issue")).ToHaveCountAsync(0);
            await Assertions.Expect(s.Page.Locator("#submit-file")).ToBeHiddenAsync();
            await s.ScreenshotAsync("browser-2-upload-issues");
            await s.AssertAccessibleAsync("browser upload issues");
            await s.Page.SetViewportSizeAsync(320, 800);
            await s.ScreenshotAsync("browser-3-upload-issues-320px");
        }
        finally
        {
            File.Delete(file);
        }

        // The corrected file, chosen with the button: clean, and it can be submitted.
        var corrected = FilledPeerWorkbook(bad: false);
        try
        {
            await s.Page.Locator("#panel-upload input[type=file]").SetInputFilesAsync(corrected);
            await Assertions.Expect(s.Page.Locator("#upload-result .result--ok strong")).ToHaveTextAsync("没有发现问题");
            await s.Page.Locator("#submit-file").ClickAsync();
            await Assertions.Expect(s.Page.Locator("#upload-submit-result .receipt strong")).ToHaveTextAsync("评分表 g1-1");
            await s.AssertAccessibleAsync("browser submitted");
        }
        finally
        {
            File.Delete(corrected);
        }

        s.AssertClean();
    }

    [Fact]
    public async Task TheRealOfficeJsOutsideOfficeSaysSoAndThePageStaysUsable()
    {
        await using var s = await fx.OpenAsync(excelSeed: null, realOfficeJs: true);
        await SignInAsync(s, SchoolUser);
        await Assertions.Expect(s.Page.Locator("#host-status")).ToContainTextAsync("未在 Office 中运行");
        Assert.True(await s.EvalAsync<bool>("() => typeof Office !== 'undefined' && typeof Excel === 'undefined'"));
        await Assertions.Expect(s.Page.GetByRole(AriaRole.Tab)).ToHaveTextAsync(["下载模板", "上传检查"]);
        await OpenTabAsync(s, "上传检查");
        await Assertions.Expect(s.Page.Locator("#choose-file")).ToBeEnabledAsync();
        await s.ScreenshotAsync("real-office-js-outside-office");
        await s.AssertAccessibleAsync("real office.js outside Office");
        s.AssertClean();
    }

    [Fact]
    public async Task WithoutOfficeTheOfficeSeesTheBoardAndTheResultsChart()
    {
        await ServerData.SubmitAsync(fx.BaseUrl, "chenyulan@yuzhong.example", ServerData.FilledEvaluation("s23", "chenyulan@yuzhong.example", 0));
        await using var s = await fx.OpenAsync(excelSeed: null, width: 1024, height: 900);
        await SignInAsync(s, OfficeUser);
        await Assertions.Expect(s.Page.GetByRole(AriaRole.Tab)).ToHaveTextAsync(["下载模板", "上传检查", "进度"]);
        await OpenTabAsync(s, "进度");
        await Assertions.Expect(s.Page.Locator("#board .area-card")).Not.ToHaveCountAsync(0);
        var chart = s.Page.Locator("#results svg.chart");
        await Assertions.Expect(chart).ToBeVisibleAsync();
        Assert.Contains("分", await chart.GetAttributeAsync("aria-label"), StringComparison.Ordinal);
        await Assertions.Expect(s.Page.Locator("#insert-results")).ToHaveCountAsync(0);
        await s.ScreenshotAsync("browser-4-office-board-results");
        await s.AssertAccessibleAsync("browser office board");
        await s.Page.Locator("#consolidate").ClickAsync();
        await Assertions.Expect(s.Page.Locator("#results-status")).ToContainTextAsync("已汇总 64 所学校", new() { Timeout = 30_000 });
        var download = await s.Page.RunAndWaitForDownloadAsync(() => s.Page.Locator("#open-district").ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        s.AssertClean();
    }
}
