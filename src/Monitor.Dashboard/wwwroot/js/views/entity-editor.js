// Editing entities from the dashboard, for admins (the role POST /api/entities and PUT/DELETE
// /api/entities/{id}/accounts/{key} ask for): create an entity, link an account (picked from the accounts the silo
// monitors, or typed: the API checks the key), unlink one. A refusal shows the API's problem as a sentence.

import { api, query, describe, ApiError } from '../api.js';
import { h, labelled, select } from '../dom.js';

const kinds = [{ value: '', label: '(not said)' }, { value: 'person', label: 'person' }, { value: 'office', label: 'office' }];

/** A message under a form: what was done, or why the API refused it (with a link to the entity that owns the account). */
export function outcomeMessage(error, done) {
  if (!error) {
    return h('p', { class: 'ok', role: 'status', id: 'entity-edit-outcome' }, done);
  }
  const owner = error instanceof ApiError ? error.problem?.ownedBy : null;
  return h('p', { class: 'error', role: 'alert', id: 'entity-edit-outcome' }, describe(error),
    owner ? [' ', h('a', { href: `#/entities/${encodeURIComponent(owner)}` }, `Open ${owner}`)] : null);
}

/** The editing controls; the caller shows them only to admins. */
export function entityEditor() {
  return {
    /** The form that creates an entity and opens its page. */
    createForm() {
      const name = h('input', { type: 'text', id: 'entity-name', required: true, maxlength: '200', autocomplete: 'off', placeholder: 'e.g. Ilham Aliyev' });
      const kind = select({ id: 'entity-kind' }, kinds, '');
      const slot = h('div', { id: 'entity-create-outcome' });
      const submit = async event => {
        event.preventDefault();
        try {
          const entity = await api('/api/entities', { method: 'POST', body: { name: name.value.trim(), kind: kind.value || null } });
          location.hash = `#/entities/${encodeURIComponent(entity.id)}`;
        } catch (error) {
          slot.replaceChildren(outcomeMessage(error));
        }
      };
      return h('section', { class: 'panel', 'aria-labelledby': 'entity-create-title' },
        h('h2', { id: 'entity-create-title' }, 'Create an entity'),
        h('form', { id: 'entity-create', onsubmit: submit },
          h('fieldset', null, h('legend', null, 'A person or an office that owns accounts on several platforms'),
            labelled('Name', name), labelled('Kind', kind),
            h('button', { type: 'submit', class: 'primary' }, 'Create entity'))),
        slot);
    },

    /** The form that links an account to the entity; redraw(message) draws the page again after a link. */
    linkForm(entity, redraw) {
      const options = h('datalist', { id: 'link-account-options' });
      const key = h('input', {
        type: 'text', id: 'link-account', required: true, autocomplete: 'off', list: 'link-account-options',
        placeholder: 'platform:handle, e.g. x:@presidentaz',
      });
      const slot = h('div', { id: 'entity-link-outcome' });
      let asked = 0;
      key.addEventListener('input', async () => {
        const mine = ++asked;
        const text = key.value.trim();
        if (text.length < 2) {
          return;
        }
        try {
          const page = await api('/api/dashboard/accounts' + query({ text, limit: 20 }));
          if (mine === asked) {
            options.replaceChildren(...page.items
              .filter(row => !entity.accounts.includes(row.account))
              .map(row => h('option', { value: row.account }, row.displayName ?? row.account)));
          }
        } catch {
          // The picker only suggests: a typed key is still sent, and the API judges it.
        }
      });
      const submit = async event => {
        event.preventDefault();
        const account = key.value.trim();
        try {
          await api(`/api/entities/${encodeURIComponent(entity.id)}/accounts/${encodeURIComponent(account)}`, { method: 'PUT' });
          await redraw(outcomeMessage(null, `Linked ${account} to ${entity.name}.`));
        } catch (error) {
          slot.replaceChildren(outcomeMessage(error));
        }
      };
      return h('form', { id: 'entity-link', class: 'entity-link', onsubmit: submit },
        h('fieldset', null, h('legend', null, 'Link an account'),
          labelled('Account', key, 'An account belongs to at most one entity.'), options,
          h('button', { type: 'submit', class: 'primary' }, 'Link account')),
        slot);
    },

    /** A button that unlinks one account from the entity (the account stays monitored). */
    unlinkButton(entity, account, redraw) {
      return h('button', {
        type: 'button',
        class: 'link',
        'aria-label': `Unlink ${account} from ${entity.name}`,
        onclick: async () => {
          try {
            await api(`/api/entities/${encodeURIComponent(entity.id)}/accounts/${encodeURIComponent(account)}`, { method: 'DELETE' });
            await redraw(outcomeMessage(null, `Unlinked ${account} from ${entity.name}; it is still monitored.`));
          } catch (error) {
            await redraw(outcomeMessage(error));
          }
        },
      }, 'Unlink');
    },
  };
}
