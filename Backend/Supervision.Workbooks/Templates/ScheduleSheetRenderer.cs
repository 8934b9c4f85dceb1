using System.Globalization;
using ClosedXML.Excel;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Grids;
using static Supervision.Workbooks.Templates.SheetStyle;

namespace Supervision.Workbooks.Templates;

/// <summary>
/// 附件2 片区安排表: one row per area (room) — 组号 and 时间 merged per group, 学校 named with their count — then a 备注
/// with the observer units and the timetable of the session phases. Read-only: nothing to fill in.
/// </summary>
internal sealed class ScheduleSheetRenderer(Campaign campaign)
{
    public const int HeaderRow = 2;

    /// <summary>Columns: the paper's four, then 片区编号 (what 附件4 asks for), which the paper does not print.</summary>
    private static readonly (string Heading, double Width)[] Columns =
    [
        ("组号", 7),
        ("学  校", 50),
        ("地点", 9),
        ("时间", 16),
        ("片区编号", 10),
    ];

    public void Render(IXLWorksheet sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var width = Columns.Length;
        for (var c = 0; c < width; c++)
        {
            sheet.Column(c + 1).Width = Columns[c].Width;
        }

        Title(sheet, campaign.FormTitles.Schedule, 1, width, HeightFor(campaign.FormTitles.Schedule, Columns.Sum(c => c.Width) / 1.45, 30));
        for (var c = 0; c < width; c++)
        {
            var cell = sheet.Range(HeaderRow, c + 1, HeaderRow, c + 1);
            Text(cell, Columns[c].Heading);
            Heading(cell);
        }

        sheet.Row(HeaderRow).Height = 24;
        var row = HeaderRow + 1;
        foreach (var group in campaign.Groups)
        {
            var first = row;
            foreach (var area in group.Areas)
            {
                var schools = $"{string.Join("、", area.Schools.Select(s => s.Name))}（{area.Schools.Count}）";
                var schoolCell = sheet.Range(row, 2, row, 2);
                Text(schoolCell, schools);
                schoolCell.Style.Alignment.SetVertical(XLAlignmentVerticalValues.Center).Alignment.SetWrapText();
                Text(sheet.Range(row, 3, row, 3), area.Room);
                Text(sheet.Range(row, 5, row, 5), area.Id);
                Centered(sheet.Range(row, 3, row, 3));
                Centered(sheet.Range(row, 5, row, 5));
                sheet.Row(row).Height = Math.Max(36, HeightFor(schools, Columns[1].Width));
                row++;
            }

            var last = Math.Max(first, row - 1);
            var number = Box(sheet, new CellAddress(first, 1), new CellAddress(last, 1));
            Text(number, group.Name);
            Centered(number);
            var time = Box(sheet, new CellAddress(first, 4), new CellAddress(last, 4));
            Text(time, $"{group.Date.Month}.{group.Date.Day}{(group.HalfDay == HalfDay.Morning ? "上" : "下")}\n{group.HostVenue}");
            Centered(time);
            row = last + 1;
        }

        var lastTableRow = row - 1;
        Grid(sheet.Range(HeaderRow, 1, lastTableRow, width));

        row++;
        var notes = Notes().ToList();
        foreach (var note in notes)
        {
            var box = Box(sheet, new CellAddress(row, 1), new CellAddress(row, width));
            Text(box, note);
            Label(box);
            box.Style.Alignment.SetWrapText();
            sheet.Row(row).Height = HeightFor(note, Columns.Sum(c => c.Width));
            row++;
        }

        Print(sheet, XLPageOrientation.Portrait, HeaderRow, HeaderRow, row - 1, width);
    }

    private IEnumerable<string> Notes()
    {
        yield return "备注：";
        if (campaign.ObserverUnits.Count > 0)
        {
            yield return $"{string.Join("、", campaign.ObserverUnits)}作为观摩单位参与。";
        }

        var morning = campaign.TimetableFor(HalfDay.Morning);
        var afternoon = campaign.TimetableFor(HalfDay.Afternoon);
        var sessions = new List<string>();
        if (morning is not null)
        {
            sessions.Add($"上午{Span(morning.Start, morning.End)}");
        }

        if (afternoon is not null)
        {
            sessions.Add($"下午{Span(afternoon.Start, afternoon.End)}");
        }

        if (sessions.Count > 0)
        {
            yield return $"督查时间安排：{string.Join("  ", sessions)}";
        }

        var phases = (morning ?? afternoon)?.Phases ?? [];
        foreach (var phase in phases)
        {
            var times = new[] { morning, afternoon }
                .Select(t => t?.Phases.FirstOrDefault(p => p.Name == phase.Name))
                .Where(p => p is not null)
                .Select(p => Span(p!.Start, p.End));
            yield return $"{phase.Name}：{string.Join("/", times)}";
        }

        yield return "片区编号：填写附件4评分表时使用。";
    }

    private static string Span(TimeOnly start, TimeOnly end) =>
        $"{start.ToString("H:mm", CultureInfo.InvariantCulture)}—{end.ToString("H:mm", CultureInfo.InvariantCulture)}";
}
