// The results of a campaign as a new sheet with a chart of scores by area (ExcelApi 1.1 ranges and charts).

export interface ResultsTable {
  /** Column headings, then one row per school; numbers stay numbers, missing values are "". */
  header: string[];
  rows: (string | number)[][];
  /** The chart: area averages (label, score) under their own heading. */
  chart: { title: string; header: [string, string]; rows: [string, number][] };
}

/** Adds sheet `name` with the table at A1 and the area chart to its right; returns the chart's data address. */
export async function insertResultsSheet(context: Excel.RequestContext, name: string, table: ResultsTable): Promise<string> {
  const sheet = context.workbook.worksheets.add(name);
  const width = table.header.length;
  const last = (n: number) => String.fromCharCode(64 + n);
  const body = sheet.getRange(`A1:${last(width)}${table.rows.length + 1}`);
  body.values = [table.header, ...table.rows];
  sheet.getRange(`A1:${last(width)}1`).format.font.bold = true;
  const chartColumn = last(width + 2);
  const chartColumn2 = last(width + 3);
  const chartAddress = `${chartColumn}1:${chartColumn2}${table.chart.rows.length + 1}`;
  sheet.getRange(chartAddress).values = [table.chart.header, ...table.chart.rows];
  sheet.getRange(`${chartColumn}1:${chartColumn2}1`).format.font.bold = true;
  const chart = sheet.charts.add("ColumnClustered", sheet.getRange(chartAddress), "Columns");
  chart.title.text = table.chart.title;
  sheet.activate();
  await context.sync();
  return chartAddress;
}
