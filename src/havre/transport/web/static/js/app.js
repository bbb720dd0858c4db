// Havre web client: boot, header controls (help, theme, language, sound, leave), connection banner,
// toasts, and the switch between the entry form and the chat.
//
// Modules: i18n.js (catalogues), api.js (HTTP), connection.js (WebSocket + backoff), entry.js (entry
// form), chat.js (rooms, private conversations, members), dialogs.js (help, report, user, sanction,
// age check), modal.js (<dialog>), settings.js (private messages, theme, sound), statements.js
// (moderation decisions and appeals), help.js (help content), sound.js (WAV chime), errors.js (error
// codes → texts), dom.js (text-only DOM).
import { h, fill, icon } from './dom.js';
import { t, lang, setLanguage, onLanguageChange, applyI18n } from './i18n.js';
import * as api from './api.js';
import { Connection } from './connection.js';
import { EntryView } from './entry.js';
import { ChatView, forgetSavedRooms } from './chat.js';
import { openHelp } from './dialogs.js';
import { openSettings } from './settings.js';
import { savedSanction } from './statements.js';
import { errorText } from './errors.js';

const main = document.getElementById('main');
const banner = document.getElementById('connection-banner');
const toasts = document.getElementById('toasts');
const store = {
  get(key, fallback) { try { return localStorage.getItem(key) ?? fallback; } catch { return fallback; } },
  set(key, value) { try { localStorage.setItem(key, value); } catch { /* ignore */ } },
};

// ------------------------------------------------------------------ theme and sound

const darkQuery = window.matchMedia('(prefers-color-scheme: dark)');
function effectiveTheme() {
  const chosen = store.get('havre.theme', '');
  return chosen === 'dark' || chosen === 'light' ? chosen : darkQuery.matches ? 'dark' : 'light';
}
function applyTheme() {
  const theme = effectiveTheme();
  document.documentElement.dataset.theme = theme;
  const btn = document.getElementById('theme-button');
  const label = theme === 'dark' ? t('header.themeToLight') : t('header.themeToDark');
  fill(btn, icon(theme === 'dark' ? 'sun' : 'moon'));
  btn.setAttribute('aria-label', label);
  btn.title = label;
  document.querySelector('meta[name="theme-color"]').setAttribute('content', theme === 'dark' ? '#0f1a22' : '#0b6a85');
}
darkQuery.addEventListener('change', applyTheme);

const soundEnabled = () => store.get('havre.sound', 'on') === 'on';
function applySound() {
  const btn = document.getElementById('sound-button');
  const on = soundEnabled();
  fill(btn, icon(on ? 'bell' : 'bellOff'));
  btn.setAttribute('aria-label', on ? t('header.soundOff') : t('header.soundOn'));
  btn.setAttribute('aria-pressed', on ? 'true' : 'false');
  btn.title = btn.getAttribute('aria-label');
}

// ------------------------------------------------------------------ toasts

function toast(text, tone = 'info', action = null) {
  const node = h('div', { class: `toast toast-${tone}` }, h('p', { text }));
  if (action) node.append(h('button', { type: 'button', class: 'link-btn', text: action.label, on: { click: () => { node.remove(); action.run(); } } }));
  toasts.append(node);
  while (toasts.children.length > 3) toasts.firstElementChild.remove();
  setTimeout(() => node.remove(), action ? 8000 : 5000);
}

// ------------------------------------------------------------------ connection

const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
let countdown = null;

const conn = new Connection(wsUrl, {
  onFrame: (frame) => chat.onFrame(frame),
  onStatus: (status) => renderConnection(status),
  onAuthLost: (code) => {
    chat.onConnectionLost();
    // 4003: a moderator ended the session (its sanction notice came first, and its appeal code is kept).
    if (code === 4003) entry.banner = { kind: 'ended', sanction: savedSanction() };
    showEntry(code === 4003 ? null : t('conn.ended'));
  },
  probe: async () => {
    const res = await api.listRooms();
    if (res.ok) return 'ok';
    return res.status === 401 ? 'unauthorized' : 'down';
  },
});

let lastState = 'none';
function renderConnection(status) {
  const state = status.state;
  document.body.dataset.connection = state;
  clearInterval(countdown);
  if (state !== 'open') chat.onConnectionLost();
  chat.onConnectionStatus();
  if (state === 'open') {
    if (lastState === 'waiting' || lastState === 'connecting-after-loss') toast(t('conn.back'), 'ok');
    banner.hidden = true;
    fill(banner);
    lastState = 'open';
    return;
  }
  if (state === 'stopped') { banner.hidden = true; lastState = 'stopped'; return; }
  if (state === 'connecting') {
    if (lastState === 'waiting' || lastState === 'connecting-after-loss') { lastState = 'connecting-after-loss'; return; }
    lastState = 'connecting';
    if (!chat.hadHello) { banner.hidden = true; return; }
    return;
  }
  // waiting: a retry is scheduled
  lastState = 'waiting';
  const seconds = h('span', { 'aria-hidden': 'true' });
  const tick = () => { seconds.textContent = ` ${t('conn.retryIn', Math.max(0, Math.ceil((status.retryAt - Date.now()) / 1000)))}`; };
  tick();
  countdown = setInterval(tick, 1000);
  fill(banner, h('p', {}, h('strong', { text: t('conn.lost') }), seconds),
    h('button', { type: 'button', class: 'btn btn-small btn-quiet', text: t('conn.retryNow'), on: { click: () => conn.retryNow() } }));
  banner.hidden = false;
}

// ------------------------------------------------------------------ views

const chat = new ChatView({ conn, toast, soundEnabled });
const entry = new EntryView({
  openHelp,
  onEntered: () => startChat(),
});

function setView(name) {
  document.body.dataset.view = name;
  document.getElementById('logout-button').hidden = name !== 'chat';
  document.getElementById('sound-button').hidden = name !== 'chat';
  document.getElementById('settings-button').hidden = name !== 'chat';
}

function showEntry(message = null) {
  conn.stop();
  chat.reset();
  forgetSavedRooms();
  setView('entry');
  document.title = t('appName');
  fill(main, entry.render());
  if (message) toast(message, 'info');
  main.querySelector('#entry-pseudo')?.focus();
}

function startChat() {
  chat.reset();
  setView('chat');
  fill(main, chat.el);
  chat.renderAll();
  conn.start();
}

async function boot() {
  applyI18n();
  applyTheme();
  applySound();
  const res = await api.listRooms();
  if (res.ok) {
    if (Array.isArray(res.data)) chat.catalogue = res.data;
    startChat();
  } else {
    showEntry(res.status === 0 ? errorText('network') : null);
  }
}

// ------------------------------------------------------------------ header

document.getElementById('help-button').addEventListener('click', () => openHelp());
document.getElementById('theme-button').addEventListener('click', () => {
  store.set('havre.theme', effectiveTheme() === 'dark' ? 'light' : 'dark');
  applyTheme();
});
document.getElementById('sound-button').addEventListener('click', () => {
  store.set('havre.sound', soundEnabled() ? 'off' : 'on');
  applySound();
});
document.getElementById('settings-button').addEventListener('click', () => openSettings({
  privateMessages: () => chat.settings.private_messages,
  minor: () => chat.isMinor(),
  setPrivateMessages: (on) => chat.setPrivateMessages(on),
  dark: () => effectiveTheme() === 'dark',
  setDark: (on) => { store.set('havre.theme', on ? 'dark' : 'light'); applyTheme(); },
  sound: soundEnabled,
  setSound: (on) => { store.set('havre.sound', on ? 'on' : 'off'); applySound(); },
}));
document.getElementById('lang-button').addEventListener('click', () => setLanguage(lang() === 'fr' ? 'en' : 'fr'));
document.getElementById('logout-button').addEventListener('click', async () => {
  await api.endSession();
  showEntry();
});

function renderHeader() {
  const btn = document.getElementById('lang-button');
  fill(btn, h('span', { class: 'label-long', text: t('header.switchLang') }),
    h('span', { class: 'label-short', 'aria-hidden': 'true', text: t('header.switchLangShort') }));
  btn.lang = lang() === 'fr' ? 'en' : 'fr';
  btn.setAttribute('aria-label', t('header.switchLangLabel'));
  const logout = document.getElementById('logout-button');
  logout.setAttribute('aria-label', t('header.logoutLabel'));
  const settings = document.getElementById('settings-button');
  fill(settings, icon('settings'));
  settings.setAttribute('aria-label', t('header.settings'));
  settings.title = t('header.settings');
  settings.setAttribute('aria-haspopup', 'dialog');
}

onLanguageChange(() => {
  applyI18n();
  renderHeader();
  applyTheme();
  applySound();
  if (document.body.dataset.view === 'entry') entry.render();
  if (document.body.dataset.view === 'chat') chat.renderAll();
  const help = document.querySelector('dialog.modal-help');
  if (help) { help.close(); openHelp(); }
  const settings = document.querySelector('dialog.modal-settings');
  if (settings) { settings.close(); setTimeout(() => document.getElementById('settings-button').click(), 0); }
});

renderHeader();
boot();
