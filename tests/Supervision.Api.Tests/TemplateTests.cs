using System.Net;
using ClosedXML.Excel;

namespace Supervision.Api.Tests;

public sealed class TemplateTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private async Task<HttpResponseMessage> GetAsync(string upn, string path)
    {
        using var client = factory.CreateClientAs(upn);
        return await client.GetAsync(new Uri($"/api/campaigns/{ApiFactory.Campaign}/templates/{path}", UriKind.Relative));
    }

    [Fact]
    public async Task APeerSheetTemplateComesWithAChineseFileName()
    {
        using var response = await GetAsync(ApiFactory.OfficeUser, "peer-scores?area=g1-1&school=s01");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("附件4 评分表 g1-1 大田湾小学.xlsx", disposition.FileNameStar);
        Assert.All(disposition.FileName!, c => Assert.True(c < 128));
        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        Assert.Contains(workbook.Worksheets, w => w.Name == "_supervision");
    }

    [Theory]
    [InlineData("evaluation", HttpStatusCode.OK)]
    [InlineData("self-check", HttpStatusCode.OK)]
    [InlineData("peer-scores", HttpStatusCode.OK)]
    [InlineData("schedule", HttpStatusCode.OK)]
    [InlineData("records", HttpStatusCode.BadRequest)]
    public async Task ASchoolGetsItsOwnFormsWithoutNamingItself(string form, HttpStatusCode expected)
    {
        using var response = await GetAsync(ApiFactory.SchoolUser, form);
        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("evaluation", HttpStatusCode.BadRequest)]
    [InlineData("evaluation?school=s99", HttpStatusCode.NotFound)]
    [InlineData("peer-scores", HttpStatusCode.BadRequest)]
    [InlineData("peer-scores?area=g9-9", HttpStatusCode.NotFound)]
    [InlineData("peer-scores?area=g1-2&school=s01", HttpStatusCode.BadRequest)]
    [InlineData("records?category=c9", HttpStatusCode.NotFound)]
    [InlineData("records?category=c1&inspector=s01@yuzhong.example", HttpStatusCode.NotFound)]
    [InlineData("records?category=c1&inspector=pengxiaoqin@yuzhong.example", HttpStatusCode.OK)]
    [InlineData("minutes", HttpStatusCode.NotFound)]
    public async Task MissingOrUnknownParametersAreRefused(string path, HttpStatusCode expected)
    {
        using var response = await GetAsync(ApiFactory.OfficeUser, path);
        Assert.Equal(expected, response.StatusCode);
        if (expected != HttpStatusCode.OK)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
    }

    [Fact]
    public async Task AnInspectorsEvaluationWorkbookHoldsOneSheetPerSchoolOfTheirGroups()
    {
        using var response = await GetAsync("pengxiaoqin@yuzhong.example", "evaluation");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        Assert.Equal(21, workbook.Worksheets.Count(w => w.Name != "_supervision"));
    }
}
