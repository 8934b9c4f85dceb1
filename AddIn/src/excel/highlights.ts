// Colouring the cells an issue names, and putting back what was there before (ExcelApi 1.1 range formats).

export const ERROR_FILL = "#FFC7CE";
export const WARNING_FILL = "#FFEB9C";

export interface CellMark {
  sheet: string;
  cell: string;
  severity: "error" | "warning";
}

/** A coloured cell and the fill it had before; `previousFill` null means no fill (Excel reports "#FFFFFF"). */
export interface Highlight {
  sheet: string;
  cell: string;
  fill: string;
  previousFill: string | null;
}

async function existingSheets(context: Excel.RequestContext): Promise<Set<string>> {
  const sheets = context.workbook.worksheets.load("items/name");
  await context.sync();
  return new Set(sheets.items.map((s) => s.name));
}

/** Colours each cell (errors red, warnings yellow; one mark per cell, errors first); returns what to restore later. */
export async function highlightCells(context: Excel.RequestContext, marks: CellMark[]): Promise<Highlight[]> {
  const names = await existingSheets(context);
  const unique = new Map<string, CellMark>();
  for (const mark of [...marks].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1))) {
    const key = `${mark.sheet}!${mark.cell.toUpperCase()}`;
    if (names.has(mark.sheet) && !unique.has(key)) unique.set(key, mark);
  }
  const ranges = [...unique.values()].map((mark) => ({
    mark,
    range: context.workbook.worksheets.getItem(mark.sheet).getRange(mark.cell).load("format/fill/color"),
  }));
  await context.sync();
  const highlights = ranges.map(({ mark, range }): Highlight => {
    const before = range.format.fill.color;
    const fill = mark.severity === "error" ? ERROR_FILL : WARNING_FILL;
    range.format.fill.color = fill;
    return { sheet: mark.sheet, cell: mark.cell, fill, previousFill: !before || before.toUpperCase() === "#FFFFFF" ? null : before };
  });
  await context.sync();
  return highlights;
}

/**
 * Puts back the fill each highlighted cell had, where the cell still shows our colour (a colour the user chose since
 * stays); cells of deleted sheets are skipped.
 */
export async function clearHighlights(context: Excel.RequestContext, highlights: Highlight[]): Promise<number> {
  if (highlights.length === 0) return 0;
  const names = await existingSheets(context);
  const ranges = highlights
    .filter((h) => names.has(h.sheet))
    .map((h) => ({ h, range: context.workbook.worksheets.getItem(h.sheet).getRange(h.cell).load("format/fill/color") }));
  await context.sync();
  let restored = 0;
  for (const { h, range } of ranges) {
    if (range.format.fill.color?.toUpperCase() !== h.fill.toUpperCase()) continue;
    if (h.previousFill === null) range.format.fill.clear();
    else range.format.fill.color = h.previousFill;
    restored++;
  }
  await context.sync();
  return restored;
}

/** Activates `sheet` and selects `cell`, so the user sees the cell an issue names. */
export async function selectCell(context: Excel.RequestContext, sheet: string, cell: string): Promise<void> {
  const worksheet = context.workbook.worksheets.getItem(sheet);
  worksheet.activate();
  worksheet.getRange(cell).select();
  await context.sync();
}
