// Alerts: the live feed (SSE read with fetch, resumed with Last-Event-ID), filters, acknowledge and resolve, silences and
// the incidents that group correlated alerts.

import { api, query, canAct, describe } from '../api.js';
import { openAlertStream } from '../alert-stream.js';
import { h, replace, labelled, select, announce } from '../dom.js';
import { count, signed, percent, number, dateTime, date, duration } from '../format.js';
import { accountLink } from '../labels.js';

const statuses = ['', 'open', 'acknowledged', 'resolved'];
const kinds = ['', 'spike', 'surge', 'drop', 'stall', 'unavailable'];
const severities = ['', 'info', 'warning', 'critical'];

/** Renders the alerts page; returns the clean-up (closes the stream). */
export async function renderAlerts(container, { identity }) {
  const alerts = new Map();
  const fresh = new Set();
  const filters = { status: '', kind: '', severity: '', group: '', text: '' };
  const allowed = canAct(identity);

  const status = select({}, statuses.map(v => ({ value: v, label: v || 'any status' })), '');
  const kind = select({}, kinds.map(v => ({ value: v, label: v || 'any kind' })), '');
  const severity = select({}, severities.map(v => ({ value: v, label: v || 'any severity' })), '');
  const group = h('input', { type: 'text', placeholder: 'group', autocomplete: 'off' });
  const text = h('input', { type: 'search', placeholder: 'account', autocomplete: 'off' });
  const streamState = h('span', { class: 'stream-state', id: 'stream-state', role: 'status' }, 'connecting');
  const rows = h('tbody', { id: 'alert-rows' });
  const shown = h('p', { class: 'muted', 'aria-live': 'polite' });
  const more = h('button', { type: 'button', hidden: true }, 'Load older alerts');
  const incidents = h('div', { id: 'incidents' });
  const silences = h('div', { id: 'silences' });
  let cursor = null;

  replace(container,
    h('div', { class: 'view-head' }, h('h1', null, 'Alerts'), h('p', { class: 'muted' }, 'Live: ', streamState)),
    h('form', { class: 'filters', role: 'search', onsubmit: event => event.preventDefault() },
      labelled('Status', status), labelled('Kind', kind), labelled('Severity', severity), labelled('Group', group), labelled('Account', text)),
    h('section', { class: 'panel', 'aria-labelledby': 'feed-title' },
      h('h2', { id: 'feed-title', class: 'visually-hidden' }, 'Alert feed'),
      shown,
      h('div', { class: 'table-scroll' }, h('table', { class: 'table alerts', 'aria-label': 'Alerts, newest first' },
        h('thead', null, h('tr', null, ['Started', 'Ended', 'Duration', 'Account', 'Kind', 'Severity', 'Status', 'Change', 'Baseline /day', 'Observed /day', 'z', 'Incident', 'Actions']
          .map(t => h('th', { scope: 'col' }, t)))),
        rows)),
      more),
    h('div', { class: 'columns' },
      h('section', { class: 'panel', 'aria-labelledby': 'incidents-title' }, h('h2', { id: 'incidents-title' }, 'Incidents'), incidents),
      h('section', { class: 'panel', 'aria-labelledby': 'silences-title' }, h('h2', { id: 'silences-title' }, 'Silences'), silences, allowed ? silenceForm() : null)));

  function matches(alert) {
    return (!filters.status || alert.status === filters.status)
      && (!filters.kind || alert.kind === filters.kind)
      && (!filters.severity || alert.severity === filters.severity)
      && (!filters.group || alert.groups.includes(filters.group))
      && (!filters.text || alert.account.toLowerCase().includes(filters.text.toLowerCase()));
  }

  function render() {
    const list = [...alerts.values()].filter(matches).sort((a, b) => Date.parse(b.updatedAt ?? b.start) - Date.parse(a.updatedAt ?? a.start));
    shown.textContent = `${list.length} alert${list.length === 1 ? '' : 's'} shown of ${alerts.size} loaded.`;
    replace(rows, list.length === 0 ? h('tr', null, h('td', { colspan: '13', class: 'muted' }, 'No alerts match.')) : list.map(renderRow));
  }

  function renderRow(alert) {
    return h('tr', {
      class: `alert-row status-${alert.status}${fresh.has(alert.id) ? ' fresh' : ''}${alert.silenced ? ' silenced' : ''}`,
      dataset: { alert: alert.id, account: alert.account, status: alert.status },
    },
    h('td', null, dateTime(alert.start)),
    h('td', { class: 'end' }, alert.end ? dateTime(alert.end) : 'ongoing'),
    h('td', { class: 'num duration' }, duration(alert.start, alert.end)),
    h('td', null, accountLink(alert.account)),
    h('td', null, h('span', { class: `chip kind-${alert.kind}` }, alert.kind),
      alert.corroboration ? h('div', { class: 'corroboration', title: 'Cross-platform reading of the entity\'s accounts in the same window: a reading, not a verdict' },
        h('a', { href: `#/entities/${encodeURIComponent(alert.entity)}` }, alert.corroboration.summary)) : null),
    h('td', null, h('span', { class: `chip severity-${alert.severity}` }, alert.severity)),
    h('td', { class: 'status' }, alert.status, alert.acknowledgedBy ? ` by ${alert.acknowledgedBy}` : '', alert.silenced ? ' (silenced)' : ''),
    h('td', { class: 'num' }, signed(alert.change), h('small', null, ` ${percent(alert.relativeChange)}`)),
    h('td', { class: 'num' }, number(alert.baselineRatePerDay)),
    h('td', { class: 'num' }, number(alert.observedRatePerDay)),
    h('td', { class: 'num' }, number(alert.zScore)),
    h('td', null, alert.incidentId ? h('a', { href: '#incidents' }, alert.incidentId.slice(0, 8)) : ''),
    h('td', { class: 'actions' },
      allowed && alert.status === 'open' ? h('button', { type: 'button', onclick: () => act(alert, 'acknowledge'), 'aria-label': `Acknowledge ${alert.kind} alert on ${alert.account}` }, 'Acknowledge') : null,
      allowed && alert.status !== 'resolved' ? h('button', { type: 'button', onclick: () => act(alert, 'resolve'), 'aria-label': `Resolve ${alert.kind} alert on ${alert.account}` }, 'Resolve') : null));
  }

  async function act(alert, action) {
    try {
      const by = identity?.name ?? 'dashboard';
      const updated = await api(`/api/alerts/${encodeURIComponent(alert.id)}/${action}`, { method: 'POST', body: { by } });
      alerts.set(updated.id, updated);
      announce(`Alert on ${updated.account} is now ${updated.status}`);
      render();
    } catch (error) {
      announce(describe(error));
      shown.textContent = describe(error);
    }
  }

  async function loadPage() {
    const page = await api(`/api/alerts${query({ limit: 200, cursor })}`);
    for (const alert of page.items) {
      // The stream may already have delivered a newer state of this alert.
      if (!alerts.has(alert.id)) {
        alerts.set(alert.id, alert);
      }
    }
    cursor = page.nextCursor;
    more.hidden = !cursor;
    render();
  }

  async function loadIncidents() {
    const list = await api('/api/incidents');
    replace(incidents, list.length === 0 ? h('p', { class: 'muted' }, 'No incidents.') : h('ul', { class: 'incidents' }, list.map(incident =>
      h('li', { dataset: { incident: incident.id } },
        h('strong', null, `${incident.kind} in ${incident.group}`), ' ',
        `${date(incident.start)}${incident.end ? ` to ${date(incident.end)}` : ' (ongoing)'}: `,
        incident.accounts.flatMap((account, i) => [i > 0 ? ', ' : '', accountLink(account)])))));
  }

  async function loadSilences() {
    const list = await api('/api/silences');
    replace(silences, list.length === 0 ? h('p', { class: 'muted' }, 'No silences in force.') : h('ul', { class: 'silences' }, list.map(silence =>
      h('li', null,
        [silence.account && `account ${silence.account}`, silence.group && `group ${silence.group}`, silence.kind && `kind ${silence.kind}`, silence.severity && `severity ${silence.severity}`]
          .filter(Boolean).join(', '),
        ` until ${dateTime(silence.expiresAt)}`, silence.comment ? ` — ${silence.comment}` : '', ' ',
        allowed ? h('button', {
          type: 'button',
          class: 'link',
          onclick: async () => {
            await api(`/api/silences/${encodeURIComponent(silence.id)}`, { method: 'DELETE' });
            await loadSilences();
          },
        }, 'Remove') : null))));
  }

  function silenceForm() {
    const account = h('input', { type: 'text', name: 'account', placeholder: 'x:@handle', autocomplete: 'off' });
    const groupName = h('input', { type: 'text', name: 'group', autocomplete: 'off' });
    const silenceKind = select({ name: 'kind' }, kinds.map(v => ({ value: v, label: v || 'any kind' })), '');
    const silenceSeverity = select({ name: 'severity' }, severities.map(v => ({ value: v, label: v || 'any severity' })), '');
    const hours = h('input', { type: 'number', name: 'hours', min: '1', step: '1', value: '24', required: true });
    const comment = h('input', { type: 'text', name: 'comment', autocomplete: 'off' });
    const message = h('p', { role: 'status', class: 'muted' });
    return h('form', {
      class: 'silence-form',
      onsubmit: async event => {
        event.preventDefault();
        try {
          await api('/api/silences', {
            method: 'POST',
            body: {
              account: account.value.trim() || null,
              group: groupName.value.trim() || null,
              kind: silenceKind.value || null,
              severity: silenceSeverity.value || null,
              duration: `${Math.floor(Number(hours.value) / 24)}.${String(Number(hours.value) % 24).padStart(2, '0')}:00:00`,
              comment: comment.value.trim() || null,
              createdBy: identity?.name ?? 'dashboard',
            },
          });
          message.textContent = 'Silence added.';
          message.className = 'ok';
          await loadSilences();
        } catch (error) {
          message.textContent = describe(error);
          message.className = 'error';
        }
      },
    },
    h('fieldset', null, h('legend', null, 'New silence'),
      labelled('Account', account), labelled('Group', groupName), labelled('Kind', silenceKind), labelled('Severity', silenceSeverity),
      labelled('Hours', hours), labelled('Comment', comment),
      h('button', { type: 'submit', class: 'primary' }, 'Add silence')),
    message);
  }

  for (const [control, name] of [[status, 'status'], [kind, 'kind'], [severity, 'severity'], [group, 'group'], [text, 'text']]) {
    control.addEventListener(control.tagName === 'SELECT' ? 'change' : 'input', () => {
      filters[name] = control.value.trim();
      render();
    });
  }
  more.addEventListener('click', () => loadPage().catch(error => {
    shown.textContent = describe(error);
  }));

  // The stream first (new changes only), then the current page: nothing between the two is missed.
  let incidentRefresh = null;
  const stream = openAlertStream({
    onStatus: (state, detail) => {
      streamState.textContent = state === 'open' ? `connected${detail ? ` (resumed after ${detail})` : ''}` : state === 'retrying' ? `reconnecting: ${detail}` : state;
      streamState.dataset.state = state;
    },
    onChange: ({ id, event, change }) => {
      const alert = change.alert;
      const known = alerts.get(alert.id);
      alerts.set(alert.id, alert);
      fresh.add(alert.id);
      streamState.dataset.lastEventId = id ?? '';
      if (!known || known.status !== alert.status) {
        announce(`${event}: ${alert.kind} on ${alert.account}, ${alert.status}`);
      }
      render();
      if (alert.incidentId) {
        clearTimeout(incidentRefresh);
        incidentRefresh = setTimeout(() => loadIncidents().catch(() => {}), 500);
      }
    },
  });

  await Promise.all([loadPage(), loadIncidents(), loadSilences()]);
  announce('Alerts');
  return () => {
    clearTimeout(incidentRefresh);
    stream.close();
  };
}
