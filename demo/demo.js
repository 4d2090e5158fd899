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
  'zd-registration',
  'zd-incoming-call',
  'zd-call-ended',
  'zd-error',
];
for (const name of EVENTS) {
  document.addEventListener(name, (event) => {
    const item = document.createElement('li');
    const detail = { ...event.detail };
    if (detail.error) detail.error = `${detail.error.kind}: ${detail.error.message}`;
    const from = event.target?.getAttribute?.('sip');
    item.textContent = `${name}${from ? ` (${from})` : ''} ${JSON.stringify(detail)}`;
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

// The partner's CRM, as far as the demo has one: the softphone asks it who calls (Zadarma sends only
// numbers). A real page would ask its backend, e.g. with the notification's pbx_call_id.
const CRM = new Map([
  ['+4930123456', 'Anna Schmidt (Schmidt & Partner)'],
  ['+4989555012', 'Jonas Weber'],
]);
for (const phone of document.querySelectorAll('zd-softphone')) {
  phone.callerLookup = async ({ number }) => CRM.get(number);
}

// Sandbox only: a caller from outside (+49 30 123456, "Anna Schmidt" in the CRM) rings extension 100.
const simulate = document.getElementById('simulate-call');
const simulateStatus = document.getElementById('simulate-status');
simulate.addEventListener('click', async () => {
  simulate.disabled = true;
  simulateStatus.textContent = '';
  try {
    const response = await fetch(`${config.getAttribute('proxy')}/dev/call`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '+4930123456', extension: '100', party: 'tone' }),
    });
    const answer = await response.json();
    simulateStatus.textContent =
      response.status === 202
        ? 'Ringing on 100 — the panel shows the screen-pop.'
        : response.ok
          ? 'Nothing rang: enable calls on phone 100 first (the notifications were sent anyway).'
          : `Not rung: ${answer.message}`;
  } catch {
    simulateStatus.textContent = 'Not rung: the proxy did not answer.';
  } finally {
    simulate.disabled = false;
  }
});

document.getElementById('call-echo').addEventListener('click', () => {
  document
    .getElementById('phone-100')
    .call('+493023125001')
    .catch(() => undefined); // the phone shows what went wrong
});
