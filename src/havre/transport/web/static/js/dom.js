// Tiny DOM builder. Every string child becomes a text node: untrusted data (pseudos, messages,
// server texts) is never parsed as HTML anywhere in the client.

/**
 * Create an element.
 * attrs: plain attributes, plus `class`, `dataset` (object), `on` (object of listeners),
 * `text` (textContent), and boolean/IDL properties such as `hidden`, `disabled`, `checked`, `value`.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'on') for (const [ev, fn] of Object.entries(value)) el.addEventListener(ev, fn);
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'hidden' || key === 'disabled' || key === 'checked' || key === 'value' || key === 'required')
      el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replace the children of `el` with `children` (strings become text nodes). */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** An inline SVG icon from the sprite-free set below (static markup, never user data). */
const ICONS = {
  help: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm0 4a4 4 0 1 1 0 8 4 4 0 0 1 0-8Zm-6.3 2.3 2.6 1.5M18.3 8.3l-2.6 1.5M5.7 15.7l2.6-1.5M18.3 15.7l-2.6-1.5',
  send: 'M3 20.5 21 12 3 3.5v6.6L15 12 3 13.9z',
  more: 'M5 10.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3Zm7 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3Zm7 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3Z',
  close: 'M6 6l12 12M18 6 6 18',
  moon: 'M20 14.5A8.5 8.5 0 0 1 9.5 4a8.5 8.5 0 1 0 10.5 10.5Z',
  sun: 'M12 7a5 5 0 1 0 0 10 5 5 0 0 0 0-10Zm0-5v2m0 16v2M4.2 4.2l1.4 1.4m12.8 12.8 1.4 1.4M2 12h2m16 0h2M4.2 19.8l1.4-1.4M18.4 5.6l1.4-1.4',
  users: 'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm-7 10v-1a6 6 0 0 1 12 0v1M17 11a3 3 0 1 0 0-6M22 21v-1a5 5 0 0 0-4-4.9',
  flag: 'M5 21V4m0 0h11l-2 4 2 4H5',
  block: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18ZM5.6 5.6l12.8 12.8',
  chat: 'M4 5h16v11H8l-4 4z',
  bell: 'M6 17V11a6 6 0 1 1 12 0v6l2 2H4zM10 21h4',
  bellOff: 'M6 17V11a6 6 0 0 1 9.6-4.8M18 11v6l2 2H4M10 21h4M3 3l18 18',
  phone: 'M5 3h4l2 5-2.5 1.5a11 11 0 0 0 6 6L16 13l5 2v4a2 2 0 0 1-2 2A17 17 0 0 1 3 5a2 2 0 0 1 2-2Z',
  leave: 'M15 4h4v16h-4M10 8l-4 4 4 4M6 12h10',
  back: 'M15 5l-7 7 7 7',
  settings: 'M4 7h10m4 0h2M4 17h4m4 0h8M14 4.5v5M8 14.5v5',
  shield: 'M12 3 5 6v5c0 4.5 3 8.5 7 10 4-1.5 7-5.5 7-10V6z',
  scale: 'M12 4v16M7 20h10M5 8h14M5 8l-3 6a3 3 0 0 0 6 0zm14 0-3 6a3 3 0 0 0 6 0z',
};

const SVG_NS = 'http://www.w3.org/2000/svg';
export function icon(name, cls = '') {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', `icon ${cls}`.trim());
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', ICONS[name] || '');
  svg.append(path);
  return svg;
}
