using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Supervision.Api.Tests;

public sealed class CheckTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly Uri CheckUri = new($"/api/campaigns/{ApiFactory.Campaign}/check", UriKind.Relative);
    private static readonly string[][] OneHeading = [["学校"]];
    private static readonly int[][] OneNumber = [[1]];

    [Fact]
    public async Task APeerScoreGridWithThreeMistakesAndALeftOutSchoolGetsExactlyThoseFourIssues()
    {
        // 附件4 of area g1-1 filled in by 大田湾小学, placed at B3 of Sheet1; 人和街小学 is left out.
        object?[][] values =
        [
            ["渝中区教师继续教育过程督查评分表", "", "", "", "", "", "", ""],
            ["填写学校：", "大田湾小学", "", "片区编号：", "g1-1", "日期：", "", ""],
            ["学校", "组织管理10分", "研修计划10分", "制度建设10分", "活动组织30分", "研修效果30分", "亮点特色10分", "总评分"],
            ["大田湾小学", 11, 9, 8.5, 27, 28, 9, 92.5],
            ["红岩小学校", 9, "abc", 9, 26, 27, 8, 79],
            ["大坪小学", 8, 8, 8, 25, 25, 8, 85],
            ["解放小学", 10, 10, 9.5, 28.5, 29, 9.5, 96.5],
            ["", "", "", "", "", "", "", ""],
            ["", "", "", "", "", "", "", ""],
            ["", "", "", "", "", "", "", ""],
        ];
        using var client = factory.CreateClientAs(ApiFactory.SchoolUser);

        var response = await client.PostAsJsonAsync(CheckUri, new { form = "peer-scores", address = "Sheet1!B3:I12", values });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var form = Assert.Single(json.RootElement.GetProperty("forms").EnumerateArray());
        Assert.Equal("peer-scores", form.GetProperty("form").GetString());
        Assert.Equal("Sheet1", form.GetProperty("sheet").GetString());
        Assert.Equal("g1-1", form.GetProperty("subject").GetString());
        Assert.Equal("s01", form.GetProperty("author").GetString());
        var issues = form.GetProperty("issues").EnumerateArray()
            .Select(i => (
                i.GetProperty("severity").GetString(),
                i.GetProperty("code").GetString(),
                i.GetProperty("sheet").GetString(),
                i.GetProperty("cell").GetString()))
            .ToList();
        Assert.Equal(
            [
                ("error", "score.out-of-range", "Sheet1", "C6"),
                ("error", "score.not-a-number", "Sheet1", "D7"),
                ("warning", "total.mismatch", "Sheet1", "I8"),
                ("error", "row.missing-school", "Sheet1", "B10"),
            ],
            issues);
        Assert.Contains("人和街小学", form.GetProperty("issues")[3].GetProperty("message").GetString(), StringComparison.Ordinal);
        var summary = form.GetProperty("summary");
        Assert.Equal(3, summary.GetProperty("errors").GetInt32());
        Assert.Equal(1, summary.GetProperty("warnings").GetInt32());
        Assert.False(summary.GetProperty("complete").GetBoolean());
    }

    [Fact]
    public async Task WithoutAFormTheGridIsRecognisedByItsHeadingsAndTheSheetComesFromTheAddress()
    {
        object?[][] values =
        [
            ["填写学校：", "大田湾小学", "片区编号：", "g1-1"],
            ["学校", "组织管理10分", "研修计划10分", "制度建设10分", "活动组织30分", "研修效果30分", "亮点特色10分", "总评分"],
            ["大田湾小学", 10, 10, 10, 30, 30, 10, 100],
            ["红岩小学校", 10, 10, 10, 30, 30, 10, 100],
            ["大坪小学", 10, 10, 10, 30, 30, 10, 100],
            ["解放小学", 10, 10, 10, 30, 30, 10, 100],
            ["人和街小学", 10, 10, 10, 30, 30, 10, 100],
        ];
        using var client = factory.CreateClientAs(ApiFactory.SchoolUser);

        var response = await client.PostAsJsonAsync(CheckUri, new { address = "'评分 表'!A1:H7", values });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var form = Assert.Single(json.RootElement.GetProperty("forms").EnumerateArray());
        Assert.Equal("peer-scores", form.GetProperty("form").GetString());
        Assert.Equal("评分 表", form.GetProperty("sheet").GetString());
        Assert.Equal(0, form.GetProperty("issues").GetArrayLength());
        Assert.True(form.GetProperty("summary").GetProperty("complete").GetBoolean());
    }

    [Fact]
    public async Task MalformedJsonIsA400ProblemSayingWhereItBreaks()
    {
        using var client = factory.CreateClientAs(ApiFactory.SchoolUser);
        using var body = new StringContent("{\n  \"address\": \"A1\",\n  \"values\": [[1,, 2]]\n}", Encoding.UTF8, "application/json");

        var response = await client.PostAsync(CheckUri, body);

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Equal("application/problem+json", problem.ContentType);
        Assert.Equal("请求有误", problem.Title);
        Assert.StartsWith("请求正文不是有效的 JSON：第 3 行第 17 个字节处有误", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownFormSlugIsA400ProblemListingTheKnownOnes()
    {
        using var client = factory.CreateClientAs(ApiFactory.SchoolUser);

        var response = await client.PostAsJsonAsync(CheckUri, new { form = "peer-score", address = "A1", values = OneHeading });

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Equal(
            "“form”的值“peer-score”不是已知的表格类型，应为 evaluation、schedule、self-check、peer-scores、records 之一，或省略（按表头识别）。",
            problem.Detail);
    }

    [Theory]
    [InlineData("[1, 2]", "请求正文应为 JSON 对象 {form, sheet, address, values, metadata}，实际是数组。")]
    [InlineData("""{"values": [[1]]}""", "缺少“address”：区域左上角的地址，如 \"A1\" 或 \"Sheet1!B3:I12\"。")]
    [InlineData("""{"address": "Sheet1!", "values": [[1]]}""",
        "“address”的值“Sheet1!”不是有效的单元格或区域地址，应如 \"A1\"、\"B3:I12\"、\"Sheet1!B3:I12\" 或 \"'My sheet'!B3:I12\"。")]
    [InlineData("""{"address": "A1"}""", "缺少“values”：单元格值的二维数组（每行一个数组），即 Excel 的 range.values。")]
    [InlineData("""{"address": "A1", "values": "学校"}""", "“values”应为数组的数组（每行一个数组），实际是字符串。")]
    [InlineData("""{"address": "A1", "values": [[1], 2]}""", "“values[1]”应为数组（一行单元格），实际是数字。")]
    [InlineData("""{"address": "A1", "values": [[1, {"v": 2}]]}""", "“values[0][1]”应为字符串、数字、布尔值或 null，实际是对象。")]
    [InlineData("""{"address": "A1", "values": [[1, [2]]]}""", "“values[0][1]”应为字符串、数字、布尔值或 null，实际是数组。")]
    [InlineData("""{"address": "A1", "values": [[1]], "sheet": 3}""", "“sheet”应为字符串，实际是数字。")]
    [InlineData("""{"address": "A1", "values": [[1]], "metadata": {"campaign": 2019}}""", "“metadata.campaign”应为字符串，实际是数字。")]
    [InlineData("", "请求正文为空，应为 JSON 对象 {form, sheet, address, values, metadata}。")]
    [InlineData("""{"address": "A1", "values": [["\ud800"]]}""", "“values[0][0]”含有无效的 Unicode 转义（如不成对的 \\uD800）。")]
    public async Task EachMalformedRequestIsA400ProblemNamingTheMistake(string body, string detail)
    {
        using var client = factory.CreateClientAs(ApiFactory.SchoolUser);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        var response = await client.PostAsync(CheckUri, content);

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Equal(detail, problem.Detail);
    }

    [Fact]
    public async Task ABodyThatIsNotUtf8IsA400Problem()
    {
        using var client = factory.CreateClientAs(ApiFactory.SchoolUser);
        byte[] body = [.. Encoding.UTF8.GetBytes("""{"address": "A1", "values": [["""), 0x22, 0xFF, 0x22, .. Encoding.UTF8.GetBytes("]]}")];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");

        var response = await client.PostAsync(CheckUri, content);

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Equal("请求正文不是有效的 UTF-8 文本，JSON 须以 UTF-8 编码发送。", problem.Detail);
    }

    [Theory]
    [InlineData(1001, 1, "区域过大：“values”有 1001 行，最多 1000 行。")]
    [InlineData(2, 101, "区域过大：“values[0]”有 101 列，最多 100 列。")]
    public async Task AGridLargerThan1000RowsBy100ColumnsIsA400Problem(int rows, int columns, string detail)
    {
        var values = Enumerable.Range(0, rows).Select(_ => Enumerable.Repeat<object?>(1, columns).ToArray()).ToArray();
        using var client = factory.CreateClientAs(ApiFactory.SchoolUser);

        var response = await client.PostAsJsonAsync(CheckUri, new { address = "A1", values });

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Equal(detail, problem.Detail);
    }

    [Fact]
    public async Task AGridOf1000RowsBy100ColumnsIsChecked()
    {
        var values = Enumerable.Range(0, 1000).Select(_ => Enumerable.Repeat<object?>("", 100).ToArray()).ToArray();
        using var client = factory.CreateClientAs(ApiFactory.SchoolUser);

        var response = await client.PostAsJsonAsync(CheckUri, new { address = "A1", values });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var issue = Assert.Single(json.RootElement.GetProperty("forms")[0].GetProperty("issues").EnumerateArray());
        Assert.Equal("form.unrecognised", issue.GetProperty("code").GetString());
        Assert.Equal("A1", issue.GetProperty("cell").GetString());
    }

    [Fact]
    public async Task AContentTypeOtherThanJsonIsA415Problem()
    {
        using var client = factory.CreateClientAs(ApiFactory.SchoolUser);
        using var content = new StringContent("""{"address": "A1", "values": [[1]]}""", Encoding.UTF8, "text/plain");

        var response = await client.PostAsync(CheckUri, content);

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, problem.Status);
        Assert.Equal("不支持的内容类型", problem.Title);
        Assert.Equal("此接口接受 application/json 格式的表格数据，或以 multipart/form-data（字段 file）、application/vnd.openxmlformats-officedocument.spreadsheetml.sheet 上传的 .xlsx 文件，收到的是“text/plain; charset=utf-8”。", problem.Detail);
    }

    [Fact]
    public async Task ABodyWithoutAContentTypeIsA415Problem()
    {
        using var client = factory.CreateClientAs(ApiFactory.SchoolUser);
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"address": "A1", "values": [[1]]}"""));

        var response = await client.PostAsync(CheckUri, content);

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, problem.Status);
        Assert.Equal("此接口接受 application/json 格式的表格数据，或以 multipart/form-data（字段 file）、application/vnd.openxmlformats-officedocument.spreadsheetml.sheet 上传的 .xlsx 文件，请求未指定内容类型。", problem.Detail);
    }

    [Fact]
    public async Task CheckingAgainstAnUnknownCampaignIsA404Problem()
    {
        using var client = factory.CreateClientAs(ApiFactory.SchoolUser);

        var response = await client.PostAsJsonAsync(new Uri("/api/campaigns/nowhere-2020/check", UriKind.Relative), new { address = "A1", values = OneNumber });

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.NotFound, problem.Status);
        Assert.Equal("督查活动“nowhere-2020”不存在。", problem.Detail);
    }
}
