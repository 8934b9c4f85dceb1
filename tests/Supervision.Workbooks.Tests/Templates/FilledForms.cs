using static Supervision.Workbooks.Tests.Templates.TemplateTestKit;

namespace Supervision.Workbooks.Tests.Templates;

/// <summary>
/// Filled forms written by hand at the addresses of the paper form as the templates lay it out (not taken from layout
/// code), so a layout that moves a cell breaks the tests.
/// </summary>
internal static class FilledForms
{
    /// <summary>附件1 for 鹅岭小学 by 彭小琴: 22 item scores (total 90.5) and the signature.</summary>
    public static readonly Dictionary<string, object> EvaluationByHand = new()
    {
        ["E4"] = 2.5, ["E5"] = 2, ["E6"] = 1.5, ["E7"] = 3,
        ["E8"] = 3, ["E9"] = 2.5, ["E10"] = 4,
        ["E11"] = 3, ["E12"] = 2, ["E13"] = 3.5,
        ["E14"] = 5, ["E15"] = 4.5, ["E16"] = 9, ["E17"] = 5, ["E18"] = 4,
        ["E19"] = 5, ["E20"] = 4.5, ["E21"] = 9.5, ["E22"] = 8,
        ["E23"] = 3, ["E24"] = 2, ["E25"] = 4,
        ["B26"] = "彭小琴、陈郁兰",
    };

    /// <summary>附件4 for g1-1 by 大田湾小学: totals 91, 82, 100, 82, 67.5.</summary>
    public static readonly Dictionary<string, object> PeerScoresByHand = new()
    {
        ["H2"] = "2019-05-28",
        ["B4"] = 9, ["C4"] = 9.5, ["D4"] = 8, ["E4"] = 28, ["F4"] = 27.5, ["G4"] = 9,
        ["B5"] = 8, ["C5"] = 8, ["D5"] = 8, ["E5"] = 25, ["F5"] = 25, ["G5"] = 8,
        ["B6"] = 10, ["C6"] = 10, ["D6"] = 10, ["E6"] = 30, ["F6"] = 30, ["G6"] = 10,
        ["B7"] = 7.5, ["C7"] = 8.5, ["D7"] = 9, ["E7"] = 26, ["F7"] = 24, ["G7"] = 7,
        ["B8"] = 6, ["C8"] = 7, ["D8"] = 7, ["E8"] = 20, ["F8"] = 21.5, ["G8"] = 6,
    };

    /// <summary>附件5 组织管理 by 彭小琴 for the 21 schools of groups 1 and 2.</summary>
    public static readonly Dictionary<string, object> RecordsByHand = new()
    {
        ["B5"] = "分工明确，制度齐全", ["C5"] = 9,
        ["C6"] = 8.5, ["C7"] = 10, ["C8"] = 7,
        ["B9"] = "经费投入不足 1%", ["C9"] = 6.5,
        ["C10"] = 9.5, ["C11"] = 8, ["C12"] = 7.5, ["C13"] = 10, ["C14"] = 9, ["C15"] = 5, ["C16"] = 6, ["C17"] = 8, ["C18"] = 8.5,
        ["C19"] = 9, ["C20"] = 9.5, ["C21"] = 10, ["C22"] = 7, ["C23"] = 7.5, ["C24"] = 8,
        ["B25"] = "未提供资料", ["C25"] = 0,
    };

    /// <summary>附件3 for 鹅岭小学 (单位 C3 is prefilled by the template).</summary>
    public static readonly Dictionary<string, object> SelfCheckByHand = new()
    {
        ["G3"] = "王老师", ["J3"] = "023-63612345",
        ["B6"] = "校本研修领导小组", ["C6"] = "教科室 3 人", ["D6"] = "继教管理制度", ["E6"] = "继教考核奖励办法", ["F6"] = "已制定",
        ["G6"] = "4 次", ["H6"] = 52000, ["I6"] = 1000, ["J6"] = "已备案",
        ["D7"] = 52, ["H7"] = 5_000_000,
        ["D8"] = "师德讲座 2 次，52 人", ["D9"] = "无违规",
        ["C11"] = 2, ["D11"] = 3, ["H11"] = 10, ["C12"] = 4, ["I12"] = 1,
        ["B15"] = "信息技术 2.0，9 月，52 人", ["E15"] = "李校长", ["G15"] = "良好", ["I15"] = "签到表、简报",
        ["B18"] = "绘本阅读课程，6 次，20 人", ["E18"] = "张老师", ["G18"] = "学生喜欢", ["I18"] = "课程纲要",
    };

    /// <summary>A template filled at hand-written addresses with ClosedXML and saved as Excel saves (cached totals).</summary>
    public static byte[] WithClosedXml(byte[] template, string sheet, IReadOnlyDictionary<string, object> cells) =>
        FillWithClosedXml(template, workbook =>
        {
            var target = workbook.Worksheet(sheet);
            foreach (var (address, value) in cells)
            {
                if (value is string text)
                {
                    target.Cell(address).SetValue(text);
                }
                else
                {
                    target.Cell(address).Value = value;
                }
            }
        });

    /// <summary>One filled workbook per form (附件2 has nothing to fill), named like the downloads.</summary>
    public static IReadOnlyList<(string File, byte[] Bytes)> All() =>
    [
        ("a1.xlsx", WithClosedXml(Writer.Evaluation(School("s07"), Inspector), "评估表 鹅岭小学", EvaluationByHand)),
        ("a2.xlsx", Writer.Schedule()),
        ("a3.xlsx", WithClosedXml(Writer.SelfCheck(School("s07")), "自查表 鹅岭小学", SelfCheckByHand)),
        ("a4.xlsx", WithClosedXml(Writer.PeerScores(Area("g1-1"), School("s01")), "评分表 g1-1", PeerScoresByHand)),
        ("a5.xlsx", WithClosedXml(Writer.Records(Category("c1"), Inspector), "记录表 组织管理", RecordsByHand)),
    ];
}
