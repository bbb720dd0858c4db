// "Mes réglages": the private-messages switch (the `settings` frame, an extension of v1, reflected once
// the server acknowledges it), the theme and sound (also in the header on wide screens), and the way
// to the moderation decisions.
import { h, fill, icon } from './dom.js';
import { t } from './i18n.js';
import { modal } from './modal.js';
import { openStatements } from './statements.js';

/**
 * options: {
 *   privateMessages(): bool, minor(): bool,
 *   setPrivateMessages(bool) → Promise<{ok, text?}>,
 *   dark(): bool, setDark(bool), sound(): bool, setSound(bool),
 * }
 */
export function openSettings(options) {
  const existing = document.querySelector('dialog.modal-settings');
  if (existing) return null;
  const pmHelp = h('p', { id: 'settings-pm-help', class: 'field-help' });
  const pmStatus = h('p', { class: 'settings-status', role: 'status', 'data-testid': 'settings-status' });
  const pm = h('input', { id: 'settings-pm', type: 'checkbox', role: 'switch', class: 'switch-input', 'aria-describedby': 'settings-pm-help' });
  const describe = () => {
    const on = pm.checked;
    pm.setAttribute('aria-checked', on ? 'true' : 'false');
    const key = `${on ? 'pmOn' : 'pmOff'}${options.minor() ? 'Minor' : 'Adult'}`;
    fill(pmHelp, t(`settings.${key}`));
  };
  pm.checked = options.privateMessages();
  describe();
  pm.addEventListener('change', async () => {
    const wanted = pm.checked;
    pm.disabled = true;
    pmStatus.className = 'settings-status';
    fill(pmStatus, t('settings.saving'));
    const res = await options.setPrivateMessages(wanted);
    pm.disabled = false;
    pm.checked = options.privateMessages(); // what the server acknowledged, not what was clicked
    describe();
    pmStatus.classList.add(res.ok ? 'is-ok' : 'is-error');
    fill(pmStatus, res.ok ? t(wanted ? 'settings.savedOn' : 'settings.savedOff') : res.text || t('settings.failed'));
    pm.focus();
  });

  const toggle = (id, label, get, set) => {
    const input = h('input', { id, type: 'checkbox', role: 'switch', class: 'switch-input', checked: get() });
    input.addEventListener('change', () => { set(input.checked); input.checked = get(); });
    return h('div', { class: 'setting-row' }, h('label', { for: id, class: 'setting-label', text: label }), input);
  };

  const body = h('div', { class: 'settings' },
    h('section', { class: 'settings-section', 'aria-labelledby': 'settings-pm-title' },
      h('h3', { id: 'settings-pm-title' }, icon('chat'), h('span', { text: t('settings.pmTitle') })),
      h('div', { class: 'setting-row' }, h('label', { for: 'settings-pm', class: 'setting-label', text: t('settings.pmLabel') }), pm),
      pmHelp, pmStatus),
    h('section', { class: 'settings-section', 'aria-labelledby': 'settings-look-title' },
      h('h3', { id: 'settings-look-title' }, icon('settings'), h('span', { text: t('settings.appearanceTitle') })),
      toggle('settings-dark', t('settings.dark'), options.dark, options.setDark),
      toggle('settings-sound', t('settings.sound'), options.sound, options.setSound)),
    h('section', { class: 'settings-section', 'aria-labelledby': 'settings-mod-title' },
      h('h3', { id: 'settings-mod-title' }, icon('scale'), h('span', { text: t('settings.moderationTitle') })),
      h('p', { class: 'field-help', text: t('settings.moderationText') }),
      h('button', { type: 'button', class: 'btn btn-quiet', on: { click: () => { m.close(); setTimeout(() => openStatements(), 0); } } },
        icon('shield'), h('span', { text: t('settings.statements') }))));
  const m = modal({ title: t('settings.title'), body, className: 'modal-settings' });
  m.dlg.dataset.testid = 'settings-dialog';
  pm.focus();
  return m;
}
