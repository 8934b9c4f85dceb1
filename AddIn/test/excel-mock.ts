// A workbook for unit tests of src/excel: worksheets and ranges are office-addin-mock objects (a property read before
// load + sync gives the mock's "not loaded" text instead of the value), created on demand and synced by context.sync().
// The worksheet collection is hand-written, because office-addin-mock cannot load "items/name".
import { OfficeMockObject } from "office-addin-mock";

export interface SheetSeed {
  /** The used range: address without the sheet ("A1:C3") and its values. */
  used?: { address: string; values: unknown[][] };
  /** Fill colours of single cells, as Excel reports them ("#FFFFFF" when none). */
  fills?: Record<string, string>;
}

type Mock = OfficeMockObject & Record<string, any>;

export interface WorkbookMock {
  context: Excel.RequestContext;
  /** Every call in order: "getRange 评分表!C5", "add _supervision", "activate 评分表", "select 评分表!C5", … */
  log: string[];
  /** The range object handed out for sheet!address (the same object for every call). */
  range(sheet: string, address: string): Mock;
  sheet(name: string): Mock;
  syncs: () => number;
  names: () => string[];
}

export function workbookMock(seed: Record<string, SheetSeed>, active: string): WorkbookMock {
  const log: string[] = [];
  const created: Mock[] = [];
  const ranges = new Map<string, Mock>();
  const addressOf = new Map<Mock, string>();
  const sheets = new Map<string, Mock>();
  const order = Object.keys(seed);
  let syncCount = 0;
  let itemsLoaded = false;
  let itemsRequested = false;

  const track = (m: Mock) => {
    created.push(m);
    return m;
  };

  function rangeOf(sheet: string, address: string, values?: unknown[][]): Mock {
    const key = `${sheet}!${address}`;
    let range = ranges.get(key);
    if (!range) {
      const fill = seed[sheet]?.fills?.[address] ?? "#FFFFFF";
      range = track(new OfficeMockObject({
        address: `'${sheet}'!${address}`,
        values: values ?? [[""]],
        format: {
          fill: { color: fill, clear: () => log.push(`clear ${key}`) },
          font: { bold: false },
          borders: { getItem: (edge: string) => ({ set style(v: string) { log.push(`border ${key} ${edge} ${v}`); } }) },
        },
        dataValidation: { type: "None" },
        select: () => log.push(`select ${key}`),
        merge: () => log.push(`merge ${key}`),
        clear: () => log.push(`clear-all ${key}`),
      }) as Mock);
      ranges.set(key, range);
      addressOf.set(range, address);
    }
    return range;
  }

  function sheetOf(name: string): Mock {
    let sheet = sheets.get(name);
    if (!sheet) {
      sheet = track(new OfficeMockObject({
        name,
        visibility: "Visible",
        getRange: (address: string) => {
          log.push(`getRange ${name}!${address}`);
          return rangeOf(name, address);
        },
        getUsedRange: () => {
          log.push(`getUsedRange ${name}`);
          const used = seed[name]?.used ?? { address: "A1", values: [[""]] };
          return rangeOf(name, used.address, used.values);
        },
        activate: () => {
          log.push(`activate ${name}`);
          active = name;
        },
        delete: () => {
          log.push(`delete ${name}`);
          order.splice(order.indexOf(name), 1);
        },
        charts: {
          add: (type: string, source: Mock, seriesBy: string) => {
            log.push(`chart ${type} ${addressOf.get(source)} ${seriesBy}`);
            return { title: { text: "" }, setPosition: () => undefined };
          },
        },
      }) as Mock);
      sheets.set(name, sheet);
    }
    return sheet;
  }

  const worksheets = {
    load(props: string) {
      log.push(`load worksheets ${props}`);
      itemsRequested = true;
      return worksheets;
    },
    get items() {
      if (!itemsLoaded) throw new Error("PropertyNotLoaded: worksheets.items");
      return order.map((n) => ({ name: n }));
    },
    getItem(name: string) {
      if (!order.includes(name)) throw new Error(`ItemNotFound: ${name}`);
      return sheetOf(name);
    },
    getActiveWorksheet() {
      log.push("getActiveWorksheet");
      return sheetOf(active);
    },
    add(name: string) {
      log.push(`add ${name}`);
      order.push(name);
      return sheetOf(name);
    },
  };

  const context = {
    workbook: {
      worksheets,
      insertWorksheetsFromBase64(base64: string, options: { sheetNamesToInsert: string[]; positionType: string }) {
        log.push(`insertWorksheetsFromBase64 ${base64.length} ${options.sheetNamesToInsert.join(",")} ${options.positionType}`);
        const name = options.sheetNamesToInsert[0]!;
        order.push(name);
        sheets.set(`{id-${name}}`, sheetOf(name));
        return { value: [`{id-${name}}`] };
      },
    },
    async sync() {
      syncCount++;
      for (const m of created) await m.sync();
      // office-addin-mock applies loaded values in its own microtasks.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (itemsRequested) itemsLoaded = true;
    },
  };
  const getItem = worksheets.getItem;
  worksheets.getItem = (name: string) => (sheets.has(name) && name.startsWith("{id-") ? sheets.get(name)! : getItem(name));

  return {
    context: context as unknown as Excel.RequestContext,
    log,
    range: (sheet, address) => rangeOf(sheet, address),
    sheet: (name) => sheetOf(name),
    syncs: () => syncCount,
    names: () => [...order],
  };
}
