using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ClosedXML.Excel;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Forms;
using Supervision.Workbooks.Templates;

namespace Supervision.Api.Tests;

/// <summary>Each test gets its own app and store: submissions are state.</summary>
public sealed class SubmissionTests : IDisposable
{
    private static readonly Campaign Seed = YuzhongCampaign.Create();
    private readonly ApiFactory factory = new();

    public void Dispose() => factory.Dispose();

    /// <summary>附件4 of area g1-1 filled by 大田湾小学 (s01): every score 8, optionally one cell overwritten.</summary>
    private static byte[] FilledPeerSheet(string filler = "s01", string area = "g1-1", Action<IXLWorksheet>? tamper = null)
    {
        var areaOf = Seed.FindArea(area)!;
        var template = new TemplateWriter(Seed).PeerScores(areaOf, Seed.FindSchool(filler));
        using var workbook = new XLWorkbook(new MemoryStream(template));
        var sheet = workbook.Worksheets.First(w => w.Name != "_supervision");
        foreach (var (cell, _) in FormLayouts.PeerScores(Seed, areaOf).ScoreCells())
        {
            sheet.Cell(cell.Row, cell.Column).Value = 8;
        }

        tamper?.Invoke(sheet);
        using var output = new MemoryStream();
        workbook.SaveAs(output, new SaveOptions { EvaluateFormulasBeforeSaving = true });
        return output.ToArray();
    }

    private static byte[] FilledEvaluations(params string[] schools)
    {
        var inspector = Seed.FindUser("pengxiaoqin@yuzhong.example")!;
        var template = new TemplateWriter(Seed).Evaluations(schools.Select(s => Seed.FindSchool(s)!).ToList(), inspector);
        using var workbook = new XLWorkbook(new MemoryStream(template));
        foreach (var sheet in workbook.Worksheets.Where(w => w.Name != "_supervision"))
        {
            var layout = FormLayouts.Evaluation(Seed, Seed.FindSchool(schools[0])!);
            foreach (var (cell, max) in layout.ScoreCells())
            {
                sheet.Cell(cell.Row, cell.Column).Value = (double)max - 1;
            }
        }

        using var output = new MemoryStream();
        workbook.SaveAs(output, new SaveOptions { EvaluateFormulasBeforeSaving = true });
        return output.ToArray();
    }

    private static ByteArrayContent Xlsx(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return content;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> SubmitAsync(string upn, byte[] bytes, string? key = null, string? ifMatch = null, string query = "")
    {
        using var client = factory.CreateClientAs(upn);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/campaigns/{ApiFactory.Campaign}/submissions{query}") { Content = Xlsx(bytes) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{ifMatch}\"");
        }

        var response = await client.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.Clone());
    }

    private async Task<JsonElement[]> ListAsync(string upn = ApiFactory.OfficeUser)
    {
        using var client = factory.CreateClientAs(upn);
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/campaigns/{ApiFactory.Campaign}/submissions", UriKind.Relative)));
        return json.RootElement.GetProperty("submissions").EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    [Fact]
    public async Task AGoodPeerSheetIsStoredAtItsPathAndListed()
    {
        var (status, body) = await SubmitAsync(ApiFactory.SchoolUser, FilledPeerSheet());
        Assert.Equal(HttpStatusCode.Created, status);
        var receipt = Assert.Single(body.GetProperty("submissions").EnumerateArray());
        Assert.Equal(("peer-scores", "g1-1", "s01", "yuzhong-2018-2019/peer-scores/g1-1/s01.xlsx"),
            (receipt.GetProperty("form").GetString(), receipt.GetProperty("subject").GetString(), receipt.GetProperty("author").GetString(), receipt.GetProperty("path").GetString()));
        Assert.True(receipt.GetProperty("complete").GetBoolean());
        Assert.True(File.Exists(Path.Combine(factory.StorageRoot, "yuzhong-2018-2019", "peer-scores", "g1-1", "s01.xlsx")));

        var listed = Assert.Single(await ListAsync());
        Assert.Equal(receipt.GetProperty("id").GetString(), listed.GetProperty("id").GetString());
        Assert.Equal(ApiFactory.SchoolUser, listed.GetProperty("submittedBy").GetString());
        Assert.Single(await ListAsync(ApiFactory.SchoolUser));
        Assert.Empty(await ListAsync("s02@yuzhong.example"));
    }

    [Fact]
    public async Task OneBadCellIsA422NamingSheetAndCellAndNothingIsStored()
    {
        var (status, body) = await SubmitAsync(ApiFactory.SchoolUser, FilledPeerSheet(tamper: s => s.Cell("C6").Value = 11));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var form = Assert.Single(body.GetProperty("forms").EnumerateArray());
        var issue = Assert.Single(form.GetProperty("issues").EnumerateArray(), i => i.GetProperty("severity").GetString() == "error");
        Assert.Equal(("score.out-of-range", "C6"), (issue.GetProperty("code").GetString(), issue.GetProperty("cell").GetString()));
        Assert.Equal(form.GetProperty("sheet").GetString(), issue.GetProperty("sheet").GetString());
        Assert.Empty(await ListAsync());
        Assert.False(Directory.Exists(Path.Combine(factory.StorageRoot, "yuzhong-2018-2019", "peer-scores")));
    }

    [Fact]
    public async Task AWorkbookWithThreeFormSheetsGivesThreeSubmissions()
    {
        var (status, body) = await SubmitAsync("pengxiaoqin@yuzhong.example", FilledEvaluations("s01", "s02", "s07"));
        Assert.Equal(HttpStatusCode.Created, status);
        var receipts = body.GetProperty("submissions").EnumerateArray().ToList();
        Assert.Equal(["s01", "s02", "s07"], receipts.Select(r => r.GetProperty("subject").GetString()).Order());
        Assert.All(receipts, r => Assert.Equal("pengxiaoqin@yuzhong.example", r.GetProperty("author").GetString()));
        Assert.Equal(3, (await ListAsync()).Length);
    }

    [Fact]
    public async Task OnlyTheNamedSheetIsSubmittedWithTheSheetParameter()
    {
        var bytes = FilledEvaluations("s01", "s02");
        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        var second = workbook.Worksheets.Where(w => w.Name != "_supervision").ElementAt(1).Name;
        var (status, body) = await SubmitAsync("pengxiaoqin@yuzhong.example", bytes, query: "?sheet=" + Uri.EscapeDataString(second));
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("s02", Assert.Single(body.GetProperty("submissions").EnumerateArray()).GetProperty("subject").GetString());
    }

    [Fact]
    public async Task TheSameIdempotencyKeyTwiceLandsOnce()
    {
        var bytes = FilledPeerSheet();
        var first = await SubmitAsync(ApiFactory.SchoolUser, bytes, key: "retry-42");
        var second = await SubmitAsync(ApiFactory.SchoolUser, bytes, key: "retry-42");
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.Status, second.Status));
        Assert.Equal(first.Body.GetRawText(), second.Body.GetRawText());
        Assert.Single(await ListAsync());

        var reused = await SubmitAsync(ApiFactory.SchoolUser, FilledPeerSheet(tamper: s => s.Cell("C6").Value = 7), key: "retry-42");
        Assert.Equal(HttpStatusCode.Conflict, reused.Status);
    }

    [Fact]
    public async Task AResubmissionKeepsTheEarlierVersionAndAStaleVersionIsRefused()
    {
        var first = await SubmitAsync(ApiFactory.SchoolUser, FilledPeerSheet());
        var v1 = first.Body.GetProperty("submissions")[0].GetProperty("version").GetString()!;
        var second = await SubmitAsync(ApiFactory.SchoolUser, FilledPeerSheet(tamper: s => s.Cell("C6").Value = 9), ifMatch: v1);
        Assert.Equal(HttpStatusCode.Created, second.Status);
        var v2 = second.Body.GetProperty("submissions")[0].GetProperty("version").GetString()!;
        Assert.NotEqual(v1, v2);

        var stale = await SubmitAsync(ApiFactory.SchoolUser, FilledPeerSheet(tamper: s => s.Cell("C6").Value = 10), ifMatch: v1);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);

        var history = Directory.GetFiles(Path.Combine(factory.StorageRoot, ".versions", "yuzhong-2018-2019", "peer-scores", "g1-1", "s01.xlsx"));
        Assert.Equal(2, history.Length);
        Assert.Equal(2, (await ListAsync()).Length);
    }

    [Fact]
    public async Task ASchoolSubmittingAnotherSchoolsFormIsRefusedAndNothingIsStored()
    {
        var (status, body) = await SubmitAsync("s02@yuzhong.example", FilledPeerSheet());
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("大田湾小学", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await ListAsync());
    }

    [Fact]
    public async Task AnInspectorCannotSubmitForASchoolOutsideTheirGroups()
    {
        var (status, _) = await SubmitAsync("chenyulan@yuzhong.example", FilledEvaluations("s01"));
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Theory]
    [InlineData(new byte[0], "upload.empty")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 1, 2, 3 }, "upload.corrupt")]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0 }, "upload.encrypted")]
    [InlineData(new byte[] { (byte)'a', (byte)',', (byte)'b', (byte)'\n' }, "upload.not-xlsx")]
    public async Task HostileUploadsAreA400WithTheirCodeAndTheServerKeepsServing(byte[] bytes, string code)
    {
        var (status, body) = await SubmitAsync(ApiFactory.SchoolUser, bytes);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(ApiFactory.SchoolUser, FilledPeerSheet())).Status);
    }

    [Fact]
    public async Task CheckingAWorkbookReportsEveryFormSheetWithoutStoring()
    {
        using var client = factory.CreateClientAs(ApiFactory.OfficeUser);
        using var form = new MultipartFormDataContent { { Xlsx(FilledPeerSheet(tamper: s => s.Cell("D7").SetValue("abc"))), "file", "评分表.xlsx" } };
        var response = await client.PostAsync(new Uri($"/api/campaigns/{ApiFactory.Campaign}/check", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checkedForm = Assert.Single(json.RootElement.GetProperty("forms").EnumerateArray());
        Assert.Equal("peer-scores", checkedForm.GetProperty("form").GetString());
        var issue = Assert.Single(checkedForm.GetProperty("issues").EnumerateArray());
        Assert.Equal(("score.not-a-number", "D7"), (issue.GetProperty("code").GetString(), issue.GetProperty("cell").GetString()));
        Assert.Empty(await ListAsync());
    }
}
