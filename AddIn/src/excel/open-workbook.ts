// Opening a workbook file (the district workbook) as a new workbook in Excel: Excel.createWorkbook, ExcelApi 1.8.
// It is the one Excel call that does not go through a RequestContext, so the Excel namespace is passed in.

export type WorkbookOpener = Pick<typeof Excel, "createWorkbook">;

/** Opens `base64` (.xlsx) in a new Excel window; the user's workbook stays as it is. */
export async function openWorkbookCopy(excelApi: WorkbookOpener, base64: string): Promise<void> {
  await excelApi.createWorkbook(base64);
}
