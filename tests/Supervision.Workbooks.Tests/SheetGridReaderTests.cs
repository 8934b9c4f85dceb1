using ClosedXML.Excel;
using DocumentFormat.OpenXml;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Forms;
using Supervision.Domain.Grids;
using Supervision.Domain.Rules;
using Supervision.Workbooks.Reading;

namespace Supervision.Workbooks.Tests;

public class SheetGridReaderTests
{
    [Fact]
    public void ClosedXmlRunsOnOpenXmlTwoBecauseThreeCrashesItAtItsFirstCall()
    {
        Assert.Equal(2, typeof(OpenXmlElement).Assembly.GetName().Version!.Major);
        using var workbook = new XLWorkbook();
        Assert.NotNull(workbook.AddWorksheet("表"));
    }

    [Fact]
    public void APeerSheetTypedAwayFromA1IsReadWithItsAddressesAndFormulaTotals()
    {
        using var stream = new MemoryStream();
        using (var workbook = new XLWorkbook())
        {
            var ws = workbook.AddWorksheet("评分表");
            ws.Cell("B3").SetValue("填写学校：");
            ws.Cell("C3").SetValue("鹅岭小学");
            ws.Cell("E3").SetValue("片区编号：");
            ws.Cell("F3").SetValue("g1-2");
            string[] headings = ["学校", "组织管理10分", "研修计划10分", "制度建设10分", "活动组织30分", "研修效果30分", "亮点特色10分", "总评分"];
            for (var i = 0; i < headings.Length; i++)
            {
                ws.Cell(4, i + 2).SetValue(headings[i]);
            }

            string[] schools = ["马家堡小学", "鹅岭小学", "枇杷山小学", "肖家沟小学", "两路口小学"];
            for (var r = 0; r < schools.Length; r++)
            {
                var row = 5 + r;
                ws.Cell(row, 2).SetValue(schools[r]);
                for (var c = 0; c < 6; c++)
                {
                    ws.Cell(row, 3 + c).Value = r == 3 && c == 2 ? 12 : 8;
                }

                ws.Cell(row, 9).FormulaA1 = $"SUM(C{row}:H{row})";
            }

            workbook.SaveAs(stream, new SaveOptions { EvaluateFormulasBeforeSaving = true });
        }

        stream.Position = 0;
        using var read = new XLWorkbook(stream);
        var grid = SheetGridReader.Read(read.Worksheet("评分表"));
        Assert.Equal(new CellAddress(3, 2), grid.TopLeft);
        Assert.Equal(48, grid[new CellAddress(5, 9)].Number);

        var reading = new FormParser(YuzhongCampaign.Create()).Parse(grid);
        var issue = Assert.Single(reading.Issues);
        Assert.Equal((IssueCodes.ScoreOutOfRange, "E8", "评分表"), (issue.Code, issue.Cell, issue.Sheet));
        Assert.Equal(("g1-2", "s07"), (reading.Subject, reading.Author));
    }

    [Fact]
    public void MetadataSheetIsHiddenAndReadBackPerFormSheet()
    {
        using var stream = new MemoryStream();
        using (var workbook = new XLWorkbook())
        {
            workbook.AddWorksheet("评估表-鹅岭小学");
            MetadataSheet.Write(workbook, [("评估表-鹅岭小学", new FormMetadata(YuzhongCampaign.Id, "evaluation", "s07", "pengxiaoqin@yuzhong.example", "1"))]);
            workbook.SaveAs(stream);
        }

        stream.Position = 0;
        using var read = new XLWorkbook(stream);
        Assert.Equal(XLWorksheetVisibility.Hidden, read.Worksheet(MetadataSheet.Name).Visibility);
        var metadata = MetadataSheet.Read(read);
        Assert.Equal(new FormMetadata(YuzhongCampaign.Id, "evaluation", "s07", "pengxiaoqin@yuzhong.example", "1"), metadata["评估表-鹅岭小学"]);
    }

    [Fact]
    public void AnEmptySheetIsAnEmptyGrid()
    {
        using var workbook = new XLWorkbook();
        var grid = SheetGridReader.Read(workbook.AddWorksheet("空"));
        Assert.Equal((0, "空"), (grid.RowCount, grid.Sheet));
    }
}
