/* global document */
// The onboarding page's own script: it stands in for the partner backend's admin screen (the proxy's
// sandbox-only /dev/onboard runs the workflow) and then shows the customer's elements for that customer.
// Vite writes the proxy's URL into the page's <meta name="zd-proxy"> (scripts/start.mjs).
const proxyUrl = document.querySelector('meta[name=zd-proxy]').content;
const $ = (id) => document.getElementById(id);

const suffix = Math.floor(Math.random() * 1e6);
$('email').value = `kunde-${suffix}@example.de`;
$('phone').value = `+49301${String(suffix).padStart(6, '0')}`;

const MARK = { done: '✓', skipped: '·', waiting: '…' };
let email = '';

async function runOnboarding() {
  $('result').textContent = 'läuft …';
  const answer = await fetch(`${proxyUrl}/dev/onboard`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, phone: $('phone').value.replace(/[\s-]/g, '') }),
  });
  const body = await answer.json();
  if (!answer.ok) {
    $('result').textContent = `Fehler: ${body.message ?? answer.status}`;
    return;
  }
  for (const p of body.progress.filter((p) => p.kind !== 'skipped')) {
    const item = document.createElement('li');
    item.textContent = `${MARK[p.kind] ?? ''} ${p.step}: ${p.message}`;
    $('steps').append(item);
  }
  const { outcome } = body;
  if (outcome.status === 'waiting') {
    $('result').textContent = 'Wartet auf den Kunden: die SMS-Bestätigung.';
    showVerify();
  } else {
    const s = outcome.summary;
    $('result').textContent =
      `Fertig: Kunde ${s.userId}, Nebenstellen ${s.extensions.join(', ')}, Anrufbenachrichtigungen an ${s.callinfoUrl}.`;
    showCustomerElements(s.extensions);
  }
}

/** A <zd-config> whose sessions are this customer's (the dev endpoint mints only onboarded ones). */
function configFor(children) {
  const config = document.createElement('zd-config');
  config.setAttribute('proxy', proxyUrl);
  config.setAttribute('session-url', `${proxyUrl}/dev/onboard/session?${new URLSearchParams({ email })}`);
  config.setAttribute('lang', 'de');
  config.append(...children);
  return config;
}

function showVerify() {
  $('customer').hidden = false;
  const verify = document.createElement('zd-phone-verify');
  verify.setAttribute('number', $('phone').value);
  verify.className = 'themed';
  $('verify-slot').replaceChildren(configFor([verify]));
  pollSms();
}

async function pollSms() {
  for (let i = 0; i < 120 && !$('customer').hidden; i++) {
    const answer = await fetch(`${proxyUrl}/dev/onboard/code?${new URLSearchParams({ email })}`);
    if (answer.ok) {
      const { codes } = await answer.json();
      if (codes.length) $('sms').textContent = `Ihr Code: ${codes.at(-1)}`;
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

function showCustomerElements(extensions) {
  $('customer').hidden = true;
  $('ready').hidden = false;
  const pbx = document.createElement('zd-pbx-setup');
  pbx.className = 'themed';
  const phone = document.createElement('zd-softphone');
  phone.setAttribute('sip', extensions[0] ?? '100');
  phone.setAttribute('country', 'DE');
  phone.className = 'themed';
  $('pbx-slot').replaceChildren(configFor([pbx, phone]));
}

$('start').addEventListener('submit', (event) => {
  event.preventDefault();
  email = $('email').value.trim();
  $('steps').replaceChildren();
  $('start').querySelector('button').disabled = true;
  void runOnboarding();
});

// The customer confirmed: the partner backend goes on (a webhook or a poll in a real one).
document.addEventListener('zd-phone-verified', () => void runOnboarding());

for (const name of [
  'zd-phone-verified',
  'zd-extension-created',
  'zd-menu-saved',
  'zd-registration',
  'zd-error',
]) {
  document.addEventListener(name, (event) => {
    const item = document.createElement('li');
    item.textContent = `${name} ${JSON.stringify(event.detail ?? {})}`;
    $('events').prepend(item);
  });
}
