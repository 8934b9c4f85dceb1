namespace Supervision.Domain.Campaigns;

/// <summary>
/// The built-in campaign: the 渝中区 2018—2019 process inspection as its notice (渝中继教〔2019〕001号) and attachments
/// describe it, in the sensible reading where the notice contradicts itself, plus marked defaults where it is silent.
/// This file is seed data: the only place in the code that names a school, room or number of that campaign.
/// </summary>
public static class YuzhongCampaign
{
    public const string Id = "yuzhong-2018-2019";

    public static Campaign Create() => new()
    {
        Id = Id,
        Title = "2018—2019学年教师继续教育过程督查",
        SchoolYear = "2018—2019",
        Organiser = "渝中区中小学教师继续教育中心",
        District = "渝中区",
        FormTitles = new FormTitles(
            Evaluation: "渝中区中小学校本研修工作督查评估表",
            Schedule: "2018—2019学年度渝中区教师继续教育过程督查片区安排表",
            SelfCheck: "渝中区教师继续教育校本研修自查表",
            PeerScores: "渝中区教师继续教育过程督查评分表",
            Records: "渝中区教师继续教育工作过程督查情况记录表"),
        Rubric = CreateRubric(),
        Groups = CreateGroups(),
        ObserverUnits = ["鼓楼人和街小学", "科教中心", "少年宫", "蒙正幼儿园", "保健所", "电大", "教委档案中心"],
        Timetables =
        [
            Timetable(HalfDay.Morning, 9, 0),
            // The notice's afternoon 情况反馈 reads 16:30—15:00; the session ends at 17:00, so it is 16:30—17:00.
            Timetable(HalfDay.Afternoon, 14, 0),
        ],
        Deadlines = new Deadlines(
            PaperMaterials: new DateOnly(2019, 5, 17),
            SelfCheck: new DateOnly(2019, 5, 17),
            SessionFormsDueOnSessionDay: true,
            UtcOffsetHours: 8),
        Grading = new Grading(
        [
            new GradeBand("优秀", 90m, RequiresRectification: false),
            new GradeBand("良好", 80m, RequiresRectification: false),
            new GradeBand("合格", 60m, RequiresRectification: false),
            new GradeBand("不合格", 0m, RequiresRectification: true),
        ]),
        Aggregation = new AggregationPolicy(InspectorWeight: 1m, PeerWeight: 0m, SelfWeight: 0m, TrimmedMeanMinPeers: 5),
        Thresholds = new FlagThresholds(SelfAbovePeers: 10m, PeerScorerDeviation: 10m, InspectorPeerGap: 15m),
        ScoreStep = 0.5m,
        Roster = CreateSampleRoster(),
        Provenance =
        [
            "grading: default bands 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, 不合格 < 60 (the notice says 评分定级 without bands)",
            "scoreStep: default 0.5 (half points)",
            "aggregation: default — final = inspector score; peer trimmed mean from 5 peers",
            "thresholds: default — self above peers > 10, peer scorer deviation > 10, inspector/peer gap > 15",
            "deadlines: 附件3 and paper materials 2019-05-17 (the notice); 附件1/4/5 by the end of the session day (default)",
            "roster: sample data — the notice names no accounts; office staff are the notice's office members, inspectors invented",
            "schedule: 阳光春苗幼儿园四托 read as two units; group 2 room 4-1 has the 5 schools it names; 16:30—15:00 read as 16:30—17:00",
        ],
    };

    private static SessionTimetable Timetable(HalfDay halfDay, int startHour, int startMinute)
    {
        var start = new TimeOnly(startHour, startMinute);
        var presentation = new Phase("汇报展示", start, start.AddMinutes(100));
        var mutual = new Phase("互学互查", presentation.End, presentation.End.AddMinutes(40));
        var scoring = new Phase("自评互评", mutual.End, mutual.End.AddMinutes(10));
        var feedback = new Phase("情况反馈", scoring.End, scoring.End.AddMinutes(30));
        return new SessionTimetable(halfDay, start, feedback.End, [presentation, mutual, scoring, feedback]);
    }

    private static Rubric CreateRubric() => new(
    [
        new RubricCategory("c1", "组织管理", 10m,
        [
            new RubricItem(1, "校本研修组织管理机构完善，落实分管领导和机构人员，明确相应的工作职责。", "查看文件", 3m),
            new RubricItem(2, "学校定期召开会议，研究教师继续教育工作。", "查看资料", 2m),
            new RubricItem(3, "学校年投入教师继续教育专项经费不低于教职工工资总额的1%。", "查看档案", 2m),
            new RubricItem(4, "有校级督导检查和评估。", "查看资料", 3m),
        ]),
        new RubricCategory("c2", "研修计划", 10m,
        [
            new RubricItem(5, "制定了年度校本研修实施方案和工作计划。", "查看档案", 3m),
            new RubricItem(6, "建立建全了校本活动过程资料档案库。", "查看档案", 3m),
            new RubricItem(7, "制定了教师校本研修活动系列专题。", "查看资料", 4m),
        ]),
        new RubricCategory("c3", "制度建设", 10m,
        [
            new RubricItem(8, "建立了校本研修方案审查和过程指导制度。", "查看档案", 3m),
            new RubricItem(9, "建立了校本研修评价激励机制。", "查看档案", 3m),
            new RubricItem(10, "利用“区校一体”课程库，建立校本研修授课教师和外请专家库，为校本研修搭建资源支持体系。", "查看档案", 4m),
        ]),
        new RubricCategory("c4", "活动组织", 30m,
        [
            new RubricItem(11, "校领导参与指导校本研修的程度。", "查看记录", 5m),
            new RubricItem(12, "自主开发校本研修课程（含人文素养课程）。", "查看资料", 5m),
            new RubricItem(13, "按计划开展校本研修活动，定期邀请专家进校指导。", "查看资料", 10m),
            new RubricItem(14, "开展新教师指导和其他类别的教师培训，如：校级骨干教师培训、校级班主任培训等。", "查看资料", 5m),
            new RubricItem(15, "积极参加相应课题研究。", "查看资料", 5m),
        ]),
        new RubricCategory("c5", "研修效果", 30m,
        [
            new RubricItem(16, "完善学校、教师继教平台信息。", "查看资料", 5m),
            new RubricItem(17, "计划与执行保持一致，学校形成良好校本研修氛围。", "座谈交流", 5m),
            new RubricItem(18, "校本研修形式灵活，主题鲜明，途径多样。", "座谈交流", 10m),
            new RubricItem(19, "学校校本研修效果显著。", "阅览成果", 10m),
        ]),
        new RubricCategory("c6", "亮点特色", 10m,
        [
            new RubricItem(20, "组织管理和评价考核", "听汇报", 3m),
            new RubricItem(21, "学校特色与校本研修活动紧密结合", "查看资料", 3m),
            new RubricItem(22, "教师专业成长", "查看资料", 4m),
        ]),
    ]);

    // Rooms in the notice's order; school ids s01… follow it.
    private static readonly (int Group, string Name, DateOnly Date, HalfDay HalfDay, string[] Hosts, (string Room, string[] Schools)[] Rooms)[] Plan =
    [
        (1, "一", new DateOnly(2019, 5, 28), HalfDay.Morning, ["鼓楼人和街小学"],
        [
            ("会议室", ["大田湾小学", "红岩小学校", "大坪小学", "解放小学", "人和街小学"]),
            ("4-1", ["马家堡小学", "鹅岭小学", "枇杷山小学", "肖家沟小学", "两路口小学"]),
        ]),
        (2, "二", new DateOnly(2019, 5, 28), HalfDay.Afternoon, ["科教中心"],
        [
            ("会议室", ["人民小学", "新华小学", "精一小学", "中山小学", "邹容小学", "解西小学"]),
            ("4-1", ["大同实验学校", "东水门小学", "临江路小学", "聋哑学校", "培智学校"]),
        ]),
        (3, "三", new DateOnly(2019, 5, 29), HalfDay.Morning, ["少年宫"],
        [
            ("会议室", ["巴蜀幼儿园", "三托", "公安局幼儿园", "陆军勤务幼儿园", "77100幼儿园", "铁路幼儿园"]),
            ("4-1", ["区级机关幼儿园", "景德幼儿园", "陆军特色幼儿园", "阳光春苗幼儿园", "四托", "八一保育院"]),
        ]),
        (4, "四", new DateOnly(2019, 5, 29), HalfDay.Afternoon, ["蒙正幼儿园"],
        [
            ("会议室", ["德精小学", "中华路小学", "二体校", "石油路小学", "望龙门小学", "人民路小学"]),
            ("4-1", ["金马小学", "巴蜀小学", "民生路小学", "枣小", "曾家岩小学"]),
        ]),
        (5, "五", new DateOnly(2019, 5, 30), HalfDay.Morning, ["保健所", "电大"],
        [
            ("会议室", ["桂花园幼儿园", "华一新村幼儿园", "红岩幼儿园", "陕西路幼儿园", "实验幼儿园"]),
            ("4-1", ["复旦中学", "大坪中学", "巴蜀中学", "30中", "57中", "实验学校", "劳技基地", "50中"]),
        ]),
        (6, "六", new DateOnly(2019, 5, 30), HalfDay.Afternoon, ["教委档案中心"],
        [
            ("会议室", ["求精中学校", "29中学", "42中学校", "杏林中学", "66中学校", "鼓楼学校", "职教中心"]),
        ]),
    ];

    private static List<Group> CreateGroups()
    {
        var groups = new List<Group>();
        var schoolNumber = 0;
        foreach (var (number, name, date, halfDay, hosts, rooms) in Plan)
        {
            var areas = rooms.Select((room, index) => new Area(
                $"g{number}-{index + 1}",
                room.Room,
                room.Schools.Select(school => new School($"s{++schoolNumber:00}", school)).ToList())).ToList();
            groups.Add(new Group(number, name, date, halfDay, string.Join("、", hosts), hosts, areas));
        }

        return groups;
    }

    private static List<RosterEntry> CreateSampleRoster()
    {
        var roster = new List<RosterEntry>
        {
            new("zhengtao@yuzhong.example", "郑涛", Role.Office, null, []),
            new("liman@yuzhong.example", "李曼", Role.Office, null, []),
            new("pengxiaoqin@yuzhong.example", "彭小琴", Role.Inspector, null, [1, 2]),
            new("chenyulan@yuzhong.example", "陈郁兰", Role.Inspector, null, [3, 4]),
            new("luoxinghong@yuzhong.example", "罗兴洪", Role.Inspector, null, [5, 6]),
        };
        foreach (var school in CreateGroups().SelectMany(g => g.Areas).SelectMany(a => a.Schools))
        {
            roster.Add(new RosterEntry($"{school.Id}@yuzhong.example", $"{school.Name}管理员", Role.School, school.Id, []));
        }

        return roster;
    }
}
