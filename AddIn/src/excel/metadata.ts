// The hidden sheet _supervision of the user's workbook: one row per inserted form sheet (sheet, campaign, form, subject,
// author, templateVersion) — the same sheet the API's templates carry, so a submitted workbook is recognised by it.
import type { FormMetadata } from "../api/types";
import { METADATA_COLUMNS, METADATA_SHEET, cellAddress } from "../xlsx/template";

function text(value: unknown): string | null {
  const s = value === null || value === undefined ? "" : String(value).trim();
  return s === "" ? null : s;
}

async function metadataSheetExists(context: Excel.RequestContext): Promise<boolean> {
  const sheets = context.workbook.worksheets.load("items/name");
  await context.sync();
  return sheets.items.some((s) => s.name === METADATA_SHEET);
}

/** Metadata by sheet name; empty when the workbook has no _supervision sheet. */
export async function readFormMetadata(context: Excel.RequestContext): Promise<Map<string, FormMetadata>> {
  const result = new Map<string, FormMetadata>();
  if (!(await metadataSheetExists(context))) return result;
  const range = context.workbook.worksheets.getItem(METADATA_SHEET).getUsedRange().load("values");
  await context.sync();
  const [header, ...rows] = range.values;
  const at = (header ?? []).map((h) => String(h).trim());
  const get = (row: unknown[], key: string) => (at.indexOf(key) >= 0 ? text(row[at.indexOf(key)]) : null);
  if (!at.includes("sheet")) return result;
  for (const row of rows) {
    const sheet = get(row, "sheet");
    if (sheet) {
      result.set(sheet, {
        campaign: get(row, "campaign"), form: get(row, "form"), subject: get(row, "subject"), author: get(row, "author"),
        templateVersion: get(row, "templateVersion"),
      });
    }
  }
  return result;
}

/**
 * Records (or replaces) the metadata row of `sheet`, and drops rows of sheets that no longer exist. Creates the hidden
 * _supervision sheet when needed.
 */
export async function recordFormMetadata(context: Excel.RequestContext, sheet: string, metadata: FormMetadata): Promise<void> {
  const existing = await readFormMetadata(context);
  const sheets = context.workbook.worksheets.load("items/name");
  await context.sync();
  const names = new Set(sheets.items.map((s) => s.name));
  existing.delete(sheet);
  const rows: string[][] = [[...METADATA_COLUMNS]];
  for (const [name, m] of existing) {
    if (names.has(name)) rows.push([name, m.campaign ?? "", m.form ?? "", m.subject ?? "", m.author ?? "", m.templateVersion ?? ""]);
  }
  rows.push([sheet, metadata.campaign ?? "", metadata.form ?? "", metadata.subject ?? "", metadata.author ?? "", metadata.templateVersion ?? ""]);

  let target: Excel.Worksheet;
  if (names.has(METADATA_SHEET)) {
    target = context.workbook.worksheets.getItem(METADATA_SHEET);
    target.getUsedRange().clear();
  } else {
    target = context.workbook.worksheets.add(METADATA_SHEET);
  }
  const range = target.getRange(`A1:${cellAddress(rows.length - 1, METADATA_COLUMNS.length - 1)}`);
  // Text format first, so "0012" or "03-04" stay text.
  range.numberFormat = rows.map((r) => r.map(() => "@"));
  range.values = rows;
  target.visibility = "Hidden";
  await context.sync();
}
