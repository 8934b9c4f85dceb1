import { DOMParser } from "@xmldom/xmldom";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readTemplate } from "../src/xlsx/template";

const parseXml = (text: string) => new DOMParser().parseFromString(text, "application/xml") as unknown as Document;

async function templateBytes(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("评分表 g1-1");
  sheet.getCell("A1").value = "渝中区教师继续教育过程督查评分表";
  sheet.mergeCells("A1:C1");
  sheet.getCell("A1").font = { bold: true, size: 16 };
  sheet.getCell("A2").value = "学校";
  sheet.getCell("B2").value = "组织管理10分";
  sheet.getCell("C2").value = "总评分";
  sheet.getCell("A3").value = "大田湾小学";
  sheet.getCell("B3").numFmt = "0.0";
  sheet.getCell("B3").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
  sheet.getCell("C3").value = { formula: "SUM(B3:B3)", result: 0 };
  sheet.getCell("D3").value = 7.5;
  sheet.getColumn(1).width = 20;
  sheet.getCell("B3").dataValidation = {
    type: "decimal", operator: "between", allowBlank: true, formulae: [0, 10],
    showInputMessage: true, promptTitle: "组织管理", prompt: "0 到 10", showErrorMessage: true, errorTitle: "分数", error: "超出范围",
  };
  const meta = workbook.addWorksheet("_supervision", { state: "hidden" });
  meta.addRow(["sheet", "campaign", "form", "subject", "author", "templateVersion"]);
  meta.addRow(["评分表 g1-1", "yuzhong-2018-2019", "peer-scores", "g1-1", "s01", "1"]);
  return new Uint8Array(await workbook.xlsx.writeBuffer() as ArrayBuffer);
}

describe("readTemplate", () => {
  it("reads values, formulas, formats, merges, widths and validation of the visible sheet and the hidden metadata", async () => {
    const template = await readTemplate(await templateBytes(), parseXml);
    expect(template.sheets.map((s) => s.name)).toEqual(["评分表 g1-1"]);
    const sheet = template.sheets[0]!;
    expect([sheet.rows, sheet.columns]).toEqual([3, 4]);
    expect(sheet.formulas).toEqual([
      ["渝中区教师继续教育过程督查评分表", "", "", ""],
      ["学校", "组织管理10分", "总评分", ""],
      ["大田湾小学", "", "=SUM(B3:B3)", 7.5],
    ]);
    const styleOf = (r: number, c: number) => sheet.styles[sheet.styleIds[r]![c]!]!;
    expect(styleOf(0, 0)).toMatchObject({ bold: true, fontSize: 16 });
    expect(styleOf(2, 1)).toMatchObject({ numberFormat: "0.0", fill: "#FFF2CC" });
    expect(sheet.merges).toEqual(["A1:C1"]);
    expect(sheet.columnWidths.get(0)).toBe(108.75);
    expect(sheet.validations).toEqual([{
      range: "B3", type: "decimal", operator: "between", formula1: "0", formula2: "10",
      prompt: "0 到 10", promptTitle: "组织管理", error: "超出范围", errorTitle: "分数",
    }]);
    expect([...template.metadata]).toEqual([["评分表 g1-1", { campaign: "yuzhong-2018-2019", form: "peer-scores", subject: "g1-1", author: "s01", templateVersion: "1" }]]);
  });

  it("refuses bytes that are not a zip with a Chinese message", async () => {
    await expect(readTemplate(new TextEncoder().encode("not a workbook"), parseXml)).rejects.toThrow("文件不是有效的 .xlsx 工作簿（不是 zip 格式）。");
  });
});
