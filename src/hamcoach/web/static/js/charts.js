// Progress charts without a charting library: the server renders the data as an accessible
// <table data-chart>, and this module draws an SVG line chart from it (progressive enhancement).
// Why not a library: canvas charts (uPlot and friends) are invisible to screen readers and need a
// second, hand-kept text version; here the table is the single source, it works without JS, and
// the SVG follows the theme through CSS custom properties (.chart-series-N in app.css).
//
// Table shape: <caption> names the chart; the first column is x (a date in data-value="YYYY-MM-DD",
// or a number), each further column is one series (numbers in data-value or the cell text; an empty
// cell is a gap). The chart is inserted as <figure class="chart"> just before the table.

const SVG = "http://www.w3.org/2000/svg";
const W = 360;
const H = 200;
const PAD = { top: 12, right: 12, bottom: 26, left: 44 };
let counter = 0;

function el(name, attrs = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

const cellValue = (cell) => cell?.dataset.value ?? cell?.textContent.trim() ?? "";

function parseX(raw, index) {
  if (/^\d{4}-\d{2}-\d{2}/.test(raw)) return Date.parse(raw);
  const n = Number(raw);
  return raw !== "" && Number.isFinite(n) ? n : index;
}

/** Read {caption, labels, xs, series: [{name, values (number|null)[]}]} from a data table. */
export function readTable(table) {
  const header = [...(table.tHead?.rows[0]?.cells ?? [])].map((c) => c.textContent.trim());
  const rows = [...table.tBodies].flatMap((body) => [...body.rows]);
  const series = header.slice(1).map((name, i) => ({
    name,
    values: rows.map((row) => {
      const raw = cellValue(row.cells[i + 1]).replace(",", ".");
      const n = Number.parseFloat(raw);
      return raw === "" || !Number.isFinite(n) ? null : n;
    }),
  }));
  return {
    caption: table.caption?.textContent.trim() ?? "",
    labels: rows.map((row) => row.cells[0]?.textContent.trim() ?? ""),
    xs: rows.map((row, i) => parseX(cellValue(row.cells[0]), i)),
    series,
  };
}

/** About `count` round tick values covering [min, max]. */
export function niceTicks(min, max, count = 4) {
  if (min === max) {
    const pad = Math.abs(min) * 0.1 || 1;
    return niceTicks(min - pad, max + pad, count);
  }
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw);
  const ticks = [];
  for (let v = Math.floor(min / step) * step; v <= max + step / 2; v += step) {
    ticks.push(Number(v.toFixed(10)));
    if (v >= max) break;
  }
  return ticks;
}

const fmt = (n) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** One sentence per series for <desc>: count, range of x, first/last, lowest/highest. */
export function summarise({ labels, series }) {
  return series
    .map(({ name, values }) => {
      const points = values.map((v, i) => [labels[i], v]).filter(([, v]) => v !== null);
      if (!points.length) return `${name}: no values.`;
      const nums = points.map(([, v]) => v);
      const [firstLabel, first] = points[0];
      const [lastLabel, last] = points.at(-1);
      return (
        `${name}: ${points.length} value${points.length === 1 ? "" : "s"} from ${firstLabel} to ` +
        `${lastLabel}; first ${fmt(first)}, latest ${fmt(last)}, lowest ${fmt(Math.min(...nums))}, ` +
        `highest ${fmt(Math.max(...nums))}.`
      );
    })
    .join(" ");
}

/** Draw the chart for one table; returns the inserted <figure> (or null when there is no data). */
export function renderChart(table) {
  const data = readTable(table);
  const all = data.series.flatMap((s) => s.values).filter((v) => v !== null);
  if (!all.length) return null;
  const id = `chart-${++counter}`;
  const ticks = niceTicks(Math.min(...all), Math.max(...all));
  const [yMin, yMax] = [ticks[0], ticks.at(-1)];
  const [xMin, xMax] = [Math.min(...data.xs), Math.max(...data.xs)];
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (v) => PAD.left + (xMax === xMin ? plotW / 2 : ((v - xMin) / (xMax - xMin)) * plotW);
  const y = (v) => PAD.top + plotH - ((v - yMin) / (yMax - yMin)) * plotH;

  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-labelledby": `${id}-t ${id}-d` });
  svg.append(el("title", { id: `${id}-t` }, data.caption || "Progress chart"));
  svg.append(el("desc", { id: `${id}-d` }, summarise(data)));
  const axes = el("g", { "aria-hidden": "true" });
  for (const t of ticks) {
    axes.append(el("line", { class: "chart-grid", x1: PAD.left, x2: W - PAD.right, y1: y(t), y2: y(t) }));
    axes.append(el("text", { x: PAD.left - 6, y: y(t) + 4, "text-anchor": "end" }, fmt(t)));
  }
  axes.append(el("line", { class: "chart-axis", x1: PAD.left, x2: W - PAD.right, y1: H - PAD.bottom, y2: H - PAD.bottom }));
  const n = data.labels.length;
  const labelled = [...new Set([0, Math.floor((n - 1) / 2), n - 1])];
  for (const i of labelled) {
    const anchor = i === 0 ? "start" : i === n - 1 ? "end" : "middle";
    axes.append(el("text", { x: x(data.xs[i]), y: H - 8, "text-anchor": n === 1 ? "middle" : anchor }, data.labels[i]));
  }
  svg.append(axes);

  data.series.forEach((s, si) => {
    const group = el("g", { class: `chart-series-${(si % 3) + 1}`, "data-series": s.name });
    // A gap (empty cell) splits the line into segments.
    let segment = [];
    const flush = () => {
      if (segment.length > 1) group.append(el("polyline", { points: segment.join(" ") }));
      segment = [];
    };
    s.values.forEach((v, i) => {
      if (v === null) return flush();
      segment.push(`${x(data.xs[i]).toFixed(1)},${y(v).toFixed(1)}`);
      const dot = el("circle", { cx: x(data.xs[i]).toFixed(1), cy: y(v).toFixed(1), r: 3.5 });
      dot.append(el("title", {}, `${data.labels[i]}: ${fmt(v)}`));
      group.append(dot);
    });
    flush();
    svg.append(group);
  });

  const figure = document.createElement("figure");
  figure.className = "chart";
  figure.append(svg);
  if (data.series.length > 1) {
    const legend = document.createElement("ul");
    legend.className = "chart-legend";
    legend.setAttribute("aria-hidden", "true"); // the table's headers name the series
    data.series.forEach((s, si) => {
      const item = document.createElement("li");
      item.innerHTML = `<span class="chart-series-${(si % 3) + 1}"></span>`;
      item.append(s.name);
      legend.append(item);
    });
    figure.append(legend);
  }
  table.before(figure);
  table.dataset.chartRendered = id;
  return figure;
}

/** Render every table[data-chart] under root that has not been rendered yet. */
export function mountCharts(root = document) {
  return [...root.querySelectorAll("table[data-chart]:not([data-chart-rendered])")]
    .map(renderChart)
    .filter(Boolean);
}
