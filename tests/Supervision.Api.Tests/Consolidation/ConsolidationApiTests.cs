using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Api.Storage;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Forms;
using Supervision.Workbooks;
using Supervision.Workbooks.Templates;

namespace Supervision.Api.Tests.Consolidation;

public sealed class ConsolidationApiTests : IDisposable
{
    private const string Inspector = "pengxiaoqin@yuzhong.example";
    private static readonly Campaign Seed = YuzhongCampaign.Create();
    private readonly ApiFactory factory = new();

    public void Dispose() => factory.Dispose();

    private static Uri Route(string tail) => new($"/api/campaigns/{ApiFactory.Campaign}/{tail}", UriKind.Relative);

    /// <summary>The group-1 inspector's 附件1 for every school of g1-1: s01 at 40% of each weight (rounded down to halves), the others full marks.</summary>
    private async Task SubmitEvaluationsAsync()
    {
        var schools = Seed.FindArea("g1-1")!.Schools;
        var layout = FormLayouts.Evaluation(Seed, schools[0]);
        var column = layout.Column(FormHeadings.ScoreKey).Column;
        var items = Seed.Rubric.Items.ToDictionary(i => i.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var workbook = new XLWorkbook(new MemoryStream(new TemplateWriter(Seed).Evaluations(schools, Seed.FindUser(Inspector))));
        var index = 0;
        foreach (var sheet in workbook.Worksheets.Where(w => w.Name != MetadataSheet.Name))
        {
            var school = schools[index++];
            foreach (var row in layout.Rows)
            {
                var weight = items[row.Key].Weight;
                sheet.Cell(row.Row, column).Value = (double)(school.Id == "s01" ? Math.Floor(weight * 0.4m * 2) / 2 : weight);
            }
        }

        using var output = new MemoryStream();
        workbook.SaveAs(output, new SaveOptions { EvaluateFormulasBeforeSaving = true });
        using var client = factory.CreateClientAs(Inspector);
        using var content = new ByteArrayContent(output.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var response = await client.PostAsync(Route("submissions"), content);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OnlyTheOfficeMayConsolidateOrDownload()
    {
        using var school = factory.CreateClientAs(ApiFactory.SchoolUser);

        Assert.Equal(HttpStatusCode.Forbidden, (await school.PostAsync(Route("consolidation"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await school.GetAsync(Route("consolidation.xlsx"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.CreateClientAs(Inspector).PostAsync(Route("consolidation"), null)).StatusCode);
    }

    [Fact]
    public async Task BeforeTheFirstConsolidationThereIsNoWorkbookToDownload()
    {
        using var office = factory.CreateClientAs(ApiFactory.OfficeUser);

        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync(Route("consolidation.xlsx"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await office.PostAsync(new Uri("/api/campaigns/no-such-campaign/consolidation", UriKind.Relative), null)).StatusCode);
    }

    [Fact]
    public async Task ConsolidatingStoresTheDistrictWorkbookAndANoticePerFailingSchool()
    {
        await SubmitEvaluationsAsync();
        using var office = factory.CreateClientAs(ApiFactory.OfficeUser);

        var response = await office.PostAsync(Route("consolidation?answerBy=2019-06-30"), null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var json = JsonDocument.Parse(text);
        var body = json.RootElement;
        Assert.Equal(64, body.GetProperty("schools").GetInt32());
        Assert.Equal("yuzhong-2018-2019/results/district.xlsx", body.GetProperty("path").GetString());
        Assert.Equal("2019-06-30", body.GetProperty("answerBy").GetString());
        var notice = Assert.Single(body.GetProperty("notices").EnumerateArray());
        Assert.Equal("s01", notice.GetProperty("schoolId").GetString());
        Assert.Equal("yuzhong-2018-2019/results/notices/s01.docx", notice.GetProperty("path").GetString());

        var store = factory.Services.GetRequiredService<IFileStore>();
        var stored = (await store.ReadAsync("yuzhong-2018-2019/results/notices/s01.docx"))!;
        using (var document = WordprocessingDocument.Open(new MemoryStream(stored.Bytes), false))
        {
            var text2 = document.MainDocumentPart!.Document.Body!.InnerText;
            Assert.Contains(Seed.FindSchool("s01")!.Name, text2, StringComparison.Ordinal);
            Assert.Contains("2019年6月30日", text2, StringComparison.Ordinal);
        }

        var download = await office.GetAsync(Route("consolidation.xlsx"));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", download.Content.Headers.ContentType?.MediaType);
        var disposition = download.Content.Headers.ContentDisposition!;
        Assert.Equal("yuzhong-2018-2019-district.xlsx", disposition.FileName?.Trim('"'));
        Assert.Equal($"{Seed.Title}区汇总表.xlsx", disposition.FileNameStar);
        using var workbook = new XLWorkbook(new MemoryStream(await download.Content.ReadAsByteArrayAsync()));
        var summary = workbook.Worksheet("汇总");
        var s01 = summary.Column(3).CellsUsed().Single(c => c.GetString() == Seed.FindSchool("s01")!.Name).Address.RowNumber;
        Assert.Equal("不合格", summary.Cell(s01, 14).GetString());
        Assert.Equal("优秀", summary.Cell(s01 + 1, 14).GetString());
    }

    [Fact]
    public async Task ConsolidatingAgainStoresANewVersion()
    {
        using var office = factory.CreateClientAs(ApiFactory.OfficeUser);
        using var first = JsonDocument.Parse(await (await office.PostAsync(Route("consolidation"), null)).Content.ReadAsStringAsync());
        using var second = JsonDocument.Parse(await (await office.PostAsync(Route("consolidation"), null)).Content.ReadAsStringAsync());

        Assert.NotEqual(first.RootElement.GetProperty("version").GetString(), second.RootElement.GetProperty("version").GetString());
        Assert.Empty(second.RootElement.GetProperty("notices").EnumerateArray());
        var versions = await factory.Services.GetRequiredService<IFileStore>().VersionsAsync("yuzhong-2018-2019/results/district.xlsx");
        Assert.Equal(2, versions.Count);
    }
}
