// Modal dialogs: help, report, user actions, sanction, age check (modal.js builds the <dialog>).
import { h, fill, icon } from './dom.js';
import { helpContent, helplineList } from './help.js';
import { t, formatDate } from './i18n.js';
import { modal } from './modal.js';
import { openStatements, rememberSanction } from './statements.js';

/** The help & safety page, one tap away from everywhere. */
export function openHelp() {
  const existing = document.querySelector('dialog.modal-help');
  if (existing) return;
  const m = modal({ title: t('help.title'), body: helpContent(), className: 'modal-help modal-full' });
  m.dlg.dataset.testid = 'help-dialog';
  m.dlg.querySelector('.modal-close').focus();
}

/** Describe a user in one line: "Femme · 24 ans · 75". */
export function userMeta(user) {
  if (!user) return '';
  const parts = [];
  if (user.gender && ['f', 'm', 'x'].includes(user.gender)) parts.push(t(`genders.${user.gender}`));
  if (Number.isInteger(user.age)) parts.push(t('years', user.age));
  if (user.department) parts.push(String(user.department));
  return parts.join(' · ');
}

export function avatar(user, extra = '') {
  const initial = (user && user.pseudo ? Array.from(user.pseudo)[0] : '?').toUpperCase();
  return h('span', { class: `avatar avatar-${user && user.gender ? user.gender : 'x'} ${extra}`.trim(), 'aria-hidden': 'true', text: initial });
}

/**
 * Actions on a user (and optionally one of their messages).
 * actions: { pm(), report(), reportMessage(), block(), unblock() }; absent actions are not offered.
 */
export function openUser({ user, message = null, blocked = false, actions }) {
  const run = (fn) => () => { m.close(); fn(); };
  const buttons = [];
  if (actions.pm && !blocked) buttons.push(h('button', { type: 'button', class: 'btn btn-primary btn-block', on: { click: run(actions.pm) } }, icon('chat'), t('pm.write')));
  if (message && actions.reportMessage) buttons.push(h('button', { type: 'button', class: 'btn btn-danger-soft btn-block', on: { click: run(actions.reportMessage) } }, icon('flag'), t('user.reportMessage')));
  if (actions.report) buttons.push(h('button', { type: 'button', class: 'btn btn-danger-soft btn-block', on: { click: run(actions.report) } }, icon('flag'), t('user.report')));
  if (blocked && actions.unblock) buttons.push(h('button', { type: 'button', class: 'btn btn-quiet btn-block', on: { click: run(actions.unblock) } }, icon('block'), t('user.unblock')));
  else if (actions.block) buttons.push(h('button', { type: 'button', class: 'btn btn-quiet btn-block', on: { click: run(actions.block) } }, icon('block'), t('user.block')));
  const body = h('div', { class: 'user-card' },
    h('div', { class: 'user-card-id' }, avatar(user, 'avatar-lg'),
      h('div', {}, h('p', { class: 'user-card-pseudo', text: user.pseudo }),
        h('p', { class: 'user-card-meta', text: userMeta(user) }),
        blocked ? h('p', { class: 'pill pill-muted', text: t('user.blockedBadge') }) : null)),
    message ? h('figure', { class: 'quote' }, h('figcaption', { text: t('user.quote') }), h('blockquote', { text: message.text })) : null,
    h('div', { class: 'user-card-actions' }, buttons));
  const m = modal({ title: t('user.actions', user.pseudo), body, className: 'modal-user' });
  m.dlg.dataset.testid = 'user-dialog';
  buttons[0]?.focus();
  return m;
}

/**
 * The report form. `submit({reason, details, alsoBlock})` resolves to {ok, text?}; on failure the
 * text is shown in the dialog, which stays open.
 */
export function openReport({ user, message = null, submit }) {
  const reasons = t('report.reasons');
  const status = h('div', { class: 'form-alert', role: 'alert', hidden: true, 'data-testid': 'report-status' });
  const hint = h('p', { class: 'field-help hint-self-harm', hidden: true, text: t('report.selfHarmHint') });
  const radios = Object.entries(reasons).map(([code, label]) => h('label', { class: 'reason' },
    h('input', { type: 'radio', name: 'reason', value: code, on: { change: () => { hint.hidden = code !== 'self_harm'; } } }),
    h('span', { text: label })));
  const details = h('textarea', { id: 'report-details', name: 'details', rows: 3, maxlength: 1000, 'aria-describedby': 'report-details-help' });
  const alsoBlock = h('input', { type: 'checkbox', id: 'report-block', name: 'also_block' });
  const goodFaith = h('input', { type: 'checkbox', id: 'report-good-faith', name: 'good_faith', required: true });
  const submitBtn = h('button', { type: 'submit', class: 'btn btn-danger', text: t('report.submit') });
  const form = h('form', { class: 'report-form', novalidate: true },
    h('p', { class: 'report-intro', text: t('report.intro') }),
    message ? h('figure', { class: 'quote' }, h('figcaption', { text: t('user.quote') }), h('blockquote', { text: message.text })) : null,
    h('fieldset', { class: 'reasons' }, h('legend', { text: t('report.reason') }), radios),
    hint,
    h('div', { class: 'field' },
      h('label', { for: 'report-details', text: t('report.details') }), details,
      h('p', { id: 'report-details-help', class: 'field-help', text: t('report.detailsHelp') })),
    h('label', { class: 'check' }, goodFaith, h('span', { text: t('report.goodFaith') })),
    h('label', { class: 'check' }, alsoBlock, h('span', { text: t('report.alsoBlock') })),
    status,
    h('div', { class: 'modal-actions' },
      h('button', { type: 'button', class: 'btn btn-quiet', text: t('report.cancel'), on: { click: () => m.close() } }),
      submitBtn));
  const showStatus = (text, ok) => {
    fill(status, h('p', { text }));
    status.hidden = false;
    status.classList.toggle('form-alert-ok', !!ok);
    status.scrollIntoView({ block: 'nearest' });
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const chosen = form.querySelector('input[name="reason"]:checked');
    if (!chosen) { showStatus(t('report.pickReason'), false); form.querySelector('input[name="reason"]').focus(); return; }
    if (!goodFaith.checked) { showStatus(t('report.goodFaithRequired'), false); goodFaith.focus(); return; }
    submitBtn.disabled = true;
    const res = await submit({ reason: chosen.value, details: details.value.trim(), alsoBlock: alsoBlock.checked, goodFaith: true });
    submitBtn.disabled = false;
    if (res.ok) { m.close(); return; }
    showStatus(res.text || t('report.failed'), false);
  });
  const title = message ? t('report.titleMessage', user.pseudo) : t('report.titleUser', user.pseudo);
  const m = modal({ title, body: form, className: 'modal-report' });
  m.dlg.dataset.testid = 'report-dialog';
  radios[0].querySelector('input').focus();
  return m;
}

/**
 * A sanction notice: a modal to acknowledge, its text in a role=alert region, the main fields of its
 * statement of reasons, and the way to read it all and appeal (the code is kept for this tab).
 */
export function openSanction(notice) {
  const data = notice.data && typeof notice.data === 'object' ? notice.data : {};
  rememberSanction(data);
  const rows = [];
  if (data.restriction) rows.push([t('statements.decision'), String(data.restriction)]);
  if (data.until) rows.push([t('notice.untilLabel'), formatDate(data.until)]);
  if (data.reason) rows.push([t('notice.reason'), String(data.reason)]);
  else if (data.clause_title) rows.push([t('notice.reason'), `${data.clause_title}${data.clause ? ` (${data.clause})` : ''}`]);
  if (data.facts) rows.push([t('statements.facts'), String(data.facts)]);
  if (data.appeal_code) rows.push([t('notice.appealCode'), String(data.appeal_code)]);
  if (data.statement_id) rows.push([t('notice.statement'), String(data.statement_id)]);
  const canAppeal = !!(data.statement_id || data.appeal_code);
  const body = h('div', { class: 'sanction' },
    h('div', { role: 'alert', class: 'sanction-text' }, h('p', { text: notice.text || '' })),
    rows.length ? h('dl', { class: 'sanction-data' }, rows.map(([k, v]) => [h('dt', { text: k }), v ? h('dd', { text: v }) : null])) : null,
    canAppeal ? h('p', { class: 'field-help', text: t('notice.appeal') }) : null,
    h('div', { class: 'modal-actions' },
      canAppeal ? h('button', { type: 'button', class: 'btn btn-quiet', text: t('notice.seeDecision'),
        on: { click: () => { m.close(); setTimeout(() => openStatements({ code: data.appeal_code, statementId: data.statement_id }), 0); } } }) : null,
      h('button', { type: 'button', class: 'btn btn-primary', 'data-ack': '', text: t('notice.dismiss'), on: { click: () => m.close() } })));
  const m = modal({ title: t('notice.sanction'), body, className: 'modal-sanction', role: 'alertdialog' });
  m.dlg.dataset.testid = 'sanction-dialog';
  m.dlg.querySelector('[data-ack]').focus();
  return m;
}

/**
 * The age check of an adult-content room: what double anonymity means, and a field for the
 * provider's proof. `submit(token)` resolves to {ok, text?}; on failure the text is shown under the
 * field and the dialog stays open.
 */
export function openAgeCheck({ room, submit }) {
  const error = h('p', { id: 'age-token-error', class: 'field-error', role: 'alert', hidden: true });
  const input = h('textarea', { id: 'age-token', class: 'token-input', rows: 3, maxlength: 512, autocomplete: 'off', spellcheck: 'false',
    autocapitalize: 'off', 'aria-describedby': 'age-token-help age-token-error', 'aria-invalid': 'false' });
  const submitBtn = h('button', { type: 'submit', class: 'btn btn-primary', text: t('age.submit') });
  const showError = (text) => {
    error.textContent = text;
    error.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  };
  const form = h('form', { class: 'age-form', novalidate: true },
    h('p', { class: 'age-intro' }, icon('shield'), h('strong', { text: t('age.intro', room.name) })),
    h('p', { text: t('age.how') }),
    h('ol', { class: 'tips' }, t('age.steps').map((step) => h('li', { text: step }))),
    h('div', { class: 'field' },
      h('label', { for: 'age-token', text: t('age.label') }), input,
      h('p', { id: 'age-token-help', class: 'field-help', text: t('age.help') }), error),
    h('div', { class: 'modal-actions' },
      h('button', { type: 'button', class: 'btn btn-quiet', text: t('age.cancel'), on: { click: () => m.close() } }),
      submitBtn));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const token = input.value.trim();
    if (!token) { showError(t('age.empty')); return; }
    submitBtn.disabled = true;
    submitBtn.textContent = t('age.checking');
    const res = await submit(token);
    submitBtn.disabled = false;
    submitBtn.textContent = t('age.submit');
    if (res.ok) { m.close(); return; }
    showError(res.text);
  });
  input.addEventListener('input', () => { if (!error.hidden) { error.hidden = true; input.setAttribute('aria-invalid', 'false'); } });
  const m = modal({ title: t('age.title'), body: form, className: 'modal-age' });
  m.dlg.dataset.testid = 'age-dialog';
  input.focus();
  return m;
}

export { helplineList };
