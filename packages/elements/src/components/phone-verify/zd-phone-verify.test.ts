/**
 * <zd-phone-verify> in Chromium against the real proxy and sandbox (web-test-runner.config.mjs starts
 * them), by keyboard: a fresh customer per test (the proxy's allowance of codes is per customer), its
 * code read from the sandbox's `/sandbox/codes`, axe in every state.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { $, focused, norm, waitForSelector } from '../../test-support/dom.js';
import { waitFor, zdEnv, type ZdTestEnv } from '../../test-support/env.js';
import '../config/zd-config.js';
import type { ZdConfig } from '../config/zd-config.component.js';
import './zd-phone-verify.js';
import type { ZdPhoneVerify } from './zd-phone-verify.component.js';

let env: ZdTestEnv;
let customers = 0;

async function signed(method: string, path: string, params: Record<string, unknown>) {
  const answer = await fetch('/__zd/signed', {
    method: 'POST',
    body: JSON.stringify({ method, path, params }),
  });
  const body = (await answer.json()) as Record<string, unknown>;
  if (!answer.ok) throw new Error(`${path}: ${String(body.message)}`);
  return body;
}

/** A new sub-user of the partner (as the onboarding registers it). */
async function newCustomer(): Promise<number> {
  const email = `phone.${Date.now()}.${++customers}@example.com`;
  const answer = await signed('POST', '/v1/reseller/users/registration/new/', {
    email,
    first_name: 'Test',
    country: 'DE',
    currency: 'EUR',
  });
  return Number(answer.user_id);
}

async function codeFor(userId: number, number: string): Promise<{ code: string; channel: string }> {
  for (let tries = 0; tries < 200; tries++) {
    const answer = await fetch(`/__zd/sandbox/codes?userId=${userId}`);
    const { phones } = (await answer.json()) as {
      phones: { number: string; code: string; channel: string }[];
    };
    const sent = phones.find((p) => p.number === number);
    if (sent) return sent;
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
  throw new Error(`no code for ${number}`);
}

async function mount(userId: number, attrs: { lang?: string; resend?: number } = {}): Promise<ZdPhoneVerify> {
  const getToken = async () => {
    const answer = await fetch('/__zd/token', {
      method: 'POST',
      body: JSON.stringify({ userId, scopes: ['phone:verify'] }),
    });
    return ((await answer.json()) as { token: string }).token;
  };
  const config = await fixture<ZdConfig>(html`
    <zd-config proxy=${env.proxy} lang=${attrs.lang ?? 'en'} .getToken=${getToken}>
      <zd-phone-verify resend-seconds=${attrs.resend ?? 30}></zd-phone-verify>
    </zd-config>
  `);
  return config.querySelector('zd-phone-verify') as ZdPhoneVerify;
}

/** Types the national number and sends the form by keyboard (Tab to the channel and the button). */
async function enterNumber(el: ZdPhoneVerify, national: string, channel: 'sms' | 'callback' = 'sms') {
  const input = await waitForSelector<HTMLInputElement>(el, '#zd-number');
  input.focus();
  await sendKeys({ type: national });
  await sendKeys({ press: 'Tab' }); // the first channel (SMS)
  if (channel === 'callback') await sendKeys({ press: 'ArrowDown' });
  await sendKeys({ press: 'Tab' });
  expect(focused(el)?.getAttribute('part')).to.contain('send-button');
  await sendKeys({ press: 'Enter' });
}

async function enterCode(el: ZdPhoneVerify, code: string) {
  const input = await waitForSelector<HTMLInputElement>(el, '#zd-code');
  await waitFor(() => focused(el) === input, 'focus on the code input');
  await sendKeys({ type: code });
  await sendKeys({ press: 'Enter' });
}

before(async () => {
  env = await zdEnv();
});

describe('<zd-phone-verify>: the customer confirms their own contact phone', () => {
  it('adds the number, sends an SMS, takes the code and says so (zd-phone-verified)', async () => {
    const user = await newCustomer();
    const el = await mount(user);
    await expect(el).to.be.accessible();
    await enterNumber(el, '0151 12345601');
    const { code, channel } = await codeFor(user, '4915112345601');
    expect(channel).to.equal('sms');
    const input = await waitForSelector<HTMLInputElement>(el, '#zd-code');
    expect(input.getAttribute('autocomplete')).to.equal('one-time-code');
    expect(input.getAttribute('inputmode')).to.equal('numeric');
    expect(norm($(el, '[part~="sent"]'))).to.contain('+4915112345601');
    await expect(el).to.be.accessible();
    const verified = oneEvent(el, 'zd-phone-verified');
    await enterCode(el, code);
    expect((await verified).detail).to.deep.equal({ number: '4915112345601' });
    expect(norm(await waitForSelector(el, '[part~="done"]'))).to.contain('+4915112345601 is confirmed');
    await expect(el).to.be.accessible();
  });

  it('says a wrong code in plain words, and a code of letters before asking', async () => {
    const user = await newCustomer();
    const el = await mount(user, { lang: 'de' });
    await enterNumber(el, '015112345602');
    const { code } = await codeFor(user, '4915112345602');
    await enterCode(el, 'abcd');
    expect(norm($(el, '#zd-code-error'))).to.equal('Der Code besteht nur aus Ziffern. Bitte prüfen Sie ihn.');
    const input = $<HTMLInputElement>(el, '#zd-code');
    if (!input) throw new Error('no code input');
    input.value = '';
    const wrong = code === '000000' ? '111111' : '000000';
    await sendKeys({ type: wrong });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => norm($(el, '#zd-code-error')).includes('stimmt nicht'), 'the wrong-code message');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('says "too many attempts" once the proxy stops the guessing', async () => {
    const user = await newCustomer();
    const el = await mount(user);
    await enterNumber(el, '015112345607');
    const { code } = await codeFor(user, '4915112345607');
    const wrong = code === '000000' ? '111111' : '000000';
    await enterCode(el, wrong);
    const input = await waitForSelector<HTMLInputElement>(el, '#zd-code');
    for (let i = 0; i < 10; i++) {
      await waitFor(() => !$<HTMLButtonElement>(el, '[part~="confirm-button"]')?.disabled, 'the answer');
      input.value = '';
      input.focus();
      await sendKeys({ type: wrong });
      await sendKeys({ press: 'Enter' });
    }
    await waitFor(() => norm($(el, '#zd-code-error')).startsWith('Too many attempts.'), 'too many attempts');
    expect(norm($(el, '#zd-code-error'))).to.match(/Please wait \d+ minutes? and try again\./);
  });

  it('shows the cool-down of "send a new code" counting down, the button disabled, then enabled', async () => {
    const user = await newCustomer();
    const el = await mount(user, { resend: 3 });
    await enterNumber(el, '015112345603');
    const resend = await waitForSelector<HTMLButtonElement>(el, '[part~="resend-button"]');
    expect(resend.disabled).to.equal(true);
    const first = norm($(el, '[part~="cooldown"]'));
    expect(first).to.match(/New code possible in [23] seconds/);
    await waitFor(() => norm($(el, '[part~="cooldown"]')) !== first, 'the seconds counting down');
    await waitFor(() => !resend.disabled, 'the resend button enabled', 6000);
    expect(norm($(el, '[aria-live="polite"]'))).to.equal('You can ask for a new code now.');
    // "Use another number" goes back to the number, focused, as it was typed.
    $<HTMLButtonElement>(el, '[part~="other-button"]')?.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => focused(el)?.id === 'zd-number', 'focus on the number');
    expect((focused(el) as HTMLInputElement).value).to.equal('015112345603');
  });

  it('asks before using a number confirmed on another account, then sends with the reuse', async () => {
    const other = await newCustomer();
    const number = '4915112345604';
    await signed('POST', '/v1/reseller/users/phones/add/', { user_id: other, number });
    await signed('POST', '/v1/reseller/users/phones/prove_by_sms/', { user_id: other, number });
    const first = await codeFor(other, number);
    await signed('POST', '/v1/reseller/users/phones/confirm/', { user_id: other, number, code: first.code });

    const user = await newCustomer();
    const el = await mount(user);
    await enterNumber(el, '015112345604');
    const question = await waitForSelector(el, '[part~="reuse"]');
    expect(norm(question)).to.contain('already confirmed on another account');
    await expect(el).to.be.accessible();
    await waitFor(() => focused(el)?.tagName === 'P', 'focus on the question');
    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.getAttribute('part')).to.contain('reuse-yes');
    await sendKeys({ press: 'Enter' });
    const { code } = await codeFor(user, number);
    const verified = oneEvent(el, 'zd-phone-verified');
    await enterCode(el, code);
    expect((await verified).detail.number).to.equal(number);
  });

  it('sends the code by a call when the customer chooses it', async () => {
    const user = await newCustomer();
    const el = await mount(user);
    await enterNumber(el, '030 1234565', 'callback');
    const { code, channel } = await codeFor(user, '49301234565');
    expect(channel).to.equal('callback');
    expect(norm($(el, '[part~="sent"]'))).to.contain('We are calling +49301234565');
    const verified = oneEvent(el, 'zd-phone-verified');
    await enterCode(el, code);
    await verified;
  });

  it('shows an already confirmed number as done', async () => {
    const user = await newCustomer();
    const number = '4915112345606';
    await signed('POST', '/v1/reseller/users/phones/add/', { user_id: user, number });
    await signed('POST', '/v1/reseller/users/phones/prove_by_callback/', { user_id: user, number });
    const { code } = await codeFor(user, number);
    await signed('POST', '/v1/reseller/users/phones/confirm/', { user_id: user, number, code });
    const el = await mount(user);
    expect(norm(await waitForSelector(el, '[part~="done"]'))).to.contain(`+${number} is confirmed`);
  });

  it('fits 320 px', async () => {
    const user = await newCustomer();
    const el = await mount(user);
    el.style.width = '320px';
    el.style.display = 'block';
    await waitForSelector(el, '#zd-number');
    const base = $(el, '.base');
    expect(base?.scrollWidth).to.be.at.most(320);
  });
});
