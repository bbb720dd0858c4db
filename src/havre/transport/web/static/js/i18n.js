// Message catalogues: one ES module per language in /static/i18n/. The choice is kept in localStorage.
import fr from '../i18n/fr.js';
import en from '../i18n/en.js';

const CATALOGUES = { fr, en };
const STORAGE_KEY = 'havre.lang';
let current = fr;
const listeners = new Set();

function initialLanguage() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && CATALOGUES[saved]) return saved;
  } catch { /* storage may be disabled */ }
  return 'fr'; // French by default, whatever the browser says: Havre is a French service.
}

export function lang() { return current.lang; }

export function setLanguage(code) {
  current = CATALOGUES[code] || fr;
  document.documentElement.lang = current.lang;
  try { localStorage.setItem(STORAGE_KEY, current.lang); } catch { /* ignore */ }
  for (const fn of listeners) fn(current.lang);
}

export function onLanguageChange(fn) { listeners.add(fn); }

function lookup(catalogue, key) {
  let value = catalogue;
  for (const part of key.split('.')) {
    if (value === undefined || value === null) return undefined;
    value = value[part];
  }
  return value;
}

/** Translate `key`; functions in the catalogue receive `args`. Falls back to French, then the key. */
export function t(key, ...args) {
  let value = lookup(current, key);
  if (value === undefined) value = lookup(fr, key);
  if (value === undefined) return key;
  return typeof value === 'function' ? value(...args) : value;
}

/** True when the catalogue has an entry for `key`. */
export function has(key) { return lookup(current, key) !== undefined; }

/** Fill every [data-i18n] (textContent) and [data-i18n-label] (aria-label) under `root`. */
export function applyI18n(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
}

/** A date and time in the interface's language: "30 novembre 2026 à 10:00". */
export function formatDate(value) {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return d.toLocaleString(current.lang, { dateStyle: 'long', timeStyle: 'short' });
}

/** A date alone: "30 novembre 2026". */
export function formatDay(value) {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return d.toLocaleDateString(current.lang, { dateStyle: 'long' });
}

setLanguage(initialLanguage());
