using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Api.Campaigns;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Forms;
using Supervision.Workbooks.Templates;

namespace Supervision.Api.Tests.Setup;

/// <summary>Each test gets its own app and store: campaigns are state.</summary>
public sealed class CampaignSetupTests : IDisposable
{
    private const string Office = ApiFactory.OfficeUser;
    private static readonly Campaign Seed = YuzhongCampaign.Create();
    private readonly ApiFactory factory = new();

    public void Dispose() => factory.Dispose();

    internal static string[] Describe(IEnumerable<Group> groups) => groups.SelectMany(g => g.Areas.Select(a =>
        $"{g.Number}|{g.Name}|{g.Date:yyyy-MM-dd}|{g.HalfDay}|{g.HostVenue}|{string.Join("/", g.ObserverUnits)}|{a.Id}|{a.Room}|"
        + string.Join(",", a.Schools.Select(s => $"{s.Id}={s.Name}")))).ToArray();

    internal static string[] Describe(IEnumerable<SessionTimetable> timetables) => timetables.Select(t =>
        $"{t.HalfDay} {t.Start:HH:mm}-{t.End:HH:mm}: " + string.Join("; ", t.Phases.Select(p => $"{p.Name} {p.Start:HH:mm}-{p.End:HH:mm}"))).ToArray();

    internal static ByteArrayContent Xlsx(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return content;
    }

    internal static byte[] Workbook(string sheetName, params object?[][] rows)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet(sheetName);
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                if (rows[r][c] is string text)
                {
                    sheet.Cell(r + 1, c + 1).SetValue(text);
                }
            }
        }

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body, string? ETag)> SendAsync(HttpMethod method, string url, HttpContent? content = null,
        string upn = Office, string? ifMatch = null)
    {
        using var client = factory.CreateClientAs(upn);
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return (response.StatusCode, json.RootElement.Clone(), response.Headers.ETag?.ToString());
    }

    private Task<(HttpStatusCode Status, JsonElement Body, string? ETag)> CreateAsync(object body, string upn = Office) =>
        SendAsync(HttpMethod.Post, "/api/campaigns", JsonContent.Create(body), upn);

    private Campaign Stored(string id) => factory.Services.GetRequiredService<ICampaignCatalog>().Find(id)!;

    [Fact]
    public async Task TheBuiltInScheduleTemplateImportsAsANewCampaignWithTheSameGroupsIdsTimesVenuesAndObservers()
    {
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(new { id = "round-trip", title = "复制测试", schoolYear = "2018—2019" })).Status);
        using var workbook = new XLWorkbook(new MemoryStream(new TemplateWriter(Seed).Schedule()));
        workbook.Unprotect();
        workbook.Worksheet("_supervision").Delete();
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);

        var (status, body, etag) = await SendAsync(HttpMethod.Post, "/api/campaigns/round-trip/schedule?apply=true", Xlsx(stream.ToArray()));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("applied").GetBoolean());
        Assert.Empty(body.GetProperty("issues").EnumerateArray());
        Assert.NotNull(etag);
        var imported = Stored("round-trip");
        Assert.Equal(Describe(Seed.Groups), Describe(imported.Groups));
        Assert.Equal(Describe(Seed.Timetables), Describe(imported.Timetables));
        Assert.Equal(Seed.ObserverUnits, imported.ObserverUnits);
        Assert.True(File.Exists(Path.Combine(factory.StorageRoot, "round-trip", "campaign.json")));
    }

    [Fact]
    public async Task TheSeedScheduleTypedIntoAWorkbookIsReportedAndStoredOnlyOnceItHasNoErrors()
    {
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(new { id = "seed-typed", title = "照录", schoolYear = "2018—2019" })).Status);
        var bytes = Workbook("Sheet1",
            ["组号", "学  校", "地点", "时间"],
            ["二", "人民小学、新华小学（2）", "会议室", "5.28下\n科教中心"],
            [null, "大同实验学校、东水门小学、临江路小学、聋哑学校、培智学校（6）", "4-1", null],
            [null, "区级机关幼儿园、阳光春苗幼儿园四托（3）", "4-2", null],
            ["备注："],
            ["汇报展示：9：00—10：40/14：00—15：40"]);

        var preview = await SendAsync(HttpMethod.Post, "/api/campaigns/seed-typed/schedule", Xlsx(bytes));
        Assert.Equal(HttpStatusCode.OK, preview.Status);
        Assert.False(preview.Body.GetProperty("applied").GetBoolean());
        Assert.Equal(["B3 schedule.count-mismatch", "B4 schedule.run-together"],
            preview.Body.GetProperty("issues").EnumerateArray().Select(i => $"{i.GetProperty("cell").GetString()} {i.GetProperty("code").GetString()}"));
        var suggestion = Assert.Single(preview.Body.GetProperty("suggestions").EnumerateArray()).GetProperty("id").GetString();

        var refused = await SendAsync(HttpMethod.Post, $"/api/campaigns/seed-typed/schedule?apply=true&accept={suggestion}", Xlsx(bytes));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal("schedule.count-mismatch", Assert.Single(refused.Body.GetProperty("issues").EnumerateArray()).GetProperty("code").GetString());
        Assert.Empty(Stored("seed-typed").Groups);
    }

    [Fact]
    public async Task ReimportingKeepsTheIdsOfNamesAlreadyInTheCampaign()
    {
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(new { id = "copy-ids", copyOf = ApiFactory.Campaign, schoolYear = "2019—2020" })).Status);
        var bytes = Workbook("安排表",
            ["组号", "学校", "地点", "时间"],
            ["1", "新开小学、人和街小学（2）", "会议室", "5.20上\n少年宫"],
            ["备注："],
            ["汇报展示：9:00—10:40/14:00—15:40"]);

        var (status, body, _) = await SendAsync(HttpMethod.Post, "/api/campaigns/copy-ids/schedule?apply=true", Xlsx(bytes));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["s65=新开小学", $"{Seed.Schools.Single(s => s.Name == "人和街小学").Id}=人和街小学"],
            Stored("copy-ids").Schools.Select(s => $"{s.Id}={s.Name}"));
        Assert.Equal(new DateOnly(2020, 5, 20), Stored("copy-ids").Groups[0].Date);
        Assert.True(body.GetProperty("applied").GetBoolean());
    }

    [Fact]
    public async Task OnlyTheOfficeCreatesAndTheIdMustBeNew()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await CreateAsync(new { id = "by-school", copyOf = ApiFactory.Campaign }, ApiFactory.SchoolUser)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await CreateAsync(new { id = "by-inspector", title = "x", schoolYear = "2019—2020" }, "pengxiaoqin@yuzhong.example")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await CreateAsync(new { id = "Bad Id", copyOf = ApiFactory.Campaign })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await CreateAsync(new { id = "from-nowhere", copyOf = "nowhere" })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await CreateAsync(new { id = ApiFactory.Campaign, copyOf = ApiFactory.Campaign })).Status);

        var (status, body, etag) = await CreateAsync(new { id = "next-year", copyOf = ApiFactory.Campaign, schoolYear = "2019—2020" });

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.NotNull(etag);
        Assert.Equal("2019—2020", body.GetProperty("schoolYear").GetString());
        Assert.StartsWith("2019—2020学年度", body.GetProperty("formTitles").GetProperty("schedule").GetString(), StringComparison.Ordinal);
        Assert.Equal(Seed.Schools.Count(), Stored("next-year").Schools.Count());
        Assert.Equal(HttpStatusCode.Conflict, (await CreateAsync(new { id = "next-year", copyOf = ApiFactory.Campaign })).Status);
        var list = await SendAsync(HttpMethod.Get, "/api/campaigns");
        Assert.Contains(list.Body.EnumerateArray(), c => c.GetProperty("id").GetString() == "next-year");
    }

    [Fact]
    public async Task EditsNeedTheCurrentETagAndAreValidated()
    {
        var created = await CreateAsync(new { id = "editable", copyOf = ApiFactory.Campaign });
        var document = JsonNode.Parse(created.Body.GetRawText())!;
        document["title"] = "改过的名称";

        Assert.Equal(HttpStatusCode.PreconditionRequired, (await SendAsync(HttpMethod.Put, "/api/campaigns/editable", JsonContent.Create(document))).Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await SendAsync(HttpMethod.Put, "/api/campaigns/editable", JsonContent.Create(document), ifMatch: "\"stale\"")).Status);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await SendAsync(HttpMethod.Put, "/api/campaigns/editable", JsonContent.Create(document), ApiFactory.SchoolUser, created.ETag)).Status);

        var edited = await SendAsync(HttpMethod.Put, "/api/campaigns/editable", JsonContent.Create(document), ifMatch: created.ETag);
        Assert.Equal(HttpStatusCode.OK, edited.Status);
        Assert.Equal("改过的名称", Stored("editable").Title);
        Assert.NotEqual(created.ETag, edited.ETag);
        Assert.Equal(edited.ETag, (await SendAsync(HttpMethod.Get, "/api/campaigns/editable")).ETag);

        // The first ETag is stale now.
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await SendAsync(HttpMethod.Put, "/api/campaigns/editable", JsonContent.Create(document), ifMatch: created.ETag)).Status);

        document["rubric"]!["categories"]![5]!["max"] = 9;
        document["rubric"]!["categories"]![5]!["items"]![2]!["weight"] = 3;
        var invalid = await SendAsync(HttpMethod.Put, "/api/campaigns/editable", JsonContent.Create(document), ifMatch: edited.ETag);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.Status);
        Assert.Equal(["rubric.total"], invalid.Body.GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("code").GetString()));
        Assert.Equal(100m, Stored("editable").Rubric.Total);
    }

    [Fact]
    public async Task ACopyForANewYearShowsItsOldDatesInChecksYetItsTitleCanBeEdited()
    {
        var created = await CreateAsync(new { id = "new-year", copyOf = ApiFactory.Campaign, schoolYear = "2019—2020" });

        var checks = await SendAsync(HttpMethod.Get, "/api/campaigns/new-year/checks");
        Assert.Equal(
            ["deadlines.outside-year", "deadlines.outside-year", .. Enumerable.Repeat("schedule.date-outside-year", 6)],
            checks.Body.GetProperty("campaign").EnumerateArray().Select(i => i.GetProperty("code").GetString()));

        var document = JsonNode.Parse(created.Body.GetRawText())!;
        document["title"] = "2019—2020学年教师继续教育过程督查";
        var edited = await SendAsync(HttpMethod.Put, "/api/campaigns/new-year", JsonContent.Create(document), ifMatch: created.ETag);
        Assert.Equal(HttpStatusCode.OK, edited.Status);

        document["deadlines"]!["paperMaterials"] = "2021-05-30";
        var refused = await SendAsync(HttpMethod.Put, "/api/campaigns/new-year", JsonContent.Create(document), ifMatch: edited.ETag);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal(["deadlines.order", "deadlines.outside-year"], refused.Body.GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task TheBuiltInCampaignIsReadOnly()
    {
        var current = await SendAsync(HttpMethod.Get, $"/api/campaigns/{ApiFactory.Campaign}");

        var (status, body, _) = await SendAsync(HttpMethod.Put, $"/api/campaigns/{ApiFactory.Campaign}", JsonContent.Create(current.Body), ifMatch: current.ETag);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal(CampaignSetupApi.ReadOnlyCode, body.GetProperty("code").GetString());
        Assert.Contains("只读", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACreatedCopyServesTemplatesAcceptsSubmissionsAndThenKeepsItsRubricUnlessANewRevisionStarts()
    {
        var created = await CreateAsync(new { id = "with-submissions", copyOf = ApiFactory.Campaign });
        using var client = factory.CreateClientAs(ApiFactory.SchoolUser);
        var template = await client.GetByteArrayAsync(new Uri("/api/campaigns/with-submissions/templates/peer-scores", UriKind.Relative));
        var copy = Stored("with-submissions");
        var area = copy.FindArea("g1-1")!;
        using var workbook = new XLWorkbook(new MemoryStream(template));
        var sheet = workbook.Worksheets.First(w => w.Name != "_supervision");
        foreach (var (cell, _) in FormLayouts.PeerScores(copy, area).ScoreCells())
        {
            sheet.Cell(cell.Row, cell.Column).Value = 8;
        }

        using var filled = new MemoryStream();
        workbook.SaveAs(filled, new SaveOptions { EvaluateFormulasBeforeSaving = true });
        var submitted = await SendAsync(HttpMethod.Post, "/api/campaigns/with-submissions/submissions", Xlsx(filled.ToArray()), ApiFactory.SchoolUser);
        Assert.Equal(HttpStatusCode.Created, submitted.Status);
        Assert.Equal("with-submissions/peer-scores/g1-1/s01.xlsx", submitted.Body.GetProperty("submissions")[0].GetProperty("path").GetString());

        var smaller = Workbook("安排表", ["组号", "学校", "地点", "时间"], ["1", "大田湾小学、红岩小学校（2）", "会议室", "5.28上"]);
        var preview = await SendAsync(HttpMethod.Post, "/api/campaigns/with-submissions/schedule", Xlsx(smaller));
        var codes = preview.Body.GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("code").GetString()).ToList();
        Assert.Equal(Seed.Schools.Count() - 2, codes.Count(c => c == "schedule.removes-school"));
        Assert.Equal(Seed.Areas.Count(), codes.Count(c => c == "schedule.changes-area"));

        var results = await SendAsync(HttpMethod.Get, "/api/campaigns/with-submissions/results");
        Assert.Equal(HttpStatusCode.OK, results.Status);
        var bySchool = results.Body.GetProperty("schools").EnumerateArray().ToDictionary(e => e.GetProperty("schoolId").GetString()!);
        Assert.Equal(48m, bySchool["s01"].GetProperty("self").GetProperty("total").GetDecimal());
        Assert.Equal((1, 48m), (bySchool["s02"].GetProperty("peer").GetProperty("count").GetInt32(), bySchool["s02"].GetProperty("peer").GetProperty("mean").GetDecimal()));

        var document = JsonNode.Parse(created.Body.GetRawText())!;
        document["rubric"]!["categories"]![0]!["items"]![0]!["content"] = "改写的督查内容";
        var locked = await SendAsync(HttpMethod.Put, "/api/campaigns/with-submissions", JsonContent.Create(document), ifMatch: created.ETag);
        Assert.Equal(HttpStatusCode.Conflict, locked.Status);
        Assert.Equal(CampaignSetupApi.RubricLockedCode, locked.Body.GetProperty("code").GetString());

        var revised = await SendAsync(HttpMethod.Put, "/api/campaigns/with-submissions?newRevision=true", JsonContent.Create(document), ifMatch: created.ETag);
        Assert.Equal(HttpStatusCode.OK, revised.Status);
        Assert.Equal("改写的督查内容", Stored("with-submissions").Rubric.Categories[0].Items[0].Content);
    }

    [Fact]
    public async Task TheRosterImportReportsUnknownSchoolsDuplicateAccountsAndSchoolsWithoutAccounts()
    {
        await CreateAsync(new { id = "roster", copyOf = ApiFactory.Campaign });
        var bad = Workbook("名单",
            ["姓名", "账号", "角色", "学校", "督查组"],
            ["郑涛", Office, "办公室"],
            ["重复", Office.ToUpperInvariant(), "office"],
            ["无名", "nobody@yuzhong.example", "学校", "不存在小学"],
            ["彭小琴", "pengxiaoqin@yuzhong.example", "督查组", null, "1、2"]);

        var (status, body, _) = await SendAsync(HttpMethod.Post, "/api/campaigns/roster/roster?apply=true", Xlsx(bad));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var codes = body.GetProperty("issues").EnumerateArray().Select(i => $"{i.GetProperty("cell").GetString()} {i.GetProperty("code").GetString()}").ToList();
        Assert.Equal(["B3 roster.duplicate-account", "D4 roster.unknown-school"], codes.Take(2));
        Assert.Equal(Seed.Schools.Count(), codes.Count(c => c == " roster.school-without-account"));
        Assert.Equal(2 + Seed.Schools.Count(), codes.Count);

        var good = Workbook("名单",
            ["姓名", "账号", "角色", "学校", "督查组"],
            ["郑涛", Office, "办公室"],
            ["大田湾小学", "dtw@yuzhong.example", "学校", "大田湾小学"]);
        var applied = await SendAsync(HttpMethod.Post, "/api/campaigns/roster/roster?apply=true", Xlsx(good));
        Assert.Equal(HttpStatusCode.OK, applied.Status);
        Assert.Equal(2, Stored("roster").Roster.Count);
        Assert.Equal("s01", Stored("roster").FindUser("dtw@yuzhong.example")!.SchoolId);

        var checks = await SendAsync(HttpMethod.Get, "/api/campaigns/roster/checks");
        Assert.Equal(HttpStatusCode.OK, checks.Status);
        Assert.Equal(Seed.Schools.Count() - 1, checks.Body.GetProperty("roster").GetProperty("issues").GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Get, "/api/campaigns/roster/checks", upn: "dtw@yuzhong.example")).Status);
    }

    [Fact]
    public async Task ASchoolUserCannotImportAndTheBuiltInCampaignHasNoChecksToReport()
    {
        Assert.Equal(HttpStatusCode.Forbidden,
            (await SendAsync(HttpMethod.Post, $"/api/campaigns/{ApiFactory.Campaign}/schedule", Xlsx(new TemplateWriter(Seed).Schedule()), ApiFactory.SchoolUser)).Status);
        Assert.Equal(HttpStatusCode.Conflict,
            (await SendAsync(HttpMethod.Post, $"/api/campaigns/{ApiFactory.Campaign}/schedule?apply=true", Xlsx(new TemplateWriter(Seed).Schedule()))).Status);

        var (status, body, _) = await SendAsync(HttpMethod.Get, $"/api/campaigns/{ApiFactory.Campaign}/checks");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(body.GetProperty("campaign").EnumerateArray());
    }

    [Fact]
    public async Task AnUnreadableStoredCampaignIsSkippedAndTheOthersStillLoad()
    {
        await CreateAsync(new { id = "broken", copyOf = ApiFactory.Campaign });
        await CreateAsync(new { id = "intact", copyOf = ApiFactory.Campaign });
        var store = factory.Services.GetRequiredService<Supervision.Api.Storage.IFileStore>();
        await store.WriteAsync("broken/campaign.json", "{ not json"u8.ToArray(), Supervision.Api.Storage.WriteCondition.Any);

        using var restarted = factory.WithWebHostBuilder(b => b.UseSetting("Storage:Local:Root", factory.StorageRoot));
        var catalog = restarted.Services.GetRequiredService<ICampaignCatalog>();

        Assert.Null(catalog.Find("broken"));
        Assert.NotNull(catalog.Find("intact"));
    }

    [Fact]
    public async Task StoredCampaignsAreLoadedAgainByANewInstanceOverTheSameStore()
    {
        await CreateAsync(new { id = "persisted", copyOf = ApiFactory.Campaign, title = "持久化" });

        using var restarted = factory.WithWebHostBuilder(b => b.UseSetting("Storage:Local:Root", factory.StorageRoot));
        var campaign = restarted.Services.GetRequiredService<ICampaignCatalog>().Find("persisted");

        Assert.NotNull(campaign);
        Assert.Equal("持久化", campaign.Title);
        Assert.Equal(Describe(Seed.Groups), Describe(campaign.Groups));
    }
}
