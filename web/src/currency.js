// currency.js — the display currency: a code, the rate the person gives (units per US dollar; the page never
// fetches one) and the rate's day. format.js converts every money figure with it; this module is its dialog, its
// place in this browser (localStorage "tcoscope:currency") and the line that states it beside the figures.
import { $, h, setText, uid } from './dom.js';
import { createDialog, section } from './dialog.js';
import { checkCurrency, currency, currencyNote, setCurrency } from './format.js';

export const CURRENCY_KEY = 'tcoscope:currency';
/** Common choices; any other ISO 4217 code can be typed. */
export const CURRENCIES = [
  ['USD', 'US dollar'],
  ['EUR', 'Euro'],
  ['GBP', 'British pound'],
  ['JPY', 'Japanese yen'],
  ['INR', 'Indian rupee'],
  ['CAD', 'Canadian dollar'],
  ['AUD', 'Australian dollar'],
  ['CHF', 'Swiss franc'],
  ['CNY', 'Chinese yuan'],
  ['SEK', 'Swedish krona'],
  ['BRL', 'Brazilian real'],
  ['SGD', 'Singapore dollar'],
];
const OTHER = 'other';

/** The currency saved in this browser, checked; null when none (or not one this page wrote). */
export function savedCurrency() {
  try {
    const text = globalThis.localStorage?.getItem(CURRENCY_KEY);
    if (!text) return null;
    const c = checkCurrency(JSON.parse(text));
    return c.ok ? c.currency : null;
  } catch {
    return null;
  }
}

function saveCurrency(c) {
  try {
    if (c.code === 'USD') globalThis.localStorage?.removeItem(CURRENCY_KEY);
    else
      globalThis.localStorage?.setItem(
        CURRENCY_KEY,
        JSON.stringify({ code: c.code, usd_rate: c.usd_rate, date: c.date }),
      );
  } catch {
    // unavailable or full: the choice lasts for this visit
  }
}

/** Writes the currency line under the verdict (and on paper): the rate and its date, or nothing in US dollars. */
export function showCurrencyLine() {
  const line = $('#currency-line');
  if (line) setText(line, currencyNote());
  // Amounts grow longer in a currency written as a code (NOK 126,987) or worth little per dollar (¥1,814,133): the
  // headline figures get a smaller size so that they keep to their cells.
  const c = currency();
  const long = c.symbol.length > 2 || c.usd_rate >= 20;
  if (long) document.documentElement.dataset.money = 'long';
  else delete document.documentElement.dataset.money;
  const button = $('#open-currency');
  if (button) setText(button, `Currency: ${currency().code}`);
}

/**
 * The Currency dialog. onChange(currency) redraws the page (every figure, the charts' axes, the link, exports).
 */
export function createCurrencyDialog({ onChange }) {
  const d = createDialog({
    id: 'currency-dialog',
    title: 'Display currency',
    intro:
      'The engine computes in US dollars. Show every figure (results, charts, exports and print) in another ' +
      'currency at a rate you give: the page fetches nothing. The rate and its date are shown beside the figures and ' +
      'travel in links. Inputs stay in US dollars.',
  });
  const ids = { code: uid('in'), other: uid('in'), rate: uid('in'), date: uid('in') };
  const select = h(
    'select',
    { id: ids.code },
    ...CURRENCIES.map(([code, name]) => h('option', { value: code }, `${code} · ${name}`)),
    h('option', { value: OTHER }, 'Another code…'),
  );
  const other = h('input', {
    id: ids.other,
    class: 'num',
    type: 'text',
    maxlength: 3,
    autocapitalize: 'characters',
    spellcheck: 'false',
    placeholder: 'NOK',
  });
  const rate = h('input', { id: ids.rate, class: 'num', type: 'text', inputmode: 'decimal', placeholder: '0.92' });
  const date = h('input', { id: ids.date, class: 'num', type: 'date' });
  const rateUnit = h('span', { class: 'unit' }, 'per US dollar');
  const error = h('p', { class: 'field-error', role: 'alert', hidden: true });
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const otherRow = h(
    'p',
    { class: 'currency-row', hidden: true },
    h('label', { for: ids.other }, 'Currency code (ISO 4217)'),
    other,
  );
  const inputs = { code: other, usd_rate: rate, date };

  const codeNow = () => (select.value === OTHER ? other.value.trim().toUpperCase() : select.value);
  const refreshForm = () => {
    otherRow.hidden = select.value !== OTHER;
    const usdOnly = codeNow() === 'USD';
    rate.disabled = usdOnly;
    date.disabled = usdOnly;
    setText(rateUnit, `${codeNow() || '…'} per US dollar`);
  };
  select.addEventListener('change', refreshForm);
  other.addEventListener('input', refreshForm);

  function apply() {
    for (const el of Object.values(inputs)) el.removeAttribute('aria-invalid');
    const checked = checkCurrency({ code: codeNow(), usd_rate: rate.value, date: date.value });
    if (!checked.ok) {
      const LABELS = { code: 'Currency code', usd_rate: 'Exchange rate', date: 'Rate date' };
      error.hidden = false;
      error.textContent = `${LABELS[checked.path]}: ${checked.message}.`;
      const el = checked.path === 'code' ? (select.value === OTHER ? other : select) : inputs[checked.path];
      el.setAttribute('aria-invalid', 'true');
      el.focus();
      return;
    }
    error.hidden = true;
    setCurrency(checked.currency);
    saveCurrency(checked.currency);
    status.textContent = checked.currency.code === 'USD' ? 'Figures are in US dollars.' : `${currencyNote()} Applied.`;
    onChange(checked.currency);
  }

  d.body.append(
    section(
      'Currency and rate',
      h('p', { class: 'currency-row' }, h('label', { for: ids.code }, 'Currency'), select),
      otherRow,
      h('p', { class: 'currency-row' }, h('label', { for: ids.rate }, 'Exchange rate'), rate, rateUnit),
      h('p', { class: 'currency-row' }, h('label', { for: ids.date }, 'Rate date'), date),
      error,
      h(
        'p',
        { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'tool primary', onclick: apply }, 'Apply'),
        h(
          'button',
          {
            type: 'button',
            class: 'tool',
            onclick: () => {
              select.value = 'USD';
              refreshForm();
              apply();
            },
          },
          'Back to US dollars',
        ),
      ),
      status,
    ),
  );
  d.onOpen(() => {
    const c = currency();
    const known = CURRENCIES.some(([code]) => code === c.code);
    select.value = known ? c.code : OTHER;
    other.value = known ? '' : c.code;
    rate.value = c.code === 'USD' ? '' : String(c.usd_rate);
    date.value = c.date ?? '';
    error.hidden = true;
    status.textContent = '';
    refreshForm();
  });
  return d;
}
