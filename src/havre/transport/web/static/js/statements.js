// "Mes décisions de modération": the statements of reasons concerning the person (DSA art. 17), each
// with every field the server gives, and the internal appeal (art. 20). Reachable from the settings,
// from a sanction notice, and from the entry page after a ban: `GET /api/v1/me/statements` still
// answers with the cookie of an ended session, and an appeal code works without any session.
import { h, fill, icon } from './dom.js';
import { t, formatDate, formatDay } from './i18n.js';
import * as api from './api.js';
import { errorText } from './errors.js';
import { modal } from './modal.js';

const SANCTION_KEY = 'havre.sanction';
const MAX_APPEAL = 4000;
// Decisions whose statement has a period worth showing (a start and, maybe, an end).
const WITH_PERIOD = new Set(['mute', 'ban', 'shadow_ban', 'notice_suspension']);

/** Keep the last sanction of this tab (its appeal code), so the appeal form can be prefilled. */
export function rememberSanction(data) {
  if (!data || (!data.appeal_code && !data.statement_id)) return;
  const kept = {
    statement_id: String(data.statement_id || ''), appeal_code: String(data.appeal_code || ''),
    decision: String(data.decision || ''), until: String(data.until || ''),
  };
  try { sessionStorage.setItem(SANCTION_KEY, JSON.stringify(kept)); } catch { /* storage may be disabled */ }
}

/** The last sanction received in this tab, or null. */
export function savedSanction() {
  try {
    const value = JSON.parse(sessionStorage.getItem(SANCTION_KEY) || 'null');
    return value && typeof value === 'object' ? value : null;
  } catch { return null; }
}

let fieldSeq = 0;

/**
 * Open the list of statements. `code` / `statementId` (from a sanction notice or this tab's storage)
 * select the statement whose appeal form gets the focus, or prefill the appeal-by-code form.
 */
export function openStatements({ code = '', statementId = '' } = {}) {
  const saved = savedSanction();
  const wanted = { code: code || saved?.appeal_code || '', id: statementId || saved?.statement_id || '' };
  const status = h('p', { class: 'statements-status', role: 'status', text: t('statements.loading') });
  const list = h('div', { class: 'statements', 'data-testid': 'statements' });
  const byCode = h('section', { class: 'appeal-by-code', 'aria-labelledby': 'appeal-code-title', hidden: true });
  const body = h('div', { class: 'statements-view' },
    h('p', { class: 'statements-intro', text: t('statements.intro') }), status, list, byCode);
  const m = modal({ title: t('statements.title'), body, className: 'modal-statements modal-full' });
  m.dlg.dataset.testid = 'statements-dialog';
  m.dlg.querySelector('.modal-close').focus();

  api.myStatements().then((res) => {
    if (!m.dlg.isConnected) return;
    if (!res.ok) {
      fill(status, res.status === 401 ? t('statements.noSession') : t('statements.failed'));
      renderByCode(byCode, wanted.code, res.status === 401);
      return;
    }
    const statements = Array.isArray(res.data) ? res.data.filter((s) => s && typeof s === 'object') : [];
    statements.sort((a, b) => String(b.created_at || '').localeCompare(String(a.created_at || '')));
    fill(status, statements.length ? '' : t('statements.none'));
    status.hidden = statements.length > 0;
    fill(list, statements.map((s) => statementNode(s)));
    // A code that matches none of them (another session's decision): offer the appeal by code.
    const matched = statements.find((s) => (wanted.id && s.id === wanted.id) || (wanted.code && s.appeal_code === wanted.code));
    renderByCode(byCode, matched ? '' : wanted.code, false);
    if (matched) {
      const card = list.querySelector(`[data-statement="${CSS.escape(String(matched.id))}"]`);
      card?.scrollIntoView({ block: 'start' });
      (card?.querySelector('textarea') || card?.querySelector('h3'))?.focus();
    }
  });
  return m;
}

function statementNode(s) {
  const titleId = `statement-${++fieldSeq}`;
  const decision = t('statements.decisions')[s.decision] || s.restriction || s.decision || '';
  const ground = s.ground && typeof s.ground === 'object' ? s.ground : {};
  const rows = [];
  const row = (label, ...value) => rows.push(h('dt', { text: label }), h('dd', {}, ...value));
  if (s.restriction) row(t('statements.decision'), String(s.restriction));
  if (s.scope) row(t('statements.scope'), String(s.scope));
  if (WITH_PERIOD.has(s.decision) && s.starts_at) {
    row(t('statements.period'), s.until ? t('statements.fromTo', formatDate(s.starts_at), formatDate(s.until)) : t('statements.noEnd', formatDate(s.starts_at)));
  }
  if (s.facts) row(t('statements.facts'), h('span', { class: 'statement-facts', text: String(s.facts) }));
  row(t('statements.origin'), s.from_notice ? t('statements.fromNotice') : t('statements.ownInitiative'));
  const automated = s.automated_decision && s.automated_detection ? 'automatedBoth'
    : s.automated_decision ? 'automatedDecision' : s.automated_detection ? 'automatedDetection' : 'automatedNone';
  row(t('statements.automated'), t(`statements.${automated}`));
  const groundLines = [];
  if (ground.clause || ground.title) groundLines.push(t('statements.clause', String(ground.clause || '?'), String(ground.title || '')));
  if (ground.kind === 'law') groundLines.push(ground.legal_reference ? t('statements.law', String(ground.legal_reference)) : t('statements.illegal'));
  if (ground.terms_version) groundLines.push(t('statements.terms', String(ground.terms_version)));
  if (groundLines.length) row(t('statements.ground'), groundLines.map((line) => h('span', { class: 'dd-line', text: line })));
  if (s.redress) row(t('statements.redress'), h('span', { lang: 'fr', text: String(s.redress) }));
  if (s.appeal_code) row(t('statements.code'), h('code', { class: 'appeal-code', text: String(s.appeal_code) }));

  const card = h('article', { class: 'statement', 'aria-labelledby': titleId, 'data-statement': String(s.id || '') },
    h('header', { class: 'statement-head' },
      h('h3', { id: titleId, tabindex: '-1', text: decision }),
      s.created_at ? h('p', { class: 'statement-date', text: t('statements.decisionOf', formatDate(s.created_at)) }) : null),
    h('dl', { class: 'statement-fields' }, rows));
  card.append(appealNode(s));
  return card;
}

function appealNode(s) {
  const wrap = h('div', { class: 'statement-appeal' });
  if (s.appeal && typeof s.appeal === 'object') {
    const st = ['pending', 'upheld', 'reversed'].includes(s.appeal.status) ? s.appeal.status : 'pending';
    fill(wrap, h('p', { class: `appeal-state appeal-${st}`, 'data-testid': 'appeal-state' }, icon('scale'), h('span', { text: t(`statements.appealStatus.${st}`) })));
    return wrap;
  }
  const until = s.appeal_until ? new Date(s.appeal_until) : null;
  if (until && !Number.isNaN(until.getTime()) && until.getTime() < Date.now()) {
    fill(wrap, h('p', { class: 'field-help', text: t('statements.appealClosed') }));
    return wrap;
  }
  const form = appealForm({
    intro: until ? t('statements.appealUntil', formatDay(s.appeal_until)) : '',
    target: () => (s.appeal_code ? { appeal_code: s.appeal_code } : { statement_id: s.id }),
    onSent: (message) => fill(wrap, h('p', { class: 'appeal-state appeal-pending', 'data-testid': 'appeal-state', role: 'status' },
      icon('scale'), h('span', { text: message }))),
  });
  fill(wrap, form);
  return wrap;
}

/** The appeal-by-code form, for a decision this session cannot list (an ended session, another device). */
function renderByCode(section, code, open) {
  if (!code && !open) { section.hidden = true; return; }
  const codeId = `appeal-code-${++fieldSeq}`;
  const codeInput = h('input', { id: codeId, type: 'text', class: 'input-code', value: code, autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', maxlength: 32 });
  const result = h('div', { class: 'statement-appeal' });
  const form = appealForm({
    codeField: h('div', { class: 'field' }, h('label', { for: codeId, text: t('statements.codeLabel') }), codeInput),
    target: () => ({ appeal_code: codeInput.value.trim() }),
    onSent: (message) => fill(result, h('p', { class: 'appeal-state appeal-pending', role: 'status', 'data-testid': 'appeal-state' },
      icon('scale'), h('span', { text: message }))),
  });
  fill(result, form);
  fill(section,
    h('h3', { id: 'appeal-code-title', text: t('statements.byCodeTitle') }),
    h('p', { class: 'field-help', text: t('statements.byCodeText') }),
    result);
  section.hidden = false;
}

/** A textarea and a button that `POST /api/v1/appeals`; errors are shown under the field. */
function appealForm({ intro = '', codeField = null, target, onSent }) {
  const id = `appeal-text-${++fieldSeq}`;
  const error = h('p', { id: `${id}-error`, class: 'field-error', role: 'alert', hidden: true });
  const text = h('textarea', { id, rows: 4, maxlength: MAX_APPEAL, 'aria-describedby': `${id}-help ${id}-error`, 'aria-invalid': 'false' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', text: t('statements.appealSubmit') });
  const showError = (message, field = text) => {
    error.textContent = message;
    error.hidden = false;
    field.setAttribute('aria-invalid', 'true');
    field.focus();
  };
  const form = h('form', { class: 'appeal-form', novalidate: true },
    h('h4', { class: 'appeal-title', text: t('statements.appealTitle') }),
    intro ? h('p', { class: 'field-help', text: intro }) : null,
    codeField,
    h('div', { class: 'field' },
      h('label', { for: id, text: t('statements.appealLabel') }), text,
      h('p', { id: `${id}-help`, class: 'field-help', text: t('statements.appealHelp') }), error),
    h('div', { class: 'modal-actions' }, submit));
  text.addEventListener('input', () => { error.hidden = true; text.setAttribute('aria-invalid', 'false'); });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = target();
    const codeInput = codeField?.querySelector('input');
    if (codeInput && !body.appeal_code) { showError(t('errors.required'), codeInput); return; }
    if (!text.value.trim()) { showError(t('statements.appealEmpty')); return; }
    submit.disabled = true;
    const res = await api.sendAppeal({ ...body, text: text.value.trim().slice(0, MAX_APPEAL) });
    submit.disabled = false;
    if (res.ok) { onSent(t('statements.appealSent')); return; }
    const code = res.error.code;
    if (code === 'already_appealed') { onSent(t('errors.already_appealed')); return; }
    if (code === 'not_found' || res.status === 404) { showError(t('statements.appealNotFound'), codeInput || text); return; }
    showError(errorText(code, res.error.message));
  });
  return form;
}
