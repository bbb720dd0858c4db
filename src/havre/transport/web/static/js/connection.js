// The WebSocket of the wire contract v1, kept alive: exponential backoff with jitter (capped) after a
// cut, a ping every 20 s to notice dead links, and a session probe when the handshake keeps failing
// (a browser cannot see the HTTP status of a refused WebSocket handshake).

export const BACKOFF = { baseMs: 500, capMs: 10000, pingEveryMs: 20000, pongTimeoutMs: 10000 };

/** Delay before attempt `n` (0-based): "equal jitter", between half and all of min(cap, base·2^n). */
export function backoffDelay(n, { baseMs, capMs } = BACKOFF, random = Math.random) {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(n, 20));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export class Connection {
  /**
   * handlers: onFrame(frame), onStatus({state, retryAt?}), onAuthLost(code), probe() → Promise<'ok'|'unauthorized'|'down'>
   * state is one of 'connecting', 'open' (after hello), 'waiting' (a retry is scheduled), 'stopped'.
   */
  constructor(url, handlers) {
    this.url = url;
    this.handlers = handlers;
    this.ws = null;
    this.attempt = 0;
    this.state = 'stopped';
    this.retryTimer = null;
    this.pingTimer = null;
    this.pongTimer = null;
    this.gotHello = false;
    window.addEventListener('online', () => { if (this.state === 'waiting') this.retryNow(); });
  }

  start() {
    this.stopped = false;
    this.attempt = 0;
    this._connect();
  }

  stop() {
    this.stopped = true;
    this._clearTimers();
    if (this.ws) {
      this._detach(this.ws);
      try { this.ws.close(1000); } catch { /* already closed */ }
      this.ws = null;
    }
    this._setState('stopped');
  }

  get isOpen() { return this.state === 'open' && this.ws && this.ws.readyState === WebSocket.OPEN; }

  /** Send a frame; false when the socket is not usable (the caller keeps what the user typed). */
  send(frame) {
    if (!this.isOpen) return false;
    try { this.ws.send(JSON.stringify(frame)); return true; } catch { return false; }
  }

  retryNow() {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this._connect();
  }

  _setState(state, extra = {}) {
    this.state = state;
    this.handlers.onStatus?.({ state, ...extra });
  }

  _clearTimers() {
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
    this.retryTimer = this.pingTimer = this.pongTimer = null;
  }

  _detach(ws) {
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
  }

  _connect() {
    this._clearTimers();
    if (this.ws) { this._detach(this.ws); try { this.ws.close(); } catch { /* ignore */ } }
    this.gotHello = false;
    this._setState('connecting');
    let ws;
    try {
      ws = new WebSocket(this.url);
    } catch {
      this._lost(1006);
      return;
    }
    this.ws = ws;
    ws.onmessage = (ev) => {
      let frame;
      try { frame = JSON.parse(ev.data); } catch { return; }
      if (!frame || typeof frame !== 'object' || typeof frame.type !== 'string') return;
      clearTimeout(this.pongTimer);
      this.pongTimer = null;
      if (frame.type === 'hello') {
        this.gotHello = true;
        this.attempt = 0;
        this._startPing();
        this._setState('open');
      }
      if (frame.type !== 'pong') this.handlers.onFrame(frame);
    };
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this._detach(ws);
      this.ws = null;
      this._lost(ev.code);
    };
  }

  _startPing() {
    clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => {
      if (!this.send({ type: 'ping' })) return;
      clearTimeout(this.pongTimer);
      this.pongTimer = setTimeout(() => {
        // The link is dead but the browser has not noticed yet: drop it and reconnect.
        const ws = this.ws;
        if (!ws) return;
        this._detach(ws);
        try { ws.close(); } catch { /* ignore */ }
        this.ws = null;
        this._lost(1006);
      }, BACKOFF.pongTimeoutMs);
    }, BACKOFF.pingEveryMs);
  }

  async _lost(code) {
    this._clearTimers();
    if (this.stopped) return;
    if (code === 4001 || code === 4003) {
      this.stopped = true;
      this._setState('stopped');
      this.handlers.onAuthLost?.(code);
      return;
    }
    const hadHello = this.gotHello;
    this.gotHello = false;
    if (!hadHello && this.handlers.probe) {
      // The handshake itself failed: is the server down, or is our session gone?
      const verdict = await this.handlers.probe();
      if (this.stopped) return;
      if (verdict === 'unauthorized') {
        this.stopped = true;
        this._setState('stopped');
        this.handlers.onAuthLost?.(4001);
        return;
      }
    }
    const delay = backoffDelay(this.attempt);
    this.attempt += 1;
    this._setState('waiting', { retryAt: Date.now() + delay, attempt: this.attempt });
    this.retryTimer = setTimeout(() => this._connect(), delay);
  }
}
