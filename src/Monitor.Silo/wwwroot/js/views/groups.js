// Groups: the ranking of a group's members (followers, posts, followers per post, growth) and a chart comparing their
// followers over time, absolute (log scale) or normalised to 100 at each member's first point.

import { api, query, encodeKey } from '../api.js';
import { h, replace, labelled, select, announce } from '../dom.js';
import { count, number, percent, trend, dash } from '../format.js';
import { comparisonChart } from '../charts.js';

const orders = [
  { value: 'followers', label: 'Followers' },
  { value: 'posts', label: 'Posts' },
  { value: 'followersPerPost', label: 'Followers per post' },
  { value: 'growth7d', label: '7-day growth' },
  { value: 'growth30d', label: '30-day growth' },
];

/** Renders the list of groups, and the ranking and comparison of the group named in the route. */
export async function renderGroups(container, { argument: name }) {
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

  const state = { by: 'followers', normalised: true };
  const by = select({ id: 'ranking-order' }, orders, state.by);
  const tbody = h('tbody', { id: 'ranking-rows' });
  const chartBox = h('div', { class: 'chart-box', id: 'comparison-chart', role: 'img', 'aria-label': `followers of the members of ${selected} over time` });
  const mode = select({ id: 'comparison-mode' }, [{ value: 'normalised', label: 'Normalised (first point = 100)' }, { value: 'absolute', label: 'Absolute (log scale)' }], 'normalised');
  let chart = null;
  let series = null;

  replace(container,
    h('div', { class: 'view-head' }, h('h1', null, `Group ${selected}`), labelled('Group', picker)),
    h('section', { class: 'panel', 'aria-labelledby': 'ranking-title' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'ranking-title' }, 'Ranking'), h('div', { class: 'controls' }, labelled('Rank by', by))),
      h('div', { class: 'table-scroll' }, h('table', { class: 'table ranking', 'aria-label': `Ranking of ${selected}` },
        h('thead', null, h('tr', null, ['#', 'Account', 'Name', 'Followers', 'Posts', 'Followers per post', '7 days', '30 days']
          .map(t => h('th', { scope: 'col' }, t)))),
        tbody))),
    h('section', { class: 'panel', 'aria-labelledby': 'comparison-title' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'comparison-title' }, 'Members over time'), h('div', { class: 'controls' }, labelled('Scale', mode))),
      h('p', { class: 'hint' }, 'Drag to zoom, double-click to zoom out. The largest 25 members are shown.'),
      chartBox));

  async function loadRanking() {
    const ranking = await api(`/api/groups/${encodeURIComponent(selected)}/ranking${query({ by: state.by })}`);
    replace(tbody, ranking.map(entry => h('tr', { dataset: { account: entry.account } },
      h('td', { class: 'num' }, entry.rank),
      h('td', null, h('a', { href: `#/accounts/${encodeKey(entry.account)}` }, entry.handle ? `@${entry.handle}` : entry.account)),
      h('td', null, entry.displayName ?? dash),
      h('td', { class: 'num' }, count(entry.followers)),
      h('td', { class: 'num' }, count(entry.posts)),
      h('td', { class: 'num' }, number(entry.followersPerPost)),
      h('td', { class: `num growth ${trend(entry.growth7d)}` }, percent(entry.growth7d)),
      h('td', { class: `num growth ${trend(entry.growth30d)}` }, percent(entry.growth30d)))));
  }

  function drawComparison() {
    chart?.destroy();
    replace(chartBox);
    chart = comparisonChart(chartBox, { members: series.members, normalised: state.normalised });
    chartBox.dataset.members = String(series.members.length);
  }

  by.addEventListener('change', () => {
    state.by = by.value;
    loadRanking();
  });
  mode.addEventListener('change', () => {
    state.normalised = mode.value === 'normalised';
    drawComparison();
  });

  await loadRanking();
  series = await api(`/api/dashboard/groups/${encodeURIComponent(selected)}/series`);
  drawComparison();
  announce(`Group ${selected}`);
  return () => chart?.destroy();
}
