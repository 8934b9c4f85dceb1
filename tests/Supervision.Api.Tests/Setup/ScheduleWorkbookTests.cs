using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Api.Campaigns;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Forms;
using Supervision.Tests.Shared;
using Xunit.Abstractions;

namespace Supervision.Api.Tests.Setup;

/// <summary>Schedules as real workbooks over HTTP: the seed's 附件2 typed with merged cells, and a city-sized plan.</summary>
public sealed class ScheduleWorkbookTests(ITestOutputHelper output) : IDisposable
{
    private readonly ApiFactory factory = new();

    public void Dispose() => factory.Dispose();

    /// <summary>The seed's 附件2 word for word, 组号 and 时间 merged over each group's two rooms as an office would in Excel.</summary>
    private static byte[] SeedWorkbook()
    {
        var rows = SeedScheduleText.Rows();
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("安排表");
        Fill(sheet, rows);
        foreach (var first in new[] { 4, 6, 8, 10, 12 })
        {
            sheet.Range(first, 1, first + 1, 1).Merge();
            sheet.Range(first, 4, first + 1, 4).Merge();
        }

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static void Fill(IXLWorksheet sheet, object?[][] rows)
    {
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
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string url, HttpContent content, string upn = ApiFactory.OfficeUser)
    {
        using var client = factory.CreateClientAs(upn);
        var response = await client.PostAsync(new Uri(url, UriKind.Relative), content);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.Clone());
    }

    private static string[] Issues(JsonElement body) =>
        body.GetProperty("issues").EnumerateArray().Select(i => $"{i.GetProperty("cell").GetString()} {i.GetProperty("code").GetString()}").ToArray();

    [Fact]
    public async Task TheSeedScheduleWithMergedCellsGivesItsFourContradictionsAndWithTheSuggestionAcceptedTheBuiltInReading()
    {
        await PostAsync("/api/campaigns", JsonContent.Create(new { id = "seed-merged", title = "照录", schoolYear = "2018—2019" }));

        var (status, body) = await PostAsync("/api/campaigns/seed-merged/schedule", CampaignSetupTests.Xlsx(SeedWorkbook()));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["B7 schedule.count-mismatch", "B8 schedule.stray-separator", "B9 schedule.run-together", "A23 schedule.time-reversed"], Issues(body));
        var suggestion = Assert.Single(body.GetProperty("suggestions").EnumerateArray());
        Assert.Equal("阳光春苗幼儿园四托", suggestion.GetProperty("name").GetString());

        var (_, accepted) = await PostAsync($"/api/campaigns/seed-merged/schedule?accept={suggestion.GetProperty("id").GetString()}",
            CampaignSetupTests.Xlsx(SeedWorkbook()));

        Assert.Equal(["B7 schedule.count-mismatch", "B8 schedule.stray-separator", "A23 schedule.time-reversed"], Issues(accepted));
        var plan = JsonSerializer.Deserialize<SchedulePlan>(accepted.GetProperty("plan").GetRawText(),
            factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions)!;
        var seed = YuzhongCampaign.Create();
        Assert.Equal(CampaignSetupTests.Describe(seed.Groups), CampaignSetupTests.Describe(plan.Groups));
        Assert.Equal(CampaignSetupTests.Describe(seed.Timetables), CampaignSetupTests.Describe(plan.Timetables));
        Assert.Equal(seed.ObserverUnits, plan.ObserverUnits);
    }

    [Fact]
    public async Task ACitySizedCampaignImportsAndOneOfItsAreasGetsATemplateAndACheck()
    {
        await PostAsync("/api/campaigns", JsonContent.Create(new { id = "city", title = "全市督查", schoolYear = "2020—2021" }));
        var rows = new List<object?[]> { new object?[] { "组号", "学校", "地点", "时间" } };
        var school = 0;
        for (var group = 1; group <= 250; group++)
        {
            var date = new DateOnly(2020, 9, 7).AddDays((group - 1) / 2);
            for (var room = 1; room <= 2; room++)
            {
                var names = Enumerable.Range(0, 6).Select(_ => $"城区{++school}号小学");
                rows.Add([room == 1 ? group.ToString(CultureInfo.InvariantCulture) : null, $"{string.Join("、", names)}（6）", $"{room}号厅",
                    room == 1 ? $"{date.Month}.{date.Day}{(group % 2 == 1 ? "上" : "下")}\n第{group}会场" : null]);
            }
        }

        rows.AddRange([["备注："], ["汇报展示：9:00—10:40/14:00—15:40"]]);
        using var workbook = new XLWorkbook();
        Fill(workbook.AddWorksheet("安排表"), [.. rows]);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);

        var watch = Stopwatch.StartNew();
        var (status, body) = await PostAsync("/api/campaigns/city/schedule?apply=true", CampaignSetupTests.Xlsx(stream.ToArray()));
        watch.Stop();
        output.WriteLine($"city import over HTTP (read, import, store): {watch.ElapsedMilliseconds} ms");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(Issues(body));
        var city = factory.Services.GetRequiredService<ICampaignCatalog>().Find("city")!;
        Assert.Equal((500, 3000), (city.Areas.Count(), city.Schools.Count()));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"import took {watch.Elapsed}");

        var area = city.FindArea("g123-2")!;
        using var client = factory.CreateClientAs(ApiFactory.OfficeUser);
        var template = await client.GetByteArrayAsync(new Uri($"/api/campaigns/city/templates/peer-scores?area=g123-2&school={area.Schools[0].Id}", UriKind.Relative));
        using var filled = new XLWorkbook(new MemoryStream(template));
        var sheet = filled.Worksheets.First(w => w.Name != "_supervision");
        foreach (var (cell, _) in FormLayouts.PeerScores(city, area).ScoreCells())
        {
            sheet.Cell(cell.Row, cell.Column).Value = 7.5;
        }

        using var filledStream = new MemoryStream();
        filled.SaveAs(filledStream, new SaveOptions { EvaluateFormulasBeforeSaving = true });
        var (checkStatus, check) = await PostAsync("/api/campaigns/city/check", CampaignSetupTests.Xlsx(filledStream.ToArray()));

        Assert.Equal(HttpStatusCode.OK, checkStatus);
        var form = Assert.Single(check.GetProperty("forms").EnumerateArray());
        Assert.Equal("g123-2", form.GetProperty("subject").GetString());
        Assert.Empty(form.GetProperty("issues").EnumerateArray());

        // A roster with one account for the filling school, then its submission and the area's results.
        using var roster = new XLWorkbook();
        Fill(roster.AddWorksheet("名单"), [["姓名", "账号", "角色", "学校"], ["郑涛", ApiFactory.OfficeUser, "办公室"], ["管理员", "filler@city.example", "学校", area.Schools[0].Name]]);
        using var rosterStream = new MemoryStream();
        roster.SaveAs(rosterStream);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/api/campaigns/city/roster?apply=true", CampaignSetupTests.Xlsx(rosterStream.ToArray()))).Status);
        var (submitStatus, _) = await PostAsync("/api/campaigns/city/submissions", CampaignSetupTests.Xlsx(filledStream.ToArray()), "filler@city.example");
        Assert.Equal(HttpStatusCode.Created, submitStatus);

        watch.Restart();
        var results = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/campaigns/city/results", UriKind.Relative))).RootElement;
        output.WriteLine($"city results (3,000 schools, one submission): {watch.ElapsedMilliseconds} ms");
        var inArea = results.GetProperty("schools").EnumerateArray().Where(e => e.GetProperty("area").GetString() == "g123-2").ToList();
        Assert.Equal(6, inArea.Count);
        Assert.Equal(45m, inArea.Single(e => e.GetProperty("schoolId").GetString() == area.Schools[0].Id).GetProperty("self").GetProperty("total").GetDecimal());
        Assert.All(inArea.Where(e => e.GetProperty("schoolId").GetString() != area.Schools[0].Id),
            e => Assert.Equal(45m, e.GetProperty("peer").GetProperty("mean").GetDecimal()));
    }
}
