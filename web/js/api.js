// The one way the dashboard talks to the gateway: JSON in and out, the bearer token on every
// call (kept in sessionStorage, never in a URL), and errors turned into ApiError with the
// gateway's {"error": "..."} message (or its text, for a gateway that answers text/plain).

const TOKEN_KEY = 'gomikrobot.dashboard.token';
const unauthorizedListeners = new Set();

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

export function setToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export function hasToken() {
  return Boolean(sessionStorage.getItem(TOKEN_KEY));
}

/** Called with no arguments whenever a call answers 401. */
export function onUnauthorized(listener) {
  unauthorizedListeners.add(listener);
}

/** Builds "/path?a=1&b=2", leaving out empty values. */
export function withQuery(path, query = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export function get(path, query) {
  return request('GET', withQuery(path, query));
}

export function post(path, body = {}) {
  return request('POST', path, body);
}

export function del(path) {
  return request('DELETE', path);
}

/**
 * For health probes that answer JSON with a non-2xx status (readyz says 503 + its checks):
 * returns {status, body} instead of throwing; body is null when it is not JSON.
 */
export async function probe(path) {
  const response = await send('GET', path);
  const text = await response.text().catch(() => '');
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: null };
  }
}

/** Fetches a non-JSON resource (media) with the token and returns a Blob. */
export async function getBlob(path) {
  const response = await send('GET', path);
  if (!response.ok) throw await errorOf(response);
  return response.blob();
}

async function request(method, path, body) {
  const response = await send(method, path, body);
  if (!response.ok) throw await errorOf(response);
  const text = await response.text();
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(response.status, `${path}: the gateway answered something that is not JSON`);
  }
}

async function send(method, path, body) {
  const headers = { Accept: 'application/json' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    throw new ApiError(0, `gateway unreachable (${cause.message})`);
  }
  if (response.status === 401) unauthorizedListeners.forEach((listener) => listener());
  return response;
}

async function errorOf(response) {
  const text = (await response.text().catch(() => '')).trim();
  let message = text;
  try {
    const parsed = JSON.parse(text);
    if (parsed && typeof parsed.error === 'string') message = parsed.error;
  } catch {
    // Not JSON: keep the plain text the gateway sent.
  }
  return new ApiError(response.status, message || `HTTP ${response.status}`);
}
