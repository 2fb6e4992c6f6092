// The HTTP API as the page uses it: the API key from session storage as a Bearer header, problem+json as errors.

const keyStorage = 'monitor.apiKey';
const orleansKeyCookie = 'monitor-orleans-key';

/** An API error carrying the RFC 9457 problem the silo answered. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** The key typed by the user this session (never shown again, only sent). */
export function apiKey() {
  return sessionStorage.getItem(keyStorage);
}

export function setApiKey(key) {
  if (key) {
    sessionStorage.setItem(keyStorage, key);
  } else {
    sessionStorage.removeItem(keyStorage);
  }

  // Orleans' dashboard (/orleans, admins only) is a page of its own that cannot send the header: it gets the key as a
  // session cookie sent to that path alone, never cross-site.
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = key
    ? `${orleansKeyCookie}=${encodeURIComponent(key)}; Path=/orleans; SameSite=Strict${secure}`
    : `${orleansKeyCookie}=; Path=/orleans; SameSite=Strict; Max-Age=0${secure}`;
}

/**
 * Headers every request carries: the key, and the header that tells the silo a script of its own origin sent the request
 * (another site's page cannot send it without a preflight the silo refuses: docs/operations.md, Security).
 */
export function authHeaders(extra = {}) {
  const key = apiKey();
  const headers = { ...extra, 'X-Monitor-Client': 'dashboard' };
  return key ? { ...headers, Authorization: `Bearer ${key}` } : headers;
}

const unauthorisedListeners = new Set();

/** Calls back when the silo answers 401 (the key is missing, wrong or revoked). */
export function onUnauthorised(listener) {
  unauthorisedListeners.add(listener);
}

/** fetch with the key, returning parsed JSON (or null for 204); throws ApiError with the problem on failure. */
export async function api(path, { method = 'GET', body, signal } = {}) {
  const headers = authHeaders({ Accept: 'application/json' });
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch {
      problem = { title: response.statusText };
    }
    if (response.status === 401) {
      unauthorisedListeners.forEach(listener => listener(problem));
    }
    throw new ApiError(response.status, problem);
  }
  return response.status === 204 ? null : response.json();
}

/** Builds a query string from an object, leaving out empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(name, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * Who the page acts as: { role, keyId, name, open }. A silo without access control answers 404 here,
 * which means open mode, where everyone is admin.
 */
export async function whoami() {
  try {
    return await api('/api/auth/whoami');
  } catch (error) {
    if (error.status === 404) {
      return { role: 'admin', keyId: null, name: null, open: true };
    }
    throw error;
  }
}

/** Can this role change alerts (acknowledge, resolve, silence)? */
export function canAct(identity) {
  return identity?.role === 'writer' || identity?.role === 'admin';
}

/** Can this role change settings? */
export function canAdminister(identity) {
  return identity?.role === 'admin';
}

export const encodeKey = key => encodeURIComponent(key);

/** A one-line account of an error for the page (a problem's status, title and detail). */
export function describe(error) {
  if (error instanceof ApiError) {
    const problem = error.problem ?? {};
    return [`${error.status} ${problem.title ?? ''}`.trim(), problem.detail].filter(Boolean).join(': ');
  }
  return error?.message ?? String(error);
}
