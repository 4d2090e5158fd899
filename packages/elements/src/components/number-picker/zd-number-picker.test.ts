/**
 * <zd-number-picker> in Chromium against the real proxy and the real sandbox (web-test-runner.config.mjs
 * starts them): keyboard-only ordering, a destination with document requirements, every failure mode via
 * the sandbox's fault injection, idempotent retries, no secrets in requests, axe in every state.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { ZdDocumentsRequiredDetail, ZdNumberOrderedDetail } from '../../base/events.js';
import { $, $$, focused, norm, waitForSelector } from '../../test-support/dom.js';
import { formatPhone, loadPhoneFormatter } from '../../format/phone.js';
import '../config/zd-config.js';
import type { ZdConfig } from '../config/zd-config.component.js';
import {
  addFault,
  clearFaults,
  mintToken,
  recordRequests,
  resetSandbox,
  sandboxUser,
  waitFor,
  zdEnv,
  type RecordedRequest,
  type ZdTestEnv,
} from '../../test-support/env.js';
import './zd-number-picker.js';
import type { ZdNumberPicker } from './zd-number-picker.component.js';

let env: ZdTestEnv;

async function mount(lang = 'en', attrs: { country?: string } = {}): Promise<ZdNumberPicker> {
  const config = await fixture<ZdConfig>(html`
    <zd-config proxy=${env.proxy} session-url=${env.sessionUrl} lang=${lang}>
      <zd-number-picker country=${attrs.country ?? ''}></zd-number-picker>
    </zd-config>
  `);
  return config.querySelector('zd-number-picker') as ZdNumberPicker;
}

const text = (el: ZdNumberPicker, selector: string) => norm($(el, selector));
const currentStep = (el: ZdNumberPicker) => $(el, '.step--current .step__heading')?.textContent?.trim() ?? '';

/** The accessible names of the options of the page, as Chromium gives them to screen readers. */
const optionNames = () =>
  executeServerCommand<string[], { role: string }>('zd-accessible-names', { role: 'option' });

/** Presses Tab until the focused element inside the picker matches, as a keyboard user would. */
async function tabTo(el: ZdNumberPicker, matches: (e: HTMLElement) => boolean, what: string): Promise<void> {
  for (let i = 0; i < 15; i++) {
    const f = focused(el);
    if (f && matches(f)) return;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`could not reach ${what} with Tab`);
}

async function type(textToType: string): Promise<void> {
  await sendKeys({ type: textToType });
}

async function press(key: string): Promise<void> {
  await sendKeys({ press: key });
}

/** Every `zd-documents-required` the picker sends, and whether a listener took it over. */
function recordRequired(el: ZdNumberPicker, takeOver: boolean): ZdDocumentsRequiredDetail[] {
  const sent: ZdDocumentsRequiredDetail[] = [];
  el.addEventListener('zd-documents-required', (event) => {
    sent.push(event.detail);
    // What a <zd-doc-upload> that shows itself with the requirements does.
    if (takeOver) event.preventDefault();
  });
  return sent;
}

/** What <zd-doc-upload> does for Berlin: completes the demo group and uploads a passport, through the proxy. */
async function completeDemoGroup(): Promise<void> {
  const token = (await mintToken(['documents'])).token;
  const auth = { authorization: `Bearer ${token}` };
  const update = await fetch(`${env.proxy}/v1/documents/groups/update/0/`, {
    method: 'PUT',
    headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      email: 'demo@example.com',
      salutation: 'MR',
      first_name: 'Demo',
      last_name: 'User',
      country: 'DE',
      city: 'Berlin',
      address: 'Torstraße 1, 10119 Berlin',
      zip_code: '10119',
      street: 'Torstraße',
      building_number: '1',
      phone: '4915112345678',
    }),
  });
  expect(update.status, await update.clone().text()).to.equal(200);
  const form = new FormData();
  form.set('group_id', '0');
  form.set('document_type', 'passport');
  const png = Uint8Array.from(
    atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
    (c) => c.charCodeAt(0),
  );
  form.set('file', new File([png], 'passport.png', { type: 'image/png' }));
  const upload = await fetch(`${env.proxy}/v1/documents/upload/`, {
    method: 'POST',
    headers: auth,
    body: form,
  });
  expect(upload.status, await upload.clone().text()).to.equal(200);
}

before(async () => {
  env = await zdEnv();
});

beforeEach(async () => {
  await resetSandbox();
});

describe('<zd-number-picker> against the proxy and the sandbox', () => {
  it('orders a number by keyboard only, routes it, and tells the page', async () => {
    const el = await mount('en');
    await waitForSelector(el, '#country-input', 'the country search');
    // Nothing grabs focus on page load; the customer tabs into the element.
    expect(focused(el)).to.equal(null);
    await tabTo(el, (e) => e.id === 'country-input', 'the country search');
    await type('united k');
    await waitFor(() => $$(el, '#country-list [role=option]').length === 1, 'one country left');
    await press('ArrowDown');
    expect(focused(el)?.getAttribute('aria-activedescendant')).to.equal('country-0');
    await press('Enter');

    await waitFor(() => focused(el)?.id === 'destination-input', 'focus in the destination search');
    // A field focused for a keyboard user shows the ring.
    expect(getComputedStyle(focused(el) as HTMLElement).outlineStyle).to.equal('solid');
    expect(text(el, '.step--done .summary')).to.contain('United Kingdom');
    const london = $$(el, '#destination-list [role=option]').find((o) => o.textContent?.includes('London'));
    expect(norm(london)).to.contain('+44 20');
    expect(norm(london)).to.contain('No documents needed');
    await type('london');
    await press('Enter'); // the only match

    await waitFor(() => focused(el)?.id === 'number-input', 'focus in the number search');
    await waitFor(() => $$(el, '#number-list [role=option]').length > 0, 'the numbers');
    const first = $$(el, '#number-list [role=option]')[0]?.textContent?.trim() ?? '';
    expect(first).to.match(/^\+44 20 /);
    const digits = first.replace(/\D/g, '').slice(-5);
    await type(digits);
    await waitFor(
      () =>
        $$(el, '#number-list [role=option]').every((o) => o.textContent?.replace(/\D/g, '').includes(digits)),
      'the list filtered by the mask',
    );
    expect($(el, '#number-list mark')?.textContent?.replace(/\D/g, '')).to.equal(digits);
    await press('ArrowDown');
    const chosen = $(el, '#number-0')?.textContent?.trim() ?? '';
    await press('Enter');

    await waitFor(() => currentStep(el).includes('Order'), 'the order step');
    // The step without a search field: focus on its heading (announced), which does not look like a field.
    await waitFor(() => focused(el)?.id === 'h-order', 'focus on the order step’s heading');
    expect(getComputedStyle(focused(el) as HTMLElement).outlineStyle).to.equal('none');
    expect(text(el, '.order__summary')).to.contain(chosen);
    expect(text(el, '.total')).to.contain('€');
    const total = text(el, '.total__amount');
    const ordered = oneEvent(el, 'zd-number-ordered');
    await tabTo(el, (e) => e.matches('[part~=order-button]'), 'the order button');
    await press('Enter');
    const { detail } = (await ordered) as CustomEvent<ZdNumberOrderedDetail>;
    expect(detail.number.replace(/\D/g, '')).to.equal(chosen.replace(/\D/g, ''));
    expect(detail.activated).to.equal(true);
    expect(detail.directionId).to.equal(13755);

    await waitFor(() => $(el, '.result'), 'the result');
    expect(text(el, '.result')).to.contain('is yours and active');
    expect(focused(el)?.textContent?.trim()).to.equal('Done');
    expect($$(el, '.facts dt, .facts dd').map(norm)).to.deep.equal([
      'Number',
      chosen,
      'Paid for',
      '1 month',
      'Paid',
      total,
      'Renew automatically',
      'Every month',
    ]);
    const user = await sandboxUser(env.demoUserId);
    expect(user.orders).to.equal(1);
    expect(user.numbers.map((n) => n.number)).to.include(detail.number);

    // Step 6: route the number and name it, still by keyboard.
    await tabTo(el, (e) => e.id === 'sip-id', 'the SIP field');
    await type('100');
    await press('Tab');
    await type('Acme GmbH & Co');
    await press('Enter');
    // Checked before anything is sent: the field says what is wrong and has the focus.
    await waitFor(() => focused(el)?.id === 'caller-name', 'focus on the invalid caller name');
    expect(focused(el)?.getAttribute('aria-invalid')).to.equal('true');
    expect(text(el, '#caller-name-error')).to.contain('only Latin letters');
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'a' });
    await sendKeys({ up: 'Control' });
    await type('Acme');
    const routed = oneEvent(el, 'zd-number-routed');
    await press('Enter');
    const route = await routed;
    expect(route.detail).to.deep.equal({ number: detail.number, sipId: '100', callerName: 'Acme' });
    await waitFor(() => text(el, '.route .note--ok') === 'Saved.', 'the saved note');
    // Saved: the fields are disabled and look it (not like the editable fields they were).
    const sip = $<HTMLInputElement>(el, '#sip-id') as HTMLInputElement;
    expect(sip.disabled).to.equal(true);
    expect(getComputedStyle(sip).backgroundColor).not.to.equal(
      getComputedStyle($(el, '.base') as HTMLElement).backgroundColor,
    );
    expect(getComputedStyle(sip).cursor).to.equal('not-allowed');
  });

  it('shows German texts and prices when the page is German', async () => {
    const el = await mount('de');
    await waitForSelector(el, '#country-input');
    expect(text(el, '.title')).to.equal('Telefonnummer erhalten');
    const names = $$(el, '#country-list [role=option]').map((o) => o.textContent ?? '');
    expect(names.some((n) => n.includes('Deutschland'))).to.equal(true);
    $$(el, '#country-list [role=option]')
      .find((o) => o.textContent?.includes('Deutschland'))
      ?.click();
    await waitForSelector(el, '#destination-list');
    const toll = $$(el, '#destination-list [role=option]').find((o) => o.textContent?.includes('0800'));
    expect(norm(toll)).to.contain('Gebührenfrei');
    expect(norm(toll)).to.match(/Einrichtung: \d+,\d\d\s€/);
    expect(norm(toll)).to.contain('Aktiv innerhalb von 3 Tagen');
    expect(norm(toll)).to.contain('Benötigt: Personalausweis oder Reisepass');
    toll?.click();
    // The name has brackets of its own: the dialling code is not put in another pair.
    await waitFor(() => $$(el, '.step--done .summary').length === 2, 'the chosen area');
    expect(norm($$(el, '.step--done .summary span')[1])).to.equal('0800-Nummer (gebührenfrei) · +49 800');
  });

  it('checks the document group of a restricted destination and names what fails', async () => {
    const el = await mount('en', { country: 'DE' });
    const list = await waitForSelector(el, '#destination-list');
    expect(norm(list)).to.contain('Needs: ID card or passport');
    const berlin = $$(el, '#destination-list [role=option]').find((o) => o.textContent?.includes('Berlin'));
    berlin?.click();
    await waitFor(() => $$(el, '#number-list [role=option]').length > 0, 'the numbers');
    $(el, '#number-0')?.click();

    const sent = recordRequired(el, false);
    const required = oneEvent(el, 'zd-documents-required');
    await waitFor(() => currentStep(el).includes('Documents'), 'the documents step');
    const { detail } = await required;
    expect(detail.directionId).to.equal(3766);
    expect(detail.groupId).to.equal(0);
    expect(detail.upload).to.deep.equal(['passport']);
    expect(detail.failed).to.include.members(['information', 'uploaded', 'verified']);
    expect(detail.missing).to.include.members(['information', 'uploaded']);
    expect(detail.missing).not.to.include('verified');
    // Nothing to type in this step (one group): focus on its heading.
    await waitFor(() => focused(el)?.id === 'h-requirements', 'focus on the documents step’s heading');
    await waitForSelector(el, '.checklist');
    const failed = $$(el, '.check--failed').map(norm);
    expect(failed).to.include('✗ Personal or company details complete : missing');
    expect(failed).to.include('✗ Documents uploaded : missing');
    expect(failed).to.include('✗ Documents verified : missing');
    expect(text(el, '.note')).to.equal(
      'Details or documents are still missing. Please add them, then check again.',
    );
    expect($<HTMLButtonElement>(el, '[part~=next-button]')?.disabled).to.equal(true);
    await expect(el).to.be.accessible();

    // What <zd-doc-upload> will do: complete the group and upload a passport, through the proxy.
    await completeDemoGroup();

    $$(el, 'button')
      .find((b) => b.textContent?.includes('Check again'))
      ?.click();
    // (While the check runs, the list is a spinner: no failed check either.)
    await waitFor(
      () => $$(el, '.check--failed').length === 0 && !!$(el, '.check--pending'),
      'only verification pending',
    );
    expect(text(el, '.check--pending')).to.equal('… Documents verified : being checked');
    expect(text(el, '.note')).to.contain('being checked. You can order now');
    // Pending is not missing: the page is not told again.
    expect(sent.map((d) => d.failed.join())).to.deep.equal([detail.failed.join()]);
    $<HTMLButtonElement>(el, '[part~=next-button]')?.click();

    await waitFor(() => currentStep(el).includes('Order'), 'the order step');
    const ordered = oneEvent(el, 'zd-number-ordered');
    $<HTMLButtonElement>(el, '[part~=order-button]')?.click();
    const result = (await ordered) as CustomEvent<ZdNumberOrderedDetail>;
    expect(result.detail.activated).to.equal(false);
    expect(result.detail.documentsGroupId).to.equal(0);
    await waitFor(() => $(el, '.result'), 'the result');
    expect(text(el, '.result')).to.contain('becomes active once your documents are verified');
  });

  it('hands the requirements to a listener that takes them over, and shows its own checks again once they are in', async () => {
    const el = await mount('en', { country: 'DE' });
    const sent = recordRequired(el, true);
    await waitForSelector(el, '#destination-list');
    $$(el, '#destination-list [role=option]')
      .find((o) => o.textContent?.includes('Berlin'))
      ?.click();
    await waitFor(() => $$(el, '#number-list [role=option]').length > 0, 'the numbers');
    $(el, '#number-0')?.click();

    // Taken over (preventDefault): one line pointing to the form, no second checklist above the upload's.
    await waitFor(() => text(el, '.step--current .note').includes('below'), 'the pointer to the form');
    expect(text(el, '.step--current .note')).to.equal('Please complete your details and documents below.');
    expect($(el, '.checklist')).to.equal(null);
    expect($(el, '[part~=upload-button]')).to.equal(null);
    expect($$(el, '.step--current button').map(norm)).to.deep.equal(['Check again']);
    expect(sent).to.have.length(1);
    expect(sent[0]?.missing).to.include.members(['information', 'uploaded']);
    await expect(el).to.be.accessible();

    // The upload has everything in and announces it: the picker shows its checks again, verification pending.
    await completeDemoGroup();
    window.dispatchEvent(
      new CustomEvent('zd-documents-submitted', { detail: { directionId: 3766, groupId: 0 } }),
    );
    await waitForSelector(el, '.checklist', 'the checks again');
    await waitFor(() => $$(el, '.check--failed').length === 0, 'the checks after the submission');
    expect(text(el, '.check--pending')).to.contain('Documents verified');
    expect(text(el, '.note')).to.contain('You can order now');
    expect($<HTMLButtonElement>(el, '[part~=next-button]')?.disabled).to.equal(false);
    // Nothing left to add: no button that would ask the upload for nothing.
    expect($(el, '[part~=upload-button]')).to.equal(null);

    // Checking again while the verification runs tells the page nothing either: pending is not missing.
    const recorder = recordRequests();
    $$(el, 'button')
      .find((b) => norm(b) === 'Check again')
      ?.click();
    await waitFor(
      () => recorder.requests.some((r) => r.url.includes('/groups/valid') && r.status === 200),
      'the second check',
    );
    recorder.stop();
    await el.updateComplete;
    expect(sent).to.have.length(1);
    expect(sent.some((d) => d.missing.length === 0 || d.failed.join() === 'verified')).to.equal(false);
  });

  it('asks for documents when the user has none to check against', async () => {
    // A session for another user of the reseller would have groups too; here the demo group is made
    // unusable for Vienna (address outside Austria) and the check says exactly that.
    const el = await mount('en', { country: 'AT' });
    await waitForSelector(el, '#destination-list');
    $$(el, '#destination-list [role=option]')[0]?.click();
    await waitFor(() => $$(el, '#number-list [role=option]').length > 0, 'the numbers');
    $(el, '#number-0')?.click();
    await waitForSelector(el, '.checklist');
    const failed = $$(el, '.check--failed').map((c) => c.textContent ?? '');
    expect(failed.some((f) => f.includes('Address in the right country'))).to.equal(true);
    const asked = oneEvent(el, 'zd-documents-required');
    $$(el, 'button')
      .find((b) => b.textContent?.includes('Add details and documents'))
      ?.click();
    expect((await asked).detail.failed).to.include('address');
  });
});

describe('<zd-number-picker> states and configuration', () => {
  it('shows and names each number as formatted, with and without typed digits', async () => {
    const el = await mount('en', { country: 'GB' });
    await waitForSelector(el, '#destination-list');
    $$(el, '#destination-list [role=option]')
      .find((o) => o.textContent?.includes('London'))
      ?.click();
    await waitFor(() => $$(el, '#number-list [role=option]').length > 0, 'the numbers');
    const lib = await loadPhoneFormatter();
    const expected = (o: HTMLElement) =>
      formatPhone(o.textContent?.replace(/\D/g, '') ?? '', { countryCode: '44', areaCode: '20' }, lib);
    await waitFor(
      () => $$(el, '#number-list [role=option]').every((o) => o.textContent?.trim() === expected(o)),
      'the numbers in libphonenumber’s format',
    );

    /** On screen (innerText follows the layout), in the DOM, and for screen readers: the formatted number. */
    async function expectFormatted(): Promise<void> {
      const options = $$(el, '#number-list [role=option]');
      expect(options.length).to.be.greaterThan(0);
      const names = await optionNames();
      options.forEach((o, i) => {
        const formatted = expected(o);
        expect(o.innerText.trim(), 'as shown').to.equal(formatted);
        expect(o.textContent?.trim(), 'as text').to.equal(formatted);
        expect(names[i], 'as its accessible name').to.equal(formatted);
      });
    }

    await expectFormatted();
    // Digits that start a group, so that the marked part begins and ends at spaces.
    const first = expected($$(el, '#number-list [role=option]')[0] as HTMLElement);
    const group = first.split(' ')[2] as string;
    const input = $<HTMLInputElement>(el, '#number-input') as HTMLInputElement;
    input.value = group;
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    await waitFor(() => $(el, '#number-list mark'), 'the marked digits');
    expect(norm($(el, '#number-list mark'))).to.equal(group);
    await expectFormatted();
  });

  it('says when no number contains the digits, and passes axe', async () => {
    const el = await mount('en', { country: 'GB' });
    await waitForSelector(el, '#destination-list');
    $$(el, '#destination-list [role=option]')[0]?.click();
    const input = (await waitForSelector(el, '#number-input')) as HTMLInputElement;
    await waitFor(() => $$(el, '#number-list [role=option]').length > 0, 'the numbers');
    input.value = '0000000';
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    await waitFor(
      () => text(el, '#number-status').includes('No free number contains 0000000'),
      'the empty state',
    );
    expect($$(el, '#number-list [role=option]').length).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('works with configure() instead of <zd-config>', async () => {
    const { configure } = await import('../../config/context.js');
    configure({ proxy: env.proxy, sessionUrl: env.sessionUrl, lang: 'de' });
    try {
      const el = await fixture<ZdNumberPicker>(html`<zd-number-picker></zd-number-picker>`);
      await waitForSelector(el, '#country-list');
      expect(text(el, '#country-list')).to.contain('Deutschland');
    } finally {
      configure({});
    }
  });

  it('tells the page when it is not configured', async () => {
    const el = await fixture<ZdNumberPicker>(html`<zd-number-picker lang="de"></zd-number-picker>`);
    const alert = await waitForSelector(el, '[role=alert]', 'the error');
    expect(norm(alert)).to.contain('nicht richtig eingerichtet');
    // The detail is for the page's developer: what to set up.
    expect(norm(alert)).to.contain('<zd-config>');
  });
});

describe('<zd-number-picker> and its requests', () => {
  it('aborts the request in flight when it leaves the page, and loads again when it comes back', async () => {
    const el = await mount('en', { country: 'GB' });
    await waitForSelector(el, '#destination-list');
    await addFault({ latencyMs: 1500, count: 1, pathPrefix: '/v1/direct_numbers/available' });
    const recorder = recordRequests();
    $$(el, '#destination-list [role=option]')[0]?.click();
    const request = await waitFor(
      () => recorder.requests.find((r) => r.url.includes('/direct_numbers/available/')),
      'the numbers request',
    );
    const parent = el.parentElement as HTMLElement;
    el.remove();
    expect(request.signal.aborted).to.equal(true);
    parent.append(el);
    await waitFor(() => $$(el, '#number-list [role=option]').length > 0, 'the numbers after coming back');
    recorder.stop();
  });

  it('drops a stale answer: the area chosen last wins', async () => {
    const el = await mount('en', { country: 'GB' });
    await waitForSelector(el, '#destination-list');
    // London answers slowly; the customer changes to Manchester meanwhile.
    await addFault({ latencyMs: 1200, count: 1, pathPrefix: '/v1/direct_numbers/available/13755' });
    $$(el, '#destination-list [role=option]')
      .find((o) => o.textContent?.includes('London'))
      ?.click();
    await waitForSelector(el, '[part=loading]');
    $<HTMLButtonElement>(el, '.step--done .summary button:not([aria-label*="Country"])')?.click();
    await waitForSelector(el, '#destination-list');
    $$(el, '#destination-list [role=option]')
      .find((o) => o.textContent?.includes('Manchester'))
      ?.click();
    await waitFor(() => $$(el, '#number-list [role=option]').length > 0, 'the numbers');
    await new Promise((r) => setTimeout(r, 1500)); // London's answer has arrived by now
    const shown = $$(el, '#number-list [role=option]').map(norm);
    expect(shown.every((n) => n.startsWith('+44 161'))).to.equal(true);
  });

  it('switches language live with <zd-config lang>, asking for names in the new language', async () => {
    const el = await mount('en');
    await waitFor(() => text(el, '#country-list').includes('Germany'), 'English names');
    const config = el.closest('zd-config') as ZdConfig;
    config.lang = 'de';
    await waitFor(() => text(el, '#country-list').includes('Deutschland'), 'German names');
    expect(text(el, '.title')).to.equal('Telefonnummer erhalten');
  });
});

describe('<zd-number-picker> order options', () => {
  it('orders 3 months with SMS and without auto-renewal, as chosen', async () => {
    const el = await mount('en', { country: 'US' });
    await waitForSelector(el, '#destination-list');
    const newYork = $$(el, '#destination-list [role=option]').find((o) =>
      o.textContent?.includes('New York'),
    );
    expect(norm(newYork)).to.contain('SMS');
    newYork?.click();
    await waitFor(() => $$(el, '#number-list [role=option]').length > 0, 'the numbers');
    $(el, '#number-0')?.click();
    await waitFor(() => currentStep(el).includes('Order'), 'the order step');
    const total1 = text(el, '.total__amount');
    (
      $$(el, 'input[name=period]').find((r) => (r as HTMLInputElement).value === '3month') as HTMLInputElement
    ).click();
    await el.updateComplete;
    expect(text(el, '.total__amount')).not.to.equal(total1);
    expect(text(el, '.total__detail')).to.contain('3 ×');
    const renew = $<HTMLSelectElement>(el, '#autorenew') as HTMLSelectElement;
    renew.value = 'off';
    renew.dispatchEvent(new Event('change'));
    const sms = $<HTMLInputElement>(el, '.order input[type=checkbox]') as HTMLInputElement;
    expect(sms.checked).to.equal(true);
    const recorder = recordRequests();
    const ordered = oneEvent(el, 'zd-number-ordered');
    $<HTMLButtonElement>(el, '[part~=order-button]')?.click();
    const { detail } = (await ordered) as CustomEvent<ZdNumberOrderedDetail>;
    expect(detail.period).to.equal('3month');
    const order = await waitFor(
      () => recorder.requests.find((r) => r.url.includes('/direct_numbers/order')),
      'order',
    );
    const sent = new URLSearchParams(order.body);
    expect(sent.get('period')).to.equal('3month');
    expect(sent.get('receive_sms')).to.equal('1');
    expect(sent.has('autorenew_period')).to.equal(false);
    await waitFor(
      () =>
        recorder.requests.find(
          (r) => r.method === 'PUT' && r.url.includes('/autoprolongation/') && r.status === 200,
        ),
      'auto-renewal switched off',
    );
    recorder.stop();
    const { token } = await mintToken(['numbers:read']);
    const check = await fetch(`${env.proxy}/v1/direct_numbers/autoprolongation/?number=${detail.number}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await check.json()) as { autoprolongation: string }).autoprolongation).to.equal('off');
  });
});

describe('<zd-number-picker> when things go wrong', () => {
  // Countries and destinations are cached by the proxy (read-mostly); the faults hit uncached calls.
  async function toNumbers(el: ZdNumberPicker): Promise<void> {
    await waitForSelector(el, '#destination-list');
    $$(el, '#destination-list [role=option]')[0]?.click();
  }

  it('shows an upstream failure with a retry that works', async () => {
    // More failures than the proxy's own retries of a GET; cleared before the customer retries.
    await addFault({ status: 502, count: 20, pathPrefix: '/v1/direct_numbers/available' });
    const errors: string[] = [];
    const el = await mount('en', { country: 'GB' });
    el.addEventListener('zd-error', (e) => errors.push(`${e.detail.operation} ${e.detail.error.kind}`));
    await toNumbers(el);
    const alert = await waitForSelector(el, '[role=alert]', 'the error');
    expect(norm(alert)).to.contain('not answering properly');
    expect(errors).to.deep.equal(['direct_numbers.available upstream']);
    await expect(el).to.be.accessible();
    await clearFaults();
    $<HTMLButtonElement>(el, '[part~=retry-button]')?.click();
    await waitFor(() => $$(el, '#number-list [role=option]').length > 0, 'the numbers after the retry');
  });

  it('shows a rate limit with its wait and retries', async () => {
    await addFault({ status: 429, count: 1, pathPrefix: '/v1/direct_numbers/available' });
    const el = await mount('en', { country: 'GB' });
    await toNumbers(el);
    const alert = await waitForSelector(el, '[role=alert]', 'the error');
    expect(norm(alert)).to.match(/Too many requests right now\. Please try again in \d+ seconds?\./);
    $<HTMLButtonElement>(el, '[part~=retry-button]')?.click();
    await waitFor(() => $$(el, '#number-list [role=option]').length > 0, 'the numbers after the retry');
  });

  it('shows a broken answer (not JSON) as an upstream failure', async () => {
    await addFault({ malformedJson: true, count: 1, pathPrefix: '/v1/direct_numbers/available' });
    const el = await mount('en', { country: 'GB' });
    await toNumbers(el);
    const alert = await waitForSelector(el, '[role=alert]', 'the error');
    expect(norm(alert)).to.contain('not answering properly');
    $<HTMLButtonElement>(el, '[part~=retry-button]')?.click();
    await waitFor(() => $$(el, '#number-list [role=option]').length > 0, 'the numbers after the retry');
  });

  it('shows a network failure (proxy unreachable) with a retry', async () => {
    const config = await fixture<ZdConfig>(html`
      <zd-config proxy="http://127.0.0.1:9" session-url=${env.sessionUrl} lang="en">
        <zd-number-picker></zd-number-picker>
      </zd-config>
    `);
    const el = config.querySelector('zd-number-picker') as ZdNumberPicker;
    const alert = await waitForSelector(el, '[role=alert]', 'the error');
    expect(norm(alert)).to.contain('could not be reached');
    expect($(el, '[part~=retry-button]')).not.to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows a slow answer as loading, then the list', async () => {
    await addFault({ latencyMs: 800, count: 1, pathPrefix: '/v1/direct_numbers/available' });
    const el = await mount('en', { country: 'GB' });
    await toNumbers(el);
    await waitForSelector(el, '[part=loading]', 'the loading state');
    await expect(el).to.be.accessible();
    await waitFor(() => $$(el, '#number-list [role=option]').length > 0, 'the numbers');
  });

  async function toOrder(el: ZdNumberPicker): Promise<void> {
    await toNumbers(el);
    await waitFor(() => $$(el, '#number-list [role=option]').length > 0, 'the numbers');
    $(el, '#number-0')?.click();
    await waitFor(() => currentStep(el).includes('Order'), 'the order step');
  }

  const orderButton = (el: ZdNumberPicker) =>
    $<HTMLButtonElement>(el, '[part~=order-button]') as HTMLButtonElement;
  const orderRequests = (r: { requests: RecordedRequest[] }) =>
    r.requests.filter((q) => q.method === 'POST' && q.url.includes('/direct_numbers/order'));

  it('never orders twice on a double click', async () => {
    const el = await mount('en', { country: 'GB' });
    await toOrder(el);
    await addFault({ latencyMs: 400, count: 1, pathPrefix: '/v1/direct_numbers/order' });
    const recorder = recordRequests();
    const ordered = oneEvent(el, 'zd-number-ordered');
    orderButton(el).click();
    await new Promise((r) => setTimeout(r, 50));
    orderButton(el).click();
    orderButton(el).click();
    await ordered;
    recorder.stop();
    expect(orderRequests(recorder).length).to.equal(1);
    expect((await sandboxUser(env.demoUserId)).orders).to.equal(1);
  });

  it('sees an order through when the page moves the element meanwhile', async () => {
    const el = await mount('en', { country: 'GB' });
    await toOrder(el);
    await addFault({ latencyMs: 600, count: 1, pathPrefix: '/v1/direct_numbers/order' });
    const recorder = recordRequests();
    const ordered = new Promise<CustomEvent<ZdNumberOrderedDetail>>((resolve) =>
      document.addEventListener('zd-number-ordered', resolve, { once: true }),
    );
    orderButton(el).click();
    await waitFor(() => orderRequests(recorder).length === 1, 'the order request');
    const parent = el.parentElement as HTMLElement;
    el.remove();
    expect(orderRequests(recorder)[0]?.signal.aborted).to.equal(false);
    parent.append(el);
    await ordered;
    recorder.stop();
    expect(orderRequests(recorder).length).to.equal(1);
    expect((await sandboxUser(env.demoUserId)).orders).to.equal(1);
  });

  it('never orders twice: an order whose answer was lost is found among the own numbers', async () => {
    const el = await mount('en', { country: 'GB' });
    await toOrder(el);
    // The order goes through upstream, but its answer is lost on the way back.
    await addFault({
      connectionReset: true,
      phase: 'after',
      count: 1,
      pathPrefix: '/v1/direct_numbers/order',
    });
    const recorder = recordRequests();
    orderButton(el).click();
    await waitForSelector(el, '[role=alert]', 'the failed order');
    expect(text(el, '.order')).to.contain('Trying again is safe');
    // The order's choices are locked until its outcome is known.
    expect($<HTMLSelectElement>(el, '#autorenew')?.disabled).to.equal(true);
    expect($$(el, '.summary button').length).to.equal(0); // no going back to another number meanwhile
    await expect(el).to.be.accessible();

    const ordered = oneEvent(el, 'zd-number-ordered');
    orderButton(el).click();
    const { detail } = (await ordered) as CustomEvent<ZdNumberOrderedDetail>;
    recorder.stop();
    expect(detail.activated).to.equal(true);
    expect(orderRequests(recorder).length).to.equal(1);
    expect(
      recorder.requests.some((q) => q.method === 'GET' && /\/v1\/direct_numbers\/(\?|$)/.test(q.url)),
    ).to.equal(true);
    expect((await sandboxUser(env.demoUserId)).orders).to.equal(1);
  });

  it('never orders twice: an order that was lost before Zadarma is retried, under the same key first', async () => {
    const el = await mount('en', { country: 'GB' });
    await toOrder(el);
    await addFault({
      connectionReset: true,
      phase: 'before',
      count: 1,
      pathPrefix: '/v1/direct_numbers/order',
    });
    const recorder = recordRequests();
    orderButton(el).click();
    await waitForSelector(el, '[role=alert]', 'the failed order');
    expect((await sandboxUser(env.demoUserId)).orders).to.equal(0);

    const ordered = oneEvent(el, 'zd-number-ordered');
    orderButton(el).click();
    await ordered;
    recorder.stop();
    const keys = orderRequests(recorder).map((q) => q.headers['idempotency-key']);
    // First attempt, its retry under the same key (the proxy replays "no answer"), then — the own numbers
    // having shown that nothing was ordered — a new key.
    expect(keys.length).to.equal(3);
    expect(keys[0]).to.match(/^[0-9a-f-]{36}$/);
    expect(keys[1]).to.equal(keys[0]);
    expect(keys[2]).not.to.equal(keys[0]);
    expect((await sandboxUser(env.demoUserId)).orders).to.equal(1);
  });

  it('says when the session may not order (scope) and offers no pointless retry', async () => {
    const { token, expiresAt } = await mintToken(['numbers:read']);
    const config = await fixture<ZdConfig>(html`
      <zd-config proxy=${env.proxy} lang="en" .getToken=${() => ({ token, expiresAt })}>
        <zd-number-picker country="GB"></zd-number-picker>
      </zd-config>
    `);
    const el = config.querySelector('zd-number-picker') as ZdNumberPicker;
    await waitForSelector(el, '#destination-list');
    $$(el, '#destination-list [role=option]')[0]?.click();
    await waitFor(() => $$(el, '#number-list [role=option]').length > 0, 'the numbers');
    $(el, '#number-0')?.click();
    await waitFor(() => currentStep(el).includes('Order'), 'the order step');
    $<HTMLButtonElement>(el, '[part~=order-button]')?.click();
    const alert = await waitForSelector(el, '[role=alert]', 'the refusal');
    expect(norm(alert)).to.contain('not allowed');
    expect($(el, '[part~=retry-button]')).to.equal(null);
  });

  it('fetches a fresh token after a 401 and carries on', async () => {
    let calls = 0;
    const good = await mintToken(['numbers:read', 'numbers:order', 'documents']);
    const config = await fixture<ZdConfig>(html`
      <zd-config
        proxy=${env.proxy}
        lang="en"
        .getToken=${() => (++calls === 1 ? { token: 'expired.or.forged', expiresAt: Date.now() + 600_000 } : good)}
      >
        <zd-number-picker></zd-number-picker>
      </zd-config>
    `);
    const el = config.querySelector('zd-number-picker') as ZdNumberPicker;
    await waitForSelector(el, '#country-list');
    expect(calls).to.equal(2);
  });
});

describe('<zd-number-picker> and secrets', () => {
  it('sends no key, secret or user_id in any request, only the bearer token to the proxy', async () => {
    const recorder = recordRequests();
    const el = await mount('en', { country: 'GB' });
    await waitForSelector(el, '#destination-list');
    $$(el, '#destination-list [role=option]')[0]?.click();
    await waitFor(() => $$(el, '#number-list [role=option]').length > 0, 'the numbers');
    $(el, '#number-0')?.click();
    await waitFor(() => currentStep(el).includes('Order'), 'the order step');
    const ordered = oneEvent(el, 'zd-number-ordered');
    $<HTMLButtonElement>(el, '[part~=order-button]')?.click();
    await ordered;
    recorder.stop();

    const toProxy = recorder.requests.filter((r) => r.url.startsWith(env.proxy));
    expect(toProxy.length).to.be.greaterThan(4);
    for (const request of recorder.requests) {
      const everything = `${request.url}\n${JSON.stringify(request.headers)}\n${request.body}`;
      for (const secret of env.secrets) expect(everything).not.to.contain(secret);
      expect(everything).not.to.match(/user_id/i);
    }
    for (const request of toProxy.filter((r) => r.url.includes('/v1/'))) {
      expect(request.headers['authorization']).to.match(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    }
  });
});

describe('<zd-number-picker> layout', () => {
  it('fits 320 px in German without horizontal scrolling and passes axe at each step', async () => {
    const el = await mount('de', { country: 'DE' });
    el.style.width = '320px';
    const fits = async () => {
      await expect(el).to.be.accessible();
      expect(el.scrollWidth).to.be.at.most(320);
      const base = $(el, '.base') as HTMLElement;
      expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
    };
    await waitForSelector(el, '#destination-list');
    await fits();
    $$(el, '#destination-list [role=option]')
      .find((o) => o.textContent?.includes('Berlin'))
      ?.click();
    await waitFor(() => $$(el, '#number-list [role=option]').length > 0, 'the numbers');
    await fits();
    $(el, '#number-0')?.click();
    await waitFor(() => currentStep(el).includes('Unterlagen'), 'the documents step');
    await waitForSelector(el, '.checklist');
    await fits();
    await completeDemoGroup();
    $$(el, 'button')
      .find((b) => norm(b) === 'Erneut prüfen')
      ?.click();
    const next = await waitFor(
      () => $<HTMLButtonElement>(el, '[part~=next-button]:not([disabled])'),
      'verification pending',
    );
    await fits();
    next.click();
    await waitFor(() => currentStep(el).includes('Bestellung'), 'the order step');
    await fits();
    $<HTMLButtonElement>(el, '[part~=order-button]')?.click();
    await waitForSelector(el, '.facts', 'the done state');
    await fits();
  });
});
