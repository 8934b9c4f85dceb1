using Microsoft.Playwright;
using static Supervision.EndToEnd.Tests.Browser.TaskpaneSteps;

namespace Supervision.EndToEnd.Tests.Browser;

/// <summary>The task pane in Chromium with the fake Excel, against the real backend.</summary>
[Collection(BrowserGroup.Name)]
public sealed class TaskpaneTests(BrowserFixture fx)
{
    [Fact]
    public async Task TheFakeExcelThrowsWhenAPropertyIsReadBeforeLoadAndSync()
    {
        await using var s = await fx.OpenAsync(new { apiVersion = "1.13", sheets = new Dictionary<string, object[][]> { ["Sheet1"] = [["a", 1]] } });
        await s.GotoAsync();
        var outcome = await s.EvalAsync<string[]>("""
            async () => {
              const attempt = async (fn) => { try { return "ok " + JSON.stringify(await Excel.run(fn)); } catch (e) { return e.code; } };
              return [
                await attempt(async (ctx) => ctx.workbook.worksheets.getActiveWorksheet().getRange("A1:B1").values),
                await attempt(async (ctx) => { const r = ctx.workbook.worksheets.getActiveWorksheet().getRange("A1:B1").load("values"); return r.values; }),
                await attempt(async (ctx) => { const r = ctx.workbook.worksheets.getActiveWorksheet().getRange("A1:B1").load("values"); await ctx.sync(); return r.address; }),
                await attempt(async (ctx) => { const r = ctx.workbook.worksheets.getActiveWorksheet().getRange("A1:B1").load("values"); await ctx.sync(); return r.values; }),
                await attempt(async (ctx) => { const w = ctx.workbook.worksheets.load("items/name"); return w.items.length; }),
              ];
            }
            """);
        Assert.Equal(["PropertyNotLoaded", "PropertyNotLoaded", "PropertyNotLoaded", """ok [["a",1]]""", "PropertyNotLoaded"], outcome);
        s.AssertClean();
    }

    [Theory]
    [InlineData("1.13")]
    [InlineData("1.1")]
    public async Task ASchoolInsertsItsPeerScoresFixesTheBadScoreAndSubmits(string apiVersion)
    {
        var tag = "v" + apiVersion.Replace('.', '_');
        await using var s = await fx.OpenAsync(Excel(apiVersion));
        await SignInAsync(s, SchoolUser, screenshot: $"{tag}-0-sign-in");
        await Assertions.Expect(s.Page.Locator("#user-name")).ToHaveTextAsync("大田湾小学管理员");
        await Assertions.Expect(s.Page.Locator("#user-role")).ToHaveTextAsync("学校 · 大田湾小学");
        await Assertions.Expect(s.Page.Locator("#user-campaign")).ToHaveTextAsync("2018—2019学年教师继续教育过程督查");
        await s.ScreenshotAsync($"{tag}-1-signed-in");
        await s.AssertAccessibleAsync("signed in");

        await InsertFormAsync(s, "附件4 过程督查评分表");
        await Assertions.Expect(s.Page.Locator("#panel-forms .status--success")).ToContainTextAsync($"已插入工作表“{PeerSheet}”");
        Assert.Equal(["Sheet1", PeerSheet, "_supervision"], await FakeAsync<string[]>(s, "sheetNames()"));
        Assert.Equal(["Sheet1", PeerSheet], await FakeAsync<string[]>(s, "visibleSheetNames()"));
        Assert.Equal("大田湾小学", await FakeAsync<string>(s, "value(args[0], args[1])", PeerSheet, "A4"));
        Assert.Equal("渝中区教师继续教育过程督查评分表", await FakeAsync<string>(s, "value(args[0], args[1])", PeerSheet, "A1"));
        Assert.Equal("", await FakeAsync<string>(s, "value(args[0], args[1])", PeerSheet, "B1"));
        Assert.Equal("=SUM(B4:G4)", await FakeAsync<string>(s, "formula(args[0], args[1])", PeerSheet, "H4"));
        Assert.Equal("peer-scores", await FakeAsync<string>(s, "value('_supervision', 'C2')"));
        var log = string.Join("\n", await FakeAsync<string[]>(s, "log"));
        if (apiVersion == "1.13")
        {
            Assert.Contains($"insertWorksheetsFromBase64 {PeerSheet}", log, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain("insertWorksheetsFromBase64", log, StringComparison.Ordinal);
            Assert.Contains($"add {PeerSheet}", log, StringComparison.Ordinal);
            Assert.Empty(await FakeAsync<object[]>(s, "validations(args[0])", PeerSheet));
            Assert.Empty(await FakeAsync<object[]>(s, "merges(args[0])", PeerSheet));
        }

        await s.ScreenshotAsync($"{tag}-2-inserted");
        await s.AssertAccessibleAsync("inserted");

        // Type the scores with one out of range: C5 (研修计划, max 10) = 12.
        await TypePeerScoresAsync(s, PeerSheet, new Dictionary<string, object> { ["C5"] = 12 });
        await ValidateAsync(s);
        var result = s.Page.Locator("#check-result");
        await Assertions.Expect(result.Locator(".result--error strong")).ToHaveTextAsync("发现 1 处错误");
        await Assertions.Expect(result.Locator("button.issue")).ToHaveCountAsync(1);
        await Assertions.Expect(result.Locator("button.issue .issue__cell")).ToHaveTextAsync("C5");
        await Assertions.Expect(result.Locator(".issue-group h3")).ToHaveTextAsync($"{PeerSheet} · 红岩小学校");
        Assert.Equal(["C5"], await RedCellsAsync(s, PeerSheet));
        await s.ScreenshotAsync($"{tag}-3-issue-listed");
        await s.WorkbookScreenshotAsync(PeerSheet, $"{tag}-3-workbook-bad-cell");
        await s.AssertAccessibleAsync("issue listed");

        await FakeAsync<object>(s, "activate('Sheet1')");
        await result.Locator("button.issue").ClickAsync();
        Assert.Equal($"{PeerSheet}!C5", await PollAsync(() => s.EvalAsync<string?>("() => { const x = window.__fakeExcel.selection(); return x && (x.sheet + '!' + x.address); }")));

        // Fix it: the next validation is clean and the old colour is gone.
        await TypeAsync(s, PeerSheet, "C5", 8);
        await ValidateAsync(s);
        await Assertions.Expect(result.Locator(".result--ok strong")).ToHaveTextAsync("没有发现问题");
        Assert.Empty(await RedCellsAsync(s, PeerSheet));
        // The cell's own fill comes back: like its neighbour C6 (the filling school's own row 4 has a fill of its own).
        Assert.Equal(await FakeAsync<string?>(s, "fill(args[0], 'C6')", PeerSheet), await FakeAsync<string?>(s, "fill(args[0], 'C5')", PeerSheet));
        await s.ScreenshotAsync($"{tag}-4-clean");
        await s.AssertAccessibleAsync("clean");

        // Submit the whole workbook: the fake's getFileAsync gives a real .xlsx of its sheets.
        await s.Page.Locator("#submit").ClickAsync();
        await Assertions.Expect(s.Page.Locator("#submit-result .receipt")).ToHaveCountAsync(1);
        await Assertions.Expect(s.Page.Locator("#submit-result .receipt strong")).ToHaveTextAsync(PeerSheet);
        await Assertions.Expect(s.Page.Locator("#submit-result .receipt")).ToContainTextAsync("版本 ");
        await Assertions.Expect(s.Page.Locator("#submit-result .receipt")).ToContainTextAsync("提交时间 ");
        Assert.Equal(1, await FakeAsync<int>(s, "fileRequests()"));
        await s.ScreenshotAsync($"{tag}-5-receipt");
        await s.AssertAccessibleAsync("receipt");

        await s.Page.SetViewportSizeAsync(320, 760);
        await s.ScreenshotAsync($"{tag}-6-pane-320px");
        s.AssertClean();
    }

    [Fact]
    public async Task OnExcelApi18TheFormIsWrittenThroughRangesWithMergesAndDataValidation()
    {
        await using var s = await fx.OpenAsync(Excel("1.8"));
        await SignInAsync(s, "s06@yuzhong.example");
        await InsertFormAsync(s, "附件4 过程督查评分表");
        await Assertions.Expect(s.Page.Locator("#panel-forms .status--success")).ToContainTextAsync("已插入工作表“评分表 g1-2”");
        var log = string.Join("\n", await FakeAsync<string[]>(s, "log"));
        Assert.DoesNotContain("insertWorksheetsFromBase64", log, StringComparison.Ordinal);
        Assert.Equal(["A1:H1", "B2:C2", "E2:F2", "A9:H9"], await FakeAsync<string[]>(s, "merges('评分表 g1-2')"));
        var validations = await FakeAsync<Dictionary<string, object>[]>(s, "validations('评分表 g1-2')");
        Assert.Equal(["B4:B8", "C4:C8", "D4:D8", "E4:E8", "F4:F8", "G4:G8"], validations.Select(v => v["range"].ToString()));
        Assert.Contains("\"formula2\":\"30\"", System.Text.Json.JsonSerializer.Serialize(validations[3]["rule"]), StringComparison.Ordinal);
        s.AssertClean();
    }

    private static async Task<string[]> RedCellsAsync(PageSession s, string sheet) =>
        (await FakeAsync<Dictionary<string, string>>(s, "filledCells(args[0])", sheet)).Where(c => c.Value == "#FFC7CE").Select(c => c.Key).Order().ToArray();

    [Fact]
    public async Task AWorkbookWithTwoFormsGivesTwoReceipts()
    {
        await using var s = await fx.OpenAsync(Excel("1.13"));
        await SignInAsync(s, "s02@yuzhong.example");
        await InsertFormAsync(s, "附件4 过程督查评分表");
        await Assertions.Expect(s.Page.Locator("#panel-forms .status--success")).ToBeVisibleAsync();
        await TypePeerScoresAsync(s, PeerSheet);
        await InsertFormAsync(s, "附件1 督查评估表（自评）");
        await Assertions.Expect(s.Page.Locator("#panel-forms .status--success")).ToContainTextAsync("附件1");
        await OpenTabAsync(s, "检查与提交");

        // Only the active sheet (the 附件1 just inserted): one receipt.
        await s.Page.GetByLabel("只提交当前工作表").CheckAsync();
        await s.Page.Locator("#submit").ClickAsync();
        await Assertions.Expect(s.Page.Locator("#submit-result .receipt")).ToHaveCountAsync(1);
        await Assertions.Expect(s.Page.Locator("#submit-result .receipt strong")).ToHaveTextAsync("评估表 红岩小学校");
        Assert.Equal("?sheet=评估表 红岩小学校", s.ApiPosts.Last(p => p.Path.EndsWith("/submissions", StringComparison.Ordinal)).Query);

        // The whole workbook: one receipt per form sheet.
        await s.Page.GetByLabel("整个工作簿（每张表格各为一份）").CheckAsync();
        await s.Page.Locator("#submit").ClickAsync();
        await Assertions.Expect(s.Page.Locator("#submit-result .receipt")).ToHaveCountAsync(2);
        Assert.Equal("", s.ApiPosts.Last(p => p.Path.EndsWith("/submissions", StringComparison.Ordinal)).Query);
        var sheets = await s.Page.Locator("#submit-result .receipt strong").AllTextContentsAsync();
        Assert.Contains(PeerSheet, sheets);
        Assert.Single(sheets, n => n.StartsWith("评估表", StringComparison.Ordinal));
        await Assertions.Expect(s.Page.Locator("#submit-result .badge--warning")).ToHaveCountAsync(1);
        await s.ScreenshotAsync("two-forms-two-receipts");
        s.AssertClean();
    }

    [Fact]
    public async Task StorageUnavailableLeavesTheWorkbookUntouchedAndTheRetrySucceeds()
    {
        await using var s = await fx.OpenAsync(Excel("1.13"));
        await SignInAsync(s, "s03@yuzhong.example");
        await InsertFormAsync(s, "附件4 过程督查评分表");
        await Assertions.Expect(s.Page.Locator("#panel-forms .status--success")).ToBeVisibleAsync();
        var sheet = (await FakeAsync<string[]>(s, "visibleSheetNames()"))[1];
        await TypePeerScoresAsync(s, sheet);
        var before = await FakeAsync<string>(s, "snapshot()");
        await OpenTabAsync(s, "检查与提交");
        var path = $"/api/campaigns/{Campaign}/submissions";
        s.FailOnce[path] = 503;

        await s.Page.Locator("#submit").ClickAsync();
        await Assertions.Expect(s.Page.Locator("#submit-result .receipt")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        var posts = s.ApiPosts.Where(p => p.Path == path).ToList();
        Assert.Equal([503, 0], posts.Select(p => p.Status));
        Assert.NotNull(posts[0].IdempotencyKey);
        Assert.Equal(posts[0].IdempotencyKey, posts[1].IdempotencyKey);
        Assert.Equal(before, await FakeAsync<string>(s, "snapshot()"));
        await Assertions.Expect(s.Page.Locator("#panel-check .status--success")).ToContainTextAsync("已自动重试");
        await s.ScreenshotAsync("storage-unavailable-retried");
        s.AssertClean();
    }

    [Fact]
    public async Task InsertingAFormWhoseSheetExistsAsksFirst()
    {
        await using var s = await fx.OpenAsync(Excel("1.13"));
        await SignInAsync(s, "s04@yuzhong.example");
        await InsertFormAsync(s, "附件3 校本研修自查表");
        await Assertions.Expect(s.Page.Locator("#panel-forms .status--success")).ToBeVisibleAsync();
        var sheet = (await FakeAsync<string[]>(s, "visibleSheetNames()"))[1];
        await TypeAsync(s, sheet, "Z1", "我填的内容");

        await s.Page.Locator("#insert-form").ClickAsync();
        var dialog = s.Page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync($"已有名为“{sheet}”的工作表");
        await s.ScreenshotAsync("sheet-exists-asks");
        await s.AssertAccessibleAsync("asks before overwriting");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
        await Assertions.Expect(s.Page.Locator("#panel-forms .status")).ToContainTextAsync("没有插入");
        Assert.Equal("我填的内容", await FakeAsync<string>(s, "value(args[0], 'Z1')", sheet));
        Assert.Equal(2, (await FakeAsync<string[]>(s, "visibleSheetNames()")).Length);

        await s.Page.Locator("#insert-form").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "另建新表" }).ClickAsync();
        await Assertions.Expect(s.Page.Locator("#panel-forms .status--success")).ToContainTextAsync($"{sheet} (2)");
        Assert.Equal(["Sheet1", sheet, $"{sheet} (2)"], await FakeAsync<string[]>(s, "visibleSheetNames()"));
        Assert.Equal("我填的内容", await FakeAsync<string>(s, "value(args[0], 'Z1')", sheet));
        s.AssertClean();
    }

    [Fact]
    public async Task TheOfficeBoardShowsASchoolsSubmissionAndTheResultsGoIntoASheetWithAChart()
    {
        await using (var school = await fx.OpenAsync(Excel("1.13")))
        {
            await SignInAsync(school, "s05@yuzhong.example");
            await InsertFormAsync(school, "附件4 过程督查评分表");
            await Assertions.Expect(school.Page.Locator("#panel-forms .status--success")).ToBeVisibleAsync();
            await OpenTabAsync(school, "检查与提交");
            await school.Page.Locator("#submit").ClickAsync();
            await Assertions.Expect(school.Page.Locator("#submit-result .receipt")).ToHaveCountAsync(1);
        }

        // An inspector's 附件1 for two schools of area g1-2 gives them final scores (the seed grades with 附件1).
        await ServerData.SubmitAsync(fx.BaseUrl, "pengxiaoqin@yuzhong.example", ServerData.FilledEvaluation("s06", "pengxiaoqin@yuzhong.example", 0));
        await ServerData.SubmitAsync(fx.BaseUrl, "pengxiaoqin@yuzhong.example", ServerData.FilledEvaluation("s07", "pengxiaoqin@yuzhong.example", 1));

        await using var office = await fx.OpenAsync(Excel("1.13"));
        await SignInAsync(office, OfficeUser);
        await Assertions.Expect(office.Page.Locator("#user-role")).ToHaveTextAsync("督查工作办公室");
        await OpenTabAsync(office, "进度");
        var row = office.Page.Locator("#board .school-row").Filter(new() { HasText = "人和街小学" });
        await Assertions.Expect(row.Locator(".chip--in")).ToContainTextAsync("附件4 ✓");
        await Assertions.Expect(row.Locator(".chip--missing")).ToHaveTextAsync(["缺 附件3"]);
        await Assertions.Expect(office.Page.Locator("#board .area-card").First).ToContainTextAsync("片区 g1-1");
        await Assertions.Expect(office.Page.Locator("#results svg.chart")).ToBeVisibleAsync();
        await Assertions.Expect(office.Page.Locator("#results .results-table tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(office.Page.Locator("#board details.area-card[open] .area-card__title")).ToHaveTextAsync(["片区 g1-1", "督查组成员"]);
        await office.ScreenshotAsync("office-board");
        await office.AssertAccessibleAsync("office board");

        await office.Page.Locator("#insert-results").ClickAsync();
        await Assertions.Expect(office.Page.Locator("#results ~ .status--success")).ToContainTextAsync("督查结果");
        var charts = await FakeAsync<Dictionary<string, string>[]>(office, "charts('督查结果')");
        Assert.Single(charts);
        Assert.Equal("ColumnClustered", charts[0]["type"]);
        Assert.Equal("各片区平均最终得分", charts[0]["title"]);
        Assert.Equal("片区", await FakeAsync<string>(office, "value('督查结果', 'M1')"));
        Assert.Equal("g1-2", await FakeAsync<string>(office, "value('督查结果', 'M2')"));
        await office.WorkbookScreenshotAsync("督查结果", "office-results-sheet", rows: 4, columns: 14);

        // 汇总: the district workbook is built and stored, the results go into a new sheet with its chart, and the
        // district workbook opens as a new workbook (ExcelApi 1.8 createWorkbook).
        await office.Page.Locator("#consolidate").ClickAsync();
        await Assertions.Expect(office.Page.Locator("#results-status")).ToContainTextAsync("已汇总 64 所学校", new() { Timeout = 30_000 });
        await Assertions.Expect(office.Page.Locator("#results-status")).ToContainTextAsync("督查结果 (2)");
        Assert.Single(await FakeAsync<object[]>(office, "charts('督查结果 (2)')"));
        await office.ScreenshotAsync("office-consolidated");
        await office.AssertAccessibleAsync("consolidated");
        await office.Page.Locator("#open-district").ClickAsync();
        await Assertions.Expect(office.Page.Locator("#results-status")).ToContainTextAsync("已在新窗口中打开");
        var opened = await FakeAsync<string[]>(office, "createdWorkbooks()");
        Assert.Single(opened);
        Assert.StartsWith("UEsDB", opened[0], StringComparison.Ordinal);
        office.AssertClean();
    }
}
