// Notes (annotations) on a chart: the list of those that apply, and for writers a form to add one (about this account,
// one of its groups, every chart, or an alert) and buttons to remove them.

import { api, describe } from '../api.js';
import { h, replace, labelled, select, announce } from '../dom.js';
import { date } from '../format.js';

/** Annotations as the charts draw them: Unix seconds. */
export function toChartNotes(annotations) {
  return annotations.map(note => ({
    start: Date.parse(note.start) / 1000,
    end: note.end ? Date.parse(note.end) / 1000 : null,
    text: note.text,
  }));
}

function scopeOf(note) {
  if (note.alertId) {
    return `alert ${note.alertId}`;
  }
  if (note.account) {
    return note.account;
  }
  return note.group ? `group ${note.group}` : 'every chart';
}

/**
 * The notes panel. subject is { account, groups } on an account's page or { group } on a group's; currentRange() gives the
 * chart's range on show ([min, max] Unix seconds) for "Use the chart's range"; onChange() runs after a note is added or removed.
 */
export function notesPanel({ annotations, subject, episodes = [], editable, currentRange, onChange }) {
  const state = { annotations: annotations.slice() };
  const list = h('div', { id: 'notes-list' });
  const text = h('input', { type: 'text', id: 'note-text', maxlength: '200', required: true, autocomplete: 'off', placeholder: 'e.g. 44-day war' });
  const start = h('input', { type: 'date', id: 'note-start', required: true });
  const end = h('input', { type: 'date', id: 'note-end' });
  const abouts = [
    ...(subject.account ? [{ value: `account:${subject.account}`, label: 'this account' }] : []),
    ...(subject.groups ?? []).map(g => ({ value: `group:${g}`, label: `group ${g}` })),
    ...(subject.group ? [{ value: `group:${subject.group}`, label: `group ${subject.group}` }] : []),
    { value: 'everything', label: 'every chart' },
    ...episodes.map(alert => ({ value: `alert:${alert.id}`, label: `${alert.kind} alert of ${date(alert.start)}` })),
  ];
  const about = select({ id: 'note-about' }, abouts, abouts[0].value);
  const message = h('p', { role: 'status', class: 'muted' });

  function render() {
    replace(list, state.annotations.length === 0
      ? h('p', { class: 'muted' }, 'No notes on this chart.')
      : h('table', { class: 'table notes' },
        h('thead', null, h('tr', null, ['From', 'To', 'Note', 'About', 'By', ''].map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', null, state.annotations.map(note => h('tr', { class: 'note', dataset: { note: note.id } },
          h('td', null, date(note.start)),
          h('td', null, note.end ? date(note.end) : ''),
          h('td', null, note.text),
          h('td', null, scopeOf(note)),
          h('td', null, note.createdBy ?? ''),
          h('td', null, editable ? h('button', { type: 'button', class: 'link', onclick: () => remove(note), 'aria-label': `Remove the note ${note.text}` }, 'Remove') : null))))));
  }

  async function remove(note) {
    try {
      await api(`/api/annotations/${encodeURIComponent(note.id)}`, { method: 'DELETE' });
      state.annotations = state.annotations.filter(other => other.id !== note.id);
      render();
      announce(`Note '${note.text}' removed`);
      onChange();
    } catch (error) {
      message.textContent = describe(error);
      message.className = 'error';
    }
  }

  async function add(event) {
    event.preventDefault();
    const [kind, ...rest] = about.value.split(':');
    const target = rest.join(':');
    try {
      const note = await api('/api/annotations', {
        method: 'POST',
        body: {
          text: text.value.trim(),
          start: `${start.value}T00:00:00Z`,
          end: end.value ? `${end.value}T00:00:00Z` : null,
          account: kind === 'account' ? target : null,
          group: kind === 'group' ? target : null,
          alertId: kind === 'alert' ? target : null,
        },
      });
      if (!state.annotations.some(other => other.id === note.id)) {
        state.annotations = [...state.annotations, note].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
      }
      render();
      message.textContent = `Note '${note.text}' added.`;
      message.className = 'ok';
      text.value = '';
      onChange();
    } catch (error) {
      message.textContent = describe(error);
      message.className = 'error';
    }
  }

  const useRange = h('button', {
    type: 'button',
    onclick: () => {
      const shown = currentRange();
      if (shown) {
        start.value = new Date(shown[0] * 1000).toISOString().slice(0, 10);
        end.value = new Date(shown[1] * 1000).toISOString().slice(0, 10);
      }
    },
  }, 'Use the chart’s range');

  const form = editable
    ? h('form', { class: 'note-form', onsubmit: add },
      h('fieldset', null, h('legend', null, 'Add a note'),
        labelled('Note', text), labelled('From', start), labelled('To (optional)', end), labelled('About', about), useRange,
        h('button', { type: 'submit', class: 'primary' }, 'Add note')),
      message)
    : null;

  render();
  return {
    element: h('section', { class: 'panel', 'aria-labelledby': 'notes-title', id: 'notes' },
      h('h2', { id: 'notes-title' }, 'Notes'),
      h('p', { class: 'hint' }, 'Events analysts noted (“44-day war”, “platform purge”): drawn on the chart as purple lines and strips. Known events can be imported with POST /api/annotations/import.'),
      list, form),
    get annotations() {
      return state.annotations;
    },
    /** Fills the form for a note on an alert and moves focus to it. */
    noteOn(alert) {
      about.value = `alert:${alert.id}`;
      start.value = alert.start.slice(0, 10);
      end.value = alert.end ? alert.end.slice(0, 10) : '';
      text.focus();
    },
  };
}
