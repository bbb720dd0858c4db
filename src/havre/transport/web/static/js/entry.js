// The entry form: pseudo, gender, age, postal code, with the rules in plain words and refusals shown
// next to the field they concern.
import { h, fill, icon } from './dom.js';
import { t } from './i18n.js';
import * as api from './api.js';
import { helplineList, helplineChips } from './help.js';
import { errorText } from './errors.js';
import { openStatements } from './statements.js';
import { formatDate } from './i18n.js';

const PSEUDO_RE = /^[\p{L}\p{M}\p{N}_-]{3,20}$/u;
const FIELD_OF_CODE = {
  invalid_pseudo: 'pseudo', pseudo_taken: 'pseudo', invalid_gender: 'gender',
  invalid_age: 'age', too_young: 'age', age_mismatch: 'age', invalid_postal_code: 'postal_code',
};
const FIELDS = ['pseudo', 'gender', 'age', 'postal_code'];

export class EntryView {
  constructor({ onEntered, openHelp }) {
    this.onEntered = onEntered;
    this.openHelp = openHelp;
    this.values = { pseudo: '', gender: '', age: '', postal_code: '' };
    this.errors = {};
    this.banner = null; // {kind: 'too_young'|'banned'|'error', ...}
    this.busy = false;
    this.el = h('section', { class: 'entry', 'aria-labelledby': 'entry-title' });
  }

  /** Render (again, e.g. after a language switch), keeping what was typed. */
  render() {
    this._capture();
    const field = (name, label, input) => h('div', { class: ['field', this.errors[name] && 'has-error'] },
      h('label', { for: `entry-${name}`, text: label }), input,
      h('p', { id: `entry-${name}-help`, class: 'field-help', text: t(`entry.${this._helpKey(name)}`) }),
      this._errorNode(name));
    const textInput = (name, extra) => h('input', {
      id: `entry-${name}`, name, type: 'text', value: this.values[name], autocomplete: 'off',
      'aria-describedby': `entry-${name}-help entry-${name}-error`,
      'aria-invalid': this.errors[name] ? 'true' : 'false', required: true, ...extra,
    });

    const genderField = h('fieldset', {
      class: ['field', 'field-gender', this.errors.gender && 'has-error'],
      'aria-describedby': 'entry-gender-help entry-gender-error',
    },
    h('legend', { text: t('entry.gender') }),
    h('div', { class: 'segmented', id: 'entry-gender' },
      ['f', 'm', 'x'].map((g) => h('label', { class: 'segment' },
        h('input', { type: 'radio', name: 'gender', value: g, checked: this.values.gender === g, required: true,
          'aria-invalid': this.errors.gender ? 'true' : 'false' }),
        h('span', { text: t(`genders.${g}`) })))),
    h('p', { id: 'entry-gender-help', class: 'field-help', text: t('entry.genderHelp') }),
    this._errorNode('gender'));

    const form = h('form', { class: 'card entry-form', novalidate: true, on: { submit: (e) => this._submit(e) } },
      this._bannerNode(),
      field('pseudo', t('entry.pseudo'), textInput('pseudo', { maxlength: 20, autocapitalize: 'off', spellcheck: 'false', autocomplete: 'nickname' })),
      genderField,
      h('div', { class: 'field-row' },
        field('age', t('entry.age'), textInput('age', { inputmode: 'numeric', maxlength: 3, class: 'input-short' })),
        field('postal_code', t('entry.postalCode'), textInput('postal_code', { inputmode: 'numeric', maxlength: 5, class: 'input-short', autocomplete: 'off' }))),
      h('button', { type: 'submit', class: 'btn btn-primary btn-block', disabled: this.busy, 'aria-busy': this.busy ? 'true' : 'false',
        text: this.busy ? t('entry.submitting') : t('entry.submit') }),
      h('p', { class: 'entry-rules', text: t('entry.rules') }),
      h('button', { type: 'button', class: 'link-btn', on: { click: () => this.openHelp() }, text: t('entry.rulesHelp') }));

    fill(this.el,
      h('div', { class: 'entry-hero' },
        h('h1', { id: 'entry-title', text: t('entry.title') }),
        h('p', { class: 'entry-tagline', text: t('tagline') }),
        h('p', { class: 'entry-intro', text: t('entry.intro') }),
        h('ul', { class: 'promises' }, t('entry.promises').map((text, i) => h('li', {}, icon(['users', 'flag', 'help'][i] || 'help'), h('span', { text }))))),
      form);
    return this.el;
  }

  _helpKey(name) {
    return { pseudo: 'pseudoHelp', age: 'ageHelp', postal_code: 'postalCodeHelp', gender: 'genderHelp' }[name];
  }

  _errorNode(name) {
    return h('p', { id: `entry-${name}-error`, class: 'field-error', hidden: !this.errors[name], 'data-testid': `error-${name}`, text: this.errors[name] || '' });
  }

  _bannerNode() {
    const b = this.banner;
    if (!b) return h('div', { id: 'entry-alert', class: 'form-alert', role: 'alert', hidden: true });
    if (b.kind === 'too_young') {
      return h('div', { id: 'entry-alert', class: 'form-alert form-alert-kind', role: 'alert', 'data-testid': 'too-young' },
        h('h2', { text: t('entry.tooYoungTitle') }),
        h('p', { text: t('entry.tooYoungText') }),
        helplineList(['119', '3018', '3114']));
    }
    if (b.kind === 'talk') {
      return h('div', { id: 'entry-alert', class: 'form-alert form-alert-kind', role: 'alert' },
        h('h2', { text: t('entry.talkTitle') }), helplineChips());
    }
    if (b.kind === 'banned' || b.kind === 'ended') {
      // A refusal by the moderation: kind words, the end date, the reason, and the way to appeal.
      const banned = b.kind === 'banned';
      const until = banned ? b.until : b.sanction?.until;
      return h('div', { id: 'entry-alert', class: 'form-alert form-alert-sanction', role: 'alert', 'data-testid': banned ? 'entry-banned' : 'entry-ended' },
        h('h2', { text: banned ? t('entry.bannedTitle') : t('entry.endedTitle') }),
        h('p', { text: banned ? t('entry.bannedKind') : t('entry.endedText') }),
        until ? h('p', { class: 'banned-until' }, h('strong', { text: t('entry.bannedUntil', formatDate(until)) }))
          : banned ? h('p', { text: t('entry.bannedForever') }) : null,
        banned && b.reason ? h('p', { text: t('entry.bannedReason', b.reason) }) : null,
        h('button', { type: 'button', class: 'btn btn-quiet btn-small', on: { click: () => openStatements() } },
          icon('scale'), h('span', { text: t('entry.seeDecisions') })));
    }
    return h('div', { id: 'entry-alert', class: 'form-alert', role: 'alert' }, h('p', { text: b.message }));
  }

  _capture() {
    const form = this.el.querySelector('form');
    if (!form) return;
    for (const name of FIELDS) {
      if (name === 'gender') {
        const checked = form.querySelector('input[name="gender"]:checked');
        this.values.gender = checked ? checked.value : '';
      } else {
        this.values[name] = form.elements[name].value;
      }
    }
  }

  _validate() {
    const v = this.values;
    const errors = {};
    const pseudo = v.pseudo.trim();
    if (!pseudo) errors.pseudo = t('errors.required');
    else if (!PSEUDO_RE.test(pseudo)) errors.pseudo = t('errors.invalid_pseudo');
    if (!['f', 'm', 'x'].includes(v.gender)) errors.gender = t('errors.invalid_gender');
    const age = v.age.trim();
    if (!age) errors.age = t('errors.required');
    else if (!/^\d{1,3}$/.test(age)) errors.age = t('errors.invalid_age');
    else if (Number(age) < 15) errors.age = t('errors.too_young');
    const pc = v.postal_code.trim();
    if (!pc) errors.postal_code = t('errors.required');
    else if (!/^\d{5}$/.test(pc)) errors.postal_code = t('errors.invalid_postal_code');
    return errors;
  }

  async _submit(event) {
    event.preventDefault();
    if (this.busy) return;
    this._capture();
    this.errors = this._validate();
    this.banner = null;
    if (this.errors.age && Number(this.values.age.trim()) < 15 && /^\d+$/.test(this.values.age.trim())) {
      this.banner = { kind: 'too_young' };
    }
    if (Object.keys(this.errors).length) {
      this.render();
      this._focusFirstError();
      return;
    }
    this.busy = true;
    this.render();
    const res = await api.createSession({
      pseudo: this.values.pseudo.trim(), gender: this.values.gender,
      age: Number(this.values.age.trim()), postal_code: this.values.postal_code.trim(),
    });
    this.busy = false;
    if (res.ok) {
      this.errors = {};
      this.banner = null;
      this.onEntered(res.data && res.data.user);
      return;
    }
    const err = res.error;
    const fieldName = FIELDS.includes(err.field) ? err.field : FIELD_OF_CODE[err.code];
    this.errors = {};
    if (err.code === 'too_young') this.banner = { kind: 'too_young' };
    else if (err.code === 'age_mismatch') this.banner = { kind: 'talk' };
    else if (err.code === 'banned') this.banner = { kind: 'banned', message: err.message, until: err.until, reason: err.reason };
    if (fieldName) this.errors[fieldName] = errorText(err.code, err.message);
    else if (!this.banner) this.banner = { kind: 'error', message: errorText(err.code, err.message) };
    this.render();
    if (fieldName) this._focusFirstError();
    else this.el.querySelector('#entry-alert')?.scrollIntoView({ block: 'nearest' });
  }

  _focusFirstError() {
    for (const name of FIELDS) {
      if (!this.errors[name]) continue;
      const el = name === 'gender' ? this.el.querySelector('input[name="gender"]') : this.el.querySelector(`#entry-${name}`);
      el?.focus();
      return;
    }
  }
}

export { formatDate } from './i18n.js';
