// How accounts are named and marked across the views: display names (not keys), and a "synthetic" mark on accounts whose
// history is generated (the demo's), wherever they appear.

import { api, encodeKey } from './api.js';
import { h } from './dom.js';

export const syntheticTag = 'synthetic';

/** Is an account with these profile tags synthetic? */
export function isSynthetic(tags) {
  return Array.isArray(tags) && tags.includes(syntheticTag);
}

/** The mark shown next to a synthetic account's name. */
export function syntheticMark() {
  return h('span', { class: 'chip synthetic', title: 'Synthetic: this history is generated (demo data), not observed' }, 'synthetic');
}

const labels = new Map();

/** { name, handle, synthetic } of an account, fetched once per page load; the key when the account cannot be read. */
export function accountLabel(key) {
  if (!labels.has(key)) {
    labels.set(key, api(`/api/accounts/${encodeKey(key)}`).then(
      summary => ({
        name: summary.profile?.displayName ?? (summary.profile?.handle ? `@${summary.profile.handle}` : key),
        handle: summary.profile?.handle ?? null,
        synthetic: isSynthetic(summary.profile?.tags),
      }),
      () => ({ name: key, handle: null, synthetic: false })));
  }
  return labels.get(key);
}

/** A link to an account's page showing its display name (filled in once known), its key underneath, and the synthetic mark. */
export function accountLink(key) {
  const name = h('span', { class: 'account-name' }, key);
  const link = h('a', { href: `#/accounts/${encodeKey(key)}`, class: 'account-link', dataset: { account: key } }, name);
  const cell = h('span', { class: 'account-cell' }, link);
  accountLabel(key).then(label => {
    name.textContent = label.name;
    if (label.name !== key) {
      link.append(h('small', { class: 'muted account-key' }, key));
    }
    if (label.synthetic) {
      cell.append(' ', syntheticMark());
    }
  });
  return cell;
}
