/*
 * fake-office.js — an in-page stand-in for office.js and the Excel object model, for the browser tests. The tests
 * answer https://appsforoffice.microsoft.com/lib/1/hosted/office.js with this file, so the add-in's page is the
 * production page, unchanged.
 *
 * Seed before the page loads (Playwright AddInitScript):
 *   window.__FAKE_EXCEL_SEED__ = { apiVersion: "1.13", sheets: { Sheet1: [[...], ...] }, active: "Sheet1" };
 * Inspect and drive afterwards through window.__fakeExcel (see the bottom of this file).
 *
 * Semantics copied from the real API on purpose:
 *  - a property read (values, address, name, format/fill/color, items, a ClientResult's value) THROWS PropertyNotLoaded
 *    unless it was loaded and context.sync() ran since;
 *  - writes, loads and actions are queued and applied at context.sync(), in order; errors (ItemNotFound,
 *    ItemAlreadyExists, InvalidArgument, ApiNotFound for a requirement set the seed does not grant) surface at sync;
 *  - Excel.run syncs once more after the batch; empty cells read as ""; formulas (SUM and references) are evaluated.
 * getFileAsync builds a real .xlsx of the fake workbook with ExcelJS (loaded on first use from /__e2e/exceljs.min.js,
 * which the tests serve from AddIn/node_modules), so a submission carries real bytes.
 */
(function () {
  "use strict";
  var seed = window.__FAKE_EXCEL_SEED__ || {};
  var apiVersion = seed.apiVersion || "1.13";
  var sheets = []; // { id, name, visible, cells: Map<"r,c", {v, f, fmt, fill, bold}>, merges: [], validations: [], widths: {}, charts: [] }
  var activeId = null;
  var selection = null;
  var log = [];
  var nextId = 1;

  function versionAtLeast(v) {
    var a = apiVersion.split(".").map(Number), b = v.split(".").map(Number);
    return a[0] > b[0] || (a[0] === b[0] && a[1] >= b[1]);
  }
  function officeError(code, message) { var e = new Error(message); e.name = "RichApi.Error"; e.code = code; return e; }
  function requireSet(version, what) {
    if (!versionAtLeast(version)) throw officeError("ApiNotFound", "The API you are trying to use could not be found. It may be available in a newer version of Excel. (" + what + " needs ExcelApi " + version + ")");
  }
  function newSheet(name, visible) {
    var s = { id: "{" + (nextId++) + "-FAKE}", name: name, visible: visible !== false, cells: new Map(), merges: [], validations: [], widths: {}, heights: {}, charts: [] };
    return s;
  }
  function byName(name) { for (var i = 0; i < sheets.length; i++) if (sheets[i].name.toLowerCase() === String(name).toLowerCase()) return sheets[i]; return null; }
  function byId(id) { for (var i = 0; i < sheets.length; i++) if (sheets[i].id === id) return sheets[i]; return null; }
  function cell(s, r, c, create) {
    var k = r + "," + c, x = s.cells.get(k);
    if (!x && create) { x = {}; s.cells.set(k, x); }
    return x;
  }

  // Seeded sheets
  Object.keys(seed.sheets || {}).forEach(function (name) {
    var s = newSheet(name);
    (seed.sheets[name] || []).forEach(function (row, r) { row.forEach(function (v, c) { if (v !== "" && v != null) cell(s, r, c, true).v = v; }); });
    sheets.push(s);
  });
  if (sheets.length === 0) sheets.push(newSheet("Sheet1"));
  activeId = (byName(seed.active || "") || sheets[0]).id;

  // Addresses
  function colIndex(letters) { var n = 0; for (var i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64); return n - 1; }
  function colLetters(c) { var s = ""; for (var n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s; return s; }
  function parseCell(a) {
    var m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(String(a).toUpperCase());
    if (!m) throw officeError("InvalidArgument", "The argument is invalid or missing or has an incorrect format: " + a);
    return { r: parseInt(m[2], 10) - 1, c: colIndex(m[1]) };
  }
  function parseAddress(address) {
    var text = String(address).split("!").pop();
    var parts = text.split(":");
    if (/^[A-Z]+$/i.test(parts[0]) && /^[A-Z]+$/i.test(parts[1] || "")) return { r0: 0, c0: colIndex(parts[0].toUpperCase()), r1: 1048575, c1: colIndex(parts[1].toUpperCase()), columns: true };
    if (/^\d+$/.test(parts[0]) && /^\d+$/.test(parts[1] || "")) return { r0: +parts[0] - 1, c0: 0, r1: +parts[1] - 1, c1: 16383, rows: true };
    var a = parseCell(parts[0]), b = parts[1] ? parseCell(parts[1]) : a;
    return { r0: Math.min(a.r, b.r), c0: Math.min(a.c, b.c), r1: Math.max(a.r, b.r), c1: Math.max(a.c, b.c) };
  }
  function boxText(b) { var a = colLetters(b.c0) + (b.r0 + 1); return b.r1 > b.r0 || b.c1 > b.c0 ? a + ":" + colLetters(b.c1) + (b.r1 + 1) : a; }
  function quoted(name) { return /[^A-Za-z0-9_\u4e00-\u9fff]/.test(name) ? "'" + name.replace(/'/g, "''") + "'" : name; }
  function eachCell(b, fn) { for (var r = b.r0; r <= b.r1; r++) for (var c = b.c0; c <= b.c1; c++) fn(r, c); }

  // Formulas: numbers, references, ranges inside SUM(...), + and -.
  function evaluate(s, formula, depth) {
    if ((depth || 0) > 20) return "#REF!";
    var expr = String(formula).replace(/^=/, "").trim();
    var sum = /^SUM\((.*)\)$/i.exec(expr);
    if (sum) {
      var total = 0;
      sum[1].split(",").forEach(function (arg) {
        arg = arg.trim();
        if (/^\$?[A-Z]+\$?\d+(:\$?[A-Z]+\$?\d+)?$/i.test(arg)) {
          eachCell(parseAddress(arg.replace(/\$/g, "")), function (r, c) { var v = valueAt(s, r, c, (depth || 0) + 1); if (typeof v === "number") total += v; });
        } else if (!isNaN(Number(arg))) total += Number(arg);
      });
      return total;
    }
    if (/^\$?[A-Z]+\$?\d+$/i.test(expr)) { var p = parseCell(expr.replace(/\$/g, "")); var v = valueAt(s, p.r, p.c, (depth || 0) + 1); return v === "" ? 0 : v; }
    if (!isNaN(Number(expr))) return Number(expr);
    return "#NAME?";
  }
  function valueAt(s, r, c, depth) {
    var x = cell(s, r, c, false);
    if (!x) return "";
    if (x.f) return evaluate(s, x.f, depth);
    return x.v === undefined || x.v === null ? "" : x.v;
  }
  function usedBox(s) {
    var b = null;
    s.cells.forEach(function (x, k) {
      var has = (x.v !== undefined && x.v !== "") || x.f || x.fill || (x.fmt && x.fmt !== "General");
      if (!has) return;
      var rc = k.split(",").map(Number);
      if (!b) b = { r0: rc[0], c0: rc[1], r1: rc[0], c1: rc[1] };
      else { b.r0 = Math.min(b.r0, rc[0]); b.c0 = Math.min(b.c0, rc[1]); b.r1 = Math.max(b.r1, rc[0]); b.c1 = Math.max(b.c1, rc[1]); }
    });
    return b || { r0: 0, c0: 0, r1: 0, c1: 0 };
  }

  // ExcelJS, loaded on first use
  var excelJsPromise = null;
  function excelJs() {
    if (window.ExcelJS) return Promise.resolve(window.ExcelJS);
    if (!excelJsPromise) excelJsPromise = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = "/__e2e/exceljs.min.js";
      script.onload = function () { resolve(window.ExcelJS); };
      script.onerror = function () { reject(new Error("fake-office.js: could not load /__e2e/exceljs.min.js")); };
      document.head.appendChild(script);
    });
    return excelJsPromise;
  }

  // Request context, proxies and sync
  function RequestContext() {
    var ctx = this;
    this._queue = [];
    this._pending = [];
    this.workbook = new Workbook(ctx);
  }
  RequestContext.prototype.sync = function () {
    var q = this._queue; this._queue = [];
    var pending = this._pending; this._pending = [];
    return new Promise(function (resolve) { setTimeout(resolve, 0); }).then(function () {
      var chain = Promise.resolve();
      q.forEach(function (op) { chain = chain.then(function () { return op(); }); });
      return chain;
    }).then(function () { pending.forEach(function (p) { p._synced = true; }); });
  };
  function queue(ctx, op) { ctx._queue.push(op); }
  function notLoaded(name) {
    return officeError("PropertyNotLoaded", "The property '" + name + "' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.");
  }
  function loadable(ctx, obj) {
    obj._loaded = {};
    obj._read = function (p) { if (!(p in obj._loaded)) throw notLoaded(p); return obj._loaded[p]; };
    obj._loadOne = function (p, get) { queue(ctx, function () { obj._loaded[p] = get(); }); };
  }

  function Workbook(ctx) {
    this.worksheets = new WorksheetCollection(ctx);
    this._ctx = ctx;
  }
  Workbook.prototype.insertWorksheetsFromBase64 = function (base64, options) {
    requireSet("1.13", "insertWorksheetsFromBase64");
    var ctx = this._ctx, result = { _synced: false };
    var ids = [];
    Object.defineProperty(result, "value", { get: function () { if (!result._synced) throw notLoaded("value"); return ids; } });
    ctx._pending.push(result);
    queue(ctx, function () {
      var bytes = Uint8Array.from(atob(base64), function (ch) { return ch.charCodeAt(0); });
      return readXlsx(bytes).then(function (book) {
        var wanted = (options && options.sheetNamesToInsert) || book.map(function (w) { return w.name; });
        book.forEach(function (w) {
          if (wanted.indexOf(w.name) < 0) return;
          var name = w.name, n = 2;
          while (byName(name)) name = w.name + " (" + (n++) + ")";
          var s = newSheet(name, w.visible);
          w.cells.forEach(function (x, k) { s.cells.set(k, x); });
          s.merges = w.merges; s.validations = w.validations;
          sheets.push(s);
          ids.push(s.id);
          log.push("insertWorksheetsFromBase64 " + name);
        });
      });
    });
    return result;
  };

  // A small .xlsx reader of its own (ExcelJS cannot read ClosedXML's prefixed XML): zip directory, deflate-raw,
  // shared strings, cell values and formulas, number formats and solid fills of the styles, merges, data validations.
  function readXlsx(bytes) {
    function u16(o) { return bytes[o] | (bytes[o + 1] << 8); }
    function u32(o) { return (bytes[o] | (bytes[o + 1] << 8) | (bytes[o + 2] << 16) | (bytes[o + 3] << 24)) >>> 0; }
    var end = bytes.length - 22;
    while (end > 0 && u32(end) !== 0x06054b50) end--;
    var files = {}, at = u32(end + 16), count = u16(end + 10), jobs = [];
    for (var i = 0; i < count; i++) {
      var method = u16(at + 10), size = u32(at + 20), nameLength = u16(at + 28), local = u32(at + 42);
      var name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
      at += 46 + nameLength + u16(at + 30) + u16(at + 32);
      var start = local + 30 + u16(local + 26) + u16(local + 28), data = bytes.subarray(start, start + size);
      jobs.push((function (name, method, data) {
        var text = method === 0 ? Promise.resolve(new TextDecoder().decode(data))
          : new Response(new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate-raw"))).text();
        return text.then(function (t) { files[name] = t; });
      })(name, method, data));
    }
    return Promise.all(jobs).then(function () {
      var parse = function (path) { return files[path] ? new DOMParser().parseFromString(files[path], "application/xml") : null; };
      var all = function (doc, tag) { return doc ? Array.prototype.slice.call(doc.getElementsByTagNameNS("*", tag)) : []; };
      var shared = all(parse("xl/sharedStrings.xml"), "si").map(function (si) { return all(si, "t").map(function (t) { return t.textContent; }).join(""); });
      var styles = parse("xl/styles.xml");
      var formats = {}; all(styles, "numFmt").forEach(function (f) { formats[f.getAttribute("numFmtId")] = f.getAttribute("formatCode"); });
      var fills = all(styles, "fill").map(function (f) { var p = all(f, "patternFill")[0], c = p && all(p, "fgColor")[0]; return p && p.getAttribute("patternType") === "solid" && c && c.getAttribute("rgb") ? "#" + c.getAttribute("rgb").slice(-6).toUpperCase() : null; });
      var xfs = all(all(styles, "cellXfs")[0], "xf").map(function (x) { return { fmt: formats[x.getAttribute("numFmtId")] || (x.getAttribute("numFmtId") === "49" ? "@" : null), fill: fills[+x.getAttribute("fillId")] || null }; });
      var rels = {}; all(parse("xl/_rels/workbook.xml.rels"), "Relationship").forEach(function (r) { rels[r.getAttribute("Id")] = "xl/" + r.getAttribute("Target").replace(/^\/?xl\//, ""); });
      return all(parse("xl/workbook.xml"), "sheet").map(function (el) {
        var doc = parse(rels[el.getAttributeNS("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "id")]);
        var cells = new Map();
        all(doc, "c").forEach(function (c) {
          var p = parseCell(c.getAttribute("r")), x = {}, t = c.getAttribute("t"), f = all(c, "f")[0], v = all(c, "v")[0];
          if (f && f.textContent) x.f = "=" + f.textContent;
          else if (v) x.v = t === "s" ? shared[+v.textContent] : t === "str" ? v.textContent : t === "b" ? v.textContent === "1" : Number(v.textContent);
          var style = xfs[+(c.getAttribute("s") || 0)];
          if (style && style.fmt) x.fmt = style.fmt;
          if (style && style.fill) x.fill = style.fill;
          cells.set(p.r + "," + p.c, x);
        });
        return {
          name: el.getAttribute("name"), visible: (el.getAttribute("state") || "visible") === "visible", cells: cells,
          merges: all(doc, "mergeCell").map(function (m) { return m.getAttribute("ref"); }),
          validations: all(doc, "dataValidation").map(function (d) { return { range: d.getAttribute("sqref"), rule: d.getAttribute("type") }; }),
        };
      });
    });
  }

  function WorksheetCollection(ctx) {
    var self = this;
    this._ctx = ctx;
    loadable(ctx, this);
    Object.defineProperty(this, "items", { get: function () { return self._read("items"); } });
  }
  WorksheetCollection.prototype.load = function (props) {
    var ctx = this._ctx, self = this;
    queue(ctx, function () {
      self._loaded.items = sheets.map(function (s) {
        var ws = new Worksheet(ctx, function () { return s; });
        ws._loaded.name = s.name; ws._loaded.visibility = s.visible ? "Visible" : "Hidden"; ws._loaded.id = s.id;
        return ws;
      });
    });
    return this;
  };
  WorksheetCollection.prototype.getItem = function (key) {
    return new Worksheet(this._ctx, function () {
      var s = byName(key) || byId(key);
      if (!s) throw officeError("ItemNotFound", "The requested resource doesn't exist. (worksheet '" + key + "')");
      return s;
    });
  };
  WorksheetCollection.prototype.getActiveWorksheet = function () {
    var resolved = null;
    return new Worksheet(this._ctx, function () { if (!resolved) resolved = byId(activeId); return resolved; });
  };
  WorksheetCollection.prototype.add = function (name) {
    var created = null;
    queue(this._ctx, function () {
      if (byName(name)) throw officeError("ItemAlreadyExists", "A resource with the same name or identifier already exists. (worksheet '" + name + "')");
      created = newSheet(name); sheets.push(created); log.push("add " + name);
    });
    return new Worksheet(this._ctx, function () { if (!created) throw officeError("InvalidOperation", "sheet not created yet"); return created; });
  };

  function Worksheet(ctx, resolve) {
    var self = this;
    this._ctx = ctx; this._resolve = resolve;
    loadable(ctx, this);
    Object.defineProperty(this, "name", {
      get: function () { return self._read("name"); },
      set: function (v) { queue(ctx, function () { var s = resolve(); if (byName(v) && byName(v) !== s) throw officeError("ItemAlreadyExists", "name taken"); log.push("rename " + s.name + " " + v); s.name = v; }); },
    });
    Object.defineProperty(this, "visibility", {
      get: function () { return self._read("visibility"); },
      set: function (v) { queue(ctx, function () { resolve().visible = v === "Visible"; log.push("visibility " + resolve().name + " " + v); }); },
    });
    Object.defineProperty(this, "id", { get: function () { return self._read("id"); } });
    this.charts = {
      add: function (type, source, seriesBy) {
        var chart = { title: {}, _type: type };
        queue(ctx, function () { var s = resolve(); s.charts.push({ type: type, source: boxText(source._box()), seriesBy: seriesBy, title: chart.title.text || "" }); log.push("chart " + s.name + " " + type); });
        return chart;
      },
    };
  }
  Worksheet.prototype.load = function (props) {
    var self = this, list = typeof props === "string" ? props.split(",") : props || ["name"];
    list.forEach(function (p) {
      p = p.trim();
      if (p === "name") self._loadOne("name", function () { return self._resolve().name; });
      else if (p === "visibility") self._loadOne("visibility", function () { return self._resolve().visible ? "Visible" : "Hidden"; });
      else if (p === "id") self._loadOne("id", function () { return self._resolve().id; });
      else queue(self._ctx, function () { throw officeError("InvalidArgument", "fake-office.js does not support worksheet.load('" + p + "')"); });
    });
    return this;
  };
  Worksheet.prototype.getRange = function (address) { var self = this; var box = parseAddress(address); return new Range(this, function () { return box; }); };
  Worksheet.prototype.getUsedRange = function () { var self = this; var box = null; return new Range(this, function () { if (!box) box = usedBox(self._resolve()); return box; }); };
  Worksheet.prototype.activate = function () { var self = this; queue(this._ctx, function () { var s = self._resolve(); if (!s.visible) throw officeError("InvalidOperation", "hidden sheet"); activeId = s.id; log.push("activate " + s.name); }); };
  Worksheet.prototype.delete = function () { var self = this; queue(this._ctx, function () { var s = self._resolve(); sheets.splice(sheets.indexOf(s), 1); if (activeId === s.id) activeId = (sheets.filter(function (x) { return x.visible; })[0] || sheets[0]).id; log.push("delete " + s.name); }); };

  function Range(ws, boxOf) {
    var self = this, ctx = ws._ctx;
    this._ws = ws; this._ctx = ctx; this._box = boxOf;
    loadable(ctx, this);
    var each = function (fn) { return function () { var s = ws._resolve(); eachCell(boxOf(), function (r, c) { fn(s, r, c); }); }; };
    var fill = { clear: function () { queue(ctx, each(function (s, r, c) { var x = cell(s, r, c, false); if (x) delete x.fill; })); queue(ctx, function () { log.push("clear-fill " + ws._resolve().name + "!" + boxText(boxOf())); }); } };
    Object.defineProperty(fill, "color", {
      get: function () { return self._read("format/fill/color"); },
      set: function (color) { queue(ctx, each(function (s, r, c) { cell(s, r, c, true).fill = String(color).toUpperCase(); })); queue(ctx, function () { log.push("fill " + ws._resolve().name + "!" + boxText(boxOf()) + " " + color); }); },
    });
    var font = {};
    Object.defineProperty(font, "bold", { set: function (b) { queue(ctx, each(function (s, r, c) { cell(s, r, c, true).bold = !!b; })); } });
    Object.defineProperty(font, "size", { set: function () { } });
    var format = { fill: fill, font: font, borders: { getItem: function () { return { set style(v) { } }; } } };
    ["horizontalAlignment", "verticalAlignment", "wrapText"].forEach(function (p) { Object.defineProperty(format, p, { set: function () { } }); });
    Object.defineProperty(format, "columnWidth", { set: function (w) { queue(ctx, function () { requireSet("1.2", "columnWidth"); var b = boxOf(); ws._resolve().widths[colLetters(b.c0)] = w; }); } });
    Object.defineProperty(format, "rowHeight", { set: function (h) { queue(ctx, function () { requireSet("1.2", "rowHeight"); ws._resolve().heights[boxOf().r0 + 1] = h; }); } });
    this.format = format;
    var validation = {};
    ["rule", "prompt", "errorAlert"].forEach(function (p) {
      Object.defineProperty(validation, p, { set: function (v) { queue(ctx, function () { requireSet("1.8", "dataValidation"); var s = ws._resolve(), a = boxText(boxOf()); var entry = s.validations.filter(function (x) { return x.range === a; })[0]; if (!entry) { entry = { range: a }; s.validations.push(entry); } entry[p] = v; }); } });
    });
    Object.defineProperty(this, "dataValidation", { get: function () { return validation; } });
  }
  Range.prototype.load = function (props) {
    var self = this, ws = this._ws;
    var list = typeof props === "string" ? props.split(",") : Array.isArray(props) ? props : ["values", "address"];
    list.forEach(function (p) {
      p = p.trim();
      self._loadOne(p, function () {
        var s = ws._resolve(), b = self._box(), rows = [], r, c;
        if (p === "values" || p === "formulas" || p === "numberFormat") {
          for (r = b.r0; r <= b.r1; r++) {
            var row = [];
            for (c = b.c0; c <= b.c1; c++) {
              var x = cell(s, r, c, false);
              if (p === "values") row.push(valueAt(s, r, c));
              else if (p === "formulas") row.push(x ? (x.f || (x.v === undefined ? "" : x.v)) : "");
              else row.push(x && x.fmt ? x.fmt : "General");
            }
            rows.push(row);
          }
          return rows;
        }
        if (p === "address") return quoted(s.name) + "!" + boxText(b);
        if (p === "format/fill/color") {
          var colors = {};
          eachCell(b, function (r2, c2) { var x = cell(s, r2, c2, false); colors[(x && x.fill) || "#FFFFFF"] = 1; });
          var keys = Object.keys(colors);
          return keys.length === 1 ? keys[0] : null;
        }
        throw officeError("InvalidArgument", "fake-office.js does not support range.load('" + p + "')");
      });
    });
    return this;
  };
  function writeGrid(range, rows, apply) {
    var ws = range._ws;
    queue(range._ctx, function () {
      var s = ws._resolve(), b = range._box();
      if (!Array.isArray(rows) || rows.length !== b.r1 - b.r0 + 1 || rows.some(function (row) { return row.length !== b.c1 - b.c0 + 1; }))
        throw officeError("InvalidArgument", "The number of rows or columns in the input array doesn't match the size or dimensions of the range.");
      rows.forEach(function (row, i) { row.forEach(function (v, j) { apply(cell(s, b.r0 + i, b.c0 + j, true), v); }); });
    });
  }
  ["values", "formulas", "numberFormat", "address"].forEach(function (p) {
    Object.defineProperty(Range.prototype, p, {
      get: function () { return this._read(p); },
      set: function (rows) {
        if (p === "address") throw officeError("InvalidArgument", "address is read-only");
        writeGrid(this, rows, function (x, v) {
          if (p === "numberFormat") { x.fmt = v; return; }
          if (typeof v === "string" && v.charAt(0) === "=" && p === "formulas") { x.f = v; delete x.v; return; }
          delete x.f;
          if (v === "" || v === null || v === undefined) delete x.v;
          else if (typeof v === "string" && x.fmt !== "@" && v.trim() !== "" && !isNaN(Number(v))) x.v = Number(v);
          else x.v = v;
        });
      },
    });
  });
  Range.prototype.select = function () { var self = this; queue(this._ctx, function () { var s = self._ws._resolve(); activeId = s.id; selection = { sheet: s.name, address: boxText(self._box()) }; log.push("select " + s.name + "!" + selection.address); }); };
  Range.prototype.merge = function () { var self = this; queue(this._ctx, function () { requireSet("1.2", "merge"); self._ws._resolve().merges.push(boxText(self._box())); }); };
  Range.prototype.clear = function () { var self = this; queue(this._ctx, function () { var s = self._ws._resolve(); eachCell(self._box(), function (r, c) { s.cells.delete(r + "," + c); }); }); };

  // The workbook as .xlsx bytes (Office.context.document.getFileAsync)
  function workbookBytes() {
    return excelJs().then(function (ExcelJS) {
      var wb = new ExcelJS.Workbook();
      sheets.forEach(function (s) {
        var w = wb.addWorksheet(s.name, { state: s.visible ? "visible" : "hidden" });
        s.cells.forEach(function (x, k) {
          var rc = k.split(",").map(Number), c = w.getCell(rc[0] + 1, rc[1] + 1);
          if (x.f) c.value = { formula: x.f.slice(1), result: valueAt(s, rc[0], rc[1]) };
          else if (x.v !== undefined && x.v !== "") c.value = x.v;
          if (x.fmt && x.fmt !== "General") c.numFmt = x.fmt;
        });
        s.merges.forEach(function (m) { try { w.mergeCells(m); } catch (e) { /* overlapping merges are the template's business */ } });
      });
      return wb.xlsx.writeBuffer().then(function (buffer) { return new Uint8Array(buffer); });
    });
  }

  var fileRequests = 0;
  var createdWorkbooks = [];
  var readyInfo = { host: "Excel", platform: seed.platform || "PC" };
  window.Excel = {
    run: function (batch) {
      var ctx = new RequestContext();
      return Promise.resolve().then(function () { return batch(ctx); }).then(function (r) { return ctx.sync().then(function () { return r; }); });
    },
    RequestContext: RequestContext,
  };
  if (versionAtLeast("1.8")) {
    window.Excel.createWorkbook = function (base64) {
      return new Promise(function (resolve) { setTimeout(function () { createdWorkbooks.push(base64 || ""); log.push("createWorkbook"); resolve(); }, 0); });
    };
  }
  var readyPromise = new Promise(function (resolve) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { resolve(readyInfo); });
    else resolve(readyInfo);
  });
  window.Office = {
    HostType: { Excel: "Excel" },
    PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac" },
    FileType: { Compressed: "compressed", Pdf: "pdf", Text: "text" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    EventType: { DialogMessageReceived: "dialogMessageReceived", DialogEventReceived: "dialogEventReceived" },
    onReady: function (cb) { return readyPromise.then(function (info) { if (cb) cb(info); return info; }); },
    context: {
      host: "Excel",
      diagnostics: { host: "Excel", platform: readyInfo.platform, version: "16.0-fake" },
      requirements: {
        isSetSupported: function (name, version) {
          if (name === "ExcelApi") return versionAtLeast(version || "1.1");
          return false; // NestedAppAuth and the rest: not in this fake
        },
      },
      document: {
        url: seed.url || "",
        getFileAsync: function (type, options, callback) {
          if (typeof options === "function") { callback = options; options = {}; }
          fileRequests++;
          log.push("getFileAsync " + type);
          var sliceSize = (options && options.sliceSize) || 4194304;
          workbookBytes().then(function (bytes) {
            var count = Math.max(1, Math.ceil(bytes.length / sliceSize));
            callback({
              status: "succeeded",
              value: {
                size: bytes.length, sliceCount: count,
                getSliceAsync: function (i, cb) {
                  setTimeout(function () { cb({ status: "succeeded", value: { index: i, size: Math.min(sliceSize, bytes.length - i * sliceSize), data: Array.from(bytes.subarray(i * sliceSize, (i + 1) * sliceSize)) } }); }, 0);
                },
                closeAsync: function (cb) { log.push("closeFile"); if (cb) cb({ status: "succeeded" }); },
              },
            });
          }, function (e) { callback({ status: "failed", error: { code: 5001, message: String(e) } }); });
        },
      },
      ui: {
        displayDialogAsync: function (url, options, cb) { cb({ status: "failed", error: { code: 12011, message: "no dialogs in the fake" } }); },
        messageParent: function () { },
      },
    },
  };

  function cellsOf(name) { var s = byName(name); if (!s) throw new Error("no sheet " + name); return s; }
  window.__fakeExcel = {
    log: log,
    apiVersion: apiVersion,
    sheetNames: function () { return sheets.map(function (s) { return s.name; }); },
    visibleSheetNames: function () { return sheets.filter(function (s) { return s.visible; }).map(function (s) { return s.name; }); },
    activeSheet: function () { return byId(activeId).name; },
    activate: function (name) { activeId = cellsOf(name).id; },
    selection: function () { return selection; },
    value: function (sheet, address) { var p = parseCell(address); return valueAt(cellsOf(sheet), p.r, p.c); },
    formula: function (sheet, address) { var p = parseCell(address), x = cell(cellsOf(sheet), p.r, p.c, false); return x && x.f ? x.f : null; },
    numberFormat: function (sheet, address) { var p = parseCell(address), x = cell(cellsOf(sheet), p.r, p.c, false); return x && x.fmt ? x.fmt : "General"; },
    /** What a user typing into a cell does. */
    type: function (sheet, address, v) { var p = parseCell(address), x = cell(cellsOf(sheet), p.r, p.c, true); delete x.f; if (v === "" || v == null) delete x.v; else x.v = v; log.push("type " + sheet + "!" + address + " " + v); },
    fill: function (sheet, address) { var p = parseCell(address), x = cell(cellsOf(sheet), p.r, p.c, false); return (x && x.fill) || null; },
    filledCells: function (sheet) { var out = {}; cellsOf(sheet).cells.forEach(function (x, k) { if (x.fill) { var rc = k.split(","); out[colLetters(+rc[1]) + (+rc[0] + 1)] = x.fill; } }); return out; },
    merges: function (sheet) { return cellsOf(sheet).merges.slice(); },
    validations: function (sheet) { return JSON.parse(JSON.stringify(cellsOf(sheet).validations)); },
    charts: function (sheet) { return cellsOf(sheet).charts.slice(); },
    usedRange: function (sheet) { return boxText(usedBox(cellsOf(sheet))); },
    fileRequests: function () { return fileRequests; },
    /** Base64 of every workbook opened with Excel.createWorkbook (ExcelApi 1.8). */
    createdWorkbooks: function () { return createdWorkbooks.slice(); },
    /** A snapshot of every cell of every sheet (values, formulas, fills), to prove a workbook was left untouched. */
    snapshot: function () { var out = {}; sheets.forEach(function (s) { var cells = {}; s.cells.forEach(function (x, k) { cells[k] = [x.v, x.f, x.fill, x.fmt]; }); out[s.name] = { visible: s.visible, cells: cells }; }); return JSON.stringify(out); },
    /** HTML of a sheet (values and fills), for a screenshot a person can read. */
    renderGrid: function (sheet, rows, cols) {
      var s = cellsOf(sheet), h = "<h3 style='font:600 14px sans-serif;margin:8px'>Fake Excel · " + sheet.replace(/</g, "&lt;") + "</h3><table style='border-collapse:collapse;font:12px sans-serif;margin:8px'><tr><th></th>";
      for (var c = 0; c < cols; c++) h += "<th style='background:#eee;border:1px solid #bbb;padding:2px 6px'>" + colLetters(c) + "</th>";
      for (var r = 0; r < rows; r++) {
        h += "<tr><th style='background:#eee;border:1px solid #bbb;padding:2px 6px'>" + (r + 1) + "</th>";
        for (c = 0; c < cols; c++) {
          var x = cell(s, r, c, false), v = valueAt(s, r, c);
          var sel = selection && selection.sheet === s.name && selection.address === colLetters(c) + (r + 1);
          h += "<td style='border:" + (sel ? "2px solid #107c41" : "1px solid #bbb") + ";padding:2px 6px;max-width:160px;overflow:hidden;white-space:nowrap;background:" + ((x && x.fill) || "#fff") + (x && x.bold ? ";font-weight:bold" : "") + "'>" + String(v).replace(/</g, "&lt;") + "</td>";
        }
        h += "</tr>";
      }
      return h + "</table>";
    },
  };
})();
