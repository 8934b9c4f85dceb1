using Microsoft.Playwright;

namespace Supervision.EndToEnd.Tests.Browser;

/// <summary>What a user does in the pane, as steps the tests share.</summary>
public static class TaskpaneSteps
{
    public const string Campaign = "yuzhong-2018-2019";
    public const string SchoolUser = "s01@yuzhong.example";
    public const string OfficeUser = "zhengtao@yuzhong.example";
    public const string PeerSheet = "评分表 g1-1";

    /// <summary>A fake workbook with one empty sheet and the given ExcelApi version.</summary>
    public static object Excel(string apiVersion) => new { apiVersion, sheets = new Dictionary<string, object[][]> { ["Sheet1"] = [] }, active = "Sheet1" };

    public static async Task SignInAsync(PageSession s, string upn, string? screenshot = null)
    {
        await s.GotoAsync();
        await Assertions.Expect(s.Page.GetByLabel("账号")).ToBeVisibleAsync();
        if (screenshot is not null)
        {
            await s.ScreenshotAsync(screenshot);
            await s.AssertAccessibleAsync("sign-in picker");
        }

        await s.Page.GetByLabel("账号").SelectOptionAsync(upn);
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(s.Page.Locator("#user-card")).ToBeVisibleAsync();
    }

    public static Task OpenTabAsync(PageSession s, string name) => s.Page.GetByRole(AriaRole.Tab, new() { Name = name }).ClickAsync();

    /// <summary>Chooses a form and subject in "填写表格" and clicks the insert button (or download outside Excel).</summary>
    public static async Task ChooseFormAsync(PageSession s, string formLabel, string? subjectLabel = null)
    {
        await OpenTabAsync(s, s.Mode == OfficeMode.Fake ? "填写表格" : "下载模板");
        await s.Page.GetByLabel("表格", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = formLabel });
        if (subjectLabel is not null)
        {
            await s.Page.GetByLabel("对象", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = subjectLabel });
        }
    }

    public static async Task InsertFormAsync(PageSession s, string formLabel, string? subjectLabel = null)
    {
        await ChooseFormAsync(s, formLabel, subjectLabel);
        await s.Page.Locator("#insert-form").ClickAsync();
    }

    /// <summary>Types scores into the 附件4 of area g1-1 (rows 4–8, columns B–G), as a user would, then changes some cells.</summary>
    public static async Task TypePeerScoresAsync(PageSession s, string sheet, IDictionary<string, object>? changes = null)
    {
        string[] columns = ["B", "C", "D", "E", "F", "G"];
        double[] values = [8, 8.5, 9, 25, 26, 8];
        for (var row = 4; row <= 8; row++)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                await TypeAsync(s, sheet, $"{columns[c]}{row}", values[c]);
            }
        }

        foreach (var (cell, value) in changes ?? new Dictionary<string, object>())
        {
            await TypeAsync(s, sheet, cell, value);
        }
    }

    public static Task TypeAsync(PageSession s, string sheet, string cell, object value) =>
        s.EvalAsync<object>("([sheet, cell, value]) => window.__fakeExcel.type(sheet, cell, value)", new[] { sheet, cell, value });

    public static async Task ValidateAsync(PageSession s)
    {
        await OpenTabAsync(s, "检查与提交");
        await s.Page.Locator("#validate").ClickAsync();
        await Assertions.Expect(s.Page.Locator("#check-result .result")).ToBeVisibleAsync();
        await Assertions.Expect(s.Page.Locator("#validate")).ToBeEnabledAsync();
    }

    /// <summary>The value once it is not null (the pane's Excel calls are asynchronous), within five seconds.</summary>
    public static async Task<T> PollAsync<T>(Func<Task<T?>> read)
    {
        var until = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var value = await read();
            if (value is not null || DateTime.UtcNow > until)
            {
                return value!;
            }

            await Task.Delay(100);
        }
    }

    public static Task<T> FakeAsync<T>(PageSession s, string expression, params object[] args) =>
        s.EvalAsync<T>($"(args) => window.__fakeExcel.{expression}", args);
}
