// The one modal builder, on <dialog>: Escape closes it (unless it must be acknowledged), focus returns
// where it was, and the backdrop closes the non-critical ones.
import { h, icon } from './dom.js';
import { t } from './i18n.js';

let counter = 0;

export function modal({ title, body, className = '', role = 'dialog', closable = true, footer = null, onClose = null }) {
  const id = `dlg-title-${++counter}`;
  const previous = document.activeElement;
  const dlg = h('dialog', { class: `modal ${className}`, 'aria-labelledby': id, role: role === 'dialog' ? null : role });
  const close = () => { if (dlg.open) dlg.close(); };
  const head = h('div', { class: 'modal-head' },
    h('h2', { id, class: 'modal-title', text: title }),
    h('button', { type: 'button', class: 'icon-btn modal-close', 'aria-label': t('a11y.close'), on: { click: close } }, icon('close')));
  dlg.append(head, h('div', { class: 'modal-body' }, body), footer || '');
  if (closable) {
    dlg.addEventListener('click', (e) => { if (e.target === dlg) close(); });
  } else {
    dlg.addEventListener('cancel', (e) => e.preventDefault());
  }
  dlg.addEventListener('close', () => {
    dlg.remove();
    onClose?.();
    if (previous && previous.isConnected && typeof previous.focus === 'function') previous.focus();
  });
  document.body.append(dlg);
  dlg.showModal();
  return { dlg, close };
}
