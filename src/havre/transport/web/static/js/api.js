// HTTP API of the wire contract v1 (spec/protocol.md). Every call resolves, never throws:
// { ok: true, status, data } or { ok: false, status, error: { code, message, field?, ... } }.

const STATUS_CODES = { 401: 'unauthorized', 404: 'not_found', 429: 'rate_limited', 501: 'not_implemented' };

async function request(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch {
    return { ok: false, status: 0, error: { code: 'network', message: '' } };
  }
  let data = null;
  if (res.status !== 204) {
    try { data = await res.json(); } catch { data = null; }
  }
  if (res.ok) return { ok: true, status: res.status, data };
  const err = data && typeof data.error === 'object' && data.error ? data.error : {};
  const fallback = STATUS_CODES[res.status] || (res.status >= 500 ? 'server_error' : 'bad_request');
  return {
    ok: false,
    status: res.status,
    error: { ...err, code: typeof err.code === 'string' ? err.code : fallback, message: typeof err.message === 'string' ? err.message : '' },
  };
}

export const createSession = (entry) => request('POST', '/api/v1/session', entry);
export const endSession = () => request('DELETE', '/api/v1/session');
export const listRooms = () => request('GET', '/api/v1/rooms');
export const sendReport = (report) => request('POST', '/api/v1/reports', report);
// Statements of reasons (DSA art. 17) work with an ended session's cookie too; appeals (art. 20) by
// statement id or appeal code, with or without a session.
export const myStatements = () => request('GET', '/api/v1/me/statements');
export const sendAppeal = (appeal) => request('POST', '/api/v1/appeals', appeal);
