// Charts drawn with uPlot (vendored in ../vendor/uplot): an account's history with alert bands, and a group comparison.

import uPlot from '../vendor/uplot/uPlot.esm.js';
import { short, count, dateTime } from './format.js';

const palette = ['#2f6fde', '#d9480f', '#2b8a3e', '#9c36b5', '#e8590c', '#0b7285', '#c2255c', '#5c940d', '#364fc7', '#a61e4d'];

function cssVar(name, fallback) {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

function axis() {
  const stroke = cssVar('--chart-text', '#444');
  const grid = cssVar('--chart-grid', 'rgba(0,0,0,0.08)');
  return { stroke, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
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
        u.root.parentElement.dataset.bandRects = JSON.stringify(rects);
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
 * Draws one metric of an account's history. bands: [{ start, end, peakAt, peakValue, kind }] in Unix seconds.
 * Drag across the chart to zoom, double-click to zoom out. Calls onDrawn() after the first complete draw.
 */
export function historyChart(container, { timestamps, values, label, bands = [], showPeaks = true, height = 360, onDrawn }) {
  let drawn = false;
  const options = {
    width: Math.max(200, container.clientWidth),
    height,
    class: 'history-chart',
    cursor: { drag: { x: true, y: false, setScale: true } },
    scales: { x: { time: true } },
    series: [
      { value: (u, v) => (v === null ? '–' : dateTime(v * 1000)) },
      { label, stroke: cssVar('--chart-line', '#2f6fde'), width: 1.5, value: (u, v) => count(v), points: { show: false } },
    ],
    axes: [axis(), { ...axis(), size: 64, values: (u, ticks) => ticks.map(short) }],
    plugins: [bandsPlugin(bands, showPeaks)],
    hooks: {
      draw: [() => {
        if (!drawn) {
          drawn = true;
          onDrawn?.();
        }
      }],
    },
  };
  const chart = new uPlot(options, [timestamps, values], container);
  const observer = followWidth(container, chart, height);
  return {
    chart,
    resetZoom() {
      if (timestamps.length > 0) {
        chart.setScale('x', { min: timestamps[0], max: timestamps[timestamps.length - 1] });
      }
    },
    destroy() {
      observer.disconnect();
      chart.destroy();
    },
  };
}

/** Draws several members' followers over time on one chart; normalised puts every member at 100 on its first point. */
export function comparisonChart(container, { members, normalised, height = 380 }) {
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
        label: member.handle ? `@${member.handle}` : member.account,
        stroke: palette[i % palette.length],
        width: 1.5,
        spanGaps: true,
        points: { show: false },
        value: (u, v) => (v === null ? '–' : normalised ? v.toFixed(1) : count(v)),
      })),
    ],
    axes: [axis(), { ...axis(), size: 64, values: (u, ticks) => ticks.map(v => (normalised ? v.toFixed(0) : short(v))) }],
  };
  const chart = new uPlot(options, data, container);
  const observer = followWidth(container, chart, height);
  return {
    chart,
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
