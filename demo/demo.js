/* global document */
// The partner's own script: a language switch, an event log, and sandbox money for the demo customer.
// (The document upload needs no glue: it follows the number picker of its <zd-config>.)
const config = document.getElementById('config');
const log = document.getElementById('events');

for (const button of document.querySelectorAll('[data-lang]')) {
  button.addEventListener('click', () => {
    const lang = button.dataset.lang;
    config.setAttribute('lang', lang);
    document.documentElement.lang = lang;
    for (const b of document.querySelectorAll('[data-lang]'))
      b.setAttribute('aria-pressed', String(b === button));
  });
}

const EVENTS = [
  'zd-number-ordered',
  'zd-documents-required',
  'zd-group-saved',
  'zd-document-uploaded',
  'zd-documents-submitted',
  'zd-documents-ready',
  'zd-number-routed',
  'zd-error',
];
for (const name of EVENTS) {
  document.addEventListener(name, (event) => {
    const item = document.createElement('li');
    const detail = { ...event.detail };
    if (detail.error) detail.error = `${detail.error.kind}: ${detail.error.message}`;
    item.textContent = `${name} ${JSON.stringify(detail)}`;
    log.prepend(item);
  });
}

// Sandbox only: the proxy started with ZD_SANDBOX=1 tops up the demo user of its dev sessions.
const topUp = document.getElementById('topup');
const topUpStatus = document.getElementById('topup-status');
topUp.addEventListener('click', async () => {
  topUp.disabled = true;
  topUpStatus.textContent = '';
  try {
    const response = await fetch(`${config.getAttribute('proxy')}/dev/topup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ amount: 50 }),
    });
    const answer = await response.json();
    topUpStatus.textContent = response.ok
      ? `Balance: ${answer.balance.toFixed(2)} ${answer.currency}`
      : `Not added: ${answer.message}`;
  } catch {
    topUpStatus.textContent = 'Not added: the proxy did not answer.';
  } finally {
    topUp.disabled = false;
  }
});
