// Help and safety content, built from the catalogue (help lines, how to report, meeting safely).
import { h, icon } from './dom.js';
import { t } from './i18n.js';

/** A list of help-line cards; `numbers` picks a subset (e.g. ['119', '3018']). */
export function helplineList(numbers = null) {
  const lines = t('help.lines').filter((line) => !numbers || numbers.includes(line.number));
  return h('ul', { class: 'helplines' },
    lines.map((line) => h('li', { class: `helpline helpline-${line.number}` },
      h('a', { class: 'helpline-call', href: `tel:${line.number}`, 'aria-label': `${t('help.call', line.number)} — ${line.name}` },
        icon('phone'), h('span', { class: 'helpline-number', text: line.number })),
      h('p', { class: 'helpline-name' }, h('strong', { text: line.name }), h('span', { class: 'helpline-hours', text: line.hours })),
      h('p', { class: 'helpline-text', text: line.text }))));
}

/** A compact row of call links (for banners): 119 · 3018 · 3114. */
export function helplineChips(numbers = ['119', '3018', '3114']) {
  const lines = t('help.lines').filter((line) => numbers.includes(line.number));
  return h('ul', { class: 'helpline-chips' },
    lines.map((line) => h('li', {},
      h('a', { class: 'chip', href: `tel:${line.number}`, 'aria-label': `${t('help.call', line.number)} — ${line.name}` },
        icon('phone'), h('strong', { text: line.number }), h('span', { text: line.name })))));
}

/** The whole help page content. */
export function helpContent() {
  return h('div', { class: 'help-content' },
    h('p', { class: 'help-intro', text: t('help.intro') }),
    h('section', { class: 'help-section', 'aria-labelledby': 'help-lines-title' },
      h('h3', { id: 'help-lines-title', class: 'visually-hidden', text: t('help.emergencyTitle') }),
      helplineList()),
    h('section', { class: 'help-section', 'aria-labelledby': 'help-report-title' },
      h('h3', { id: 'help-report-title', text: t('help.reportTitle') }),
      h('ul', { class: 'tips' }, t('help.reportSteps').map((s) => h('li', { text: s })))),
    h('section', { class: 'help-section', 'aria-labelledby': 'help-meet-title' },
      h('h3', { id: 'help-meet-title', text: t('help.meetTitle') }),
      h('ul', { class: 'tips' }, t('help.meetTips').map((s) => h('li', { text: s })))),
    h('section', { class: 'help-section', 'aria-labelledby': 'help-privacy-title' },
      h('h3', { id: 'help-privacy-title', text: t('help.privacyTitle') }),
      h('p', { text: t('help.privacy') })));
}
