// The dashboard's shell: hash routes (#/, #/accounts/<key>, #/alerts, #/groups/<name>, #/entities/<id>), the session's role, the theme.

import { whoami, setApiKey, onUnauthorised, describe } from './api.js';
import { h, replace } from './dom.js';
import { renderOverview } from './views/overview.js';
import { renderAccount } from './views/account.js';
import { renderAlerts } from './views/alerts.js';
import { renderGroups } from './views/groups.js';
import { renderEntities } from './views/entities.js';

const main = document.getElementById('main');
const session = { identity: null };
let current = null;

function parseRoute() {
  // Anything after '?' is the view's own state (a chart's time range), read by the view.
  const hash = location.hash.replace(/^#\/?/, '').split('?')[0];
  const [section, ...rest] = hash.split('/');
  const argument = rest.length > 0 ? decodeURIComponent(rest.join('/')) : null;
  switch (section) {
    case '':
      return { name: 'overview', render: renderOverview };
    case 'accounts':
      return argument ? { name: 'overview', render: renderAccount, argument } : { name: 'overview', render: renderOverview };
    case 'alerts':
      return { name: 'alerts', render: renderAlerts, argument };
    case 'groups':
      return { name: 'groups', render: renderGroups, argument };
    case 'entities':
      return { name: 'entities', render: renderEntities, argument };
    default:
      return { name: 'notfound', render: renderNotFound, argument: hash };
  }
}

function renderNotFound(container, context) {
  replace(container, h('h1', null, 'Not found'), h('p', null, `There is no page '${context.argument}'. `, h('a', { href: '#/' }, 'Go to the overview.')));
  return () => {};
}

async function route() {
  performance.mark('route-start');
  current?.();
  current = null;
  const target = parseRoute();
  for (const link of document.querySelectorAll('nav a[data-section]')) {
    if (link.dataset.section === target.name) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  const container = h('div', { class: 'view' });
  replace(main, container);
  try {
    current = (await target.render(container, { argument: target.argument, identity: session.identity })) ?? null;
  } catch (error) {
    replace(container, h('h1', null, 'Something went wrong'), h('p', { class: 'error', role: 'alert' }, describe(error)));
  }
}

async function refreshIdentity() {
  const role = document.getElementById('role');
  try {
    session.identity = await whoami();
    role.textContent = session.identity.open ? `${session.identity.role} (open mode)` : session.identity.role;
    role.dataset.role = session.identity.role;
    if (session.identity.name) {
      role.title = `Signed in as ${session.identity.name}`;
    }
  } catch (error) {
    session.identity = null;
    role.textContent = error.status === 401 ? 'signed out' : 'unknown';
    role.dataset.role = 'none';
  }
  document.body.dataset.role = session.identity?.role ?? 'none';
  document.getElementById('orleans-link').hidden = session.identity?.role !== 'admin';
}

function setUpLogin() {
  const dialog = document.getElementById('login');
  const form = document.getElementById('login-form');
  const input = document.getElementById('login-key');
  const error = document.getElementById('login-error');
  const open = () => {
    error.hidden = true;
    input.value = '';
    if (!dialog.open) {
      dialog.showModal();
    }
    input.focus();
  };
  document.getElementById('sign-in').addEventListener('click', open);
  document.getElementById('login-cancel').addEventListener('click', () => dialog.close());
  document.getElementById('login-forget').addEventListener('click', async () => {
    setApiKey(null);
    input.value = '';
    dialog.close();
    await refreshIdentity();
    await route();
  });
  form.addEventListener('submit', async event => {
    event.preventDefault();
    setApiKey(input.value.trim());
    input.value = '';
    await refreshIdentity();
    if (!session.identity) {
      error.textContent = 'The silo did not accept this key.';
      error.hidden = false;
      setApiKey(null);
      return;
    }
    dialog.close();
    await route();
  });
  onUnauthorised(() => open());
}

const themes = ['auto', 'light', 'dark'];

function setUpTheme() {
  const button = document.getElementById('theme');
  const darkSheet = document.getElementById('dark-theme');
  const apply = theme => {
    darkSheet.media = theme === 'dark' ? 'all' : '(prefers-color-scheme: dark)';
    if (theme === 'auto') {
      delete document.documentElement.dataset.theme;
    } else {
      document.documentElement.dataset.theme = theme;
    }
    button.setAttribute('aria-label', `Colour theme: ${theme === 'auto' ? 'automatic' : theme}`);
    button.title = button.getAttribute('aria-label');
  };
  apply(localStorage.getItem('monitor.theme') ?? 'auto');
  button.addEventListener('click', () => {
    const next = themes[(themes.indexOf(localStorage.getItem('monitor.theme') ?? 'auto') + 1) % themes.length];
    localStorage.setItem('monitor.theme', next);
    apply(next);
    // Charts read their colours when drawn.
    route();
  });
}

setUpTheme();
setUpLogin();
window.addEventListener('hashchange', route);
await refreshIdentity();
await route();
