// A bar chart as inline SVG (the browser page's chart of scores by area; Excel draws its own).

const svgNs = "http://www.w3.org/2000/svg";

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(svgNs, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Horizontal bars (they fit a narrow pane): one row per label, values on a 0..max scale. */
export function barChart(title: string, rows: [string, number][], max = 100): SVGSVGElement {
  const rowHeight = 28;
  const labelWidth = 64;
  const width = 300;
  const barArea = width - labelWidth - 48;
  const height = rows.length * rowHeight + 24;
  const chart = svg("svg", {
    viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img", class: "chart",
    "aria-label": `${title}：${rows.map(([l, v]) => `${l} ${v} 分`).join("，")}`,
  });
  chart.appendChild(svg("title", {}, title));
  rows.forEach(([label, value], i) => {
    const y = i * rowHeight + 4;
    const w = Math.max(1, (Math.min(value, max) / max) * barArea);
    chart.appendChild(svg("text", { x: labelWidth - 6, y: y + 15, "text-anchor": "end", class: "chart__label" }, label));
    chart.appendChild(svg("rect", { x: labelWidth, y, width: barArea, height: 20, rx: 2, class: "chart__track" }));
    chart.appendChild(svg("rect", { x: labelWidth, y, width: w, height: 20, rx: 2, class: "chart__bar" }));
    chart.appendChild(svg("text", { x: labelWidth + w + 4, y: y + 15, class: "chart__value" }, String(value)));
  });
  const axisY = rows.length * rowHeight + 8;
  for (const tick of [0, 50, 100].filter((t) => t <= max)) {
    const x = labelWidth + (tick / max) * barArea;
    chart.appendChild(svg("text", { x, y: axisY + 12, "text-anchor": "middle", class: "chart__tick" }, String(tick)));
  }
  return chart;
}
