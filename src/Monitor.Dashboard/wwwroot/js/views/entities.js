// Entities: a person or an office and its accounts on several platforms. The list, and one entity's page: combined reach
// (the sum of followers, with the caveat that audiences overlap), each platform's share, combined growth, every account's
// followers on one time axis, and the cross-platform readings of its spike and surge alerts. Admins (the role the API
// asks for) also create entities, and link and unlink accounts.

import { api, query, encodeKey, canAdminister } from '../api.js';
import { h, replace, labelled, select, announce } from '../dom.js';
import { entityEditor } from './entity-editor.js';
import { count, percent, trend, dash, date, dateTime } from '../format.js';
import { comparisonChart } from '../charts.js';
import { isSynthetic, syntheticMark } from '../labels.js';
import { presets, readRange, resolveRange, recordZoom, followRangePicker, seriesSpan } from '../range.js';

/** Renders the list of entities, or the page of the entity named in the route. */
export async function renderEntities(container, { argument: id, identity }) {
  const editor = canAdminister(identity) ? entityEditor() : null;
  if (!id) {
    return renderList(container, editor);
  }

  // A link or unlink draws the page again from the API, keeping the outcome's message.
  let cleanup = () => {};
  const show = async outcome => {
    cleanup();
    cleanup = await renderEntity(container, id, editor, outcome, show);
  };
  await show(null);
  return () => cleanup();
}

async function renderList(container, editor) {
  const entities = await api('/api/entities');
  replace(container,
    h('div', { class: 'view-head' }, h('h1', null, 'Entities')),
    editor ? editor.createForm() : null,
    h('section', { class: 'panel' },
      entities.length === 0
        ? h('p', { class: 'muted' }, editor
          ? 'No entities yet: create one above, with `monitor entity create`, or with an entity column in a seed import.'
          : 'No entities yet. An admin creates them (here, with `monitor entity create`, or with an entity column in a seed import).')
        : h('div', { class: 'table-scroll' }, h('table', { class: 'table', id: 'entity-list', 'aria-label': 'Entities' },
          h('thead', null, h('tr', null, ['Entity', 'Kind', 'Accounts'].map(t => h('th', { scope: 'col' }, t)))),
          h('tbody', null, entities.map(entity => h('tr', { dataset: { entity: entity.id } },
            h('td', null, h('a', { href: `#/entities/${encodeURIComponent(entity.id)}` }, entity.name)),
            h('td', null, entity.kind ?? dash),
            h('td', null, entity.accounts.join(', ')))))))));
  announce('Entities');
  return () => {};
}

async function renderEntity(container, id, editor, outcome, redraw) {
  const detail = await api(`/api/entities/${encodeURIComponent(id)}`);
  const entity = detail.entity;
  const alerts = await api(`/api/alerts${query({ group: `entity:${entity.id}`, limit: 50 })}`);
  const synthetic = detail.accounts.some(account => isSynthetic(account.profile.tags));
  const chartBox = h('div', { class: 'chart-box', id: 'entity-chart', role: 'img', 'aria-label': `followers of every account of ${entity.name} over time` });
  const mode = select({ id: 'entity-mode' }, [{ value: 'absolute', label: 'Absolute (log scale)' }, { value: 'normalised', label: 'Normalised (first point = 100)' }], 'absolute');
  const rangePicker = select({ id: 'range' }, presets, readRange().preset);
  const chartStatus = h('p', { class: 'muted', id: 'entity-chart-status', 'aria-live': 'polite' });
  let chart = null;
  let extent = null;

  const figure = (label, value, extra) => h('div', { class: 'figure' }, h('span', { class: 'figure-label' }, label), h('span', { class: 'figure-value' }, value), extra ?? null);
  const growth = (label, value) => figure(label, h('span', { class: `growth ${trend(value)}` }, percent(value)));
  replace(container,
    h('div', { class: 'view-head' },
      h('h1', null, entity.name, synthetic ? [' ', syntheticMark()] : null),
      h('p', { class: 'muted' }, `${entity.kind ?? 'entity'} · ${entity.accounts.length} account${entity.accounts.length === 1 ? '' : 's'} · id ${entity.id}`)),
    h('section', { class: 'figures', id: 'entity-figures', 'aria-label': 'Combined figures' },
      h('div', { class: 'figure', id: 'combined-reach', dataset: { followers: String(detail.followers ?? '') } },
        h('span', { class: 'figure-label' }, 'Combined reach'), h('span', { class: 'figure-value' }, count(detail.followers)), h('small', null, 'sum of followers')),
      figure('Posts', count(detail.posts)),
      growth('Combined growth, 1 day', detail.growth1d),
      growth('Combined growth, 7 days', detail.growth7d),
      growth('Combined growth, 30 days', detail.growth30d)),
    h('p', { class: 'hint', id: 'reach-note' }, detail.reachNote),
    h('div', { class: 'columns entity-columns' },
      h('section', { class: 'panel', 'aria-labelledby': 'share-title' },
        h('h2', { id: 'share-title' }, 'Share by platform'),
        h('table', { class: 'table', id: 'platform-shares', 'aria-label': 'Followers by platform' },
          h('thead', null, h('tr', null, ['Platform', 'Followers', 'Share', ''].map(t => h('th', { scope: 'col' }, t)))),
          h('tbody', null, detail.platforms.map(platform => h('tr', { dataset: { platform: platform.platform } },
            h('td', null, platform.platform),
            h('td', { class: 'num' }, count(platform.followers)),
            h('td', { class: 'num' }, `${(100 * platform.share).toFixed(1)}%`),
            h('td', null, h('meter', { class: 'share', min: 0, max: 1, value: platform.share, 'aria-label': `${platform.platform} share` }))))))),
      h('section', { class: 'panel', 'aria-labelledby': 'entity-accounts-title' },
        h('h2', { id: 'entity-accounts-title' }, 'Accounts'),
        h('div', { class: 'table-scroll' }, h('table', { class: 'table', id: 'entity-accounts', 'aria-label': `Accounts of ${entity.name}` },
          h('thead', null, h('tr', null, ['Account', 'Followers', '7 days', '30 days', 'Open alerts', ...(editor ? [''] : [])].map(t => h('th', { scope: 'col' }, t)))),
          h('tbody', null, detail.accounts.map(account => h('tr', { dataset: { account: account.account } },
            h('td', null, h('a', { href: `#/accounts/${encodeKey(account.account)}` }, account.account), isSynthetic(account.profile.tags) ? [' ', syntheticMark()] : null),
            h('td', { class: 'num' }, count(account.followers)),
            h('td', { class: `num growth ${trend(account.growth7d.relativeGrowth)}` }, percent(account.growth7d.relativeGrowth)),
            h('td', { class: `num growth ${trend(account.growth30d.relativeGrowth)}` }, percent(account.growth30d.relativeGrowth)),
            h('td', { class: 'num' }, String(account.openEpisodes.length)),
            editor ? h('td', null, editor.unlinkButton(entity, account.account, redraw)) : null))))),
        editor ? editor.linkForm(entity, redraw) : null,
        outcome)),
    h('section', { class: 'panel', 'aria-labelledby': 'entity-chart-title' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'entity-chart-title' }, 'Every account over time'),
        h('div', { class: 'controls' }, labelled('Scale', mode), labelled('Time range', rangePicker))),
      h('p', { class: 'hint' }, 'One time axis for every platform. Drag to zoom, double-click to zoom out. Dates are UTC.'),
      chartBox, chartStatus),
    h('section', { class: 'panel', 'aria-labelledby': 'readings-title' },
      h('h2', { id: 'readings-title' }, 'Spikes and surges, read across platforms'),
      h('p', { class: 'hint' }, 'Which of the entity\'s accounts moved beyond their own baseline in the same window, and how the alerted account\'s posts changed. A reading, not a verdict.'),
      readings(alerts.items.filter(alert => alert.corroboration))));

  const series = await api(`/api/dashboard/entities/${encodeURIComponent(entity.id)}/series`);
  const members = series.members.map(member => ({ ...member, handle: null, synthetic: isSynthetic(member.tags) }));

  function draw() {
    chart?.destroy();
    chart = null;
    replace(chartBox);
    chartBox.dataset.members = String(members.length);
    if (members.length === 0) {
      replace(chartStatus, 'No account is linked to this entity yet.');
      return;
    }
    const span = seriesSpan(members);
    const shown = span.last > span.first ? resolveRange(readRange(), span.first, span.last) : null;
    chart = comparisonChart(chartBox, {
      members,
      normalised: mode.value === 'normalised',
      range: shown,
      onZoom: (min, max) => {
        rangePicker.value = recordZoom(min, max, span.first, span.last).preset;
        showExtent(min, max);
      },
    });
    chartBox.dataset.members = String(members.length);
    if (shown) {
      showExtent(shown[0], shown[1]);
    }
  }

  function showExtent(min, max) {
    extent = [min, max];
    chartStatus.textContent = `Showing ${dateTime(min * 1000)} to ${dateTime(max * 1000)}.`;
  }

  mode.addEventListener('change', draw);
  followRangePicker(rangePicker, () => extent, draw);
  draw();
  announce(`Entity ${entity.name}`);
  return () => chart?.destroy();
}

function readings(alerts) {
  if (alerts.length === 0) {
    return h('p', { class: 'muted', id: 'entity-readings' }, 'No spike or surge on the entity\'s accounts.');
  }
  return h('div', { class: 'table-scroll' }, h('table', { class: 'table', id: 'entity-readings', 'aria-label': 'Cross-platform readings' },
    h('thead', null, h('tr', null, ['Account', 'Kind', 'Window', 'Reading', 'Moved', 'Flat', 'No data'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', null, alerts.map(alert => {
      const by = movement => alert.corroboration.accounts.filter(account => account.movement === movement).map(account => account.account).join(', ') || dash;
      return h('tr', { dataset: { alert: alert.id } },
        h('td', null, h('a', { href: `#/accounts/${encodeKey(alert.account)}` }, alert.account)),
        h('td', null, h('span', { class: `chip kind-${alert.kind}` }, alert.kind)),
        h('td', null, `${date(alert.start)} – ${alert.end ? date(alert.end) : 'ongoing'}`),
        h('td', { class: 'corroboration' }, alert.corroboration.summary),
        h('td', { class: 'account-list' }, by('moved')),
        h('td', { class: 'account-list' }, by('flat')),
        h('td', { class: 'account-list' }, by('no-data')));
    }))));
}
