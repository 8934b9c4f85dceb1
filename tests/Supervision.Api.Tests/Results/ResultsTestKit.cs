using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Mvc.Testing;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Forms;
using Supervision.Workbooks;
using Supervision.Workbooks.Reading;
using Supervision.Workbooks.Templates;

namespace Supervision.Api.Tests.Results;

/// <summary>Filled seed workbooks and HTTP helpers for the results tests.</summary>
internal static class ResultsTestKit
{
    public static readonly Campaign Seed = YuzhongCampaign.Create();
    public const string Peng = "pengxiaoqin@yuzhong.example";
    public const string Chen = "chenyulan@yuzhong.example";
    public const string Luo = "luoxinghong@yuzhong.example";

    /// <summary>附件4 of <paramref name="filler"/>'s area, filled by it from the template with <paramref name="score"/> per (school scored, category).</summary>
    public static byte[] PeerSheet(string filler, Func<School, RubricCategory, decimal> score)
    {
        var school = Seed.FindSchool(filler)!;
        var area = Seed.AreaOf(filler)!;
        var layout = FormLayouts.PeerScores(Seed, area, school);
        return Fill(new TemplateWriter(Seed).PeerScores(area, school), (sheet, _) =>
        {
            foreach (var row in layout.Rows)
            {
                var target = Seed.FindSchool(row.Key)!;
                foreach (var category in Seed.Rubric.Categories)
                {
                    sheet.Cell(row.Row, layout.Column(category.Id).Column).Value = (double)score(target, category);
                }
            }
        });
    }

    /// <summary>One workbook of 附件1 sheets by <paramref name="inspector"/>, one per school, each item scored by <paramref name="score"/>.</summary>
    public static byte[] Evaluations(string inspector, IReadOnlyList<School> schools, Func<School, RubricItem, decimal> score)
    {
        var layout = FormLayouts.Evaluation(Seed, schools[0]);
        var scoreColumn = layout.Column(FormHeadings.ScoreKey).Column;
        var items = Seed.Rubric.Items.ToDictionary(i => i.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Fill(new TemplateWriter(Seed).Evaluations(schools, Seed.FindUser(inspector)), (sheet, index) =>
        {
            foreach (var row in layout.Rows)
            {
                sheet.Cell(row.Row, scoreColumn).Value = (double)score(schools[index], items[row.Key]);
            }
        });
    }

    private static byte[] Fill(byte[] template, Action<IXLWorksheet, int> fill)
    {
        using var workbook = new XLWorkbook(new MemoryStream(template));
        var index = 0;
        // Form sheets come in the order the template writer was given the schools; the metadata sheet is last and hidden.
        foreach (var sheet in workbook.Worksheets.Where(w => w.Name != MetadataSheet.Name))
        {
            fill(sheet, index++);
        }

        using var output = new MemoryStream();
        workbook.SaveAs(output, new SaveOptions { EvaluateFormulasBeforeSaving = true });
        return output.ToArray();
    }

    public static HttpClient ClientAs(this WebApplicationFactory<Program> factory, string upn)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Dev-User", upn);
        return client;
    }

    public static async Task<JsonElement> SubmitAsync(this WebApplicationFactory<Program> factory, string upn, byte[] workbook)
    {
        using var client = factory.ClientAs(upn);
        using var content = new ByteArrayContent(workbook);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var response = await client.PostAsync(new Uri($"/api/campaigns/{ApiFactory.Campaign}/submissions", UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{upn}: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.Clone();
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(this WebApplicationFactory<Program> factory, string upn, string route)
    {
        using var client = factory.ClientAs(upn);
        var response = await client.GetAsync(new Uri($"/api/campaigns/{ApiFactory.Campaign}/{route}", UriKind.Relative));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.Clone());
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> PublishAsync(this WebApplicationFactory<Program> factory, string upn)
    {
        using var client = factory.ClientAs(upn);
        var response = await client.PostAsync(new Uri($"/api/campaigns/{ApiFactory.Campaign}/results/publish", UriKind.Relative), null);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.Clone());
    }

    public static JsonElement School(this JsonElement results, string schoolId) =>
        results.GetProperty("schools").EnumerateArray().Single(s => s.GetProperty("schoolId").GetString() == schoolId);

    public static string[] SchoolIds(this JsonElement results) =>
        results.GetProperty("schools").EnumerateArray().Select(s => s.GetProperty("schoolId").GetString()!).ToArray();

    public static decimal? Number(this JsonElement element, string property) =>
        element.GetProperty(property).ValueKind == JsonValueKind.Null ? null : element.GetProperty(property).GetDecimal();

    public static decimal?[] CategoryScores(this JsonElement part) =>
        part.GetProperty("categories").EnumerateArray().Select(c => c.Number("score")).ToArray();

    public static string[] SchoolIdsBetween(int first, int last) => Enumerable.Range(first, last - first + 1).Select(n => $"s{n:00}").ToArray();
}

/// <summary>A clock that runs from a chosen instant at real speed: submissions land on the session day, locks still time out.</summary>
internal sealed class RunningClock(DateTimeOffset start) : TimeProvider
{
    private readonly Stopwatch elapsed = Stopwatch.StartNew();

    public override DateTimeOffset GetUtcNow() => start.ToUniversalTime() + elapsed.Elapsed;
}

/// <summary>The ClosedXML reader, counting the workbooks it is asked to read.</summary>
internal sealed class CountingReader : IStoredWorkbookReader
{
    private int reads;

    public int Reads => Volatile.Read(ref reads);

    public WorkbookReading Read(ReadOnlyMemory<byte> workbook)
    {
        Interlocked.Increment(ref reads);
        return WorkbookReader.Read(workbook);
    }
}
