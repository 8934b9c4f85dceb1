// Reads a template workbook from the API (.xlsx) into what the add-in writes through ranges when Excel cannot insert
// worksheets from a file (ExcelApi < 1.13): values and formulas, number formats, a few styles, merges, widths, data
// validation, and the hidden _supervision metadata. Pure: the XML parser is passed in (DOMParser in the browser).
import type { FormMetadata } from "../api/types";
import { unzip, type ZipEntries } from "./unzip";

export const METADATA_SHEET = "_supervision";
export const METADATA_COLUMNS = ["sheet", "campaign", "form", "subject", "author", "templateVersion"] as const;

export type CellInput = string | number | boolean;

export interface CellStyle {
  numberFormat: string;
  bold: boolean;
  fontSize: number | null;
  fill: string | null;
  border: boolean;
  horizontal: string | null;
  vertical: string | null;
  wrap: boolean;
}

export interface SheetValidation {
  range: string;
  type: "decimal" | "whole" | "list" | "textLength" | "date" | "other";
  operator: string;
  formula1: string;
  formula2: string | null;
  prompt: string | null;
  promptTitle: string | null;
  error: string | null;
  errorTitle: string | null;
}

export interface TemplateSheet {
  name: string;
  rows: number;
  columns: number;
  /** Formulas ("=SUM(B4:G4)") or values, row by row over A1:(columns)(rows); "" for an empty cell. */
  formulas: CellInput[][];
  /** Index into `styles` per cell. */
  styleIds: number[][];
  styles: CellStyle[];
  merges: string[];
  /** Column widths in points, by 0-based column index. */
  columnWidths: Map<number, number>;
  /** Row heights in points, by 0-based row index. */
  rowHeights: Map<number, number>;
  validations: SheetValidation[];
}

export interface TemplateWorkbook {
  sheets: TemplateSheet[];
  metadata: Map<string, FormMetadata>;
}

export type XmlParser = (text: string) => Document;

const builtInFormats: Record<number, string> = {
  0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00", 14: "yyyy/m/d",
  20: "h:mm", 21: "h:mm:ss", 22: "yyyy/m/d h:mm", 49: "@",
};

function children(parent: Element | Document | null | undefined, name: string): Element[] {
  const out: Element[] = [];
  if (!parent) return out;
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).localName === name) out.push(n as Element);
  }
  return out;
}

function child(parent: Element | Document | null | undefined, name: string): Element | null {
  return children(parent, name)[0] ?? null;
}

function descendants(parent: Element, name: string): Element[] {
  return Array.from(parent.getElementsByTagNameNS("*", name));
}

function text(el: Element | null): string {
  return el?.textContent ?? "";
}

/** "B4" → [3, 1] (row, column, 0-based). */
export function parseCell(address: string): [number, number] {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(address.trim());
  if (!m?.[1] || !m[2]) throw new Error(`不是有效的单元格地址：${address}`);
  let column = 0;
  for (const ch of m[1].toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  return [Number(m[2]) - 1, column - 1];
}

export function columnLetters(column: number): string {
  let s = "";
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function cellAddress(row: number, column: number): string {
  return `${columnLetters(column)}${row + 1}`;
}

function resolveTarget(target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = `xl/${target}`.split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== ".") out.push(p);
  }
  return out.join("/");
}

function readStyles(doc: Document | null): CellStyle[] {
  const root = doc?.documentElement;
  const custom = new Map<number, string>();
  for (const f of children(child(root, "numFmts"), "numFmt")) custom.set(Number(f.getAttribute("numFmtId")), f.getAttribute("formatCode") ?? "General");
  const fonts = children(child(root, "fonts"), "font").map((f) => ({
    bold: child(f, "b") !== null && child(f, "b")?.getAttribute("val") !== "0",
    size: child(f, "sz") ? Number(child(f, "sz")!.getAttribute("val")) : null,
  }));
  const fills = children(child(root, "fills"), "fill").map((f) => {
    const pattern = child(f, "patternFill");
    const rgb = child(pattern, "fgColor")?.getAttribute("rgb");
    return pattern?.getAttribute("patternType") === "solid" && rgb ? `#${rgb.slice(-6).toUpperCase()}` : null;
  });
  const borders = children(child(root, "borders"), "border").map((b) =>
    ["left", "right", "top", "bottom"].some((side) => Boolean(child(b, side)?.getAttribute("style"))));
  const styles = children(child(root, "cellXfs"), "xf").map((xf): CellStyle => {
    const numFmtId = Number(xf.getAttribute("numFmtId") ?? 0);
    const alignment = child(xf, "alignment");
    const font = fonts[Number(xf.getAttribute("fontId") ?? 0)];
    return {
      numberFormat: custom.get(numFmtId) ?? builtInFormats[numFmtId] ?? "General",
      bold: font?.bold ?? false,
      fontSize: font?.size ?? null,
      fill: fills[Number(xf.getAttribute("fillId") ?? 0)] ?? null,
      border: borders[Number(xf.getAttribute("borderId") ?? 0)] ?? false,
      horizontal: alignment?.getAttribute("horizontal") ?? null,
      vertical: alignment?.getAttribute("vertical") ?? null,
      wrap: alignment?.getAttribute("wrapText") === "1" || alignment?.getAttribute("wrapText") === "true",
    };
  });
  return styles.length > 0 ? styles : [{ numberFormat: "General", bold: false, fontSize: null, fill: null, border: false, horizontal: null, vertical: null, wrap: false }];
}

function readSheet(name: string, doc: Document, shared: string[], styles: CellStyle[]): TemplateSheet {
  const root = doc.documentElement;
  const cells: { row: number; column: number; value: CellInput; style: number }[] = [];
  let rows = 0;
  let columns = 0;
  const rowHeights = new Map<number, number>();
  for (const row of children(child(root, "sheetData"), "row")) {
    const r = Number(row.getAttribute("r")) - 1;
    if (row.getAttribute("customHeight") === "1" && row.getAttribute("ht")) rowHeights.set(r, Number(row.getAttribute("ht")));
    for (const c of children(row, "c")) {
      const [cr, cc] = parseCell(c.getAttribute("r") ?? "A1");
      const type = c.getAttribute("t");
      const formula = child(c, "f");
      const raw = text(child(c, "v"));
      let value: CellInput = "";
      if (formula && text(formula)) value = `=${text(formula)}`;
      else if (raw === "" && type !== "inlineStr") value = "";
      else if (type === "s") value = shared[Number(raw)] ?? "";
      else if (type === "inlineStr") value = descendants(c, "t").map((t) => t.textContent ?? "").join("");
      else if (type === "b") value = raw === "1";
      else if (type === "str" || type === "e") value = raw;
      else if (raw !== "") value = Number(raw);
      cells.push({ row: cr, column: cc, value, style: Number(c.getAttribute("s") ?? 0) });
      rows = Math.max(rows, cr + 1);
      columns = Math.max(columns, cc + 1);
    }
  }
  const dimension = child(root, "dimension")?.getAttribute("ref");
  if (dimension?.includes(":")) {
    const [r1, c1] = parseCell(dimension.split(":")[1]!);
    rows = Math.max(rows, r1 + 1);
    columns = Math.max(columns, c1 + 1);
  }
  const formulas: CellInput[][] = Array.from({ length: rows }, () => Array<CellInput>(columns).fill(""));
  const styleIds: number[][] = Array.from({ length: rows }, () => Array<number>(columns).fill(0));
  for (const c of cells) {
    formulas[c.row]![c.column] = c.value;
    styleIds[c.row]![c.column] = c.style < styles.length ? c.style : 0;
  }
  const columnWidths = new Map<number, number>();
  for (const col of children(child(root, "cols"), "col")) {
    const min = Number(col.getAttribute("min"));
    const max = Math.min(Number(col.getAttribute("max")), columns);
    const width = Number(col.getAttribute("width"));
    // Excel's width is in characters of the default font; one character ≈ 7 px + 5 px padding, 0.75 pt per px.
    for (let i = min; i <= max; i++) columnWidths.set(i - 1, Math.round((width * 7 + 5) * 0.75 * 100) / 100);
  }
  const merges = children(child(root, "mergeCells"), "mergeCell").map((m) => m.getAttribute("ref") ?? "").filter(Boolean);
  const validations = children(child(root, "dataValidations"), "dataValidation").flatMap((v): SheetValidation[] => {
    const type = v.getAttribute("type") ?? "other";
    return (v.getAttribute("sqref") ?? "").split(/\s+/).filter(Boolean).map((range) => ({
      range,
      type: (["decimal", "whole", "list", "textLength", "date"].includes(type) ? type : "other") as SheetValidation["type"],
      operator: v.getAttribute("operator") ?? "between",
      formula1: text(child(v, "formula1")),
      formula2: child(v, "formula2") ? text(child(v, "formula2")) : null,
      prompt: v.getAttribute("prompt"),
      promptTitle: v.getAttribute("promptTitle"),
      error: v.getAttribute("error"),
      errorTitle: v.getAttribute("errorTitle"),
    }));
  });
  return { name, rows, columns, formulas, styleIds, styles, merges, columnWidths, rowHeights, validations };
}

function metadataOf(sheet: TemplateSheet): Map<string, FormMetadata> {
  const result = new Map<string, FormMetadata>();
  const header = (sheet.formulas[0] ?? []).map((v) => String(v).trim());
  const at = (key: string) => header.indexOf(key);
  if (at("sheet") < 0) return result;
  for (const row of sheet.formulas.slice(1)) {
    const get = (key: string) => {
      const i = at(key);
      const v = i >= 0 ? String(row[i] ?? "").trim() : "";
      return v === "" ? null : v;
    };
    const name = get("sheet");
    if (name) {
      result.set(name, { campaign: get("campaign"), form: get("form"), subject: get("subject"), author: get("author"), templateVersion: get("templateVersion") });
    }
  }
  return result;
}

/** Reads the visible sheets and the metadata of a template workbook. */
export async function readTemplate(bytes: Uint8Array, parseXml: XmlParser = defaultParser): Promise<TemplateWorkbook> {
  const files: ZipEntries = await unzip(bytes);
  const decoder = new TextDecoder();
  const xml = (path: string) => {
    const data = files.get(path);
    return data ? parseXml(decoder.decode(data)) : null;
  };
  const workbook = xml("xl/workbook.xml");
  if (!workbook) throw new Error("文件不是有效的 .xlsx 工作簿（缺少 workbook.xml）。");
  const rels = new Map<string, string>();
  for (const rel of descendants(xml("xl/_rels/workbook.xml.rels")!.documentElement, "Relationship")) {
    rels.set(rel.getAttribute("Id") ?? "", resolveTarget(rel.getAttribute("Target") ?? ""));
  }
  const sharedDoc = xml("xl/sharedStrings.xml");
  const shared = sharedDoc
    ? children(sharedDoc.documentElement, "si").map((si) => descendants(si, "t").map((t) => t.textContent ?? "").join(""))
    : [];
  const styles = readStyles(xml("xl/styles.xml"));
  const sheets: TemplateSheet[] = [];
  let metadata = new Map<string, FormMetadata>();
  for (const s of descendants(workbook.documentElement, "sheet")) {
    const name = s.getAttribute("name") ?? "";
    const id = s.getAttributeNS("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "id") ?? s.getAttribute("r:id") ?? "";
    const doc = xml(rels.get(id) ?? "");
    if (!doc) continue;
    const sheet = readSheet(name, doc, shared, styles);
    if (name === METADATA_SHEET) metadata = metadataOf(sheet);
    else if ((s.getAttribute("state") ?? "visible") === "visible") sheets.push(sheet);
  }
  return { sheets, metadata };
}

function defaultParser(text: string): Document {
  return new DOMParser().parseFromString(text, "application/xml");
}
