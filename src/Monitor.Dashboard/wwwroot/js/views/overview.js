// Overview: every monitored account in a virtualised grid. Rows are fetched a page at a time, sorted and filtered by the
// silo, and only the rows in view (plus a margin) exist in the DOM, so 10,000+ accounts scroll without loading them all.

import { api, query, encodeKey } from '../api.js';
import { h, replace, labelled, select, announce } from '../dom.js';
import { count, signed, percent, trend, dash, dateTime, date, duration } from '../format.js';
import { sparkline } from '../charts.js';
import { isSynthetic, syntheticMark, accountLink } from '../labels.js';

const pageSize = 100;
const rowHeight = 44;
const overscan = 8;
const platforms = ['', 'x', 'bluesky', 'mastodon', 'youtube', 'telegram', 'instagram', 'facebook', 'tiktok'];

const columns = [
  { key: 'platform', label: 'Platform', sort: 'platform', cell: row => row.platform },
  { key: 'handle', label: 'Handle', sort: 'handle', cell: row => (row.handle ? `@${row.handle}` : row.account) },
  { key: 'name', label: 'Display name', sort: 'displayName', cell: row => [isSynthetic(row.tags) ? [syntheticMark(), ' '] : null, row.displayName ?? dash] },
  { key: 'groups', label: 'Groups', cell: row => row.groups.join(', ') },
  { key: 'followers', label: 'Followers', sort: 'followers', numeric: true, cell: row => count(row.followers) },
  { key: 'g1', label: '1 day', sort: 'growth1d', numeric: true, cell: row => growth(row.growth1d) },
  { key: 'g7', label: '7 days', sort: 'growth7d', numeric: true, cell: row => growth(row.growth7d) },
  { key: 'g30', label: '30 days', sort: 'growth30d', numeric: true, cell: row => growth(row.growth30d) },
  { key: 'spark', label: 'Last 30 days', cell: row => sparkline(row.sparkline, { label: `followers of ${row.handle ?? row.account}, last 30 days` }) },
  { key: 'alerts', label: 'Open alerts', sort: 'openAlerts', numeric: true, cell: row => (row.openAlerts > 0 ? h('span', { class: 'badge alert' }, row.openAlerts) : '0') },
  { key: 'observed', label: 'Last observed', sort: 'lastObservedAt', cell: lastObserved },
];

const healthWords = {
  fresh: 'Observed recently',
  stale: 'Stale: nothing observed for over 2 days, or for longer than this account’s interval (a stall is open)',
  failing: 'Failing: the collector’s last poll failed',
  none: 'Nothing observed yet',
};

// The time of day matters for recent observations only: older ones show their date, with the full time in the tooltip.
function lastObserved(row) {
  const reason = row.health === 'failing' && row.collection?.lastReason ? `${healthWords.failing}: ${row.collection.lastReason}` : healthWords[row.health];
  const at = row.lastObservedAt ? Date.parse(row.lastObservedAt) : null;
  const recent = at !== null && Date.now() - at < 2 * 86400000;
  return h('span', { class: `observed health-${row.health}`, title: at === null ? reason : `${reason}. Last observed ${dateTime(at)}.`, dataset: { health: row.health } },
    row.health === 'fresh' || row.health === 'none' ? null : h('span', { class: `chip health-${row.health}` }, row.health),
    ' ', at === null ? 'never' : recent ? dateTime(at) : date(at));
}

function growth(window) {
  return h('span', { class: `growth ${trend(window.netChange)}` }, h('span', null, signed(window.netChange)), h('small', null, percent(window.relativeGrowth)));
}

/** Renders the overview into container; returns the clean-up. */
export async function renderOverview(container) {
  const state = readState();
  const pages = new Map();
  let total = null;
  let generation = 0;

  const text = h('input', { type: 'search', value: state.text, placeholder: 'handle, name or key', 'aria-describedby': 'overview-count' });
  const platform = select({}, platforms.map(p => ({ value: p, label: p || 'all platforms' })), state.platform);
  const group = select({}, [{ value: '', label: 'all groups' }], state.group);
  const counter = h('p', { id: 'overview-count', class: 'muted', 'aria-live': 'polite' }, 'Loading…');
  const header = h('div', { role: 'row', class: 'grid-row grid-head' });
  const spacer = h('div', { class: 'grid-spacer' });
  const body = h('div', { class: 'grid-body', role: 'rowgroup' }, spacer);
  const grid = h('div', { class: 'grid overview-grid', role: 'grid', 'aria-label': 'Monitored accounts', 'aria-rowcount': '1' }, header, body);

  const banner = h('section', { class: 'banner', id: 'alert-banner', 'aria-label': 'Open alerts and incidents', hidden: true });
  replace(container,
    banner,
    h('div', { class: 'view-head' }, h('h1', null, 'Accounts'), counter),
    h('form', { class: 'filters', role: 'search', onsubmit: event => event.preventDefault() },
      labelled('Search', text), labelled('Platform', platform), labelled('Group', group)),
    grid);

  fillBanner(banner).catch(() => {});
  api('/api/groups').then(groups => {
    for (const info of groups) {
      group.append(h('option', { value: info.name, selected: info.name === state.group }, `${info.name} (${info.members})`));
    }
  }).catch(() => {});

  function renderHeader() {
    replace(header, columns.map(column => {
      const sorted = column.sort && state.sort === column.sort;
      const cell = h('div', {
        role: 'columnheader',
        class: `cell col-${column.key}${column.numeric ? ' num' : ''}`,
        'aria-sort': sorted ? (state.descending ? 'descending' : 'ascending') : column.sort ? 'none' : undefined,
      });
      if (column.sort) {
        cell.append(h('button', {
          type: 'button',
          class: 'sort',
          onclick: () => {
            state.descending = state.sort === column.sort ? !state.descending : column.numeric;
            state.sort = column.sort;
            reload();
          },
        }, column.label, sorted ? (state.descending ? ' ▼' : ' ▲') : ''));
      } else {
        cell.append(column.label);
      }
      return cell;
    }));
  }

  function fetchPage(index) {
    if (!pages.has(index)) {
      const mine = generation;
      const request = api('/api/dashboard/accounts' + query({
        text: state.text, platform: state.platform, group: state.group,
        sort: state.sort, descending: state.descending, offset: index * pageSize, limit: pageSize,
      })).then(page => {
        if (mine !== generation) {
          return null;
        }
        total = page.total;
        pages.set(index, page.items);
        counter.textContent = `${count(total)} account${total === 1 ? '' : 's'}`;
        grid.setAttribute('aria-rowcount', String(total + 1));
        spacer.style.height = `${total * rowHeight}px`;
        draw();
        return page.items;
      }, error => {
        pages.delete(index);
        counter.textContent = error.message;
      });
      pages.set(index, request);
    }
    return pages.get(index);
  }

  const drawnRows = new Map();

  function draw() {
    const first = Math.max(0, Math.floor(body.scrollTop / rowHeight) - overscan);
    const visible = Math.ceil(body.clientHeight / rowHeight) + 2 * overscan;
    const last = Math.min(total ?? pageSize, first + visible);
    for (let page = Math.floor(first / pageSize); page <= Math.floor(Math.max(first, last - 1) / pageSize); page++) {
      fetchPage(page);
    }
    const wanted = new Set();
    for (let i = first; i < last; i++) {
      const items = pages.get(Math.floor(i / pageSize));
      const row = Array.isArray(items) ? items[i % pageSize] : null;
      if (!row) {
        continue;
      }
      wanted.add(i);
      const existing = drawnRows.get(i);
      if (existing?.dataset.account === row.account) {
        continue;
      }
      existing?.remove();
      const element = renderRow(row, i);
      drawnRows.set(i, element);
      body.append(element);
    }
    for (const [index, element] of drawnRows) {
      if (!wanted.has(index) && element !== document.activeElement) {
        element.remove();
        drawnRows.delete(index);
      }
    }
  }

  function renderRow(row, index) {
    const element = h('div', {
      role: 'row',
      class: 'grid-row',
      tabindex: '0',
      'aria-rowindex': String(index + 2),
      dataset: { account: row.account, index: String(index) },
      onclick: () => open(row),
      onkeydown: event => onRowKey(event, row, index),
    }, columns.map(column => h('div', { role: 'gridcell', class: `cell col-${column.key}${column.numeric ? ' num' : ''}` }, column.cell(row))));
    element.style.top = `${index * rowHeight}px`;
    element.style.height = `${rowHeight}px`;
    return element;
  }

  function open(row) {
    location.hash = `#/accounts/${encodeKey(row.account)}`;
  }

  function onRowKey(event, row, index) {
    const moves = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 };
    if (event.key === 'Enter') {
      open(row);
    } else if (event.key in moves) {
      event.preventDefault();
      const target = Math.max(0, Math.min((total ?? 1) - 1, index + moves[event.key]));
      const top = target * rowHeight;
      if (top < body.scrollTop || top + rowHeight > body.scrollTop + body.clientHeight) {
        body.scrollTop = moves[event.key] > 0 ? top - body.clientHeight + rowHeight : top;
      }
      draw();
      drawnRows.get(target)?.focus();
    }
  }

  function reload() {
    generation++;
    pages.clear();
    for (const element of drawnRows.values()) {
      element.remove();
    }
    drawnRows.clear();
    total = null;
    body.scrollTop = 0;
    writeState(state);
    renderHeader();
    draw();
  }

  let typing = null;
  text.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      state.text = text.value.trim();
      reload();
    }, 250);
  });
  platform.addEventListener('change', () => {
    state.platform = platform.value;
    reload();
  });
  group.addEventListener('change', () => {
    state.group = group.value;
    reload();
  });

  let frame = 0;
  const onScroll = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(draw);
  };
  body.addEventListener('scroll', onScroll, { passive: true });
  const resize = new ResizeObserver(onScroll);
  resize.observe(body);

  renderHeader();
  draw();
  announce('Overview');
  return () => {
    generation++;
    resize.disconnect();
    clearTimeout(typing);
  };
}

const bannerAlerts = 5;

// What needs attention now: open alerts (newest first, by display name) and incidents still going on.
async function fillBanner(banner) {
  const [open, incidents] = await Promise.all([api(`/api/alerts${query({ status: 'open', limit: 200 })}`), api('/api/incidents')]);
  const ongoing = incidents.filter(incident => !incident.end);
  const alerts = open.items.slice().sort((a, b) => Date.parse(b.updatedAt ?? b.start) - Date.parse(a.updatedAt ?? a.start));
  banner.dataset.openAlerts = String(alerts.length);
  banner.dataset.incidents = String(ongoing.length);
  banner.classList.toggle('calm', alerts.length === 0 && ongoing.length === 0);
  replace(banner,
    h('p', { class: 'banner-head' },
      h('strong', null, alerts.length === 0 ? 'No open alerts' : `${alerts.length}${open.nextCursor ? '+' : ''} open alert${alerts.length === 1 ? '' : 's'}`),
      ' · ',
      h('strong', null, ongoing.length === 0 ? 'no ongoing incident' : `${ongoing.length} ongoing incident${ongoing.length === 1 ? '' : 's'}`),
      ' · ', h('a', { href: '#/alerts' }, 'all alerts')),
    alerts.length === 0 ? null : h('ul', { class: 'banner-list' }, alerts.slice(0, bannerAlerts).map(alert => h('li', { dataset: { alert: alert.id } },
      h('span', { class: `chip kind-${alert.kind}` }, alert.kind), ' ', h('span', { class: `chip severity-${alert.severity}` }, alert.severity), ' ',
      accountLink(alert.account), ` since ${date(alert.start)} (${duration(alert.start, alert.end)})`))),
    ongoing.length === 0 ? null : h('ul', { class: 'banner-list' }, ongoing.map(incident => h('li', { dataset: { incident: incident.id } },
      h('span', { class: `chip kind-${incident.kind}` }, incident.kind), ` in group ${incident.group} since ${date(incident.start)}: `,
      incident.accounts.flatMap((account, i) => [i > 0 ? ', ' : '', accountLink(account)])))));
  banner.hidden = false;
}

// Filters and sort survive a visit to an account page (session only).
function readState() {
  const saved = JSON.parse(sessionStorage.getItem('monitor.overview') ?? '{}');
  return { text: '', platform: '', group: '', sort: 'followers', descending: true, ...saved };
}

function writeState(state) {
  sessionStorage.setItem('monitor.overview', JSON.stringify(state));
}
