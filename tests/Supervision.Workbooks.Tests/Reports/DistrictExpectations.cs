using ClosedXML.Excel;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Results;
using Supervision.Workbooks.Reports;
using static Supervision.Workbooks.Tests.Reports.WorkbookCells;

namespace Supervision.Workbooks.Tests.Reports;

/// <summary>
/// Where the district workbook shows each of the results' numbers, and what it must show: the expectations come from
/// <see cref="CampaignResults"/> (the API's numbers), the cells from a stored workbook.
/// </summary>
internal static class DistrictExpectations
{
    /// <summary>Every (sheet, cell, expected, actual) that differs; also counts how many formula cells were compared.</summary>
    public static (List<string> Mismatches, int FormulaCells) Compare(Campaign campaign, CampaignResults results,
        Dictionary<string, Dictionary<string, (string Text, bool Formula)>> cells, bool sheetPerArea)
    {
        var mismatches = new List<string>();
        var formulas = 0;
        void Check(string sheet, string cell, string expected)
        {
            var (text, formula) = cells[sheet].GetValueOrDefault(cell, ("", false));
            formulas += formula ? 1 : 0;
            var actual = Shown(text);
            if (actual != expected)
            {
                mismatches.Add($"{sheet}!{cell}: expected '{expected}', got '{actual}' (stored '{text}')");
            }
        }

        string Col(int column) => XLHelper.GetColumnLetterFromNumber(column);
        var categories = campaign.Rubric.Categories;

        // 汇总: D 自评, E 互评, F.. inspector categories, then total, final, grade, area rank, district rank.
        for (var i = 0; i < results.Schools.Count; i++)
        {
            var school = results.Schools[i];
            var row = DistrictWorkbookWriter.HeaderRow + 1 + i;
            var sheet = DistrictWorkbookWriter.SummarySheet;
            Check(sheet, $"C{row}", school.School);
            Check(sheet, $"D{row}", Shown(school.Self?.Total));
            Check(sheet, $"E{row}", Shown(school.Peer?.Total));
            for (var c = 0; c < categories.Count; c++)
            {
                Check(sheet, $"{Col(6 + c)}{row}", Shown(school.Inspector?.Categories[c].Score));
            }

            var total = 6 + categories.Count;
            Check(sheet, $"{Col(total)}{row}", Shown(school.Inspector?.Total));
            Check(sheet, $"{Col(total + 1)}{row}", Shown(school.Final));
            Check(sheet, $"{Col(total + 2)}{row}", school.Grade?.Name ?? "");
            Check(sheet, $"{Col(total + 3)}{row}", Shown(school.Rank));
            Check(sheet, $"{Col(total + 4)}{row}", Shown(school.DistrictRank));
        }

        // 互评: the formula rows under each area's block, one column per scored school.
        foreach (var area in campaign.Areas)
        {
            var sheet = sheetPerArea ? DistrictWorkbookWriter.MatrixSheetName(area) : DistrictWorkbookWriter.AllAreasMatrixSheet;
            int RowOf(string label) => cells[sheet].Where(c => c.Key.StartsWith('B') && c.Value.Text == label
                    && cells[sheet].GetValueOrDefault("A" + c.Key[1..]).Text == area.Id)
                .Select(c => int.Parse(c.Key[1..], System.Globalization.CultureInfo.InvariantCulture)).Single();
            var (countRow, meanRow, trimmedRow, usedRow) = (RowOf("评分份数"), RowOf("均值"), RowOf("去掉最高最低后均值"), RowOf("互评分（计入）"));
            for (var j = 0; j < area.Schools.Count; j++)
            {
                var peer = results.Find(area.Schools[j].Id)!.Peer;
                var column = Col(3 + j);
                Check(sheet, $"{column}{countRow}", Shown(peer?.Count ?? 0));
                Check(sheet, $"{column}{meanRow}", Shown(peer?.Mean));
                Check(sheet, $"{column}{trimmedRow}", Shown(peer?.TrimmedMean));
                Check(sheet, $"{column}{usedRow}", Shown(peer?.Total));
            }
        }

        // 分项: the 督查组得分 column, one row per school and category plus the total row.
        var breakdown = cells[DistrictWorkbookWriter.BreakdownSheet];
        var meanColumn = breakdown.Single(c => c.Value.Text == "督查组得分" && c.Key.EndsWith($"{DistrictWorkbookWriter.HeaderRow}", StringComparison.Ordinal)).Key;
        meanColumn = meanColumn[..^DistrictWorkbookWriter.HeaderRow.ToString(System.Globalization.CultureInfo.InvariantCulture).Length];
        var rowNumber = DistrictWorkbookWriter.HeaderRow;
        foreach (var school in results.Schools)
        {
            foreach (var category in school.Inspector?.Categories ?? categories.Select(c => new CategoryScore(c.Id, c.Name, c.Max, null)).ToList())
            {
                rowNumber++;
                Check(DistrictWorkbookWriter.BreakdownSheet, $"D{rowNumber}", category.Name);
                Check(DistrictWorkbookWriter.BreakdownSheet, $"{meanColumn}{rowNumber}", Shown(category.Score));
            }

            rowNumber++;
            Check(DistrictWorkbookWriter.BreakdownSheet, $"{meanColumn}{rowNumber}", Shown(school.Inspector?.Total));
        }

        return (mismatches, formulas);
    }
}
