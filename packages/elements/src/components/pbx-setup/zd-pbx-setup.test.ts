/**
 * <zd-pbx-setup> in Chromium against the real proxy and sandbox, with a `pbx:manage` session token: by
 * keyboard, the list, adding extensions, a password (never in the DOM afterwards; a weak one refused),
 * recording that persists after a reload, a call-notification switch, an extension online once registered.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { addFault, mintToken, resetSandbox, waitFor, zdEnv, type ZdTestEnv } from '../../test-support/env.js';
import '../config/zd-config.js';
import type { ZdConfig } from '../config/zd-config.component.js';
import { extensions, phoneFor } from '../../test-support/phone.js';
import { setMenusLoader } from './menus-loader.js';
import './zd-pbx-setup.js';
import type { ZdPbxSetup } from './zd-pbx-setup.component.js';

let env: ZdTestEnv;
let menusLoaded = 0;

async function mount(lang = 'en'): Promise<ZdPbxSetup> {
  const config = await fixture<ZdConfig>(html`
    <zd-config proxy=${env.proxy} lang=${lang} .getToken=${() => mintToken(['pbx:manage'])}>
      <zd-pbx-setup></zd-pbx-setup>
    </zd-config>
  `);
  const element = config.querySelector('zd-pbx-setup');
  if (!element) throw new Error('no zd-pbx-setup');
  await waitFor(() => element.shadowRoot?.querySelector('.add'), 'the extensions panel');
  return element;
}

const root = (el: ZdPbxSetup) => el.shadowRoot as ShadowRoot;
const numbers = (el: ZdPbxSetup) =>
  [...root(el).querySelectorAll('.extension__title')].map((h) => h.textContent?.replace(/\s+/g, ' ').trim());

async function typeInto(input: HTMLInputElement, text: string): Promise<void> {
  input.focus();
  input.select();
  await sendKeys({ type: text });
}

async function sandboxPost(path: string, body: unknown): Promise<void> {
  const answer = await fetch(`/__zd/sandbox${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!answer.ok) throw new Error(`sandbox ${path}: ${answer.status}`);
}

describe('<zd-pbx-setup>', () => {
  before(async () => {
    env = await zdEnv();
    setMenusLoader(() => {
      menusLoaded += 1;
      return Promise.resolve();
    });
  });
  beforeEach(() => resetSandbox());

  it('lists extensions with their status and adds two by keyboard', async () => {
    const el = await mount();
    const before = numbers(el).length;
    const quantity = root(el).querySelector<HTMLInputElement>('#add-quantity');
    if (!quantity) throw new Error('no quantity input');
    await typeInto(quantity, '2');
    const created = oneEvent(el, 'zd-extension-created');
    await sendKeys({ press: 'Enter' });
    const { detail } = await created;
    expect(detail.numbers).to.have.length(2);
    await waitFor(() => numbers(el).length === before + 2, 'two more extensions');
    for (const n of detail.numbers) expect(numbers(el).join('|')).to.contain(`Extension ${n}`);
    expect(root(el).querySelector('.add .message')?.textContent).to.contain(detail.numbers.join(', '));
    await expect(el).shadowDom.to.be.accessible();
  });

  it('sets a password that never appears in the DOM afterwards, and refuses a weak one', async () => {
    const el = await mount();
    if (numbers(el).length === 0) {
      root(el).querySelector<HTMLFormElement>('.add')?.requestSubmit();
      await waitFor(() => numbers(el).length > 0, 'an extension');
    }
    const input = root(el).querySelector<HTMLInputElement>('.extension input[name=password]');
    if (!input) throw new Error('no password input');
    await typeInto(input, 'weakpass');
    await sendKeys({ press: 'Enter' });
    const message = () => root(el).querySelector('.extension .message')?.textContent?.trim() ?? '';
    await waitFor(() => /too weak/.test(message()), 'the weak-password message');
    await typeInto(input, 'Secret4Pbx9');
    // Shown while typing, with the toggle.
    const toggle = [...root(el).querySelectorAll<HTMLButtonElement>('.extension button')].find((b) =>
      /Show password/.test(b.textContent ?? ''),
    );
    toggle?.click();
    await el.updateComplete;
    expect(input.type).to.equal('text');
    input.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => /is saved/.test(message()), 'the saved message');
    expect(input.value).to.equal('');
    expect(input.type).to.equal('password');
    expect(el.shadowRoot?.innerHTML).not.to.contain('Secret4Pbx9');
    expect(document.body.innerHTML).not.to.contain('Secret4Pbx9');
  });

  it('says next to the field when saving the password fails upstream, and tells the page', async () => {
    const [sip] = await extensions(1);
    const el = await mount();
    const input = root(el).querySelector<HTMLInputElement>(`#ext-${sip}-password`);
    if (!input) throw new Error('no password input');
    await addFault({ pathPrefix: `/v1/pbx/internal/${sip}/password`, method: 'PUT', status: 503, count: 1 });
    await typeInto(input, 'Secret4Pbx9');
    const failed = oneEvent(el, 'zd-error');
    await sendKeys({ press: 'Enter' });
    expect((await failed).detail.operation).to.equal('pbx.internal.password.put');
    const message = () => root(el).querySelector(`#ext-${sip}-message`);
    await waitFor(() => message()?.classList.contains('message--error'), 'the error next to the field');
    expect(message()?.textContent).not.to.contain('is saved');
  });

  it('keeps cloud recording after a reload and switches a call notification', async () => {
    let el = await mount();
    if (numbers(el).length === 0) {
      root(el).querySelector<HTMLFormElement>('.add')?.requestSubmit();
      await waitFor(() => numbers(el).length > 0, 'an extension');
    }
    const cloud = root(el).querySelectorAll<HTMLInputElement>('.extension .recording input')[1];
    if (!cloud) throw new Error('no recording radio');
    cloud.focus();
    await sendKeys({ press: 'Space' });
    await waitFor(() => !el.busy && cloud.checked, 'recording on');
    const start = root(el).querySelector<HTMLInputElement>('.callinfo input[name=notify_start]');
    if (!start) throw new Error('no callinfo switch');
    const wasOn = start.checked;
    start.focus();
    await sendKeys({ press: 'Space' });
    await waitFor(() => !el.busy, 'the switch saved');

    el = await mount();
    await waitFor(() => root(el).querySelector('.callinfo'), 'callinfo');
    expect(root(el).querySelectorAll<HTMLInputElement>('.extension .recording input')[1]?.checked).to.equal(
      true,
    );
    expect(root(el).querySelector<HTMLInputElement>('.callinfo input[name=notify_start]')?.checked).to.equal(
      !wasOn,
    );
  });

  it('shows an extension online once it is registered', async () => {
    let el = await mount();
    if (numbers(el).length === 0) {
      root(el).querySelector<HTMLFormElement>('.add')?.requestSubmit();
      await waitFor(() => numbers(el).length > 0, 'an extension');
    }
    const first = /Extension (\d+)/.exec(numbers(el)[0] ?? '')?.[1];
    expect(root(el).querySelector('.status')?.textContent).to.contain('offline');
    await sandboxPost(`/users/${env.demoUserId}/extensions/${first}/online`, { online: true });
    await el.refresh();
    await waitFor(() => /online/.test(root(el).querySelector('.status')?.textContent ?? ''), 'online');
    el = await mount('de');
    expect(root(el).querySelector('.status')?.textContent).to.contain('angemeldet');
    await expect(el).shadowDom.to.be.accessible();
  });

  it('shows an extension online while a real phone is registered through the SIP gateway', async () => {
    const [sip] = await extensions(1);
    if (!sip) throw new Error('no extension');
    const el = await mount();
    const statusOf = () =>
      [...root(el).querySelectorAll('.extension')]
        .find((li) => li.querySelector('.extension__title')?.textContent?.includes(`Extension ${sip}`))
        ?.querySelector('.status')?.textContent ?? '';
    expect(statusOf()).to.contain('offline');
    const phone = await phoneFor('gateway', sip);
    try {
      await phone.start();
      await el.refresh();
      await waitFor(() => /\bonline/.test(statusOf()), 'online after the registration');
    } finally {
      await phone.stop();
    }
    await el.refresh();
    await waitFor(() => /offline/.test(statusOf()), 'offline after unregistering');
  });

  it('fits 320 px in German without horizontal scrolling', async () => {
    await extensions(2);
    const el = await mount('de');
    el.style.display = 'block';
    el.style.width = '320px';
    await el.updateComplete;
    const section = root(el).querySelector<HTMLElement>('.pbx');
    if (!section) throw new Error('no section');
    expect(el.scrollWidth).to.be.at.most(320);
    expect(section.scrollWidth).to.be.at.most(section.clientWidth + 1);
    for (const input of root(el).querySelectorAll<HTMLElement>('input, button')) {
      expect(input.getBoundingClientRect().right, input.outerHTML.slice(0, 60)).to.be.at.most(
        el.getBoundingClientRect().right + 1,
      );
    }
    expect(root(el).querySelector('#tab-menus')?.textContent).to.contain('Sprachmenüs');
  });

  it('switches sections with the arrow keys and loads the voice menus only when shown', async () => {
    const el = await mount();
    expect(menusLoaded).to.equal(0);
    root(el).querySelector<HTMLElement>('#tab-extensions')?.focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(root(el).querySelector('#tab-menus')?.getAttribute('aria-selected')).to.equal('true');
    expect(menusLoaded).to.equal(1);
    expect(root(el).querySelector('#panel-menus zd-pbx-menus')).not.to.equal(null);
    expect(root(el).querySelector<HTMLElement>('#panel-extensions')?.hidden).to.equal(true);
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(root(el).querySelector('#tab-extensions')?.getAttribute('aria-selected')).to.equal('true');
    expect(root(el).activeElement?.id).to.equal('tab-extensions');
    expect(menusLoaded).to.equal(1);
  });
});
