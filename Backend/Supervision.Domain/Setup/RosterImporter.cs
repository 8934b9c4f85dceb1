using System.Globalization;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Forms;
using Supervision.Domain.Grids;
using Supervision.Domain.Rules;

namespace Supervision.Domain.Setup;

/// <summary>A roster read from a workbook: the entries and every problem found, with its cell.</summary>
public sealed record RosterImport(IReadOnlyList<RosterEntry> Entries, IReadOnlyList<Issue> Issues)
{
    public bool HasErrors => Issues.Any(i => i.Severity == Severity.Error);
}

/// <summary>
/// Reads a roster (名单): 姓名 | 账号 (UPN) | 角色 (办公室/督查组/学校 or office/inspector/school) | 学校 | 督查组.
/// A school is named by its name or id; an inspector's groups are written "1、2" or "一、二".
/// </summary>
public static class RosterImporter
{
    private static readonly HeadingSpec[] Specs =
    [
        new("name", true, "姓名", "name"),
        new("upn", true, "账号", "UPN", "account", "登录账号", "邮箱"),
        new("role", true, "角色", "role"),
        new("school", false, "学校", "school", "所属学校"),
        new("groups", false, "督查组", "组", "组号", "groups"),
    ];

    public static RosterImport Import(Grid grid, Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(campaign);
        var issues = new List<Issue>();
        var header = GridSearch.FindTable(grid, Specs);
        if (header is null)
        {
            issues.Add(Issue.Error(SetupCodes.RosterTableMissing, grid.Sheet, null, "没有找到名单的表头（姓名、账号、角色），请确认上传的是名单工作簿。"));
            return new RosterImport([], issues);
        }

        var entries = new List<RosterEntry>();
        var accounts = new Dictionary<string, CellAddress>(StringComparer.OrdinalIgnoreCase);
        for (var row = header.Row + 1; row <= grid.LastRow; row++)
        {
            string Read(string key) => header.ColumnOf(key) is { } c ? grid[row, c].Display.Trim() : "";
            CellAddress CellOf(string key) => new(row, header.ColumnOf(key) ?? header.ColumnOf("name")!.Value);
            var name = Read("name");
            var upn = SchoolNames.Normalize(Read("upn"));
            var roleText = Read("role");
            if (name.Length == 0 && upn.Length == 0 && roleText.Length == 0)
            {
                continue;
            }

            if (upn.Length == 0)
            {
                issues.Add(Issue.Error(SetupCodes.RosterAccountMissing, grid.Sheet, CellOf("upn").ToString(), $"{name} 没有填写账号。"));
                continue;
            }

            if (accounts.TryGetValue(upn, out var first))
            {
                issues.Add(Issue.Error(SetupCodes.RosterDuplicateAccount, grid.Sheet, CellOf("upn").ToString(), $"账号 {upn} 在 {first} 已经出现过。"));
                continue;
            }

            accounts[upn] = CellOf("upn");
            var role = ParseRole(roleText);
            if (role is null)
            {
                issues.Add(Issue.Error(SetupCodes.RosterUnknownRole, grid.Sheet, CellOf("role").ToString(),
                    $"角色“{roleText}”无法识别，请填写办公室、督查组或学校。"));
                continue;
            }

            string? schoolId = null;
            IReadOnlyList<int> groups = [];
            if (role == Role.School)
            {
                var schoolText = Read("school");
                var school = campaign.Schools.FirstOrDefault(s => SchoolNames.Same(s.Name, schoolText) || s.Id == schoolText.Trim());
                if (schoolText.Length == 0)
                {
                    issues.Add(Issue.Error(SetupCodes.RosterSchoolMissing, grid.Sheet, CellOf("school").ToString(), $"学校账号 {upn} 没有填写所属学校。"));
                    continue;
                }

                if (school is null)
                {
                    issues.Add(Issue.Error(SetupCodes.RosterUnknownSchool, grid.Sheet, CellOf("school").ToString(), $"学校“{schoolText}”不在安排表中。"));
                    continue;
                }

                schoolId = school.Id;
            }
            else if (role == Role.Inspector)
            {
                var parsed = new List<int>();
                foreach (var token in Read("groups").Split(['、', '，', ',', ';', '；', ' '], StringSplitOptions.RemoveEmptyEntries))
                {
                    var number = ParseGroup(token);
                    if (number is null || campaign.Groups.All(g => g.Number != number))
                    {
                        issues.Add(Issue.Error(SetupCodes.RosterUnknownGroup, grid.Sheet, CellOf("groups").ToString(), $"第“{token}”组不在安排表中。"));
                        continue;
                    }

                    parsed.Add(number.Value);
                }

                groups = parsed.Distinct().Order().ToList();
            }

            entries.Add(new RosterEntry(upn, name, role.Value, schoolId, groups));
        }

        if (!entries.Any(e => e.Role == Role.Office))
        {
            issues.Add(Issue.Error(SetupCodes.RosterNoOffice, grid.Sheet, null, "名单中没有办公室账号，导入后将没有人能管理这项督查活动。"));
        }

        var withAccount = entries.Where(e => e.SchoolId is not null).Select(e => e.SchoolId!).ToHashSet(StringComparer.Ordinal);
        foreach (var school in campaign.Schools.Where(s => !withAccount.Contains(s.Id)))
        {
            issues.Add(Issue.Warning(SetupCodes.RosterSchoolWithoutAccount, grid.Sheet, null, $"{school.Name}（{school.Id}）在名单中没有学校账号。"));
        }

        return new RosterImport(entries, issues);
    }

    private static Role? ParseRole(string text) => SchoolNames.Normalize(text).ToUpperInvariant() switch
    {
        "办公室" or "督查工作办公室" or "OFFICE" => Role.Office,
        "督查组" or "督查组成员" or "督查工作小组成员" or "督查员" or "INSPECTOR" => Role.Inspector,
        "学校" or "校园" or "SCHOOL" => Role.School,
        _ => null,
    };

    private static int? ParseGroup(string token)
    {
        var core = SchoolNames.Normalize(token).TrimStart('第').TrimEnd('组');
        if (int.TryParse(core, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        var index = "一二三四五六七八九十".IndexOf(core, StringComparison.Ordinal);
        return core.Length == 1 && index >= 0 ? index + 1 : null;
    }
}
