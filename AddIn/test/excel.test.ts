import { describe, expect, it } from "vitest";
import { ERROR_FILL, WARNING_FILL, clearHighlights, highlightCells, selectCell } from "../src/excel/highlights";
import { deleteSheet, insertSheetFromBase64, writeTemplateSheet } from "../src/excel/insert-form";
import { readFormMetadata, recordFormMetadata } from "../src/excel/metadata";
import { activeSheetName, readActiveSheet, sheetNames } from "../src/excel/read-sheet";
import { openWorkbookCopy } from "../src/excel/open-workbook";
import { insertResultsSheet } from "../src/excel/results";
import type { TemplateSheet } from "../src/xlsx/template";
import { workbookMock } from "./excel-mock";

const peer = "评分表 g1-1";
const peerValues = [
  ["渝中区教师继续教育过程督查评分表", "", ""],
  ["学校", "组织管理10分", "总评分"],
  ["大田湾小学", 8, 8],
  ["红岩小学校", 12, 12],
];

describe("readActiveSheet", () => {
  it("reads the address and values of the active sheet's used range in one sync", async () => {
    const wb = workbookMock({ [peer]: { used: { address: "A1:C4", values: peerValues } }, Sheet1: {} }, peer);
    const grid = await readActiveSheet(wb.context);
    expect(grid).toEqual({ sheet: peer, address: `'${peer}'!A1:C4`, values: peerValues });
    expect(wb.log).toEqual(["getActiveWorksheet", `getUsedRange ${peer}`]);
    expect(wb.syncs()).toBe(1);
  });
});

describe("sheetNames and activeSheetName", () => {
  it("loads the names of every sheet, hidden ones included, in tab order", async () => {
    const wb = workbookMock({ Sheet1: {}, [peer]: {}, _supervision: {} }, "Sheet1");
    expect(await sheetNames(wb.context)).toEqual(["Sheet1", peer, "_supervision"]);
    expect(wb.log).toEqual(["load worksheets items/name"]);
  });

  it("loads the active sheet's name", async () => {
    const wb = workbookMock({ Sheet1: {}, [peer]: {} }, peer);
    expect(await activeSheetName(wb.context)).toBe(peer);
  });
});

describe("highlightCells", () => {
  it("colours exactly the cells the issues name, errors red and warnings yellow, and remembers their old fills", async () => {
    const wb = workbookMock({ [peer]: { fills: { D4: "#FFF2CC" } } }, peer);
    const highlights = await highlightCells(wb.context, [
      { sheet: peer, cell: "C4", severity: "warning" },
      { sheet: peer, cell: "B4", severity: "error" },
      { sheet: peer, cell: "D4", severity: "error" },
      { sheet: peer, cell: "B4", severity: "warning" },
      { sheet: "已删除", cell: "A1", severity: "error" },
    ]);
    expect(wb.log.filter((l) => l.startsWith("getRange"))).toEqual([`getRange ${peer}!B4`, `getRange ${peer}!D4`, `getRange ${peer}!C4`]);
    expect(wb.range(peer, "B4").format.fill.color).toBe(ERROR_FILL);
    expect(wb.range(peer, "D4").format.fill.color).toBe(ERROR_FILL);
    expect(wb.range(peer, "C4").format.fill.color).toBe(WARNING_FILL);
    expect(highlights).toEqual([
      { sheet: peer, cell: "B4", fill: ERROR_FILL, previousFill: null },
      { sheet: peer, cell: "D4", fill: ERROR_FILL, previousFill: "#FFF2CC" },
      { sheet: peer, cell: "C4", fill: WARNING_FILL, previousFill: null },
    ]);
  });
});

describe("clearHighlights", () => {
  it("clears cells that had no fill, restores earlier fills, and leaves a cell the user recoloured", async () => {
    const wb = workbookMock({ [peer]: { fills: { B4: ERROR_FILL, D4: ERROR_FILL, E4: "#00FF00" } } }, peer);
    const restored = await clearHighlights(wb.context, [
      { sheet: peer, cell: "B4", fill: ERROR_FILL, previousFill: null },
      { sheet: peer, cell: "D4", fill: ERROR_FILL, previousFill: "#FFF2CC" },
      { sheet: peer, cell: "E4", fill: ERROR_FILL, previousFill: null },
      { sheet: "已删除", cell: "A1", fill: ERROR_FILL, previousFill: null },
    ]);
    expect(restored).toBe(2);
    expect(wb.log.filter((l) => l.startsWith("clear"))).toEqual([`clear ${peer}!B4`]);
    expect(wb.range(peer, "D4").format.fill.color).toBe("#FFF2CC");
    expect(wb.range(peer, "E4").format.fill.color).toBe("#00FF00");
  });

  it("does nothing without highlights", async () => {
    const wb = workbookMock({ [peer]: {} }, peer);
    expect(await clearHighlights(wb.context, [])).toBe(0);
    expect(wb.syncs()).toBe(0);
  });
});

describe("selectCell", () => {
  it("activates the sheet and selects the cell", async () => {
    const wb = workbookMock({ Sheet1: {}, [peer]: {} }, "Sheet1");
    await selectCell(wb.context, peer, "C4");
    expect(wb.log).toEqual([`activate ${peer}`, `getRange ${peer}!C4`, `select ${peer}!C4`]);
  });
});

describe("readFormMetadata", () => {
  it("reads one entry per form sheet from the _supervision sheet", async () => {
    const wb = workbookMock({
      [peer]: {},
      _supervision: {
        used: {
          address: "A1:F2",
          values: [["sheet", "campaign", "form", "subject", "author", "templateVersion"], [peer, "yuzhong-2018-2019", "peer-scores", "g1-1", "s01", 1]],
        },
      },
    }, peer);
    const metadata = await readFormMetadata(wb.context);
    expect([...metadata]).toEqual([[peer, { campaign: "yuzhong-2018-2019", form: "peer-scores", subject: "g1-1", author: "s01", templateVersion: "1" }]]);
    expect(wb.log).toEqual(["load worksheets items/name", "getUsedRange _supervision"]);
  });

  it("is empty when the workbook has no _supervision sheet, without reading any range", async () => {
    const wb = workbookMock({ Sheet1: {} }, "Sheet1");
    expect((await readFormMetadata(wb.context)).size).toBe(0);
    expect(wb.log).toEqual(["load worksheets items/name"]);
  });
});

describe("recordFormMetadata", () => {
  const meta = { campaign: "yuzhong-2018-2019", form: "peer-scores", subject: "g1-1", author: "s01", templateVersion: "1" };

  it("creates the hidden _supervision sheet with a heading row and the form's row, as text", async () => {
    const wb = workbookMock({ [peer]: {} }, peer);
    await recordFormMetadata(wb.context, peer, meta);
    expect(wb.log).toContain("add _supervision");
    expect(wb.log).toContain("getRange _supervision!A1:F2");
    const range = wb.range("_supervision", "A1:F2");
    expect(range.values).toEqual([["sheet", "campaign", "form", "subject", "author", "templateVersion"], [peer, "yuzhong-2018-2019", "peer-scores", "g1-1", "s01", "1"]]);
    expect(range.numberFormat).toEqual([Array(6).fill("@"), Array(6).fill("@")]);
    expect(wb.sheet("_supervision").visibility).toBe("Hidden");
  });

  it("keeps rows of other existing sheets, drops rows of deleted sheets and replaces the sheet's own row", async () => {
    const wb = workbookMock({
      [peer]: {}, 自查表: {},
      _supervision: {
        used: {
          address: "A1:F4",
          values: [["sheet", "campaign", "form", "subject", "author", "templateVersion"],
            ["自查表", "yuzhong-2018-2019", "self-check", "s01", "s01", "1"],
            ["已删除的表", "yuzhong-2018-2019", "evaluation", "s02", "s01", "1"],
            [peer, "old", "peer-scores", "g1-1", "s01", "0"]],
        },
      },
    }, peer);
    await recordFormMetadata(wb.context, peer, meta);
    expect(wb.log).toContain("clear-all _supervision!A1:F4");
    expect(wb.log).not.toContain("add _supervision");
    expect(wb.range("_supervision", "A1:F3").values).toEqual([
      ["sheet", "campaign", "form", "subject", "author", "templateVersion"],
      ["自查表", "yuzhong-2018-2019", "self-check", "s01", "s01", "1"],
      [peer, "yuzhong-2018-2019", "peer-scores", "g1-1", "s01", "1"],
    ]);
  });
});

describe("insertSheetFromBase64", () => {
  it("inserts only the form sheet at the end, renames it when asked and activates it", async () => {
    const wb = workbookMock({ Sheet1: {} }, "Sheet1");
    const name = await insertSheetFromBase64(wb.context, "UEsDBA==", peer, `${peer} (2)`);
    expect(wb.log).toEqual([`insertWorksheetsFromBase64 8 ${peer} End`, `activate ${peer}`]);
    expect(name).toBe(`${peer} (2)`);
  });
});

const template: TemplateSheet = {
  name: peer,
  rows: 3,
  columns: 3,
  formulas: [["评分表", "", ""], ["学校", "组织管理10分", "总评分"], ["大田湾小学", "", "=SUM(B3:B3)"]],
  styleIds: [[1, 1, 0], [2, 2, 2], [0, 3, 0]],
  styles: [
    { numberFormat: "General", bold: false, fontSize: null, fill: null, border: false, horizontal: null, vertical: null, wrap: false },
    { numberFormat: "@", bold: true, fontSize: 16, fill: null, border: false, horizontal: "center", vertical: null, wrap: false },
    { numberFormat: "General", bold: true, fontSize: null, fill: "#D9E1F2", border: true, horizontal: "center", vertical: "center", wrap: true },
    { numberFormat: "0.0", bold: false, fontSize: null, fill: "#FFF2CC", border: false, horizontal: null, vertical: null, wrap: false },
  ],
  merges: ["A1:C1"],
  columnWidths: new Map([[0, 144], [1, 114]]),
  rowHeights: new Map([[0, 30]]),
  validations: [{ range: "B3:B3", type: "decimal", operator: "between", formula1: "0", formula2: "10", prompt: "0 到 10", promptTitle: "组织管理", error: "超出范围", errorTitle: "分数" }],
};

describe("writeTemplateSheet", () => {
  it("on ExcelApi 1.1 writes number formats, formulas and styles of a new sheet, without merges, sizes or validation", async () => {
    const wb = workbookMock({ Sheet1: {} }, "Sheet1");
    await writeTemplateSheet(wb.context, template, peer, { layout: false, conditionalFormats: false, dataValidation: false, insertFromBase64: false });
    const all = wb.range(peer, "A1:C3");
    expect(all.numberFormat).toEqual([["@", "@", "General"], ["General", "General", "General"], ["General", "0.0", "General"]]);
    expect(all.formulas).toEqual(template.formulas);
    expect(wb.log.filter((l) => l.startsWith("getRange"))).toEqual([
      `getRange ${peer}!A1:C3`, `getRange ${peer}!A1:B1`, `getRange ${peer}!A2:C2`, `getRange ${peer}!B3:B3`,
    ]);
    expect(wb.range(peer, "A1:B1").format.font.bold).toBe(true);
    expect(wb.range(peer, "A1:B1").format.font.size).toBe(16);
    expect(wb.range(peer, "A2:C2").format.fill.color).toBe("#D9E1F2");
    expect(wb.range(peer, "B3:B3").format.fill.color).toBe("#FFF2CC");
    expect(wb.log.filter((l) => l.startsWith("border")).length).toBe(6);
    expect(wb.log.some((l) => l.startsWith("merge"))).toBe(false);
    expect(wb.range(peer, "B3:B3").dataValidation.rule).toBeUndefined();
    expect(wb.log.at(-1)).toBe(`activate ${peer}`);
    expect(wb.syncs()).toBe(1);
  });

  it("with ExcelApi 1.2 and 1.8 also merges, sizes columns and rows and adds the data validation", async () => {
    const wb = workbookMock({ Sheet1: {} }, "Sheet1");
    await writeTemplateSheet(wb.context, template, peer, { layout: true, conditionalFormats: true, dataValidation: true, insertFromBase64: false });
    expect(wb.log).toContain(`merge ${peer}!A1:C1`);
    expect(wb.range(peer, "A:A").format.columnWidth).toBe(144);
    expect(wb.range(peer, "B:B").format.columnWidth).toBe(114);
    expect(wb.range(peer, "1:1").format.rowHeight).toBe(30);
    const validation = wb.range(peer, "B3:B3").dataValidation;
    expect(validation.rule).toEqual({ decimal: { formula1: "0", formula2: "10", operator: "Between" } });
    expect(validation.prompt).toEqual({ showPrompt: true, title: "组织管理", message: "0 到 10" });
    expect(validation.errorAlert).toEqual({ showAlert: true, style: "Stop", title: "分数", message: "超出范围" });
  });
});

describe("deleteSheet", () => {
  it("deletes the named sheet", async () => {
    const wb = workbookMock({ Sheet1: {}, [peer]: {} }, "Sheet1");
    await deleteSheet(wb.context, peer);
    expect(wb.log).toEqual([`delete ${peer}`]);
    expect(wb.names()).toEqual(["Sheet1"]);
  });
});

describe("insertResultsSheet", () => {
  it("writes the table and the chart data and adds a clustered column chart of the area scores", async () => {
    const wb = workbookMock({ Sheet1: {} }, "Sheet1");
    const address = await insertResultsSheet(wb.context, "督查结果", {
      header: ["学校", "片区", "最终得分"],
      rows: [["大田湾小学", "g1-1", 92.5], ["红岩小学校", "g1-1", ""]],
      chart: { title: "各片区平均分", header: ["片区", "平均分"], rows: [["g1-1", 92.5]] },
    });
    expect(address).toBe("E1:F2");
    expect(wb.range("督查结果", "A1:C3").values).toEqual([["学校", "片区", "最终得分"], ["大田湾小学", "g1-1", 92.5], ["红岩小学校", "g1-1", ""]]);
    expect(wb.range("督查结果", "E1:F2").values).toEqual([["片区", "平均分"], ["g1-1", 92.5]]);
    expect(wb.log).toContain("chart ColumnClustered E1:F2 Columns");
    expect(wb.log.at(-1)).toBe("activate 督查结果");
  });
});

describe("openWorkbookCopy", () => {
  it("opens the file as a new workbook with Excel.createWorkbook", async () => {
    const opened: string[] = [];
    await openWorkbookCopy({ createWorkbook: async (base64?: string) => { opened.push(base64 ?? ""); } }, "UEsDBBQ=");
    expect(opened).toEqual(["UEsDBBQ="]);
  });
});
