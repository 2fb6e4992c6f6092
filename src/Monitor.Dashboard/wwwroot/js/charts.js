// Charts drawn with uPlot (vendored in ../vendor/uplot): an account's history with alert bands, and a group comparison.

import uPlot from '../vendor/uplot/uPlot.esm.js';
import { short, count, dateTime, signed } from './format.js';

// Tableau 10: ten hues an analyst tells apart (the closest pair, orange and yellow, differs clearly); members beyond the
// tenth repeat a colour with a dash pattern of their own, so no two series of a group chart look alike.
export const palette = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
const dashes = [[], [8, 4], [2, 3]];

/** The colour and dash of the i-th series of a comparison. */
export function seriesStyle(i) {
  return { stroke: palette[i % palette.length], dash: dashes[Math.floor(i / palette.length) % dashes.length] };
}

// Where a chart's drawing is described for tests and tools (its container's data attributes).
function setData(u, name, value) {
  const box = u.root.parentElement;
  if (box) {
    box.dataset[name] = value;
  }
}

function cssVar(name, fallback) {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

function axis() {
  const stroke = cssVar('--chart-text', '#444');
  const grid = cssVar('--chart-grid', 'rgba(0,0,0,0.08)');
  return { stroke, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
}

/** The time axis, labelled with ISO 8601 dates (and UTC times when the ticks are less than a day apart). */
function timeAxis() {
  return {
    ...axis(),
    space: 90,
    values: (u, ticks, axisIndex, space, increment) => {
      const labels = ticks.map(t => {
        const text = new Date(t * 1000).toISOString();
        return increment < 86400 ? `${text.slice(0, 10)} ${text.slice(11, 16)}Z` : text.slice(0, 10);
      });
      // The labels are painted on the canvas: kept here too for tests and tools.
      setData(u, 'xTicks', JSON.stringify(labels));
      return labels;
    },
  };
}

/** Calls onZoom(min, max) when the user drags a zoom or double-clicks out of one (not when the page sets the scale). */
function zoomHook(onZoom) {
  // Only a scale change that follows the user's press or double-click on the chart is a zoom; uPlot also sets the scale
  // while it is built and on every resize (with the same bounds).
  let byUser = false;
  let last = { min: null, max: null };
  const mark = () => {
    byUser = true;
  };
  return {
    setByCode(chart, min, max) {
      chart.setScale('x', { min, max });
    },
    hooks: {
      init: [u => {
        u.root.addEventListener('mousedown', mark, true);
        u.root.addEventListener('dblclick', mark, true);
      }],
      setScale: [(u, key) => {
        if (key !== 'x') {
          return;
        }
        const { min, max } = u.scales.x;
        const changed = min !== last.min || max !== last.max;
        last = { min, max };
        if (changed && byUser && onZoom) {
          byUser = false;
          onZoom(min, max);
        }
      }],
    },
  };
}

// Annotations: a range as a tinted strip along the top with its borders, a single date as a dotted line, each labelled.
function annotationsPlugin(annotations) {
  return {
    hooks: {
      draw: [u => {
        const { ctx } = u;
        const { left, top, width, height } = u.bbox;
        const ratio = devicePixelRatio;
        const colour = cssVar('--annotation', '#5f3dc4');
        const strip = 16 * ratio;
        ctx.save();
        ctx.beginPath();
        ctx.rect(left, top, width, height);
        ctx.clip();
        ctx.font = `${11 * ratio}px system-ui, sans-serif`;
        ctx.textBaseline = 'middle';
        ctx.textAlign = 'left';
        const rects = [];
        annotations.forEach((note, i) => {
          const x0 = u.valToPos(note.start, 'x', true);
          const x1 = note.end === null ? x0 : u.valToPos(note.end, 'x', true);
          if (x1 < left || x0 > left + width) {
            return;
          }
          // Labels of neighbouring notes take turns between two rows.
          const row = top + (i % 2) * strip;
          ctx.strokeStyle = colour;
          ctx.lineWidth = ratio;
          ctx.setLineDash(note.end === null ? [2 * ratio, 3 * ratio] : []);
          ctx.globalAlpha = 0.9;
          ctx.beginPath();
          ctx.moveTo(x0, top);
          ctx.lineTo(x0, top + height);
          if (note.end !== null) {
            ctx.moveTo(x1, top);
            ctx.lineTo(x1, top + height);
          }
          ctx.stroke();
          ctx.globalAlpha = 0.14;
          ctx.fillStyle = colour;
          ctx.fillRect(x0, row, Math.max(x1 - x0, 2 * ratio), strip);
          ctx.globalAlpha = 1;
          ctx.fillText(note.text, Math.max(x0, left) + 4 * ratio, row + strip / 2);
          rects.push([x0, x1, row].map(Math.round));
        });
        ctx.restore();
        setData(u, 'annotationRects', JSON.stringify(rects));
      }],
    },
  };
}

/** Keeps the chart as wide as its container. */
function followWidth(container, chart, height) {
  const observer = new ResizeObserver(() => {
    const width = Math.max(200, container.clientWidth);
    if (Math.abs(width - chart.width) > 1) {
      chart.setSize({ width, height });
    }
  });
  observer.observe(container);
  return observer;
}

// Alert episodes as shaded bands behind the series, with the peak marked by a ring and a dashed line.
function bandsPlugin(bands, showPeaks) {
  const colours = { surge: '--band-surge', spike: '--band-spike', drop: '--band-drop', stall: '--band-stall', unavailable: '--band-stall' };
  return {
    hooks: {
      drawClear: [u => {
        const { ctx } = u;
        const { left, top, width, height } = u.bbox;
        const lastX = u.data[0][u.data[0].length - 1];
        ctx.save();
        ctx.beginPath();
        ctx.rect(left, top, width, height);
        ctx.clip();
        const rects = [];
        for (const band of bands) {
          const x0 = u.valToPos(band.start, 'x', true);
          const x1 = u.valToPos(band.end ?? Math.max(lastX, band.start), 'x', true);
          ctx.fillStyle = cssVar(colours[band.kind] ?? '--band-surge', 'rgba(255,140,0,0.18)');
          ctx.fillRect(x0, top, Math.max(2, x1 - x0), height);
          rects.push([x0, Math.max(x0 + 2, x1), top, height].map(Math.round));
        }
        ctx.restore();
        // Where the bands were painted, in canvas pixels: lets tests (and tools) check them without reading the image.
        setData(u, 'bandRects', JSON.stringify(rects));
      }],
      draw: [u => {
        const { ctx } = u;
        const { top, height } = u.bbox;
        ctx.save();
        for (const band of bands) {
          const x = u.valToPos(band.peakAt, 'x', true);
          if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) {
            continue;
          }
          ctx.strokeStyle = cssVar('--band-peak', '#c92a2a');
          ctx.lineWidth = 1.5 * devicePixelRatio;
          ctx.setLineDash([4 * devicePixelRatio, 4 * devicePixelRatio]);
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, top + height);
          ctx.stroke();
          if (showPeaks && band.peakValue !== null && band.peakValue !== undefined) {
            const y = u.valToPos(band.peakValue, 'y', true);
            ctx.setLineDash([]);
            ctx.beginPath();
            ctx.arc(x, y, 5 * devicePixelRatio, 0, 2 * Math.PI);
            ctx.stroke();
          }
        }
        ctx.restore();
      }],
    },
  };
}

/**
 * Draws one metric of an account's history, as a line, or with gains as bars of the change per day (gained up, lost down).
 * bands: [{ start, end, peakAt, peakValue, kind }] and annotations: [{ start, end, text }] in Unix seconds.
 * range: [min, max] shown first (null: everything). Drag across the chart to zoom, double-click to zoom out; onZoom gets
 * each zoom the user makes. Calls onDrawn() after the first complete draw.
 */
export function historyChart(container, { timestamps, values, label, bands = [], annotations = [], gains = false, range = null, showPeaks = true, height = 360, onZoom, onDrawn }) {
  let drawn = false;
  const zoom = zoomHook(onZoom);
  const line = cssVar('--chart-line', '#2f6fde');
  const series = gains
    ? [
      { label: `${label} gained`, fill: cssVar('--up', '#2b8a3e'), stroke: cssVar('--up', '#2b8a3e'), width: 0, paths: uPlot.paths.bars({ size: [0.8, 24] }), points: { show: false }, value: (u, v) => (v === null ? '–' : signed(v)) },
      { label: `${label} lost`, fill: cssVar('--down', '#c92a2a'), stroke: cssVar('--down', '#c92a2a'), width: 0, paths: uPlot.paths.bars({ size: [0.8, 24] }), points: { show: false }, value: (u, v) => (v === null ? '–' : signed(v)) },
    ]
    : [{ label, stroke: line, width: 1.5, value: (u, v) => count(v), points: { show: false } }];
  const data = gains
    ? [timestamps, values.map(v => (v !== null && v >= 0 ? v : null)), values.map(v => (v !== null && v < 0 ? v : null))]
    : [timestamps, values];
  const options = {
    width: Math.max(200, container.clientWidth),
    height,
    class: 'history-chart',
    cursor: { drag: { x: true, y: false, setScale: true } },
    scales: { x: { time: true } },
    series: [{ value: (u, v) => (v === null ? '–' : dateTime(v * 1000)) }, ...series],
    axes: [timeAxis(), { ...axis(), size: 64, values: (u, ticks) => ticks.map(short) }],
    plugins: [bandsPlugin(bands, showPeaks && !gains), annotationsPlugin(annotations), zoom],
    hooks: {
      draw: [() => {
        if (!drawn) {
          drawn = true;
          onDrawn?.();
        }
      }],
    },
  };
  return mountZoomable(container, options, data, zoom, range);
}

/** Draws several members' followers over time on one chart; normalised puts every member at 100 on its first point. */
export function comparisonChart(container, { members, normalised, annotations = [], range = null, onZoom, height = 380 }) {
  const zoom = zoomHook(onZoom);
  const tables = members.map(member => {
    const values = member.followers.slice();
    if (normalised && values.length > 0 && values[0] > 0) {
      const first = values[0];
      for (let i = 0; i < values.length; i++) {
        values[i] = (100 * values[i]) / first;
      }
    }
    return [member.timestamps, values];
  });
  const data = tables.length > 0 ? uPlot.join(tables) : [[]];
  const options = {
    width: Math.max(200, container.clientWidth),
    height,
    class: 'comparison-chart',
    cursor: { drag: { x: true, y: false, setScale: true } },
    scales: { x: { time: true }, y: { distr: normalised ? 1 : 3 } },
    series: [
      { value: (u, v) => (v === null ? '–' : dateTime(v * 1000)) },
      ...members.map((member, i) => ({
        label: (member.handle ? `@${member.handle}` : member.account) + (member.synthetic ? ' (synthetic)' : ''),
        ...seriesStyle(i),
        width: 1.5,
        spanGaps: true,
        points: { show: false },
        value: (u, v) => (v === null ? '–' : normalised ? v.toFixed(1) : count(v)),
      })),
    ],
    axes: [timeAxis(), { ...axis(), size: 64, values: (u, ticks) => ticks.map(v => (normalised ? v.toFixed(0) : short(v))) }],
    plugins: [annotationsPlugin(annotations), zoom],
  };
  return mountZoomable(container, options, data, zoom, range);
}

/** Draws a chart that zooms (zoom: a zoomHook in its plugins), shows range first and follows its container's width. */
function mountZoomable(container, options, data, zoom, range) {
  const chart = new uPlot(options, data, container);
  if (range) {
    zoom.setByCode(chart, range[0], range[1]);
  }
  const observer = followWidth(container, chart, options.height);
  return {
    chart,
    zoomTo(min, max) {
      zoom.setByCode(chart, min, max);
    },
    destroy() {
      observer.disconnect();
      chart.destroy();
    },
  };
}

/** A small inline SVG line of the values (the overview's sparkline). */
export function sparkline(values, { width = 96, height = 24, label } = {}) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  svg.setAttribute('class', 'sparkline');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label ?? 'followers, last 30 days');
  if (!values || values.length < 2) {
    return svg;
  }
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const span = max - min || 1;
  const step = width / (values.length - 1);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - ((v - min) / span) * (height - 4)).toFixed(1)}`);
  const line = document.createElementNS(ns, 'polyline');
  line.setAttribute('points', points.join(' '));
  line.setAttribute('fill', 'none');
  line.setAttribute('class', values[values.length - 1] >= values[0] ? 'spark-up' : 'spark-down');
  svg.append(line);
  return svg;
}
