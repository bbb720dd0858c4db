// The chat once entered: room catalogue, rooms with members and filters, private conversations in
// tabs, reporting and blocking. State lives here; the DOM is rebuilt per pane and appended to for
// new messages. Every pseudo and message is rendered as text.
import { h, fill, icon } from './dom.js';
import { t } from './i18n.js';
import * as api from './api.js';
import { errorText } from './errors.js';
import { openUser, openReport, openHelp, openSanction, openAgeCheck, userMeta, avatar } from './dialogs.js';
import { helplineChips } from './help.js';
import { playChime } from './sound.js';

const MAX_ITEMS = 300;
const MAX_TEXT = 1000;
const REQUEST_TIMEOUT_MS = 8000;
// Catalogue headings: Discussion first, Régions last, the server's other themes in between
// (unknown ones alphabetically, before "Autres").
const THEME_ORDER = ['Discussion', 'Loisirs', 'Communautés', 'Entraide'];
const THEME_LAST = ['Autres', 'Régions'];
const OTHER_THEME = 'Autres';

export class ChatView {
  constructor({ conn, toast, soundEnabled }) {
    this.conn = conn;
    this.toast = toast;
    this.soundEnabled = soundEnabled;
    this.reset();
    this.el = h('section', { class: 'chat' });
    this.nav = h('nav', { class: 'tabs', 'aria-label': t('nav.label') });
    this.paneHead = h('div', { class: 'pane-head' });
    this.paneBody = h('div', { class: 'pane-body' });
    this.composerError = h('p', { class: 'composer-error', role: 'alert', hidden: true, 'data-testid': 'composer-error' });
    this.input = h('textarea', {
      id: 'composer-input', class: 'composer-input', rows: 1, maxlength: MAX_TEXT, 'aria-describedby': 'composer-hint',
      on: { keydown: (e) => this._onComposerKey(e), input: () => this._onComposerInput() },
    });
    this.counter = h('span', { class: 'composer-counter', 'aria-hidden': 'true' });
    this.sendBtn = h('button', { type: 'submit', class: 'btn btn-primary composer-send' }, icon('send'), h('span', { class: 'send-label' }));
    this.composerLabel = h('label', { for: 'composer-input', class: 'visually-hidden' });
    this.composerHint = h('span', { id: 'composer-hint', class: 'composer-hint' });
    this.composer = h('form', { class: 'composer', on: { submit: (e) => { e.preventDefault(); this.send(); } } },
      this.composerError,
      h('div', { class: 'composer-row' }, this.composerLabel, this.input, this.sendBtn),
      h('div', { class: 'composer-foot' }, this.composerHint, this.counter));
    this.members = h('aside', { class: 'members', id: 'members-panel', 'aria-labelledby': 'members-title' });
    this.pane = h('section', { class: 'pane', 'aria-labelledby': 'pane-title' }, this.paneHead, this.paneBody, this.composer);
    this.scrim = h('div', { class: 'scrim', 'aria-hidden': 'true', on: { click: () => this._toggleMembers() } });
    this.el.append(this.nav, this.pane, this.members, this.scrim);
    document.addEventListener('visibilitychange', () => { if (!document.hidden) this._markActiveRead(); });
    this.members.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.membersOpen) { e.preventDefault(); this._toggleMembers(); this.paneHead.querySelector('.btn-members')?.focus(); }
    });
  }

  /** Forget everything (a new session). */
  reset() {
    this.me = null;
    this.settings = { private_messages: true };
    this.catalogue = [];
    this.rooms = new Map(); // room id → {room, members: Map, items: [], seen: Set, unread, filters, draft}
    this.convs = new Map(); // peer id → {peer, items, seen, unread, draft}
    this.convPeers = new Map(); // conversation id → peer id
    this.blocked = new Map();
    this.pending = new Map(); // ref → {kind, tab, text, resolve?, timer?}
    this.earlyPresence = {}; // room id → presence frames received before our `joined`
    this.active = 'catalogue';
    this.refSeq = 0;
    this.membersOpen = false;
    this.hadHello = false;
    clearInterval(this.roomsTimer);
    this.roomsTimer = null;
  }

  // ---------------------------------------------------------------- frames

  onFrame(frame) {
    switch (frame.type) {
      case 'hello': return this._onHello(frame);
      case 'joined': return this._onJoined(frame);
      case 'left': return this._onLeft(frame);
      case 'message': return this._onMessage(frame);
      case 'contact_request': return this._onContactRequest(frame);
      case 'presence': return this._onPresence(frame);
      case 'notice': return this._onNotice(frame);
      case 'ack': return this._onAck(frame);
      case 'error': return this._onError(frame);
      default: return undefined; // the server may add frames: ignore the unknown ones
    }
  }

  /** The socket dropped: what was sent and not acknowledged goes back to the composer. */
  onConnectionLost() {
    for (const [ref, p] of this.pending) {
      clearTimeout(p.timer);
      if (p.resolve) p.resolve({ ok: false, code: 'network', message: '' });
      else if (p.text) this._restoreText(p.tab, p.text);
      this.pending.delete(ref);
    }
    this._renderComposerState();
  }

  onConnectionStatus() { this._renderComposerState(); }

  _onHello(frame) {
    const reconnect = this.hadHello;
    this.hadHello = true;
    if (frame.user) this.me = frame.user;
    if (Array.isArray(frame.rooms)) this.catalogue = frame.rooms;
    if (frame.settings && typeof frame.settings.private_messages === 'boolean') this.settings.private_messages = frame.settings.private_messages;
    if (reconnect) {
      // Re-enter the rooms the user was in; the history merges without duplicates.
      for (const id of this.rooms.keys()) this.request({ type: 'join', room: id }).then((res) => this._joinFailed(id, res));
    } else {
      // After a reload with the same session: re-enter the rooms of this tab (kept in sessionStorage).
      for (const id of savedRooms()) this.request({ type: 'join', room: id }).then((res) => this._joinFailed(id, res));
    }
    if (!this.roomsTimer) this.roomsTimer = setInterval(() => this.refreshRooms(), 30000);
    this.renderAll();
  }

  _joinFailed(id, res) {
    if (res.ok || res.code === 'network' || res.code === 'timeout') return;
    this.toast(errorText(res.code, res.message), 'error');
    if (res.code === 'room_not_found' || res.code === 'forbidden_audience') this._dropRoom(id);
  }

  _onJoined(frame) {
    const roomId = frame.room;
    this._settle((p) => p.kind === 'join' && p.room === roomId, frame);
    const fresh = !this.rooms.has(roomId);
    const info = this.catalogue.find((r) => r.id === roomId) || { id: roomId, name: roomId, topic: '' };
    const st = this.rooms.get(roomId) || { room: info, members: new Map(), items: [], seen: new Set(), unread: 0, filters: { gender: '', ageMin: '', ageMax: '', department: '' }, draft: '' };
    st.room = info;
    st.members = new Map();
    for (const u of frame.members || []) if (u && u.id) st.members.set(u.id, u);
    for (const p of this.earlyPresence[roomId] || []) {
      if (p.event === 'join') st.members.set(p.user.id, p.user);
      else if (p.event === 'leave') st.members.delete(p.user.id);
    }
    delete this.earlyPresence[roomId];
    this.rooms.set(roomId, st);
    saveRooms(this.rooms.keys());
    const history = (frame.history || []).filter((m) => m && m.id && !st.seen.has(m.id));
    for (const m of history) { st.seen.add(m.id); st.items.push({ kind: 'msg', msg: m }); }
    if (history.length) st.items.sort((a, b) => String(itemTs(a)).localeCompare(String(itemTs(b))));
    trim(st);
    if (fresh) this.activate(`room:${roomId}`);
    else { this.renderNav(); if (this.active === `room:${roomId}`) this.renderPane(); }
    this._updateCount(roomId);
  }

  _onLeft(frame) {
    this._settle((p) => p.kind === 'leave' && p.room === frame.room, frame);
    this._dropRoom(frame.room);
  }

  /** Resolve the pending requests that `frame` answers (joined/left may not echo the ref). */
  _settle(matches, frame) {
    for (const [ref, p] of this.pending) {
      if (!p.resolve || !(ref === frame.ref || matches(p))) continue;
      clearTimeout(p.timer);
      this.pending.delete(ref);
      p.resolve({ ok: true, frame });
    }
  }

  _dropRoom(roomId) {
    if (!this.rooms.delete(roomId)) return;
    saveRooms(this.rooms.keys());
    if (this.active === `room:${roomId}`) this.active = 'catalogue';
    this.renderAll();
  }

  _onMessage(m) {
    if (!m || !m.id || !m.from) return;
    if (this.blocked.has(m.from.id)) return;
    if (m.room) {
      const st = this.rooms.get(m.room);
      if (!st || st.seen.has(m.id)) return;
      st.seen.add(m.id);
      const item = { kind: 'msg', msg: m };
      st.items.push(item);
      trim(st);
      this._deliver(`room:${m.room}`, st, item, false);
      return;
    }
    if (m.conversation) {
      const mine = this.me && m.from.id === this.me.id;
      const peerId = mine ? this.convPeers.get(m.conversation) : m.from.id;
      if (!peerId) return; // our own echo before we learnt the conversation: the ack adds it
      const conv = this._ensureConv(mine ? this.convs.get(peerId)?.peer || { id: peerId, pseudo: '?' } : m.from);
      this.convPeers.set(m.conversation, peerId);
      if (!mine) conv.peer = m.from;
      if (conv.seen.has(m.id)) return;
      conv.seen.add(m.id);
      const item = { kind: 'msg', msg: m };
      conv.items.push(item);
      trim(conv);
      this._deliver(`pm:${peerId}`, conv, item, !mine);
    }
  }

  /** Extension of v1: a first private message to a minor, delivered as a request to accept. */
  _onContactRequest(frame) {
    const from = frame.from || (frame.message && frame.message.from);
    const m = frame.message;
    if (!from || !from.id || !m || !m.id || this.blocked.has(from.id)) return;
    const conv = this._ensureConv(from);
    conv.peer = from;
    conv.request = true;
    if (m.conversation) this.convPeers.set(m.conversation, from.id);
    if (conv.seen.has(m.id)) return;
    conv.seen.add(m.id);
    const item = { kind: 'msg', msg: { ...m, from: m.from || from } };
    conv.items.push(item);
    if (this.active === `pm:${from.id}`) this.renderPane();
    else this._deliver(`pm:${from.id}`, conv, item, true);
  }

  async answerContact(peer, accept) {
    const res = await this.request({ type: accept ? 'contact_accept' : 'contact_decline', user: peer.id });
    if (!res.ok) { this.toast(errorText(res.code === 'timeout' ? 'network' : res.code, res.message), 'error'); return; }
    const conv = this.convs.get(peer.id);
    if (!accept) { this.closePm(peer.id); this.toast(t('pm.declined', peer.pseudo), 'ok'); return; }
    if (conv) conv.request = false;
    if (this.active === `pm:${peer.id}`) { this.renderPane(); this.input.focus(); }
  }

  _deliver(tab, st, item, notify) {
    const visible = this.active === tab && !document.hidden;
    if (this.active === tab) this._appendItem(item);
    const fromOther = item.kind === 'msg' && (!this.me || item.msg.from.id !== this.me.id);
    if (!visible && fromOther) {
      st.unread += 1;
      this.renderNav();
      this.updateTitle();
      if (notify && this.soundEnabled()) playChime();
    } else if (tab.startsWith('pm:') && !this.navHas(tab)) {
      this.renderNav();
    }
  }

  navHas(tab) { return !!this.nav.querySelector(`[data-tab="${CSS.escape(tab)}"]`); }

  _onPresence(frame) {
    const st = this.rooms.get(frame.room);
    if (!frame.user || !frame.user.id) return;
    if (!st) {
      // The server may announce someone before answering our own join: keep it for the snapshot.
      const joining = [...this.pending.values()].some((p) => p.kind === 'join' && p.room === frame.room);
      if (joining) (this.earlyPresence[frame.room] ||= []).push(frame);
      return;
    }
    if (frame.event === 'join') st.members.set(frame.user.id, frame.user);
    else if (frame.event === 'leave') st.members.delete(frame.user.id);
    else return;
    if (this.me && frame.user.id === this.me.id) return;
    const item = { kind: 'presence', user: frame.user, event: frame.event, ts: new Date().toISOString() };
    st.items.push(item);
    trim(st);
    if (this.active === `room:${frame.room}`) { this._appendItem(item); this.renderMembers(); this._renderPaneHead(); }
    this._updateCount(frame.room);
  }

  _onNotice(frame) {
    const kind = ['safety', 'sanction', 'system'].includes(frame.kind) ? frame.kind : 'system';
    if (kind === 'sanction') { openSanction(frame); return; }
    const notices = document.getElementById('notices');
    const banner = h('div', { class: `notice notice-${kind}`, role: 'alert', 'data-testid': `notice-${kind}` },
      h('div', { class: 'notice-body' },
        h('p', { class: 'notice-title' }, icon(kind === 'safety' ? 'help' : 'bell'), h('strong', { text: t(`notice.${kind}`) })),
        h('p', { class: 'notice-text', text: frame.text || '' }),
        kind === 'safety' ? helplineChips() : null),
      h('div', { class: 'notice-actions' },
        kind === 'safety' ? h('button', { type: 'button', class: 'btn btn-quiet', text: t('header.help'), on: { click: () => openHelp() } }) : null,
        h('button', { type: 'button', class: 'btn btn-primary', text: t('notice.dismiss'), on: { click: () => banner.remove() } })));
    notices.append(banner);
    while (notices.children.length > 3) notices.firstElementChild.remove();
  }

  _onAck(frame) {
    const p = this.pending.get(frame.ref);
    if (!p) return;
    this.pending.delete(frame.ref);
    clearTimeout(p.timer);
    if (p.resolve) { p.resolve({ ok: true, frame }); return; }
    if (p.kind === 'pm' && frame.id) {
      const conv = this.convs.get(p.peerId);
      if (!conv || conv.seen.has(frame.id)) return;
      conv.seen.add(frame.id);
      const item = { kind: 'msg', msg: { id: frame.id, ts: frame.ts || new Date().toISOString(), from: this.me, text: p.text } };
      conv.items.push(item);
      trim(conv);
      this._deliver(`pm:${p.peerId}`, conv, item, false);
    }
  }

  _onError(frame) {
    const p = frame.ref ? this.pending.get(frame.ref) : null;
    const text = errorText(frame.code, frame.message);
    if (!p) { this.toast(text, 'error'); return; }
    this.pending.delete(frame.ref);
    clearTimeout(p.timer);
    if (p.resolve) { p.resolve({ ok: false, code: frame.code, message: frame.message || '' }); return; }
    if (frame.code === 'held') {
      this._systemLine(p.tab, text, 'info');
      return;
    }
    if (p.kind === 'pm' && frame.code === 'recipient_unavailable') this._systemLine(p.tab, t('pm.unavailable'), 'warn');
    this._restoreText(p.tab, p.text);
    if (this.active === p.tab) this._showComposerError(text);
    else this.toast(text, 'error');
  }

  _systemLine(tab, text, tone) {
    const st = this._tabState(tab);
    if (!st) return;
    const item = { kind: 'system', text, tone, ts: new Date().toISOString() };
    st.items.push(item);
    if (this.active === tab) this._appendItem(item);
  }

  /** Send a frame with a ref and wait for its ack or error: {ok, frame?, code?, message?}. */
  request(frame) {
    return new Promise((resolve) => {
      const ref = this._ref();
      if (!this.conn.send({ ...frame, ref })) { resolve({ ok: false, code: 'network', message: '' }); return; }
      const timer = setTimeout(() => { this.pending.delete(ref); resolve({ ok: false, code: 'timeout', message: '' }); }, REQUEST_TIMEOUT_MS);
      this.pending.set(ref, { kind: frame.type, room: frame.room, resolve, timer });
    });
  }

  _ref() { this.refSeq += 1; return `c${Date.now().toString(36)}${this.refSeq}`; }

  // ---------------------------------------------------------------- actions

  async joinRoom(roomId) {
    if (this.rooms.has(roomId)) { this.activate(`room:${roomId}`); return; }
    const res = await this.request({ type: 'join', room: roomId });
    if (res.ok) return;
    if (res.code === 'age_assurance_required') { this._checkAge(roomId); return; }
    this.toast(errorText(res.code === 'timeout' ? 'network' : res.code, res.message), 'error');
  }

  /** An adult-content room: send the provider's proof (`age_assurance`), then join again. */
  _checkAge(roomId) {
    const room = this.catalogue.find((r) => r.id === roomId) || { id: roomId, name: roomId };
    openAgeCheck({
      room,
      submit: async (token) => {
        const proof = await this.request({ type: 'age_assurance', token });
        if (!proof.ok) return { ok: false, text: errorText(proof.code === 'timeout' ? 'network' : proof.code, proof.message) };
        this.toast(t('age.done'), 'ok');
        const res = await this.request({ type: 'join', room: roomId });
        if (!res.ok) this.toast(errorText(res.code === 'timeout' ? 'network' : res.code, res.message), 'error');
        return { ok: true };
      },
    });
  }

  /** Whether the person is in the 15–17 band (their own age, else the rooms they are offered). */
  isMinor() {
    if (this.me && Number.isInteger(this.me.age)) return this.me.age < 18;
    return this.catalogue.length > 0 && this.catalogue.every((r) => r.audience === 'minors');
  }

  /** The `settings` frame; the switch shows what the server acknowledged. Resolves to {ok, text?}. */
  async setPrivateMessages(on) {
    const res = await this.request({ type: 'settings', private_messages: !!on });
    if (res.ok) { this.settings.private_messages = !!on; return { ok: true }; }
    const code = res.code === 'timeout' || res.code === 'network' ? null : res.code;
    return { ok: false, text: code ? `${errorText(code, res.message)} ${t('settings.failed')}` : t('settings.failed') };
  }

  async leaveRoom(roomId) {
    this.request({ type: 'leave', room: roomId });
    this._dropRoom(roomId);
  }

  openPm(user) {
    if (!user || (this.me && user.id === this.me.id)) return;
    this._ensureConv(user);
    this.activate(`pm:${user.id}`);
    this.input.focus();
  }

  closePm(peerId) {
    this.convs.delete(peerId);
    for (const [cid, pid] of this.convPeers) if (pid === peerId) this.convPeers.delete(cid);
    if (this.active === `pm:${peerId}`) this.active = 'catalogue';
    this.renderAll();
    this.updateTitle();
  }

  _ensureConv(user) {
    let conv = this.convs.get(user.id);
    if (!conv) {
      conv = { peer: user, items: [], seen: new Set(), unread: 0, draft: '' };
      this.convs.set(user.id, conv);
      this.renderNav();
    }
    return conv;
  }

  async block(user) {
    if (!user || this.blocked.has(user.id)) return;
    this.blocked.set(user.id, user);
    this.renderAll();
    const res = await this.request({ type: 'block', user: user.id });
    if (!res.ok && res.code !== 'network' && res.code !== 'timeout') {
      this.blocked.delete(user.id);
      this.renderAll();
      this.toast(errorText(res.code, res.message), 'error');
      return;
    }
    this.toast(t('user.blockedToast', user.pseudo), 'ok', { label: t('user.unblock'), run: () => this.unblock(user) });
  }

  async unblock(user) {
    if (!this.blocked.has(user.id)) return;
    this.blocked.delete(user.id);
    this.renderAll();
    const res = await this.request({ type: 'unblock', user: user.id });
    if (!res.ok && res.code !== 'network' && res.code !== 'timeout') {
      this.blocked.set(user.id, user);
      this.renderAll();
      this.toast(errorText(res.code, res.message), 'error');
      return;
    }
    this.toast(t('user.unblockedToast', user.pseudo), 'ok');
  }

  report(user, message = null) {
    openReport({
      user, message,
      submit: async ({ reason, details, alsoBlock, goodFaith }) => {
        // One target: the message when there is one (the server snapshots its context), else the person.
        const payload = { reason, good_faith: !!goodFaith };
        if (message) payload.message = message.id;
        else payload.user = user.id;
        if (details) payload.details = details.slice(0, MAX_TEXT);
        let res = await this.request({ type: 'report', ...payload });
        if (!res.ok && !['rate_limited', 'invalid_target', 'invalid_reason', 'good_faith_required'].includes(res.code)) {
          // The socket is down or the server cannot take reports over it yet: try HTTP.
          const http = await api.sendReport(payload);
          res = http.ok ? { ok: true } : { ok: false, code: http.error.code, message: http.error.message };
        }
        if (!res.ok) {
          const generic = ['network', 'timeout', 'not_implemented', 'bad_frame', 'server_error', 'bad_request', 'not_found'];
          return { ok: false, text: generic.includes(res.code) ? t('report.failed') : `${errorText(res.code, res.message)} ${t('report.failed')}` };
        }
        this.toast(t('report.sent'), 'ok');
        if (alsoBlock) this.block(user);
        return { ok: true };
      },
    });
  }

  showUser(user, message = null) {
    if (!user) return;
    const isMe = this.me && user.id === this.me.id;
    if (isMe) return;
    openUser({
      user, message, blocked: this.blocked.has(user.id),
      actions: {
        pm: () => this.openPm(user),
        report: () => this.report(user),
        reportMessage: message ? () => this.report(user, message) : null,
        block: () => this.block(user),
        unblock: () => this.unblock(user),
      },
    });
  }

  async refreshRooms() {
    const res = await api.listRooms();
    if (res.ok && Array.isArray(res.data)) {
      this.catalogue = res.data;
      for (const st of this.rooms.values()) {
        const info = this.catalogue.find((r) => r.id === st.room.id);
        if (info) st.room = info;
      }
      if (this.active === 'catalogue') this.renderPane();
    }
  }

  _updateCount(roomId) {
    const st = this.rooms.get(roomId);
    const info = this.catalogue.find((r) => r.id === roomId);
    if (st && info) info.members = st.members.size;
    if (this.active === 'catalogue') this.renderPane();
  }

  // ---------------------------------------------------------------- composer

  send() {
    const tab = this.active;
    if (tab === 'catalogue') return;
    const text = this.input.value;
    if (!text.trim()) { this._showComposerError(t('errors.empty_text')); return; }
    if (text.length > MAX_TEXT) { this._showComposerError(t('errors.text_too_long')); return; }
    const ref = this._ref();
    let frame;
    let pending;
    if (tab.startsWith('room:')) {
      const room = tab.slice(5);
      frame = { type: 'say', room, text, ref };
      pending = { kind: 'say', tab, text };
    } else {
      const peerId = tab.slice(3);
      if (this.blocked.has(peerId)) { this._showComposerError(t('errors.blocked')); return; }
      frame = { type: 'pm', to: peerId, text, ref };
      pending = { kind: 'pm', tab, text, peerId };
    }
    if (!this.conn.send(frame)) { this._showComposerError(t('errors.offline')); return; }
    this.pending.set(ref, pending);
    this.input.value = '';
    this._tabState(tab).draft = '';
    this._hideComposerError();
    this._onComposerInput();
  }

  _onComposerKey(e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.send();
    }
  }

  _onComposerInput() {
    const n = this.input.value.length;
    this.counter.textContent = n > MAX_TEXT * 0.8 ? t('composer.counter', n) : '';
    const st = this._tabState(this.active);
    if (st) st.draft = this.input.value;
    if (!this.composerError.hidden && n) this._hideComposerError();
  }

  _restoreText(tab, text) {
    const st = this._tabState(tab);
    if (!st) return;
    if (this.active === tab) {
      if (!this.input.value.trim()) { this.input.value = text; st.draft = text; this._onComposerInput(); }
    } else if (!st.draft.trim()) st.draft = text;
  }

  _showComposerError(text) { this.composerError.textContent = text; this.composerError.hidden = false; }
  _hideComposerError() { this.composerError.hidden = true; this.composerError.textContent = ''; }

  _renderComposerState() {
    const open = this.conn.isOpen;
    this.sendBtn.setAttribute('aria-disabled', open ? 'false' : 'true');
    this.composer.classList.toggle('is-offline', !open);
  }

  // ---------------------------------------------------------------- rendering

  _tabState(tab) {
    if (tab.startsWith('room:')) return this.rooms.get(tab.slice(5));
    if (tab.startsWith('pm:')) return this.convs.get(tab.slice(3));
    return null;
  }

  activate(tab) {
    const previous = this._tabState(this.active);
    if (previous) previous.draft = this.input.value;
    this.active = this._tabState(tab) || tab === 'catalogue' ? tab : 'catalogue';
    const st = this._tabState(this.active);
    this.input.value = st ? st.draft : '';
    this._hideComposerError();
    this._onComposerInput();
    this.membersOpen = false;
    this._markActiveRead();
    this.renderAll();
    if (this.active === 'catalogue') this.refreshRooms();
  }

  _markActiveRead() {
    const st = this._tabState(this.active);
    if (st && st.unread) { st.unread = 0; this.renderNav(); this.updateTitle(); }
  }

  updateTitle() {
    let n = 0;
    for (const c of this.convs.values()) n += c.unread;
    document.title = n ? `(${n}) ${t('appName')}` : t('appName');
  }

  renderAll() {
    this.nav.setAttribute('aria-label', t('nav.label'));
    this.composerLabel.textContent = t('composer.label');
    this.composerHint.textContent = t('composer.hint');
    this.sendBtn.querySelector('.send-label').textContent = t('composer.send');
    this.renderNav();
    this.renderPane();
    this._renderComposerState();
    this.updateTitle();
  }

  renderNav() {
    const item = (tab, label, unread, extra = {}) => {
      const current = this.active === tab;
      return h('li', {},
        h('button', {
          type: 'button', class: ['tab', current && 'is-current', extra.cls], 'data-tab': tab,
          'aria-current': current ? 'page' : null,
          on: { click: () => this.activate(tab) },
        }, extra.icon || null, extra.avatar || null, h('span', { class: 'tab-label', text: label }),
        unread ? h('span', { class: ['badge', extra.pm ? 'badge-hot' : 'badge-quiet'] },
          h('span', { 'aria-hidden': 'true', text: unread > 99 ? '99+' : String(unread) }),
          h('span', { class: 'visually-hidden', text: `, ${t('nav.unread', unread)}` })) : null));
    };
    const roomItems = [...this.rooms.values()].map((st) => item(`room:${st.room.id}`, `# ${st.room.name}`, st.unread));
    const pmItems = [...this.convs.values()].map((c) => item(`pm:${c.peer.id}`, c.peer.pseudo, c.unread, { pm: true, avatar: avatar(c.peer, 'avatar-sm'), cls: this.blocked.has(c.peer.id) && 'is-blocked' }));
    // On a phone the strip scrolls: a private message waiting off-screen gets a jump button up front.
    const waiting = [...this.convs.values()].filter((c) => c.unread > 0);
    const waitingCount = waiting.reduce((n, c) => n + c.unread, 0);
    const jump = waiting.length ? h('button', {
      type: 'button', class: 'tab-jump', 'aria-label': `${t('nav.privates')} : ${t('nav.unread', waitingCount)}`,
      on: { click: () => this.activate(`pm:${waiting[0].peer.id}`) },
    }, icon('chat'), h('span', { class: 'badge badge-hot', 'aria-hidden': 'true', text: waitingCount > 99 ? '99+' : String(waitingCount) })) : null;
    fill(this.nav,
      jump,
      h('ul', { class: 'tab-group' }, item('catalogue', t('nav.catalogue'), 0, { icon: icon('chat'), cls: 'tab-home' })),
      roomItems.length ? h('div', { class: 'tab-section' },
        h('h2', { class: 'tab-heading', text: t('nav.myRooms') }), h('ul', { class: 'tab-group' }, roomItems)) : null,
      h('div', { class: ['tab-section', !pmItems.length && 'is-empty'] },
        h('h2', { class: 'tab-heading', text: t('nav.privates') }),
        pmItems.length ? h('ul', { class: 'tab-group' }, pmItems) : h('p', { class: 'tab-empty', text: t('nav.noPrivates') })));
  }

  renderPane() {
    const tab = this.active;
    this.el.dataset.pane = tab === 'catalogue' ? 'catalogue' : tab.startsWith('room:') ? 'room' : 'pm';
    this.el.classList.toggle('members-open', this.membersOpen);
    this._renderPaneHead();
    if (tab === 'catalogue') {
      this.composer.hidden = true;
      this.members.hidden = true;
      fill(this.paneBody, this._catalogueNode());
      return;
    }
    this.composer.hidden = false;
    const st = this._tabState(tab);
    this.list = h('ol', { class: 'messages' });
    const visibleItems = st.items.filter((it) => !(it.kind === 'msg' && this.blocked.has(it.msg.from.id)));
    for (const it of visibleItems) this.list.append(this._itemNode(it));
    const empty = h('p', { class: 'messages-empty', text: tab.startsWith('room:') ? t('room.empty') : t('pm.empty') });
    empty.hidden = visibleItems.some((it) => it.kind === 'msg');
    this.emptyNote = empty;
    fill(this.paneBody, h('div', { class: 'log', role: 'log', 'aria-labelledby': 'pane-title', 'data-testid': 'messages' }, empty, this.list));
    const placeholder = tab.startsWith('room:') ? t('composer.placeholderRoom', st.room.name) : t('composer.placeholderPm', st.peer.pseudo);
    this.input.placeholder = placeholder;
    this.members.hidden = !tab.startsWith('room:');
    if (tab.startsWith('room:')) this.renderMembers();
    if (st.request) {
      // A contact request: the minor decides before anything else can be written.
      this.composer.hidden = true;
      this.paneBody.append(h('div', { class: 'contact-request', role: 'region', 'aria-labelledby': 'contact-request-title', 'data-testid': 'contact-request' },
        h('h2', { id: 'contact-request-title', text: t('pm.requestTitle', st.peer.pseudo) }),
        h('p', { text: t('pm.requestText') }),
        h('div', { class: 'contact-request-actions' },
          h('button', { type: 'button', class: 'btn btn-primary', text: t('pm.accept'), on: { click: () => this.answerContact(st.peer, true) } }),
          h('button', { type: 'button', class: 'btn btn-quiet', text: t('pm.decline'), on: { click: () => this.answerContact(st.peer, false) } }),
          h('button', { type: 'button', class: 'btn btn-danger-soft', on: { click: () => this.report(st.peer) } }, icon('flag'), t('report.title')))));
    }
    this._scrollToEnd(true);
  }

  _renderPaneHead() {
    const tab = this.active;
    if (tab === 'catalogue') {
      const band = this.catalogue.length && this.catalogue.every((r) => r.audience === 'minors') ? t('rooms.introMinors')
        : this.catalogue.length && this.catalogue.every((r) => r.audience === 'adults') ? t('rooms.introAdults') : '';
      fill(this.paneHead, h('div', { class: 'pane-titles' },
        h('h1', { id: 'pane-title', text: t('rooms.title') }),
        h('p', { class: 'pane-sub', text: [t('rooms.intro'), band].filter(Boolean).join(' ') })));
      return;
    }
    if (tab.startsWith('room:')) {
      const st = this.rooms.get(tab.slice(5));
      fill(this.paneHead,
        h('div', { class: 'pane-titles' },
          h('h1', { id: 'pane-title', text: `# ${st.room.name}` }),
          st.room.topic ? h('p', { class: 'pane-sub', text: st.room.topic }) : null),
        h('div', { class: 'pane-actions' },
          h('button', { type: 'button', class: 'btn btn-quiet btn-members', 'aria-expanded': this.membersOpen ? 'true' : 'false', 'aria-controls': 'members-panel',
            on: { click: () => this._toggleMembers() } }, icon('users'), h('span', { text: t('room.membersButton', st.members.size) })),
          h('button', { type: 'button', class: 'icon-btn', 'aria-label': t('room.leave'), title: t('room.leave'), on: { click: () => this.leaveRoom(st.room.id) } }, icon('leave'))));
      return;
    }
    const conv = this.convs.get(tab.slice(3));
    const peer = conv.peer;
    const blocked = this.blocked.has(peer.id);
    fill(this.paneHead,
      h('div', { class: 'pane-titles pane-titles-pm' }, avatar(peer),
        h('div', {}, h('h1', { id: 'pane-title' }, h('span', { class: 'visually-hidden', text: `${t('pm.with', '')}` }), peer.pseudo),
          h('p', { class: 'pane-sub', text: [userMeta(peer), blocked ? t('user.blockedBadge') : ''].filter(Boolean).join(' · ') }))),
      h('div', { class: 'pane-actions' },
        h('button', { type: 'button', class: 'btn btn-quiet', on: { click: () => this.report(peer) } }, icon('flag'), h('span', { class: 'hide-narrow', text: t('report.title') })),
        h('button', { type: 'button', class: 'btn btn-quiet', on: { click: () => (blocked ? this.unblock(peer) : this.block(peer)) } }, icon('block'),
          h('span', { class: 'hide-narrow', text: blocked ? t('user.unblock') : t('user.block') })),
        h('button', { type: 'button', class: 'icon-btn', 'aria-label': t('pm.close'), title: t('pm.close'), on: { click: () => this.closePm(peer.id) } }, icon('close'))));
    // On narrow screens the labels are hidden: keep accessible names on the buttons.
    const [rep, blk] = this.paneHead.querySelectorAll('.pane-actions .btn');
    rep.setAttribute('aria-label', t('user.report'));
    blk.setAttribute('aria-label', blocked ? t('user.unblock') : t('user.block'));
  }

  _toggleMembers() {
    this.membersOpen = !this.membersOpen;
    this.el.classList.toggle('members-open', this.membersOpen);
    this._renderPaneHead();
    if (this.membersOpen) this.members.querySelector('h2')?.focus();
  }

  _catalogueNode() {
    if (!this.catalogue.length) return h('p', { class: 'messages-empty', text: this.hadHello ? t('rooms.empty') : t('a11y.loading') });
    const wrap = h('div', { class: 'catalogue' });
    const search = h('input', { id: 'room-search', type: 'search', value: this.roomQuery || '', autocomplete: 'off', placeholder: t('rooms.searchPlaceholder'),
      on: { input: (e) => { this.roomQuery = e.target.value; renderGroups(); } } });
    const groupsNode = h('div', { class: 'themes' });
    const jump = h('nav', { class: 'theme-jump', 'aria-label': t('rooms.themesNav') });
    const renderGroups = () => {
      const q = fold(this.roomQuery || '');
      const rooms = this.catalogue.filter((r) => !q || fold(`${r.name} ${r.topic || ''} ${r.theme || ''}`).includes(q));
      const groups = new Map();
      for (const room of rooms) {
        const theme = String(room.theme || room.category || '').trim() || OTHER_THEME;
        if (!groups.has(theme)) groups.set(theme, []);
        groups.get(theme).push(room);
      }
      const ordered = [...groups].sort(([a], [b]) => themeRank(a) - themeRank(b) || a.localeCompare(b, 'fr'));
      // Headings as soon as the catalogue has several themes (even when the search leaves one).
      const titled = new Set(this.catalogue.map((r) => String(r.theme || r.category || '').trim() || OTHER_THEME)).size > 1;
      const ids = ordered.map(([theme], i) => `theme-${i}-${slug(theme)}`);
      fill(groupsNode, rooms.length ? ordered.map(([theme, list], i) => h('section', { class: 'theme', 'aria-labelledby': titled ? ids[i] : null, 'data-theme': theme },
        titled ? h('h2', { id: ids[i], class: 'theme-title', tabindex: '-1' },
          h('span', { text: themeName(theme) }), h('span', { class: 'theme-count', text: t('rooms.themeCount', list.length) })) : null,
        h('ul', { class: 'room-grid' }, list.map((room) => this._roomCard(room)))))
        : h('p', { class: 'messages-empty', text: t('rooms.noMatch') }));
      // A row of shortcuts to the headings: on a phone the catalogue is long.
      fill(jump, titled && ordered.length > 2 ? h('ul', {}, ordered.map(([theme], i) => h('li', {},
        h('button', { type: 'button', class: 'chip chip-theme', text: themeName(theme),
          on: { click: () => { const title = groupsNode.querySelector(`#${ids[i]}`); title?.scrollIntoView({ block: 'start', behavior: 'smooth' }); title?.focus({ preventScroll: true }); } } })))) : null);
      jump.hidden = !(titled && ordered.length > 2);
    };
    renderGroups();
    wrap.append(h('div', { class: 'room-search' }, h('label', { for: 'room-search', class: 'visually-hidden', text: t('rooms.search') }), search), jump, groupsNode);
    return wrap;
  }

  _mixedAudiences() { return new Set(this.catalogue.map((r) => r.audience)).size > 1; }

  _roomCard(room) {
    const joined = this.rooms.has(room.id);
    const count = Number.isInteger(room.members) ? room.members : 0;
    return h('li', { class: ['room-card', joined && 'is-joined'] },
      h('div', { class: 'room-card-main' },
        h('h3', { class: 'room-name', text: room.name }),
        room.topic ? h('p', { class: 'room-topic', text: room.topic }) : null,
        h('p', { class: 'room-meta' },
          h('span', { class: ['room-count', count > 0 && 'is-lively'] }, icon('users'), h('span', { text: t('rooms.members', count) })),
          room.audience && room.audience !== 'all' && this._mixedAudiences() ? h('span', { class: `pill pill-${room.audience}`, text: t(`rooms.audience.${room.audience}`) }) : null,
          room.adult_content ? h('span', { class: 'pill pill-adult', title: t('rooms.adultBadgeLabel') }, icon('shield'),
            h('span', { 'aria-hidden': 'true', text: t('rooms.adultBadge') }), h('span', { class: 'visually-hidden', text: t('rooms.adultBadgeLabel') })) : null)),
      h('button', { type: 'button', class: ['btn', joined ? 'btn-quiet' : 'btn-primary', 'btn-small'],
        'aria-label': joined ? t('rooms.openLabel', room.name) : t('rooms.joinLabel', room.name),
        on: { click: () => this.joinRoom(room.id) }, text: joined ? t('rooms.open') : t('rooms.join') }));
  }

  renderMembers() {
    const tab = this.active;
    if (!tab.startsWith('room:')) return;
    const st = this.rooms.get(tab.slice(5));
    const f = st.filters;
    const all = [...st.members.values()].sort((a, b) => String(a.pseudo).localeCompare(String(b.pseudo), 'fr', { sensitivity: 'base' }));
    const hasAges = all.some((u) => Number.isInteger(u.age));
    const match = (u) => {
      if (f.gender && u.gender !== f.gender) return false;
      const min = parseInt(f.ageMin, 10);
      const max = parseInt(f.ageMax, 10);
      if (!Number.isNaN(min) && !(Number.isInteger(u.age) && u.age >= min)) return false;
      if (!Number.isNaN(max) && !(Number.isInteger(u.age) && u.age <= max)) return false;
      if (f.department.trim() && String(u.department || '').toUpperCase() !== f.department.trim().toUpperCase()) return false;
      return true;
    };
    const shown = all.filter(match);
    const listId = 'member-list';
    const renderList = () => {
      const visible = all.filter(match);
      fill(countNode, t('filters.count', visible.length, all.length));
      fill(list, visible.length ? visible.map((u) => this._memberNode(u)) : h('li', { class: 'member-none', text: t('filters.none') }));
    };
    const onFilter = (key) => (e) => { f[key] = e.target.value; renderList(); };
    const countNode = h('p', { class: 'members-count', 'aria-live': 'polite', text: t('filters.count', shown.length, all.length) });
    const list = h('ul', { class: 'member-list', id: listId, 'data-testid': 'member-list' });
    const genderSelect = h('select', { id: 'filter-gender', on: { change: onFilter('gender') } },
      ['', 'f', 'm', 'x'].map((g) => h('option', { value: g, text: t(`genderPlural.${g || 'all'}`), selected: f.gender === g ? true : null })));
    genderSelect.value = f.gender;
    fill(this.members,
      h('div', { class: 'members-head' },
        h('h2', { id: 'members-title', tabindex: '-1', text: t('room.membersTitle') }),
        h('button', { type: 'button', class: 'icon-btn members-close', 'aria-label': t('room.hideMembers'), on: { click: () => this._toggleMembers() } }, icon('close'))),
      h('form', { class: 'filters', 'aria-label': t('filters.title'), on: { submit: (e) => e.preventDefault() } },
        h('div', { class: 'filter' }, h('label', { for: 'filter-gender', text: t('filters.gender') }), genderSelect),
        hasAges ? h('div', { class: 'filter filter-age' },
          h('label', { for: 'filter-age-min', text: t('filters.ageMin') }),
          h('input', { id: 'filter-age-min', type: 'number', inputmode: 'numeric', min: 15, max: 120, value: f.ageMin, on: { input: onFilter('ageMin') } })) : null,
        hasAges ? h('div', { class: 'filter filter-age' },
          h('label', { for: 'filter-age-max', text: t('filters.ageMax') }),
          h('input', { id: 'filter-age-max', type: 'number', inputmode: 'numeric', min: 15, max: 120, value: f.ageMax, on: { input: onFilter('ageMax') } })) : null,
        h('div', { class: 'filter' },
          h('label', { for: 'filter-department', text: t('filters.department') }),
          h('input', { id: 'filter-department', type: 'text', maxlength: 3, placeholder: t('filters.departmentPlaceholder'), value: f.department, on: { input: onFilter('department') } })),
        h('button', { type: 'button', class: 'link-btn', text: t('filters.reset'),
          on: { click: () => { st.filters = { gender: '', ageMin: '', ageMax: '', department: '' }; this.renderMembers(); } } })),
      countNode, list);
    renderList();
  }

  _memberNode(u) {
    const isMe = this.me && u.id === this.me.id;
    const blocked = this.blocked.has(u.id);
    return h('li', { class: ['member', isMe && 'is-me', blocked && 'is-blocked'], 'data-user': u.id },
      avatar(u),
      h('div', { class: 'member-id' },
        h('span', { class: 'member-pseudo' }, u.pseudo, isMe ? h('span', { class: 'member-you', text: ` (${t('room.you')})` }) : null),
        h('span', { class: 'member-meta', text: [userMeta(u), blocked ? t('user.blockedBadge') : ''].filter(Boolean).join(' · ') })),
      isMe ? null : h('div', { class: 'member-actions' },
        blocked ? null : h('button', { type: 'button', class: 'icon-btn', 'aria-label': t('pm.writeTo', u.pseudo), title: t('pm.writeTo', u.pseudo), on: { click: () => this.openPm(u) } }, icon('chat')),
        h('button', { type: 'button', class: 'icon-btn', 'aria-label': t('user.actions', u.pseudo), title: t('user.actions', u.pseudo), on: { click: () => this.showUser(u) } }, icon('more'))));
  }

  _itemNode(it) {
    if (it.kind === 'presence') {
      return h('li', { class: 'presence' }, h('span', { text: it.event === 'join' ? t('room.joined', it.user.pseudo) : t('room.left', it.user.pseudo) }));
    }
    if (it.kind === 'system') return h('li', { class: `system system-${it.tone}`, text: it.text });
    const m = it.msg;
    const mine = this.me && m.from.id === this.me.id;
    const time = h('time', { class: 'msg-time', datetime: m.ts || '', text: formatTime(m.ts) });
    return h('li', { class: ['msg', mine && 'msg-own'], 'data-id': m.id },
      mine ? null : avatar(m.from),
      h('div', { class: 'msg-bubble' },
        h('div', { class: 'msg-head' },
          mine ? h('span', { class: 'msg-author', text: t('message.you') })
            : h('button', { type: 'button', class: 'msg-author', on: { click: () => this.showUser(m.from) }, text: m.from.pseudo }),
          mine ? null : h('span', { class: 'msg-meta', text: userMeta(m.from) }),
          time,
          mine ? null : h('button', { type: 'button', class: 'icon-btn msg-more', 'aria-label': t('message.actions', m.from.pseudo),
            title: t('message.actions', m.from.pseudo), on: { click: () => this.showUser(m.from, m) } }, icon('more'))),
        h('p', { class: 'msg-text', text: m.text })));
  }

  _appendItem(it) {
    if (!this.list || !this.list.isConnected) return;
    if (it.kind === 'msg' && this.blocked.has(it.msg.from.id)) return;
    const nearBottom = this.paneBody.scrollHeight - this.paneBody.scrollTop - this.paneBody.clientHeight < 120;
    this.list.append(this._itemNode(it));
    while (this.list.children.length > MAX_ITEMS) this.list.firstElementChild.remove();
    if (it.kind === 'msg' && this.emptyNote) this.emptyNote.hidden = true;
    const mine = it.kind === 'msg' && this.me && it.msg.from.id === this.me.id;
    this._scrollToEnd(nearBottom || mine);
  }

  _scrollToEnd(force) {
    if (!force) return;
    requestAnimationFrame(() => { this.paneBody.scrollTop = this.paneBody.scrollHeight; });
  }
}

const ROOMS_KEY = 'havre.rooms';

/** The rooms this tab was in, so that a reload re-enters them (same session). */
function savedRooms() {
  try { return JSON.parse(sessionStorage.getItem(ROOMS_KEY) || '[]').filter((id) => typeof id === 'string').slice(0, 10); } catch { return []; }
}

function saveRooms(ids) {
  try { sessionStorage.setItem(ROOMS_KEY, JSON.stringify([...ids])); } catch { /* storage may be disabled */ }
}

/** Forget the rooms of the previous session. */
export function forgetSavedRooms() {
  try { sessionStorage.removeItem(ROOMS_KEY); } catch { /* ignore */ }
}

function themeRank(theme) {
  const first = THEME_ORDER.indexOf(theme);
  if (first >= 0) return first;
  const last = THEME_LAST.indexOf(theme);
  return last >= 0 ? 100 + last : 50;
}

/** A theme's heading in the interface's language (the server names them in French). */
function themeName(theme) {
  const names = t('rooms.themes');
  return (names && typeof names === 'object' && typeof names[theme] === 'string' && names[theme]) || theme;
}

function slug(text) {
  return fold(text).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';
}

/** Lower-case without accents, for searching room names. */
function fold(text) {
  return String(text).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
}

function trim(st) {
  if (st.items.length > MAX_ITEMS) st.items.splice(0, st.items.length - MAX_ITEMS);
}

function itemTs(it) { return it.kind === 'msg' ? it.msg.ts || '' : it.ts || ''; }

function formatTime(ts) {
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleTimeString(document.documentElement.lang || 'fr', { hour: '2-digit', minute: '2-digit' });
}
