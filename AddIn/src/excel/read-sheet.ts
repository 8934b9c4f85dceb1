// Reading what the user typed: one load/sync batch, plain values out (ExcelApi 1.1).

export interface SheetGrid {
  sheet: string;
  /** Office's address of the used range, e.g. "'评分表 g1-1'!A1:I9". */
  address: string;
  values: unknown[][];
}

/** The active sheet's used range: the grid POST …/check takes. */
export async function readActiveSheet(context: Excel.RequestContext): Promise<SheetGrid> {
  const sheet = context.workbook.worksheets.getActiveWorksheet();
  const range = sheet.getUsedRange().load(["address", "values"]);
  sheet.load("name");
  await context.sync();
  return { sheet: sheet.name, address: range.address, values: range.values };
}

/** Names of every sheet of the workbook, in tab order (hidden ones included). */
export async function sheetNames(context: Excel.RequestContext): Promise<string[]> {
  const sheets = context.workbook.worksheets.load("items/name");
  await context.sync();
  return sheets.items.map((s) => s.name);
}

/** The active sheet's name. */
export async function activeSheetName(context: Excel.RequestContext): Promise<string> {
  const sheet = context.workbook.worksheets.getActiveWorksheet().load("name");
  await context.sync();
  return sheet.name;
}
