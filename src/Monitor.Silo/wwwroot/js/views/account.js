// Account page: the history chart (zoom, raw/hour/day, followers/following/posts) with alert episodes as bands and their
// peaks, the metrics behind each episode, recent observations, poll status and the detector settings (admins edit them).

import { api, query, encodeKey, canAdminister, describe } from '../api.js';
import { h, replace, labelled, select, announce } from '../dom.js';
import { count, signed, percent, number, date, dateTime, duration, trend, dash } from '../format.js';
import { historyChart } from '../charts.js';

const metrics = [
  { value: 'followers', label: 'Followers' },
  { value: 'following', label: 'Following' },
  { value: 'posts', label: 'Posts' },
];
const resolutions = [
  { value: 'raw', label: 'Raw' },
  { value: 'hour', label: 'Hourly' },
  { value: 'day', label: 'Daily' },
];

/** Renders the page of the account whose key is context.argument; returns the clean-up. */
export async function renderAccount(container, { argument: key, identity }) {
  const state = { resolution: 'raw', metric: 'followers' };
  let chart = null;

  const [summary, alerts] = await Promise.all([
    api(`/api/accounts/${encodeKey(key)}`),
    api(`/api/alerts${query({ account: key, limit: 200 })}`),
  ]);
  const episodes = alerts.items.slice().sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const profile = summary.profile ?? {};

  const chartBox = h('div', { class: 'chart-box', id: 'history-chart', 'aria-label': `${state.metric} of ${profile.handle ?? key} over time`, role: 'img' });
  const chartStatus = h('p', { class: 'muted', 'aria-live': 'polite' }, 'Loading history…');
  const historyNote = h('p', { class: 'hint', id: 'history-note', hidden: true });
  const resolution = select({ id: 'resolution' }, resolutions, state.resolution);
  const metric = select({ id: 'metric' }, metrics, state.metric);
  const reset = h('button', { type: 'button', onclick: () => chart?.resetZoom() }, 'Reset zoom');
  const observations = h('tbody');

  replace(container,
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/' }, 'Accounts'), ' / ', profile.handle ? `@${profile.handle}` : key),
    h('div', { class: 'view-head' },
      h('h1', null, profile.displayName ?? profile.handle ?? key),
      h('p', { class: 'muted' }, `${summary.account} · ${summary.platform}`, profile.handle ? ` · @${profile.handle}` : '', ' · groups: ',
        (profile.groups ?? []).length === 0 ? dash : profile.groups.flatMap((g, i) => [i > 0 ? ', ' : '', h('a', { href: `#/groups/${encodeURIComponent(g)}` }, g)]))),
    figures(summary),
    h('section', { class: 'panel', 'aria-labelledby': 'history-title' },
      h('div', { class: 'panel-head' },
        h('h2', { id: 'history-title' }, 'History'),
        h('div', { class: 'controls' }, labelled('Series', metric), labelled('Resolution', resolution), reset)),
      h('p', { class: 'hint' }, 'Drag across the chart to zoom; double-click or “Reset zoom” to see everything. Shaded bands are alert episodes, dashed lines the day of their fastest growth.'),
      chartBox, chartStatus, historyNote),
    episodesPanel(episodes),
    h('div', { class: 'columns' },
      h('section', { class: 'panel', 'aria-labelledby': 'observations-title' },
        h('h2', { id: 'observations-title' }, 'Recent observations'),
        h('table', { class: 'table' },
          h('thead', null, h('tr', null, ['Time', 'Followers', 'Following', 'Posts'].map(t => h('th', { scope: 'col' }, t)))),
          observations)),
      h('section', { class: 'panel', 'aria-labelledby': 'poll-title' }, h('h2', { id: 'poll-title' }, 'Collection'), pollStatus(summary)),
      settingsPanel(summary, identity)));

  async function drawChart() {
    const started = performance.now();
    chartStatus.textContent = 'Loading history…';
    chart?.destroy();
    chart = null;
    const series = await api(`/api/dashboard/accounts/${encodeKey(key)}/series${query({ resolution: state.resolution })}`);
    const values = series[state.metric];
    const bands = episodes.map(alert => ({
      start: Date.parse(alert.start) / 1000,
      end: alert.end ? Date.parse(alert.end) / 1000 : null,
      peakAt: Date.parse(alert.peakAt) / 1000,
      peakValue: state.metric === 'followers' ? alert.peakFollowers : null,
      kind: alert.kind,
    }));
    replace(chartBox);
    chartBox.dataset.points = String(series.timestamps.length);
    chartBox.dataset.bands = String(bands.length);
    chartBox.setAttribute('aria-label', `${state.metric} of ${profile.handle ?? key}: ${series.timestamps.length} points, ${bands.length} alert episodes`);
    chart = historyChart(chartBox, {
      timestamps: series.timestamps,
      values,
      label: metrics.find(m => m.value === state.metric).label,
      bands,
      onDrawn: () => {
        performance.mark('chart-drawn');
        chartBox.dataset.drawn = 'true';
        chartBox.dataset.renderMs = (performance.now() - started).toFixed(0);
      },
    });
    chartStatus.textContent = series.timestamps.length === 0
      ? 'No observations yet.'
      : `${count(series.timestamps.length)} points (${state.resolution}), ${dateTime(series.timestamps[0] * 1000)} to ${dateTime(series.timestamps.at(-1) * 1000)}.`;
    historyNote.textContent = series.note ?? '';
    historyNote.hidden = !series.note;
    if (state.resolution === 'raw') {
      fillObservations(series);
    }
  }

  function fillObservations(series) {
    const n = series.timestamps.length;
    const rows = [];
    for (let i = n - 1; i >= Math.max(0, n - 15); i--) {
      rows.push(h('tr', null,
        h('td', null, dateTime(series.timestamps[i] * 1000)),
        h('td', { class: 'num' }, count(series.followers[i])),
        h('td', { class: 'num' }, count(series.following[i])),
        h('td', { class: 'num' }, count(series.posts[i]))));
    }
    replace(observations, rows.length > 0 ? rows : h('tr', null, h('td', { colspan: '4' }, 'No observations yet.')));
  }

  const redraw = () => drawChart().catch(error => {
    chartStatus.textContent = describe(error);
  });
  resolution.addEventListener('change', () => {
    state.resolution = resolution.value;
    redraw();
  });
  metric.addEventListener('change', () => {
    state.metric = metric.value;
    redraw();
  });

  await drawChart();
  if (observations.childElementCount === 0) {
    const raw = await api(`/api/dashboard/accounts/${encodeKey(key)}/series${query({ resolution: 'raw', from: summary.lastObservedAt ? new Date(Date.parse(summary.lastObservedAt) - 30 * 86400000).toISOString() : undefined })}`);
    fillObservations(raw);
  }
  announce(`Account ${profile.handle ?? key}`);
  return () => chart?.destroy();
}

function figures(summary) {
  const item = (label, value, extra) => h('div', { class: 'figure' }, h('span', { class: 'figure-label' }, label), h('span', { class: 'figure-value' }, value), extra ?? null);
  const window = (label, g) => item(label, h('span', { class: `growth ${trend(g.netChange)}` }, signed(g.netChange)), h('small', null, percent(g.relativeGrowth), ' · ', number(g.ratePerDay), '/day'));
  return h('section', { class: 'figures', 'aria-label': 'Latest figures' },
    item('Followers', count(summary.followers)),
    item('Following', count(summary.following)),
    item('Posts', count(summary.posts)),
    item('Followers per post', number(summary.followersPerPost)),
    window('1 day', summary.growth1d),
    window('7 days', summary.growth7d),
    window('30 days', summary.growth30d),
    item('Projected in 30 days', count(summary.projectedFollowers30d)),
    item('Last observed', dateTime(summary.lastObservedAt)));
}

function episodesPanel(episodes) {
  return h('section', { class: 'panel', 'aria-labelledby': 'episodes-title' },
    h('h2', { id: 'episodes-title' }, `Alert episodes (${episodes.length})`),
    episodes.length === 0
      ? h('p', { class: 'muted' }, 'No alert episodes on this account.')
      : h('div', { class: 'table-scroll' }, h('table', { class: 'table episodes' },
        h('thead', null, h('tr', null, ['Kind', 'Severity', 'Status', 'Start', 'End', 'Duration', 'Fastest growth on', 'Followers then', 'Baseline /day', 'Observed /day', 'z-score', 'Change']
          .map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', null, episodes.map(alert => h('tr', { class: `episode kind-${alert.kind}`, dataset: { alert: alert.id } },
          h('td', null, h('span', { class: `chip kind-${alert.kind}` }, alert.kind),
            alert.firstKind && alert.firstKind !== alert.kind ? h('small', { class: 'muted' }, ` (opened as ${alert.firstKind})`) : null),
          h('td', null, h('span', { class: `chip severity-${alert.severity}` }, alert.severity)),
          h('td', null, alert.status),
          h('td', null, date(alert.start)),
          h('td', null, alert.end ? date(alert.end) : 'ongoing'),
          h('td', { class: 'num' }, duration(alert.start, alert.end)),
          h('td', null, date(alert.peakAt)),
          h('td', { class: 'num' }, count(alert.peakFollowers)),
          h('td', { class: 'num' }, number(alert.baselineRatePerDay)),
          h('td', { class: 'num' }, number(alert.observedRatePerDay)),
          h('td', { class: 'num' }, number(alert.zScore)),
          h('td', { class: 'num' }, signed(alert.change), ' (', percent(alert.relativeChange), ')')))))));
}

function pollStatus(summary) {
  // summary.collection is set once a collector polled the account; without it, points arrive through the API or imports.
  const collection = summary.collection ?? null;
  if (!collection) {
    return h('p', { class: 'muted', id: 'collection-status' }, 'No collector polls this account; observations arrive through the API or imports. Last observation: ', dateTime(summary.lastObservedAt), '.');
  }
  const failing = collection.lastStatus !== 'ok';
  const renames = collection.renames ?? [];
  const fact = (name, value, attributes) => [h('dt', null, name), h('dd', attributes ?? null, value)];
  return h('dl', { class: 'facts', id: 'collection-status', dataset: { status: collection.lastStatus } },
    fact('Last poll', dateTime(collection.lastPollAt)),
    fact('Result', collection.lastStatus, { class: failing ? 'error' : 'ok' }),
    collection.lastReason ? fact('Reason', collection.lastReason, { class: failing ? 'error' : null }) : null,
    fact('Last success', collection.lastSuccessAt ? dateTime(collection.lastSuccessAt) : 'never'),
    fact('Failures in a row', count(collection.consecutiveFailures)),
    collection.followersPrecision ? fact('Count rounded to', count(collection.followersPrecision)) : null,
    renames.length > 0 ? fact('Renames', renames.map(r => `${r.from ? `@${r.from}` : '?'} → @${r.to} (${date(r.at)})`).join(', ')) : null);
}

const detectorFields = [
  { name: 'spikeZ', label: 'Spike z-score', hint: 'how many deviations a one-day jump must exceed', step: '0.1' },
  { name: 'surgeThreshold', label: 'Surge threshold', hint: 'observed rate / baseline rate that opens a surge', step: '0.1' },
  { name: 'dropRelative', label: 'Drop (relative)', hint: 'share of followers lost, e.g. 0.02', step: '0.001' },
  { name: 'minAbsoluteChange', label: 'Minimum change', hint: 'followers', step: '1' },
  { name: 'minRelativeChange', label: 'Minimum relative change', hint: 'e.g. 0.001', step: '0.0001' },
  { name: 'stallAfter', label: 'Stall after', hint: 'hours without an observation', step: '1' },
];

function settingsPanel(summary, identity) {
  const detector = summary.profile?.detector ?? {};
  const editable = canAdminister(identity);
  const message = h('p', { class: 'muted', role: 'status' }, editable ? 'Empty fields keep the defaults.' : 'Only admins can change these settings.');
  const inputs = detectorFields.map(field => {
    const value = field.name === 'stallAfter' ? hoursOf(detector.stallAfter) : detector[field.name];
    return { field, input: h('input', { type: 'number', name: field.name, step: field.step, min: '0', value: value ?? '', disabled: !editable }) };
  });
  const form = h('form', {
    class: 'settings',
    onsubmit: async event => {
      event.preventDefault();
      const overrides = {};
      for (const { field, input } of inputs) {
        if (input.value !== '') {
          overrides[field.name] = field.name === 'stallAfter' ? timeSpan(Number(input.value)) : Number(input.value);
        }
      }
      const profile = { ...summary.profile, detector: overrides };
      try {
        const updated = await api(`/api/accounts/${encodeKey(summary.account)}`, { method: 'PUT', body: profile });
        summary.profile = updated.profile;
        message.textContent = `Saved at ${new Date().toLocaleTimeString()}.`;
        message.className = 'ok';
      } catch (error) {
        message.textContent = describe(error);
        message.className = 'error';
      }
    },
  },
  h('fieldset', { disabled: !editable },
    h('legend', null, 'Detector settings'),
    inputs.map(({ field, input }) => labelled(field.label, input, field.hint)),
    h('button', { type: 'submit', class: 'primary' }, 'Save settings')),
  message);
  return h('section', { class: 'panel', 'aria-labelledby': 'settings-title' }, h('h2', { id: 'settings-title' }, 'Detector'), form);
}

// TimeSpan as JSON is "d.hh:mm:ss" or "hh:mm:ss".
function hoursOf(span) {
  if (!span) {
    return null;
  }
  const match = /^(?:(\d+)\.)?(\d+):(\d+):(\d+)/.exec(span);
  return match ? Number(match[1] ?? 0) * 24 + Number(match[2]) + Number(match[3]) / 60 : null;
}

function timeSpan(hours) {
  const days = Math.floor(hours / 24);
  const rest = hours - days * 24;
  const h2 = Math.floor(rest);
  const minutes = Math.round((rest - h2) * 60);
  const pad = n => String(n).padStart(2, '0');
  return `${days > 0 ? `${days}.` : ''}${pad(h2)}:${pad(minutes)}:00`;
}
