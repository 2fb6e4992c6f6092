// Groups: the ranking of a group's members (followers, posts, followers per post, growth), or of the entities owning them
// (all of an entity's accounts added up; ?rank=entities in the address), and a chart comparing the members' followers over
// time, absolute (log scale) or normalised to 100 at each member's first point.

import { api, query, encodeKey, canAct } from '../api.js';
import { h, replace, labelled, select, announce } from '../dom.js';
import { count, number, percent, trend, dash, dateTime } from '../format.js';
import { comparisonChart, seriesStyle } from '../charts.js';
import { isSynthetic, syntheticMark } from '../labels.js';
import { presets, readRange, resolveRange, recordZoom, followRangePicker, seriesSpan, routeParams, setRouteParams } from '../range.js';
import { notesPanel, toChartNotes } from './notes.js';

const subjects = [
  { value: 'accounts', label: 'Accounts' },
  { value: 'entities', label: 'Entities' },
];

const accountColumns = ['#', 'Account', 'Name', 'Followers', 'Posts', 'Followers per post', '7 days', '30 days'];
const entityColumns = ['#', 'Entity', 'Accounts', 'Followers', 'Posts', 'Followers per post', '7 days', '30 days'];

const orders = [
  { value: 'followers', label: 'Followers' },
  { value: 'posts', label: 'Posts' },
  { value: 'followersPerPost', label: 'Followers per post' },
  { value: 'growth7d', label: '7-day growth' },
  { value: 'growth30d', label: '30-day growth' },
];

/** Renders the list of groups, and the ranking and comparison of the group named in the route. */
export async function renderGroups(container, { argument: name, identity }) {
  const groups = await api('/api/groups');
  const selected = name ?? groups[0]?.name ?? null;
  const picker = select({ id: 'group-picker' }, groups.map(g => ({ value: g.name, label: `${g.name} (${g.members})` })), selected);
  picker.addEventListener('change', () => {
    location.hash = `#/groups/${encodeURIComponent(picker.value)}`;
  });

  if (!selected) {
    replace(container, h('h1', null, 'Groups'), h('p', { class: 'muted' }, 'No groups yet: give accounts groups in their profile.'));
    return () => {};
  }

  const state = { by: 'followers', normalised: true, subject: routeParams().get('rank') === 'entities' ? 'entities' : 'accounts' };
  const by = select({ id: 'ranking-order' }, orders, state.by);
  const subjectPicker = h('fieldset', { class: 'toggle', id: 'ranking-subject' }, h('legend', null, 'Rank'),
    subjects.map(subject => h('label', null,
      h('input', { type: 'radio', name: 'ranking-subject', value: subject.value, checked: subject.value === state.subject }), ` ${subject.label}`)));
  const thead = h('thead');
  const tbody = h('tbody', { id: 'ranking-rows' });
  const rankingTable = h('table', { class: 'table ranking', 'aria-label': `Ranking of ${selected}` }, thead, tbody);
  const chartBox = h('div', { class: 'chart-box', id: 'comparison-chart', role: 'img', 'aria-label': `followers of the members of ${selected} over time` });
  const mode = select({ id: 'comparison-mode' }, [{ value: 'normalised', label: 'Normalised (first point = 100)' }, { value: 'absolute', label: 'Absolute (log scale)' }], 'normalised');
  const rangePicker = select({ id: 'range' }, presets, readRange().preset);
  const chartStatus = h('p', { class: 'muted', id: 'comparison-status', 'aria-live': 'polite' });
  let chart = null;
  let series = null;
  let extent = null;
  let synthetic = new Set();
  const notes = notesPanel({
    annotations: await api(`/api/annotations${query({ group: selected })}`),
    subject: { group: selected },
    editable: canAct(identity),
    currentRange: () => extent,
    onChange: () => drawComparison(),
  });

  replace(container,
    h('div', { class: 'view-head' }, h('h1', null, `Group ${selected}`), labelled('Group', picker)),
    h('section', { class: 'panel', 'aria-labelledby': 'ranking-title' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'ranking-title' }, 'Ranking'), h('div', { class: 'controls' }, subjectPicker, labelled('Rank by', by))),
      h('p', { class: 'hint', id: 'entity-ranking-note', hidden: state.subject !== 'entities' },
        'An entity ranks when any of its accounts is in the group, with all its accounts added up (audiences overlap, so combined followers are an upper bound). Members in no entity rank alone.'),
      h('div', { class: 'table-scroll' }, rankingTable)),
    h('section', { class: 'panel', 'aria-labelledby': 'comparison-title' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'comparison-title' }, 'Members over time'), h('div', { class: 'controls' }, labelled('Scale', mode), labelled('Time range', rangePicker))),
      h('p', { class: 'hint' }, 'Drag to zoom (the address keeps the range), double-click to zoom out. The largest 25 members are shown, each in its own colour (dashed beyond the tenth). Dates are UTC.'),
      chartBox, chartStatus),
    notes.element);

  async function loadRanking() {
    const subject = state.subject;
    const order = state.by;
    const path = subject === 'entities' ? 'ranking/entities' : 'ranking';
    const ranking = await api(`/api/groups/${encodeURIComponent(selected)}/${path}${query({ by: state.by })}`);
    if (subject !== state.subject || order !== state.by) {
      return;
    }
    replace(thead, h('tr', null, (subject === 'entities' ? entityColumns : accountColumns).map(t => h('th', { scope: 'col' }, t))));
    // What is on show, for tests and tools; set with the rows, in one task.
    rankingTable.dataset.subject = subject;
    rankingTable.dataset.by = state.by;
    if (subject === 'entities') {
      replace(tbody, ranking.map(entityRow));
      return;
    }
    replace(tbody, ranking.map(entry => h('tr', { dataset: { account: entry.account } },
      h('td', { class: 'num' }, entry.rank),
      h('td', null, h('a', { href: `#/accounts/${encodeKey(entry.account)}` }, entry.handle ? `@${entry.handle}` : entry.account)),
      h('td', null, entry.displayName ?? dash, synthetic.has(entry.account) ? [' ', syntheticMark()] : null),
      h('td', { class: 'num' }, count(entry.followers)),
      h('td', { class: 'num' }, count(entry.posts)),
      h('td', { class: 'num' }, number(entry.followersPerPost)),
      h('td', { class: `num growth ${trend(entry.growth7d)}` }, percent(entry.growth7d)),
      h('td', { class: `num growth ${trend(entry.growth30d)}` }, percent(entry.growth30d)))));
  }

  function entityRow(entry) {
    const name = entry.entity
      ? h('a', { href: `#/entities/${encodeURIComponent(entry.entity)}` }, entry.name)
      : h('a', { href: `#/accounts/${encodeKey(entry.accounts[0])}` }, entry.name);
    const anySynthetic = entry.accounts.some(account => synthetic.has(account));
    return h('tr', { dataset: entry.entity ? { entity: entry.entity } : { account: entry.accounts[0] } },
      h('td', { class: 'num' }, entry.rank),
      h('td', null, name, entry.entity ? null : h('small', { class: 'muted' }, ' (no entity)'), anySynthetic ? [' ', syntheticMark()] : null),
      h('td', { class: 'account-list' }, entry.accounts.join(', ')),
      h('td', { class: 'num' }, count(entry.followers)),
      h('td', { class: 'num' }, count(entry.posts)),
      h('td', { class: 'num' }, number(entry.followersPerPost)),
      h('td', { class: `num growth ${trend(entry.growth7d)}` }, percent(entry.growth7d)),
      h('td', { class: `num growth ${trend(entry.growth30d)}` }, percent(entry.growth30d)));
  }

  function drawComparison() {
    chart?.destroy();
    replace(chartBox);
    const members = series.members.map(member => ({ ...member, synthetic: isSynthetic(member.tags) }));
    const span = seriesSpan(members);
    const shown = span.last > span.first ? resolveRange(readRange(), span.first, span.last) : null;
    chart = comparisonChart(chartBox, {
      members,
      normalised: state.normalised,
      annotations: toChartNotes(notes.annotations),
      range: shown,
      onZoom: (min, max) => {
        rangePicker.value = recordZoom(min, max, span.first, span.last).preset;
        showExtent(min, max);
      },
    });
    chartBox.dataset.members = String(members.length);
    // Each member's colour and dash, for tests and tools.
    chartBox.dataset.styles = JSON.stringify(members.map((member, i) => ({ account: member.account, ...seriesStyle(i) })));
    if (shown) {
      showExtent(shown[0], shown[1]);
    }
  }

  function showExtent(min, max) {
    extent = [min, max];
    chartBox.dataset.from = new Date(min * 1000).toISOString();
    chartBox.dataset.to = new Date(max * 1000).toISOString();
    chartStatus.textContent = `Showing ${dateTime(min * 1000)} to ${dateTime(max * 1000)}.`;
  }

  followRangePicker(rangePicker, () => extent, drawComparison);

  subjectPicker.addEventListener('change', event => {
    state.subject = event.target.value;
    setRouteParams({ rank: state.subject === 'entities' ? 'entities' : null });
    document.getElementById('entity-ranking-note').hidden = state.subject !== 'entities';
    loadRanking();
  });
  by.addEventListener('change', () => {
    state.by = by.value;
    loadRanking();
  });
  mode.addEventListener('change', () => {
    state.normalised = mode.value === 'normalised';
    drawComparison();
  });

  series = await api(`/api/dashboard/groups/${encodeURIComponent(selected)}/series`);
  synthetic = new Set(series.members.filter(member => isSynthetic(member.tags)).map(member => member.account));
  await loadRanking();
  drawComparison();
  announce(`Group ${selected}`);
  return () => chart?.destroy();
}
