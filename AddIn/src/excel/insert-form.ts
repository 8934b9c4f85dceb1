// Putting an official form into the user's workbook as a new sheet: from the template file where Excel can insert
// worksheets from a file (ExcelApi 1.13), else written through ranges (ExcelApi 1.1, with 1.2 layout and 1.8 data
// validation when the host has them). The caller decides about name clashes first; nothing here overwrites a sheet.
import type { ExcelSupport } from "../office/host";
import { cellAddress, columnLetters, type CellStyle, type SheetValidation, type TemplateSheet } from "../xlsx/template";

/** Inserts `sheetName` of a template file (base64 .xlsx) at the end, renames it to `asName` when given, activates it. */
export async function insertSheetFromBase64(context: Excel.RequestContext, base64: string, sheetName: string, asName?: string): Promise<string> {
  const ids = context.workbook.insertWorksheetsFromBase64(base64, { sheetNamesToInsert: [sheetName], positionType: "End" });
  await context.sync();
  const id = ids.value[0];
  if (!id) throw new Error(`模板中没有名为“${sheetName}”的工作表。`);
  const sheet = context.workbook.worksheets.getItem(id);
  if (asName && asName !== sheetName) sheet.name = asName;
  sheet.activate();
  sheet.load("name");
  await context.sync();
  return sheet.name;
}

const operators: Record<string, string> = {
  between: "Between", notBetween: "NotBetween", equal: "EqualTo", notEqual: "NotEqualTo", greaterThan: "GreaterThan",
  lessThan: "LessThan", greaterThanOrEqual: "GreaterThanOrEqualTo", lessThanOrEqual: "LessThanOrEqualTo",
};

function validationRule(v: SheetValidation): Excel.DataValidationRule | null {
  const basic = {
    formula1: v.formula1, ...(v.formula2 !== null ? { formula2: v.formula2 } : {}),
    operator: (operators[v.operator] ?? "Between") as Excel.DataValidationOperator,
  };
  switch (v.type) {
    case "decimal": return { decimal: basic };
    case "whole": return { wholeNumber: basic };
    case "textLength": return { textLength: basic };
    case "list": return { list: { inCellDropDown: true, source: v.formula1.replace(/^"|"$/g, "") } };
    default: return null;
  }
}

function sameStyle(a: CellStyle | undefined, b: CellStyle | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function applyStyle(range: Excel.Range, style: CellStyle): void {
  if (style.bold) range.format.font.bold = true;
  if (style.fontSize) range.format.font.size = style.fontSize;
  if (style.fill) range.format.fill.color = style.fill;
  if (style.horizontal === "center" || style.horizontal === "centerContinuous") range.format.horizontalAlignment = "Center";
  else if (style.horizontal === "right") range.format.horizontalAlignment = "Right";
  else if (style.horizontal === "left") range.format.horizontalAlignment = "Left";
  if (style.vertical === "center") range.format.verticalAlignment = "Center";
  else if (style.vertical === "top") range.format.verticalAlignment = "Top";
  if (style.wrap) range.format.wrapText = true;
  if (style.border) {
    for (const edge of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal"] as const) {
      range.format.borders.getItem(edge).style = "Continuous";
    }
  }
}

const isDefault = (s: CellStyle | undefined) =>
  !s || (!s.bold && !s.fontSize && !s.fill && !s.border && !s.horizontal && !s.vertical && !s.wrap);

/**
 * Writes a template sheet into a new sheet `name`: number formats, then values and formulas, then styles by runs of
 * equal cells, merges and sizes (1.2), data validation (1.8). One sync at the end; a template is a few hundred cells,
 * far below Excel on the web's ~5 MB request limit.
 */
export async function writeTemplateSheet(context: Excel.RequestContext, template: TemplateSheet, name: string, support: ExcelSupport): Promise<string> {
  const sheet = context.workbook.worksheets.add(name);
  if (template.rows > 0 && template.columns > 0) {
    const all = sheet.getRange(`A1:${cellAddress(template.rows - 1, template.columns - 1)}`);
    all.numberFormat = template.styleIds.map((row) => row.map((id) => template.styles[id]?.numberFormat ?? "General"));
    all.formulas = template.formulas;
    for (let r = 0; r < template.rows; r++) {
      const ids = template.styleIds[r]!;
      for (let c = 0; c < template.columns;) {
        const style = template.styles[ids[c]!];
        let end = c;
        while (end + 1 < template.columns && sameStyle(template.styles[ids[end + 1]!], style)) end++;
        if (style && !isDefault(style)) applyStyle(sheet.getRange(`${cellAddress(r, c)}:${cellAddress(r, end)}`), style);
        c = end + 1;
      }
    }
  }
  if (support.layout) {
    for (const merge of template.merges) sheet.getRange(merge).merge(false);
    for (const [column, width] of template.columnWidths) {
      const letter = columnLetters(column);
      sheet.getRange(`${letter}:${letter}`).format.columnWidth = width;
    }
    for (const [row, height] of template.rowHeights) sheet.getRange(`${row + 1}:${row + 1}`).format.rowHeight = height;
  }
  if (support.dataValidation) {
    for (const v of template.validations) {
      const rule = validationRule(v);
      if (!rule) continue;
      const validation = sheet.getRange(v.range).dataValidation;
      validation.rule = rule;
      if (v.prompt) validation.prompt = { showPrompt: true, title: v.promptTitle ?? "", message: v.prompt };
      if (v.error) validation.errorAlert = { showAlert: true, style: "Stop", title: v.errorTitle ?? "", message: v.error };
    }
  }
  sheet.activate();
  await context.sync();
  return name;
}

/** Deletes a sheet (after the user agreed to replace it). */
export async function deleteSheet(context: Excel.RequestContext, name: string): Promise<void> {
  context.workbook.worksheets.getItem(name).delete();
  await context.sync();
}
