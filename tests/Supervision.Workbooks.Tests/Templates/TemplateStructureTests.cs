using System.Globalization;
using ClosedXML.Excel;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Forms;
using Supervision.Workbooks.Templates;
using static Supervision.Workbooks.Tests.Templates.TemplateTestKit;
using Spreadsheet = DocumentFormat.OpenXml.Spreadsheet;

namespace Supervision.Workbooks.Tests.Templates;

/// <summary>What users rely on, read back from the saved bytes: locks, validation, print setup, metadata, the paper's look.</summary>
public class TemplateStructureTests
{
    /// <summary>Every data validation of a sheet by cell: (type, operator, min, max, error style).</summary>
    private static Dictionary<string, IXLDataValidation> ValidationsByCell(IXLWorksheet sheet)
    {
        var result = new Dictionary<string, IXLDataValidation>(StringComparer.Ordinal);
        foreach (var validation in sheet.DataValidations)
        {
            foreach (var cell in validation.Ranges.SelectMany(r => r.Cells()))
            {
                Assert.True(result.TryAdd(cell.Address.ToString()!, validation), $"two validations on {cell.Address}");
            }
        }

        return result;
    }

    private static void AssertScoreValidation(IXLDataValidation validation, string max, string cell)
    {
        Assert.Equal((XLAllowedValues.Decimal, XLOperator.Between, "0", max), (validation.AllowedValues, validation.Operator, validation.MinValue, validation.MaxValue));
        Assert.Equal(XLErrorStyle.Stop, validation.ErrorStyle);
        Assert.True(validation.ShowErrorMessage && validation.ShowInputMessage, cell);
        Assert.Contains($"0 到 {max} 之间", validation.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains($"0—{max}分", validation.InputTitle, StringComparison.Ordinal);
        Assert.Contains("分数", validation.InputMessage, StringComparison.Ordinal);
    }

    public static TheoryData<string> AllTemplates => ["evaluation", "schedule", "self-check", "peer-scores", "records"];

    private static (byte[] Bytes, string Sheet) Template(string form) => form switch
    {
        "evaluation" => (Writer.Evaluation(School("s07"), Inspector), "评估表 鹅岭小学"),
        "schedule" => (Writer.Schedule(), "安排表"),
        "self-check" => (Writer.SelfCheck(School("s07")), "自查表 鹅岭小学"),
        "peer-scores" => (Writer.PeerScores(Area("g1-1"), School("s01")), "评分表 g1-1"),
        _ => (Writer.Records(Category("c1"), Inspector), "记录表 组织管理"),
    };

    [Fact]
    public void EveryTemplateIsValidOpenXmlForOffice2016()
    {
        var templates = new List<(string What, byte[] Bytes)> { ("schedule", Writer.Schedule()) };
        foreach (var area in Seed.Areas)
        {
            templates.Add(($"peer-scores {area.Id}", Writer.PeerScores(area)));
            templates.Add(($"peer-scores {area.Id} {area.Schools[^1].Id}", Writer.PeerScores(area, area.Schools[^1])));
        }

        foreach (var id in new[] { "s01", "s07", "s33", "s64" })
        {
            templates.Add(($"evaluation {id}", Writer.Evaluation(School(id), Inspector)));
            templates.Add(($"self-evaluation {id}", Writer.Evaluation(School(id), Seed.FindUser($"{id}@yuzhong.example"))));
            templates.Add(($"self-check {id}", Writer.SelfCheck(School(id))));
        }

        templates.Add(("evaluations g1-2", Writer.Evaluations(Area("g1-2").Schools, Inspector)));
        foreach (var category in Seed.Rubric.Categories)
        {
            templates.Add(($"records {category.Id}", Writer.Records(category, Seed.FindUser("luoxinghong@yuzhong.example")!)));
        }

        var validator = new OpenXmlValidator(FileFormatVersions.Office2016);
        foreach (var (what, bytes) in templates)
        {
            using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
            var errors = validator.Validate(document).Select(e => $"{e.Description} at {e.Path?.XPath}").ToList();
            Assert.True(errors.Count == 0, $"{what}: {string.Join("; ", errors)}");

            // Excel repairs (and the validator does not flag) merged ranges that overlap or repeat.
            foreach (var part in document.WorkbookPart!.WorksheetParts)
            {
                var covered = new HashSet<(int, int)>();
                foreach (var merge in part.Worksheet.Descendants<Spreadsheet.MergeCell>())
                {
                    var corners = merge.Reference!.Value!.Split(':').Select(Supervision.Domain.Grids.CellAddress.Parse).ToArray();
                    for (var row = corners[0].Row; row <= corners[1].Row; row++)
                    {
                        for (var column = corners[0].Column; column <= corners[1].Column; column++)
                        {
                            Assert.True(covered.Add((row, column)), $"{what}: {merge.Reference} overlaps another merged range");
                        }
                    }
                }
            }
        }

        Assert.Equal(1 + 22 + 12 + 1 + 6, templates.Count);
    }

    [Fact]
    public void EvaluationScoreCellsAreUnlockedAndValidatedAgainstTheirItemWeight()
    {
        using var workbook = Open(Writer.Evaluation(School("s07"), Inspector));
        var sheet = workbook.Worksheet("评估表 鹅岭小学");
        string[] weights = ["3", "2", "2", "3", "3", "3", "4", "3", "3", "4", "5", "5", "10", "5", "5", "5", "5", "10", "10", "3", "3", "4"];
        var validations = ValidationsByCell(sheet);
        for (var i = 0; i < weights.Length; i++)
        {
            var cell = $"E{4 + i}";
            Assert.False(sheet.Cell(cell).Style.Protection.Locked, cell);
            Assert.Equal("0.0", sheet.Cell(cell).Style.NumberFormat.Format);
            AssertScoreValidation(validations[cell], weights[i], cell);
        }

        Assert.Equal(22, validations.Count);
        Assert.StartsWith("第 13 项实评分", validations["E16"].InputTitle, StringComparison.Ordinal);
        foreach (var label in new[] { "A1", "A2", "B2", "A3", "E3", "A4", "B4", "C4", "D4", "A26", "D26", "E26" })
        {
            Assert.True(sheet.Cell(label).Style.Protection.Locked, label);
        }

        Assert.False(sheet.Cell("B26").Style.Protection.Locked);
    }

    [Fact]
    public void PeerScoreCellsAreValidatedAgainstTheirCategoryMaximumAndTotalsAreFormulas()
    {
        using var workbook = Open(Writer.PeerScores(Area("g5-2"), School("s52")));
        var sheet = workbook.Worksheet("评分表 g5-2");
        var validations = ValidationsByCell(sheet);
        string[] maxima = ["10", "10", "10", "30", "30", "10"];
        for (var row = 4; row <= 11; row++)
        {
            for (var c = 0; c < maxima.Length; c++)
            {
                var cell = $"{(char)('B' + c)}{row}";
                Assert.False(sheet.Cell(cell).Style.Protection.Locked, cell);
                AssertScoreValidation(validations[cell], maxima[c], cell);
            }

            Assert.Equal($"SUM(B{row}:G{row})", sheet.Cell($"H{row}").FormulaA1);
            Assert.True(sheet.Cell($"H{row}").Style.Protection.Locked);
            Assert.True(sheet.Cell($"A{row}").Style.Protection.Locked);
        }

        Assert.Equal(48, validations.Count);
        Assert.Equal("活动组织评分（0—30分）", validations["E4"].InputTitle);
        Assert.Equal(0d, sheet.Cell("H4").CachedValue is double d ? d : double.NaN);
    }

    [Fact]
    public void RecordScoreCellsAreValidatedAgainstTheCategoryMaximumAndNotesAreFree()
    {
        using var workbook = Open(Writer.Records(Category("c4"), Seed.FindUser("chenyulan@yuzhong.example")!));
        var sheet = workbook.Worksheet("记录表 活动组织");
        var validations = ValidationsByCell(sheet);
        // 陈郁兰 inspects groups 3 and 4: 23 schools in rows 5–27.
        for (var row = 5; row <= 27; row++)
        {
            AssertScoreValidation(validations[$"C{row}"], "30", $"C{row}");
            Assert.False(sheet.Cell($"B{row}").Style.Protection.Locked);
            Assert.Equal("@", sheet.Cell($"B{row}").Style.NumberFormat.Format);
            Assert.True(sheet.Cell($"A{row}").Style.Protection.Locked);
        }

        Assert.Equal(23, validations.Count);
        Assert.Equal(("巴蜀幼儿园", "八一保育院", "曾家岩小学"), (sheet.Cell("A5").GetString(), sheet.Cell("A16").GetString(), sheet.Cell("A27").GetString()));
        Assert.Equal(("填写人：", "陈郁兰", "评价项目：", "活动组织"), (sheet.Cell("A2").GetString(), sheet.Cell("B2").GetString(), sheet.Cell("A3").GetString(), sheet.Cell("B3").GetString()));
    }

    [Fact]
    public void SelfCheckNumberCellsAreValidatedAndTextCellsKeepWhatIsTyped()
    {
        using var workbook = Open(Writer.SelfCheck(School("s07")));
        var sheet = workbook.Worksheet("自查表 鹅岭小学");
        var validations = ValidationsByCell(sheet);
        var teachers = validations["D7"];
        Assert.Equal((XLAllowedValues.WholeNumber, XLOperator.EqualOrGreaterThan, "1"), (teachers.AllowedValues, teachers.Operator, teachers.MinValue));
        foreach (var money in new[] { "H6", "I6", "H7" })
        {
            var validation = validations[money];
            Assert.Equal((XLAllowedValues.Decimal, XLOperator.EqualOrGreaterThan, "0", XLErrorStyle.Stop),
                (validation.AllowedValues, validation.Operator, validation.MinValue, validation.ErrorStyle));
            Assert.Equal("#,##0.00", sheet.Cell(money).Style.NumberFormat.Format);
        }

        foreach (var count in new[] { "C11", "H11", "I11", "C12", "I12" })
        {
            Assert.Equal((XLAllowedValues.WholeNumber, "0"), (validations[count].AllowedValues, validations[count].MinValue));
        }

        // 4 amounts and counts, 14 送培 cells; merged boxes count every cell (H7:J7, I11:J11, I12:J12).
        Assert.Equal(4 + 14 + 2 + 1 + 1, validations.Count);
        foreach (var text in new[] { "G3", "J3", "B6", "G6", "J6", "D8", "D9", "B15", "E15", "G15", "I15", "B18", "I18" })
        {
            Assert.False(sheet.Cell(text).Style.Protection.Locked, text);
            Assert.Equal("@", sheet.Cell(text).Style.NumberFormat.Format);
        }

        foreach (var label in new[] { "A1", "A2", "A3", "C3", "B4", "H4", "H5", "B7", "E7", "B8", "B10", "B11", "B13", "E14", "E17" })
        {
            Assert.True(sheet.Cell(label).Style.Protection.Locked, label);
        }

        Assert.Equal("鹅岭小学", sheet.Cell("C3").GetString());
        foreach (var merged in new[] { "C3:E3", "G3:H3", "H7:J7", "D8:J8", "I11:J11", "B15:D15" })
        {
            Assert.Equal(merged, sheet.Cell(merged.Split(':')[0]).MergedRange().RangeAddress.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public void EveryFormSheetIsProtectedWithoutAPasswordAndTheMetadataSheetIsHiddenBehindALockedStructure(string form)
    {
        var (bytes, sheetName) = Template(form);
        using (var workbook = Open(bytes))
        {
            var sheet = workbook.Worksheet(sheetName);
            Assert.True(sheet.IsProtected);
            Assert.False(sheet.IsPasswordProtected);
            Assert.Equal(XLWorksheetVisibility.Hidden, workbook.Worksheet(MetadataSheet.Name).Visibility);
            Assert.Equal([sheetName, MetadataSheet.Name], workbook.Worksheets.Select(w => w.Name));
            var metadata = Assert.Single(MetadataSheet.Read(workbook));
            Assert.Equal(sheetName, metadata.Key);
            Assert.Equal(form, metadata.Value.Form);
            Assert.Equal(("yuzhong-2018-2019", "1"), (metadata.Value.Campaign, metadata.Value.TemplateVersion));
        }

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var protection = document.WorkbookPart!.Workbook.WorkbookProtection!;
        Assert.True(protection.LockStructure?.Value);
        Assert.Null(protection.WorkbookPassword);
        Assert.Null(protection.WorkbookHashValue);
        var sheetProtection = document.WorkbookPart.WorksheetParts.Select(p => p.Worksheet.GetFirstChild<Spreadsheet.SheetProtection>()).OfType<Spreadsheet.SheetProtection>().Single();
        Assert.True(sheetProtection.Sheet?.Value);
        Assert.Null(sheetProtection.Password);
        Assert.Null(sheetProtection.HashValue);
    }

    [Theory]
    [InlineData("evaluation", XLPageOrientation.Portrait, 3, 3, 0, "'评估表 鹅岭小学'!$3:$3")]
    [InlineData("schedule", XLPageOrientation.Portrait, 2, 2, 0, "安排表!$2:$2")]
    [InlineData("self-check", XLPageOrientation.Landscape, 1, 3, 1, "'自查表 鹅岭小学'!$1:$3")]
    [InlineData("peer-scores", XLPageOrientation.Landscape, 3, 3, 0, "'评分表 g1-1'!$3:$3")]
    [InlineData("records", XLPageOrientation.Portrait, 4, 4, 0, "'记录表 组织管理'!$4:$4")]
    public void PrintSetupIsA4FitToOnePageWideWithTheHeadingRowsRepeated(string form, XLPageOrientation orientation, int firstRow, int lastRow,
        int pagesTall, string printTitles)
    {
        var (bytes, sheetName) = Template(form);
        using var workbook = Open(bytes);
        var setup = workbook.Worksheet(sheetName).PageSetup;
        Assert.Equal((XLPaperSize.A4Paper, orientation, 1, pagesTall), (setup.PaperSize, setup.PageOrientation, setup.PagesWide, setup.PagesTall));
        Assert.Equal((firstRow, lastRow), (setup.FirstRowToRepeatAtTop, setup.LastRowToRepeatAtTop));
        Assert.False(workbook.Worksheet(sheetName).ShowGridLines);

        // Absolute rows, as Excel writes them: LibreOffice ignores ClosedXML's relative '…'!3:3.
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var titles = document.WorkbookPart!.Workbook.DefinedNames!.Elements<Spreadsheet.DefinedName>().Single(n => n.Name == "_xlnm.Print_Titles");
        Assert.Equal(printTitles, titles.Text);
    }

    [Fact]
    public void TheEvaluationIsLaidOutLikeThePaperForm()
    {
        using var workbook = Open(Writer.Evaluation(School("s07"), Inspector));
        var sheet = workbook.Worksheet("评估表 鹅岭小学");
        var title = sheet.Cell("A1");
        Assert.Equal(("渝中区中小学校本研修工作督查评估表", "A1:E1"), (title.GetString(), title.MergedRange().RangeAddress.ToString()));
        Assert.Equal(("宋体", 16d, true), (title.Style.Font.FontName, title.Style.Font.FontSize, title.Style.Font.Bold));
        Assert.Equal("宋体", sheet.Cell("B4").Style.Font.FontName);
        Assert.Equal("等线", sheet.Cell("E4").Style.Font.FontName);
        Assert.Equal(["项目", "督查内容", "督查方式", "权重", "实评分"], Enumerable.Range(1, 5).Select(c => sheet.Cell(3, c).GetString()));
        Assert.Equal(("被督查学校：", "鹅岭小学", "填写人：", "彭小琴"), (sheet.Cell("A2").GetString(), sheet.Cell("B2").GetString(), sheet.Cell("C2").GetString(), sheet.Cell("D2").GetString()));
        (string Range, string Name)[] categories =
            [("A4:A7", "组织管理"), ("A8:A10", "研修计划"), ("A11:A13", "制度建设"), ("A14:A18", "活动组织"), ("A19:A22", "研修效果"), ("A23:A25", "亮点特色")];
        Assert.All(categories, c => Assert.Equal((c.Range, c.Name),
            (sheet.Cell(c.Range.Split(':')[0]).MergedRange().RangeAddress.ToString()!, sheet.Cell(c.Range.Split(':')[0]).GetString())));
        Assert.Equal(("1．校本研修组织管理机构完善，落实分管领导和机构人员，明确相应的工作职责。", "查看文件", 3d),
            (sheet.Cell("B4").GetString(), sheet.Cell("C4").GetString(), sheet.Cell("D4").GetDouble()));
        Assert.Equal(("22．教师专业成长", "查看资料", 4d), (sheet.Cell("B25").GetString(), sheet.Cell("C25").GetString(), sheet.Cell("D25").GetDouble()));
        Assert.Equal(("检查小组签字", "B26:C26", "总分", "SUM(E4:E25)"),
            (sheet.Cell("A26").GetString(), sheet.Cell("B26").MergedRange().RangeAddress.ToString()!, sheet.Cell("D26").GetString(), sheet.Cell("E26").FormulaA1));
        Assert.Equal(("0.0", "0.0;-0.0;"), (sheet.Cell("E4").Style.NumberFormat.Format, sheet.Cell("E26").Style.NumberFormat.Format));
        Assert.True(sheet.Cell("B25").Style.Alignment.WrapText);
        Assert.Equal([12d, 50d, 11d, 7d, 10d], Enumerable.Range(1, 5).Select(c => sheet.Column(c).Width));
        foreach (var cell in new[] { "A3", "E3", "A4", "B4", "E25", "A26", "E26" })
        {
            var border = sheet.Cell(cell).Style.Border;
            Assert.Equal((XLBorderStyleValues.Thin, XLBorderStyleValues.Thin, XLBorderStyleValues.Thin), (border.LeftBorder, border.TopBorder, border.RightBorder));
        }

        Assert.Equal(XLBorderStyleValues.Thin, sheet.Cell("A7").Style.Border.BottomBorder);
        Assert.Equal(XLBorderStyleValues.Thin, sheet.Cell("E26").Style.Border.BottomBorder);
    }

    [Fact]
    public void ThePeerSheetMarksTheFillingSchoolsRowAsItsSelfScoreAndKeepsItsName()
    {
        using var workbook = Open(Writer.PeerScores(Area("g1-1"), School("s02")));
        var sheet = workbook.Worksheet("评分表 g1-1");
        Assert.Equal(["学校", "组织管理10分", "研修计划10分", "制度建设10分", "活动组织30分", "研修效果30分", "亮点特色10分", "总评分"],
            Enumerable.Range(1, 8).Select(c => sheet.Cell(3, c).GetString()));
        Assert.Equal(("填写学校：", "红岩小学校", "片区编号：", "g1-1", "日期："),
            (sheet.Cell("A2").GetString(), sheet.Cell("B2").GetString(), sheet.Cell("D2").GetString(), sheet.Cell("E2").GetString(), sheet.Cell("G2").GetString()));
        Assert.False(sheet.Cell("H2").Style.Protection.Locked);
        Assert.Equal("红岩小学校", sheet.Cell("A5").GetString());
        Assert.Equal("（自评）", sheet.Cell("I5").GetString());
        Assert.Equal("FFFFF2CC", sheet.Cell("C5").Style.Fill.BackgroundColor.Color.ToArgb().ToString("X8", CultureInfo.InvariantCulture));
        foreach (var row in new[] { 4, 6, 7, 8 })
        {
            Assert.Equal(XLFillPatternValues.None, sheet.Cell($"C{row}").Style.Fill.PatternType);
            Assert.Equal("", sheet.Cell($"I{row}").GetString());
        }

        Assert.Equal(("注：填报学校为本学校的评分视为自评分。", "A9:H9"), (sheet.Cell("A9").GetString(), sheet.Cell("A9").MergedRange().RangeAddress.ToString()));
    }

    [Fact]
    public void WithoutAFillingSchoolThePeerSheetOffersTheAreasSchoolsToPick()
    {
        using var workbook = Open(Writer.PeerScores(Area("g1-1")));
        var sheet = workbook.Worksheet("评分表 g1-1");
        Assert.False(sheet.Cell("B2").Style.Protection.Locked);
        var pick = ValidationsByCell(sheet)["B2"];
        Assert.Equal((XLAllowedValues.List, "\"大田湾小学,红岩小学校,大坪小学,解放小学,人和街小学\""), (pick.AllowedValues, pick.Value));
        Assert.DoesNotContain(sheet.CellsUsed(), c => c.GetString() == "（自评）");
        Assert.Equal(new FormMetadata("yuzhong-2018-2019", "peer-scores", "g1-1", null, "1"), MetadataSheet.Read(workbook)["评分表 g1-1"]);
    }

    [Fact]
    public void TheScheduleListsEveryAreaWithItsSchoolsRoomAndSession()
    {
        using var workbook = Open(Writer.Schedule());
        var sheet = workbook.Worksheet("安排表");
        Assert.Equal("2018—2019学年度渝中区教师继续教育过程督查片区安排表", sheet.Cell("A1").GetString());
        Assert.Equal(["组号", "学  校", "地点", "时间", "片区编号"], Enumerable.Range(1, 5).Select(c => sheet.Cell(2, c).GetString()));
        Assert.Equal(("一", "A3:A4"), (sheet.Cell("A3").GetString(), sheet.Cell("A3").MergedRange().RangeAddress.ToString()));
        Assert.Equal("大田湾小学、红岩小学校、大坪小学、解放小学、人和街小学（5）", sheet.Cell("B3").GetString());
        Assert.Equal(("会议室", "4-1", XLDataType.Text), (sheet.Cell("C3").GetString(), sheet.Cell("C4").GetString(), sheet.Cell("C4").DataType));
        Assert.Equal(("5.28上\n鼓楼人和街小学", "D3:D4"), (sheet.Cell("D3").GetString(), sheet.Cell("D3").MergedRange().RangeAddress.ToString()));
        Assert.Equal(("g1-1", "g1-2"), (sheet.Cell("E3").GetString(), sheet.Cell("E4").GetString()));
        Assert.Equal("区级机关幼儿园、景德幼儿园、陆军特色幼儿园、阳光春苗幼儿园、四托、八一保育院（6）", sheet.Cell("B8").GetString());
        Assert.Equal(("五", "5.30上\n保健所、电大"), (sheet.Cell("A11").GetString(), sheet.Cell("D11").GetString()));
        Assert.Equal(("六", "求精中学校、29中学、42中学校、杏林中学、66中学校、鼓楼学校、职教中心（7）", "5.30下\n教委档案中心", "g6-1"),
            (sheet.Cell("A13").GetString(), sheet.Cell("B13").GetString(), sheet.Cell("D13").GetString(), sheet.Cell("E13").GetString()));
        Assert.Equal(
        [
            "备注：",
            "鼓楼人和街小学、科教中心、少年宫、蒙正幼儿园、保健所、电大、教委档案中心作为观摩单位参与。",
            "督查时间安排：上午9:00—12:00  下午14:00—17:00",
            "汇报展示：9:00—10:40/14:00—15:40",
            "互学互查：10:40—11:20/15:40—16:20",
            "自评互评：11:20—11:30/16:20—16:30",
            "情况反馈：11:30—12:00/16:30—17:00",
            "片区编号：填写附件4评分表时使用。",
        ], Enumerable.Range(15, 8).Select(r => sheet.Cell(r, 1).GetString()));
        Assert.Empty(sheet.DataValidations);
        Assert.DoesNotContain(sheet.CellsUsed(), c => !c.Style.Protection.Locked);
    }

    [Fact]
    public void AnInspectorsEvaluationWorkbookHasOneFormSheetPerSchool()
    {
        var area = Area("g1-2");
        var bytes = Writer.Evaluations(area.Schools, Inspector);
        var forms = ReadBack(bytes);
        Assert.Equal(["评估表 马家堡小学", "评估表 鹅岭小学", "评估表 枇杷山小学", "评估表 肖家沟小学", "评估表 两路口小学"], forms.Keys);
        Assert.Equal(["s06", "s07", "s08", "s09", "s10"], forms.Values.Select(f => f.Reading.Subject));
        Assert.All(forms.Values, f => Assert.Equal(("evaluation", "pengxiaoqin@yuzhong.example", "pengxiaoqin@yuzhong.example"),
            (f.Metadata.Form, f.Metadata.Author, f.Reading.Author)));
        Assert.All(forms.Values, f => Assert.False(f.Reading.HasErrors));
    }

    [Fact]
    public void ASchoolsSelfEvaluationNamesTheSchoolAsAuthor()
    {
        var forms = ReadBack(Writer.Evaluation(School("s07"), Seed.FindUser("s07@yuzhong.example")));
        var (reading, metadata) = forms["评估表 鹅岭小学"];
        Assert.Equal(("s07", "s07", "s07"), (metadata.Author, reading.Author, reading.Subject));
    }

    [Fact]
    public void SheetNamesAreMeaningfulAndAtMostThirtyOneCharacters()
    {
        var renamed = Seed with
        {
            Groups = [Seed.Groups[0] with { Areas = [new Area("g1-1", "会议室", [new School("s01", "重庆市渝中区人民路小学校附属幼儿园暨学前教育研究实验基地第二分园")])] }],
        };
        var writer = new TemplateWriter(renamed);
        var school = renamed.FindSchool("s01")!;
        using var workbook = Open(writer.SelfCheck(school));
        var name = workbook.Worksheets.First().Name;
        Assert.Equal(31, name.Length);
        Assert.StartsWith("自查表 重庆市渝中区人民路小学校附属", name, StringComparison.Ordinal);
        Assert.Equal(name, Assert.Single(MetadataSheet.Read(workbook)).Key);
    }

    [Fact]
    public void TemplateFileNamesAreChineseWithAnAsciiFallback()
    {
        Assert.Equal("附件1 评估表 鹅岭小学 彭小琴.xlsx", TemplateFileName.Evaluation(School("s07"), Writer.AuthorName(Inspector)));
        Assert.Equal("附件2 安排表 2018—2019.xlsx", TemplateFileName.Schedule(Seed));
        Assert.Equal("附件3 自查表 鹅岭小学.xlsx", TemplateFileName.SelfCheck(School("s07")));
        Assert.Equal("附件4 评分表 g1-1 大田湾小学.xlsx", TemplateFileName.PeerScores(Area("g1-1"), School("s01")));
        Assert.Equal("附件4 评分表 g1-1.xlsx", TemplateFileName.PeerScores(Area("g1-1")));
        Assert.Equal("附件5 记录表 组织管理 彭小琴.xlsx", TemplateFileName.Records(Category("c1"), "彭小琴"));
        Assert.Equal("附件3 自查表 a-b.xlsx", TemplateFileName.Of(FormKind.SelfCheck, "a/b", null, " "));
        Assert.Equal("peer-scores_g1-1_s01.xlsx", TemplateFileName.AsciiFallback(FormKind.PeerScores, "g1-1", "s01"));
        Assert.Equal("records_c1_pengxiaoqin-yuzhong.example.xlsx", TemplateFileName.AsciiFallback(FormKind.Records, "c1", Inspector.Upn));
    }

    [Fact]
    public void ATemplateForSomethingOutsideTheCampaignIsRefused()
    {
        var stranger = new School("s99", "外区小学");
        Assert.Throws<ArgumentException>(() => Writer.SelfCheck(stranger));
        Assert.Throws<ArgumentException>(() => Writer.Evaluation(stranger));
        Assert.Throws<ArgumentException>(() => Writer.PeerScores(new Area("g9-9", "会议室", [stranger])));
        Assert.Throws<ArgumentException>(() => Writer.PeerScores(Area("g1-1"), School("s07")));
        Assert.Throws<ArgumentException>(() => Writer.Records(new RubricCategory("c9", "课堂教学", 10m, []), Inspector));
        Assert.Throws<ArgumentException>(() => Writer.Records(Category("c1"), Seed.FindUser("zhengtao@yuzhong.example")!));
        Assert.Throws<ArgumentException>(() => Writer.Evaluations([]));
    }
}
