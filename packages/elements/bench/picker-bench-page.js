/* global window, document, location, InputEvent, requestAnimationFrame */
// Runs in Chromium (picker-bench.mjs opens it). The picker is the production script-tag bundle; the
// proxy is replaced by a local stub with 5,000 available numbers, so the figures are the element's own.
const COUNT = 5000;
const ROUNDS = Number(new URL(location.href).searchParams.get('rounds') || 300);

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(42);
const numbers = [];
const seen = new Set();
while (numbers.length < COUNT) {
  let n = '4930' + String(2 + Math.floor(random() * 8));
  while (n.length < 12) n += String(Math.floor(random() * 10));
  if (seen.has(n)) continue;
  seen.add(n);
  numbers.push({ id: `3766p${numbers.length}`, direction_id: 3766, number: n });
}

const answers = {
  '/v1/direct_numbers/countries/': {
    status: 'success',
    info: [{ countryCode: '49', countryCodeIso: 'DE', name: 'Germany' }],
  },
  '/v1/direct_numbers/country/': {
    status: 'success',
    info: [
      {
        id: '3766',
        countryCode: '49',
        areaCode: '30',
        name: 'Berlin',
        connect_fee: 0,
        monthly_fee: 5,
        currency: 'EUR',
        receive_sms: 'false',
        is_toll: 'false',
        feature: null,
        connect_time: '0',
      },
    ],
  },
};
window.fetch = async (input) => {
  const url = new URL(typeof input === 'string' ? input : input.url, location.href);
  if (url.pathname === '/session')
    return Response.json({ token: 'bench', expiresAt: new Date(Date.now() + 3600e3).toISOString() });
  if (url.pathname.startsWith('/v1/direct_numbers/available/')) {
    const mask = url.searchParams.get('mask') || '';
    return Response.json({
      status: 'success',
      numbers: mask ? numbers.filter((n) => n.number.includes(mask)) : numbers,
    });
  }
  return Response.json(answers[url.pathname] ?? { status: 'error', message: 'unknown' }, {
    status: answers[url.pathname] ? 200 : 404,
  });
};

const until = async (check) => {
  for (let i = 0; i < 500; i++) {
    const v = check();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('timeout');
};
const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

function masks() {
  const r = prng(7);
  const out = [];
  let mask = '';
  for (let i = 0; i < ROUNDS; i++) {
    // Type a digit, or (a third of the time) delete one: like a person searching.
    if (mask.length > 0 && (mask.length >= 5 || r() < 0.33)) mask = mask.slice(0, -1);
    else mask += String(Math.floor(r() * 10));
    out.push(mask);
  }
  return out;
}

export async function run() {
  await import('/dist/cdn/zd-number-picker.js');
  const host = document.getElementById('host');
  host.innerHTML = `<zd-config proxy="${location.origin}" session-url="/session" lang="en"><zd-number-picker country="DE"></zd-number-picker></zd-config>`;
  const picker = host.querySelector('zd-number-picker');
  const root = picker.shadowRoot;
  const berlin = await until(() => root.querySelector('#destination-list [role=option]'));
  berlin.click();
  await until(() => root.querySelectorAll('#number-list [role=option]').length > 0);
  const input = root.querySelector('#number-input');
  const sequence = masks();

  // The element: one keystroke = an input event; done = the list in the DOM, laid out.
  const element = [];
  for (const mask of sequence) {
    await frame();
    const t0 = performance.now();
    input.value = mask;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await picker.updateComplete;
    void root.querySelector('.combobox').offsetHeight; // layout
    element.push(performance.now() - t0);
  }
  const shown = root.querySelectorAll('#number-list [role=option]').length;

  // Baseline: the same filter and the same visible rows (first 50 matches, formatted) with plain DOM.
  const list = document.getElementById('baseline');
  const format = (n) => `+${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4, 8)} ${n.slice(8)}`;
  const baseline = [];
  for (const mask of sequence) {
    await frame();
    const t0 = performance.now();
    const matches = numbers.filter((n) => n.number.includes(mask));
    const fragment = document.createDocumentFragment();
    for (const n of matches.slice(0, 50)) {
      const li = document.createElement('li');
      li.setAttribute('role', 'option');
      li.textContent = format(n.number);
      fragment.append(li);
    }
    list.replaceChildren(fragment);
    void list.offsetHeight;
    baseline.push(performance.now() - t0);
  }
  return {
    numbers: COUNT,
    keystrokes: sequence.length,
    shownAfterLast: shown,
    element: { p50: quantile(element, 0.5), p99: quantile(element, 0.99), max: Math.max(...element) },
    baseline: { p50: quantile(baseline, 0.5), p99: quantile(baseline, 0.99), max: Math.max(...baseline) },
  };
}
window.runBench = run;
