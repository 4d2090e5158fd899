/* global document */
// The partner's own script: language switch and an event log.
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

for (const name of ['zd-number-ordered', 'zd-documents-required', 'zd-number-routed', 'zd-error']) {
  document.addEventListener(name, (event) => {
    const item = document.createElement('li');
    const detail = { ...event.detail };
    if (detail.error) detail.error = `${detail.error.kind}: ${detail.error.message}`;
    item.textContent = `${name} ${JSON.stringify(detail)}`;
    log.prepend(item);
  });
}
