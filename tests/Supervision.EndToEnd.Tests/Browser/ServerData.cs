using System.Net.Http.Headers;
using ClosedXML.Excel;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Forms;
using Supervision.Workbooks.Templates;

namespace Supervision.EndToEnd.Tests.Browser;

/// <summary>Submissions made straight to the API, to arrange what the office then sees in the pane.</summary>
public static class ServerData
{
    private static readonly Campaign Seed = YuzhongCampaign.Create();

    /// <summary>An inspector's 附件1 for `school`, every item scored `belowMax` under its weight.</summary>
    public static byte[] FilledEvaluation(string school, string inspector, decimal belowMax)
    {
        var found = Seed.FindSchool(school)!;
        var template = new TemplateWriter(Seed).Evaluation(found, Seed.FindUser(inspector));
        using var workbook = new XLWorkbook(new MemoryStream(template));
        var sheet = workbook.Worksheets.First(w => w.Name != "_supervision");
        foreach (var (cell, max) in FormLayouts.Evaluation(Seed, found).ScoreCells())
        {
            sheet.Cell(cell.Row, cell.Column).Value = (double)Math.Max(0, max - belowMax);
        }

        using var output = new MemoryStream();
        workbook.SaveAs(output, new SaveOptions { EvaluateFormulasBeforeSaving = true });
        return output.ToArray();
    }

    public static async Task SubmitAsync(string baseUrl, string upn, byte[] workbook)
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        client.DefaultRequestHeaders.Add("X-Dev-User", upn);
        using var content = new ByteArrayContent(workbook);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var response = await client.PostAsync(new Uri($"/api/campaigns/{TaskpaneSteps.Campaign}/submissions", UriKind.Relative), content);
        Assert.True(response.IsSuccessStatusCode, $"arranging a submission failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
