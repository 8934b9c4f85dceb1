// What the page runs in: an Office host (Excel) with which API sets, or a plain browser. No DOM, no Excel calls.

/** The requirement sets the add-in uses beyond ExcelApi 1.1, checked once at start. */
export interface ExcelSupport {
  /** ExcelApi 1.2: merge, column widths, row heights. */
  layout: boolean;
  /** ExcelApi 1.6: conditional formats (not needed by the core path). */
  conditionalFormats: boolean;
  /** ExcelApi 1.8: data validation. */
  dataValidation: boolean;
  /** ExcelApi 1.13: insertWorksheetsFromBase64. */
  insertFromBase64: boolean;
}

export interface HostInfo {
  /** True inside Excel (the Office host is a workbook). */
  inExcel: boolean;
  /** Office.js loaded but no host (a page opened in a browser), or Office.js missing. */
  officeLoaded: boolean;
  hostName: string | null;
  platform: string | null;
  support: ExcelSupport;
}

export const noExcelSupport: ExcelSupport = { layout: false, conditionalFormats: false, dataValidation: false, insertFromBase64: false };

export function excelSupport(office: typeof Office): ExcelSupport {
  const has = (version: string) => {
    try {
      return office.context.requirements.isSetSupported("ExcelApi", version);
    } catch {
      return false;
    }
  };
  return { layout: has("1.2"), conditionalFormats: has("1.6"), dataValidation: has("1.8"), insertFromBase64: has("1.13") };
}

/** Waits for Office.js (when the page loaded it) and says where the page runs. Never rejects. */
export async function detectHost(office: typeof Office | undefined, timeoutMs = 5000): Promise<HostInfo> {
  const none: HostInfo = { inExcel: false, officeLoaded: Boolean(office), hostName: null, platform: null, support: noExcelSupport };
  if (!office?.onReady) return none;
  const info = await Promise.race([
    office.onReady().then((i) => i, () => null),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs)),
  ]);
  const host = info?.host ? String(info.host) : null;
  if (host !== "Excel") return { ...none, hostName: host, platform: info?.platform ? String(info.platform) : null };
  return { inExcel: true, officeLoaded: true, hostName: host, platform: info?.platform ? String(info.platform) : null, support: excelSupport(office) };
}
