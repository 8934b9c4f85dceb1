using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Forms;
using Supervision.Domain.Grids;
using Supervision.Domain.Rules;
using Group = Supervision.Domain.Campaigns.Group;

namespace Supervision.Domain.Setup;

/// <summary>
/// A name that looks like two units run together (甲幼儿园乙托 → 甲幼儿园、乙托), offered with a stable id.
/// It is applied only when the import is repeated with the id accepted.
/// </summary>
public sealed record ScheduleSuggestion(string Id, string? Sheet, string Cell, string Name, IReadOnlyList<string> Parts, bool Accepted);

/// <summary>The plan read from a 附件2 安排表: groups → areas → schools, observer units, timetables, and every contradiction.</summary>
public sealed record ScheduleImport(
    IReadOnlyList<Group> Groups,
    IReadOnlyList<string> ObserverUnits,
    IReadOnlyList<SessionTimetable> Timetables,
    IReadOnlyList<Issue> Issues,
    IReadOnlyList<ScheduleSuggestion> Suggestions)
{
    public bool HasErrors => Issues.Any(i => i.Severity == Severity.Error);

    public Campaign ApplyTo(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return campaign with { Groups = Groups, ObserverUnits = ObserverUnits, Timetables = Timetables };
    }
}

/// <summary>
/// Reads a schedule (附件2 片区安排表) as the office writes it in Excel — 组号 | 学校 (names separated by 、 with a stated
/// count in brackets) | 地点 | 时间 (date, half-day and the host venue on the next line or row), 备注 with the observer
/// units and the phase times — or as our own template renders it. Nothing is guessed silently: every contradiction is an
/// issue with its cell; a name that looks like two units run together is a suggestion, applied only once accepted.
/// Names already in the campaign keep their school ids; new names get the next free id.
/// </summary>
public static partial class ScheduleImporter
{
    private const string Separators = "、，,;；";

    // Unit words a run-together name is split after; a part is plausible when it ends with one of the suffixes.
    private static readonly string[] SplitUnits = ["幼儿园", "保育院", "小学", "中学", "学校", "托"];
    private static readonly string[] PlausibleSuffixes = ["幼儿园", "保育院", "小学", "中学", "学校", "托", "校", "中", "小", "基地", "中心"];

    private static readonly HeadingSpec[] Specs =
    [
        new("group", true, "组号", "组别", "组"),
        new("schools", true, "学校", "参加学校", "学校名称"),
        new("room", false, "地点", "督查地点", "会场"),
        new("time", true, "时间", "督查时间"),
    ];

    public static ScheduleImport Import(Grid grid, Campaign existing, IEnumerable<string>? acceptedSuggestions = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(existing);
        var state = new ImportState(grid, existing, acceptedSuggestions);
        var header = GridSearch.FindTable(grid, Specs);
        if (header is null)
        {
            state.Issues.Add(Issue.Error(SetupCodes.ScheduleTableMissing, grid.Sheet, null,
                "没有找到安排表的表头（组号、学校、地点、时间），请确认上传的是附件2 片区安排表。"));
            return new ScheduleImport([], existing.ObserverUnits, existing.Timetables, state.Issues, []);
        }

        var notesRow = FindNotesRow(grid, header.Row);
        state.ReadTitle(header.Row);
        state.ReadTable(header, notesRow);
        state.ReadNotes(notesRow);
        return state.Finish();
    }

    /// <summary>The stable id of a suggestion: the cell and the name, hashed.</summary>
    public static string SuggestionId(string cell, string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{cell}|{SchoolNames.Normalize(name)}"));
        return "split-" + Convert.ToHexStringLower(hash.AsSpan(0, 4));
    }

    private static int FindNotesRow(Grid grid, int headerRow)
    {
        for (var row = headerRow + 1; row <= grid.LastRow; row++)
        {
            for (var column = grid.FirstColumn; column <= grid.LastColumn; column++)
            {
                var text = GridSearch.Text(grid[row, column]);
                if (text.Length == 0)
                {
                    continue;
                }

                if (text.StartsWith("备注", StringComparison.Ordinal))
                {
                    return row;
                }

                break;
            }
        }

        return grid.LastRow + 1;
    }

    /// <summary>The two plausible names a run-together name splits into, or null when it does not split in exactly one way.</summary>
    internal static string[]? SplitRunTogether(string name)
    {
        var found = new List<string[]>();
        foreach (var unit in SplitUnits)
        {
            for (var at = name.IndexOf(unit, StringComparison.Ordinal); at >= 0; at = name.IndexOf(unit, at + 1, StringComparison.Ordinal))
            {
                var cut = at + unit.Length;
                var left = name[..cut];
                var right = name[cut..];
                if (IsPlausible(left) && IsPlausible(right) && !found.Any(f => f[0] == left))
                {
                    found.Add([left, right]);
                }
            }
        }

        return found.Count == 1 ? found[0] : null;
    }

    private static bool IsPlausible(string part) =>
        part.Length >= 2 && PlausibleSuffixes.Any(s => part.EndsWith(s, StringComparison.Ordinal) && part.Length > s.Length);

    private sealed record SchoolCell(IReadOnlyList<string> Names, int? StatedCount, bool StraySeparator);

    private sealed class GroupBuilder(int number, string name, CellAddress cell)
    {
        public int Number { get; } = number;
        public string Name { get; } = name;
        public CellAddress Cell { get; } = cell;
        public DateOnly? Date { get; set; }
        public HalfDay? HalfDay { get; set; }
        /// <summary>A bad date was already reported: no second "missing" issue for the same cell.</summary>
        public bool DateReported { get; set; }
        public List<string> Hosts { get; } = [];
        public List<(string Room, List<School> Schools, CellAddress Cell)> Rooms { get; } = [];
    }

    private sealed class ImportState
    {
        private readonly Grid grid;
        private readonly Campaign existing;
        private readonly HashSet<string> accepted;
        private readonly HashSet<string> usedAccepted = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> existingIds;
        private readonly Dictionary<string, CellAddress> seen = new(StringComparer.Ordinal);
        private readonly List<GroupBuilder> groups = [];
        private readonly SchoolYearSpan? year;
        private int nextId;
        private int timeColumn;
        private List<string>? observers;
        private List<SessionTimetable>? timetables;

        public ImportState(Grid grid, Campaign existing, IEnumerable<string>? acceptedSuggestions)
        {
            this.grid = grid;
            this.existing = existing;
            accepted = new HashSet<string>((acceptedSuggestions ?? []).Select(s => s.Trim()).Where(s => s.Length > 0), StringComparer.Ordinal);
            existingIds = existing.Schools
                .GroupBy(s => SchoolNames.Normalize(s.Name), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
            nextId = existing.Schools.Select(s => IdNumber().Match(s.Id)).Where(m => m.Success)
                .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max() + 1;
            year = ScheduleRules.ParseSchoolYear(existing.SchoolYear);
        }

        public List<Issue> Issues { get; } = [];

        public List<ScheduleSuggestion> Suggestions { get; } = [];

        private Issue Error(string code, CellAddress? cell, string message) => Issue.Error(code, grid.Sheet, cell?.ToString(), message);

        private Issue Warning(string code, CellAddress? cell, string message) => Issue.Warning(code, grid.Sheet, cell?.ToString(), message);

        /// <summary>A title naming another school year (last year's sheet imported by mistake) is reported: its dates would shift silently.</summary>
        public void ReadTitle(int headerRow)
        {
            for (var row = grid.FirstRow; row < headerRow; row++)
            {
                for (var column = grid.FirstColumn; column <= grid.LastColumn; column++)
                {
                    var text = GridSearch.Text(grid[row, column]);
                    var match = TitleYearPattern().Match(text);
                    if (match.Success && ScheduleRules.ParseSchoolYear(match.Value) is { } titled && year is { } campaignYear && titled != campaignYear)
                    {
                        Issues.Add(Warning(SetupCodes.ScheduleOtherYear, new CellAddress(row, column),
                            $"表头写的是 {match.Value} 学年，这项督查活动是 {existing.SchoolYear} 学年；日期按 {existing.SchoolYear} 学年读取，请确认没有导入往年的安排表。"));
                        return;
                    }
                }
            }
        }

        public void ReadTable(TableHeader header, int notesRow)
        {
            var groupColumn = header.ColumnOf("group")!.Value;
            var schoolsColumn = header.ColumnOf("schools")!.Value;
            var roomColumn = header.ColumnOf("room");
            var timeColumn = header.ColumnOf("time")!.Value;
            this.timeColumn = timeColumn;
            GroupBuilder? current = null;
            for (var row = header.Row + 1; row < notesRow && row <= grid.LastRow; row++)
            {
                var groupCell = new CellAddress(row, groupColumn);
                var groupText = GridSearch.Text(grid[groupCell]);
                var schoolsCell = new CellAddress(row, schoolsColumn);
                var schoolsValue = grid[schoolsCell];
                var timeCell = new CellAddress(row, timeColumn);
                var timeText = grid[timeCell].Display;
                if (groupText.Length == 0 && schoolsValue.IsEmpty && string.IsNullOrWhiteSpace(timeText))
                {
                    continue;
                }

                if (groupText.Length > 0)
                {
                    current = StartGroup(groupText, groupCell, current);
                }
                else if (current is null)
                {
                    Issues.Add(Error(SetupCodes.ScheduleBadGroup, groupCell, "表格第一行没有组号，请填写组号（如“一”或“1”）。"));
                    current = StartGroup("1", groupCell, null);
                }

                ReadTime(current, timeText, timeCell);
                if (!schoolsValue.IsEmpty)
                {
                    var room = roomColumn is { } rc ? SchoolNames.Normalize(grid[row, rc].Display) : "";
                    if (room.Length == 0 && roomColumn is { } missing)
                    {
                        Issues.Add(Warning(SetupCodes.ScheduleRoomMissing, new CellAddress(row, missing), $"第{current.Name}组的这一行没有填写地点（开会的房间）。"));
                    }

                    current.Rooms.Add((room, ReadSchools(schoolsValue.Display, schoolsCell), schoolsCell));
                }
            }

            foreach (var group in groups.Where(g => (g.Date is null || g.HalfDay is null) && !g.DateReported))
            {
                Issues.Add(Error(SetupCodes.ScheduleDateMissing, group.Cell with { Column = timeColumn },
                    $"第{group.Name}组没有填写日期和上午/下午（如“6.3上”）。"));
            }
        }

        private GroupBuilder StartGroup(string text, CellAddress cell, GroupBuilder? current)
        {
            var number = ParseGroupNumber(text);
            if (number is null)
            {
                Issues.Add(Error(SetupCodes.ScheduleBadGroup, cell, $"组号“{text}”无法识别，请填写“一”“二”或 1、2 这样的组号。"));
                number = (groups.Count == 0 ? 0 : groups.Max(g => g.Number)) + 1;
            }

            if (current is not null && current.Number == number)
            {
                return current;
            }

            var earlier = groups.FirstOrDefault(g => g.Number == number);
            if (earlier is not null)
            {
                Issues.Add(Error(SetupCodes.ScheduleDuplicateGroup, cell, $"第{text}组在 {earlier.Cell} 已经出现过，这一行并入该组；请确认组号。"));
                return earlier;
            }

            // 第三组 and 三 name the same group; it is shown as 三.
            var group = new GroupBuilder(number.Value, text.TrimStart('第').TrimEnd('组') is { Length: > 0 } name ? name : text, cell);
            groups.Add(group);
            return group;
        }

        private void ReadTime(GroupBuilder group, string text, CellAddress cell)
        {
            var lines = text.Split('\n', '\r').Select(SchoolNames.Normalize).Where(l => l.Length > 0).ToList();
            foreach (var line in lines)
            {
                var match = DatePattern().Match(line);
                if (match.Success)
                {
                    if (group.Date is null)
                    {
                        ReadDate(group, match, line, cell);
                        continue;
                    }

                    // A second date for the same group (its rooms not merged): the same one is fine, another one is a contradiction.
                    var other = new GroupBuilder(group.Number, group.Name, cell);
                    ReadDate(other, match, line, cell);
                    if (other.Date is { } date && (date != group.Date || (other.HalfDay is { } h && h != group.HalfDay)))
                    {
                        Issues.Add(Error(SetupCodes.ScheduleDateConflict, cell,
                            $"第{group.Name}组已定在 {group.Date:yyyy-MM-dd}{HalfName(group.HalfDay)}，这里又写了“{line}”；同一组的各片区在同一个半天督查，请核对组号或时间。"));
                    }
                }
                else if (group.Date is null && line.Any(char.IsAsciiDigit))
                {
                    group.DateReported = true;
                    Issues.Add(Error(SetupCodes.ScheduleBadDate, cell, $"“{line}”不是可识别的日期和时段，请写成“6.3上”或“6月3日下午”。"));
                }
                else
                {
                    group.Hosts.AddRange(line.Split(Separators.ToCharArray(), StringSplitOptions.RemoveEmptyEntries).Where(h => !group.Hosts.Contains(h)));
                }
            }
        }

        private void ReadDate(GroupBuilder group, Match match, string line, CellAddress cell)
        {
            group.DateReported = true;
            var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
            var day = int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture);
            int? writtenYear = match.Groups["year"].Success ? int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture) : null;
            var calendarYear = writtenYear ?? year?.YearOf(month);
            if (calendarYear is null)
            {
                Issues.Add(Error(SetupCodes.ScheduleBadDate, cell, $"督查活动的学年“{existing.SchoolYear}”无法识别，“{line}”无法确定年份。"));
                return;
            }

            if (month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(calendarYear.Value, month))
            {
                Issues.Add(Error(SetupCodes.ScheduleBadDate, cell, $"“{line}”不是有效的日期。"));
                return;
            }

            var date = new DateOnly(calendarYear.Value, month, day);
            if (year is { } span && !span.Contains(date))
            {
                Issues.Add(Error(SetupCodes.ScheduleDateOutsideYear, cell,
                    $"第{group.Name}组的日期 {date:yyyy-MM-dd} 不在 {existing.SchoolYear} 学年（{span.Start:yyyy-MM-dd} 至 {span.End:yyyy-MM-dd}）之内。"));
            }

            var half = match.Groups["half"].Value;
            if (half.Length == 0)
            {
                Issues.Add(Error(SetupCodes.ScheduleBadDate, cell, $"“{line}”没有写明上午还是下午（如“6.3上”）。"));
            }
            else
            {
                group.HalfDay = half.StartsWith('上') ? HalfDay.Morning : HalfDay.Afternoon;
            }

            group.Date = date;
        }

        private List<School> ReadSchools(string raw, CellAddress cell)
        {
            var parsed = ParseSchoolCell(raw);
            if (parsed.StraySeparator)
            {
                Issues.Add(Warning(SetupCodes.ScheduleStraySeparator, cell, "学校名单中有多余的分隔符“、”（在开头、结尾或连续出现），已忽略。"));
            }

            var names = new List<string>();
            var pending = new List<(string Name, string[] Parts, string Id)>();
            foreach (var name in parsed.Names)
            {
                var parts = SplitRunTogether(name);
                var id = parts is null ? null : SuggestionId(cell.ToString(), name);
                if (parts is not null && accepted.Contains(id!))
                {
                    usedAccepted.Add(id!);
                    Suggestions.Add(new ScheduleSuggestion(id!, grid.Sheet, cell.ToString(), name, parts, Accepted: true));
                    names.AddRange(parts);
                    continue;
                }

                if (parts is not null)
                {
                    pending.Add((name, parts, id!));
                }

                names.Add(name);
            }

            if (parsed.StatedCount is { } stated && stated != names.Count)
            {
                if (pending.Count > 0 && stated - names.Count == pending.Count)
                {
                    foreach (var (name, parts, id) in pending)
                    {
                        Suggestions.Add(new ScheduleSuggestion(id, grid.Sheet, cell.ToString(), name, parts, Accepted: false));
                        Issues.Add(Warning(SetupCodes.ScheduleRunTogether, cell,
                            $"“{name}”像是两个单位连写：{string.Join("、", parts)}，这样拆分后人数与注明的（{stated}）相符。确认请在导入时接受建议 {id}，否则请修改表格。"));
                    }
                }
                else
                {
                    Issues.Add(Error(SetupCodes.ScheduleCountMismatch, cell,
                        $"注明 {stated} 所学校，实际列出 {names.Count} 所：{string.Join("、", names)}。请核对名单或人数。"));
                }
            }

            var schools = new List<School>();
            foreach (var name in names)
            {
                if (seen.TryGetValue(name, out var first))
                {
                    Issues.Add(Error(SetupCodes.ScheduleDuplicateSchool, cell, $"“{name}”在 {first} 已经列出，同一学校只能属于一个片区。"));
                    continue;
                }

                seen[name] = cell;
                schools.Add(new School(IdFor(name), name));
            }

            return schools;
        }

        private string IdFor(string name)
        {
            if (existingIds.TryGetValue(name, out var id))
            {
                return id;
            }

            id = $"s{nextId.ToString("00", CultureInfo.InvariantCulture)}";
            nextId++;
            existingIds[name] = id;
            return id;
        }

        public void ReadNotes(int notesRow)
        {
            var lines = new List<(string Text, CellAddress Cell)>();
            for (var row = notesRow; row <= grid.LastRow; row++)
            {
                for (var column = grid.FirstColumn; column <= grid.LastColumn; column++)
                {
                    var value = grid[row, column];
                    if (!value.IsEmpty)
                    {
                        lines.AddRange(value.Display.Split('\n', '\r').Select(SchoolNames.Normalize).Where(l => l.Length > 0)
                            .Select(l => (l, new CellAddress(row, column))));
                    }
                }
            }

            if (lines.Count == 0)
            {
                return;
            }

            // A note typed across lines (蒙正幼 / 儿园) reads as one text once the lines are joined.
            var joined = string.Concat(lines.Select(l => l.Text));
            var observerMatch = ObserverPattern().Match(joined);
            if (observerMatch.Success)
            {
                observers = observerMatch.Groups["units"].Value.Split(Separators.ToCharArray(), StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
            }

            var sessions = new Dictionary<HalfDay, (TimeOnly Start, TimeOnly End)>();
            foreach (var (text, cell) in lines)
            {
                foreach (Match session in SessionPattern().Matches(text))
                {
                    var half = session.Groups["half"].Value == "上午" ? HalfDay.Morning : HalfDay.Afternoon;
                    if (Span(session.Groups["start"].Value, session.Groups["end"].Value, cell, $"{session.Groups["half"].Value}督查时间") is { } span)
                    {
                        sessions.TryAdd(half, span);
                    }
                }
            }

            var phases = new Dictionary<HalfDay, List<Phase>>();
            foreach (var (text, cell) in lines)
            {
                var phase = PhasePattern().Match(text);
                if (!phase.Success)
                {
                    continue;
                }

                var name = phase.Groups["name"].Value;
                var slots = new List<(string Start, string End)> { (phase.Groups["s1"].Value, phase.Groups["e1"].Value) };
                if (phase.Groups["s2"].Success)
                {
                    slots.Add((phase.Groups["s2"].Value, phase.Groups["e2"].Value));
                }

                foreach (var (startText, endText) in slots)
                {
                    var start = ParseTime(startText);
                    var end = ParseTime(endText);
                    if (start is null || end is null)
                    {
                        Issues.Add(Error(SetupCodes.ScheduleBadDate, cell, $"{name}的时间“{startText}—{endText}”无法识别。"));
                        continue;
                    }

                    var half = start.Value.Hour < 12 ? HalfDay.Morning : HalfDay.Afternoon;
                    if (end <= start)
                    {
                        var sessionEnd = sessions.TryGetValue(half, out var s) && s.End > start ? s.End : start.Value;
                        Issues.Add(Error(SetupCodes.ScheduleTimeReversed, cell,
                            $"{name}的时间 {startText}—{endText} 结束早于开始；按督查时间安排读作 {ScheduleRules.Format(start.Value)}—{ScheduleRules.Format(sessionEnd)}，请更正。"));
                        end = sessionEnd;
                    }

                    if (!phases.TryGetValue(half, out var list))
                    {
                        phases[half] = list = [];
                    }

                    list.Add(new Phase(name, start.Value, end.Value));
                }
            }

            var halves = sessions.Keys.Union(phases.Keys).Order().ToList();
            if (halves.Count > 0)
            {
                timetables = halves.Select(half =>
                {
                    var list = phases.GetValueOrDefault(half) ?? [];
                    var start = sessions.TryGetValue(half, out var s) ? s.Start : list.Min(p => p.Start);
                    var end = sessions.TryGetValue(half, out var e) ? e.End : list.Max(p => p.End);
                    return new SessionTimetable(half, start, end, list);
                }).ToList();
            }
        }

        private (TimeOnly Start, TimeOnly End)? Span(string startText, string endText, CellAddress cell, string what)
        {
            var start = ParseTime(startText);
            var end = ParseTime(endText);
            if (start is null || end is null)
            {
                Issues.Add(Error(SetupCodes.ScheduleBadDate, cell, $"{what}“{startText}—{endText}”无法识别。"));
                return null;
            }

            if (end <= start)
            {
                Issues.Add(Error(SetupCodes.ScheduleTimeReversed, cell, $"{what} {startText}—{endText} 结束早于开始，请更正。"));
                return null;
            }

            return (start.Value, end.Value);
        }

        public ScheduleImport Finish()
        {
            foreach (var id in accepted.Except(usedAccepted))
            {
                Issues.Add(Issue.Warning(SetupCodes.ScheduleUnknownSuggestion, grid.Sheet, null, $"接受的建议 {id} 与本次导入的表格不符，已忽略。"));
            }

            var resultTimetables = timetables ?? [.. existing.Timetables];
            if (resultTimetables.Count == 0)
            {
                Issues.Add(Issue.Warning(SetupCodes.ScheduleTimetableMissing, grid.Sheet, null,
                    "备注中没有找到各环节时间（如“汇报展示：9:00—10:40/14:00—15:40”），无法检查汇报时间是否够用。"));
            }

            var result = new List<Group>();
            foreach (var builder in groups)
            {
                var areas = builder.Rooms.Select((room, index) =>
                    new Area($"g{builder.Number.ToString(CultureInfo.InvariantCulture)}-{(index + 1).ToString(CultureInfo.InvariantCulture)}", room.Room, room.Schools)).ToList();
                var group = new Group(builder.Number, builder.Name, builder.Date ?? default, builder.HalfDay ?? HalfDay.Morning,
                    string.Join("、", builder.Hosts), [.. builder.Hosts], areas);
                result.Add(group);
                var timetable = resultTimetables.FirstOrDefault(t => t.HalfDay == group.HalfDay);
                if ((timetable is null || timetable.Phases.Count == 0) && resultTimetables.Count > 0 && builder.HalfDay is { } half)
                {
                    Issues.Add(Warning(SetupCodes.ScheduleTimetableMissing, builder.Cell with { Column = timeColumn },
                        $"第{builder.Name}组安排在{(half == HalfDay.Morning ? "上午" : "下午")}，备注中没有{(half == HalfDay.Morning ? "上午" : "下午")}的各环节时间，无法检查汇报时间是否够用。"));
                }

                for (var i = 0; i < areas.Count; i++)
                {
                    if (ScheduleRules.Presentation(group, areas[i], timetable, grid.Sheet, builder.Rooms[i].Cell.ToString()) is { } issue)
                    {
                        Issues.Add(issue);
                    }
                }
            }

            var ordered = Issues.OrderBy(i => i.Cell is null ? int.MaxValue : CellAddress.Parse(i.Cell).Row)
                .ThenBy(i => i.Cell is null ? 0 : CellAddress.Parse(i.Cell).Column).ToList();
            return new ScheduleImport(result, observers ?? [.. existing.ObserverUnits], resultTimetables, ordered, Suggestions);
        }
    }

    private static SchoolCell ParseSchoolCell(string raw)
    {
        var text = raw.Normalize(NormalizationForm.FormKC).Trim();
        int? stated = null;
        var count = CountPattern().Match(text);
        if (count.Success)
        {
            stated = int.Parse(count.Groups[1].Value, CultureInfo.InvariantCulture);
            text = text[..count.Index];
        }

        // A line break separates names unless a separator already stands next to it.
        text = LineBreakPattern().Replace(text, m =>
        {
            var before = m.Index > 0 ? text[m.Index - 1] : '、';
            var after = m.Index + m.Length < text.Length ? text[m.Index + m.Length] : '、';
            return Separators.Contains(before, StringComparison.Ordinal) || Separators.Contains(after, StringComparison.Ordinal) ? "" : "、";
        });
        var tokens = text.Split(Separators.ToCharArray()).Select(SchoolNames.Normalize).ToList();
        var stray = tokens.Count > 1 && tokens.Any(t => t.Length == 0);
        return new SchoolCell(tokens.Where(t => t.Length > 0).ToList(), stated, stray);
    }

    private static string HalfName(HalfDay? half) => half switch
    {
        HalfDay.Morning => "上午",
        HalfDay.Afternoon => "下午",
        _ => "",
    };

    private static TimeOnly? ParseTime(string text) =>
        TimeOnly.TryParseExact(text, "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    private static int? ParseGroupNumber(string text)
    {
        var core = text.Trim().TrimStart('第').TrimEnd('组');
        if (int.TryParse(core, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number > 0 ? number : null;
        }

        const string digits = "零一二三四五六七八九";
        if (core.Length == 0 || core.Any(c => c != '十' && !digits.Contains(c, StringComparison.Ordinal)))
        {
            return null;
        }

        var ten = core.IndexOf('十', StringComparison.Ordinal);
        if (ten < 0)
        {
            var single = core.Length == 1 ? digits.IndexOf(core[0], StringComparison.Ordinal) : -1;
            return single > 0 ? single : null;
        }

        var tens = ten == 0 ? 1 : ten == 1 ? digits.IndexOf(core[0], StringComparison.Ordinal) : -1;
        var units = ten == core.Length - 1 ? 0 : ten == core.Length - 2 ? digits.IndexOf(core[^1], StringComparison.Ordinal) : -1;
        return tens > 0 && units >= 0 ? (tens * 10) + units : null;
    }

    [GeneratedRegex(@"\d{4}[-—–~至]+\d{4}")]
    private static partial Regex TitleYearPattern();

    [GeneratedRegex(@"\((\d+)\)$")]
    private static partial Regex CountPattern();

    [GeneratedRegex(@"\s*[\r\n]+\s*")]
    private static partial Regex LineBreakPattern();

    [GeneratedRegex(@"^s(\d+)$")]
    private static partial Regex IdNumber();

    [GeneratedRegex(@"^(?:(?<year>\d{4})[.\-/年])?(?<month>\d{1,2})[.\-/月](?<day>\d{1,2})日?(?<half>上午|下午|上|下)?$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"(?<units>[^,。;:]*)作为观摩单位|观摩单位(?:为|有|是|:)(?<units>[^。;]*)")]
    private static partial Regex ObserverPattern();

    [GeneratedRegex(@"(?<half>上午|下午)(?<start>\d{1,2}:\d{2})[-—–~至]+(?<end>\d{1,2}:\d{2})")]
    private static partial Regex SessionPattern();

    [GeneratedRegex(@"^(?<name>[^:\d/]{2,12}):(?<s1>\d{1,2}:\d{2})[-—–~至]+(?<e1>\d{1,2}:\d{2})(?:/(?<s2>\d{1,2}:\d{2})[-—–~至]+(?<e2>\d{1,2}:\d{2}))?")]
    private static partial Regex PhasePattern();
}
