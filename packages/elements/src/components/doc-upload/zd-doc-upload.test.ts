/**
 * <zd-doc-upload> in Chromium against the real proxy and the real sandbox (web-test-runner.config.mjs starts
 * them): groups of a person and of a company, every required file, verification by the sandbox, the number
 * picker's order afterwards; refused files, downscaled photos, lost answers, cancelled uploads, an expired
 * token; axe in every state; nothing but the session token in any request.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import { sendKeys } from '@web/test-runner-commands';
import type { ZdDocumentsReadyDetail } from '../../base/events.js';
import { UPLOAD_LIMIT_BYTES } from '../../documents/file-check.js';
import { $, $$, dropFiles, focused, norm, pickFiles, waitForSelector } from '../../test-support/dom.js';
import {
  addFault,
  clearFaults,
  mintToken,
  recordRequests,
  rejectGroup,
  resetSandbox,
  sandboxUser,
  verifyGroup,
  waitFor,
  zdEnv,
  type RecordedRequest,
  type ZdTestEnv,
} from '../../test-support/env.js';
import { emptyFile, pdf, photo, png, renamedText } from '../../test-support/files.js';
import { chooseSalutation, fill, save, startNewGroup, upload } from '../../test-support/doc-upload.js';
import { ANNA } from '../../test-support/people.js';
import '../config/zd-config.js';
import type { ZdConfig } from '../config/zd-config.component.js';
import '../number-picker/zd-number-picker.js';
import type { ZdNumberPicker } from '../number-picker/zd-number-picker.component.js';
import './zd-doc-upload.js';
import type { ZdDocUpload } from './zd-doc-upload.component.js';

const BERLIN = 3766; // DE: passport; name and German address
const DE_0800 = 3753; // DE toll-free: passport and company letter; company name and address

let env: ZdTestEnv;

interface MountOptions {
  lang?: string;
  directionId?: number;
  country?: string;
  groupId?: number;
  types?: string;
}

async function mount(options: MountOptions = {}): Promise<ZdDocUpload> {
  const config = await fixture<ZdConfig>(html`
    <zd-config proxy=${env.proxy} session-url=${env.sessionUrl} lang=${options.lang ?? 'en'}>
      <zd-doc-upload
        direction-id=${options.directionId ?? ''}
        country=${options.country ?? ''}
        group-id=${ifDefined(options.groupId)}
        document-types=${options.types ?? 'passport'}
        refresh-interval="0.2"
      ></zd-doc-upload>
    </zd-config>
  `);
  return config.querySelector('zd-doc-upload') as ZdDocUpload;
}

const files = async (groupId: number) =>
  (await sandboxUser(env.demoUserId)).groups.find((g) => g.id === groupId)?.files ?? [];

const uploadsOf = (requests: RecordedRequest[]) =>
  requests.filter((r) => r.method === 'POST' && r.url.includes('/v1/documents/upload'));

before(async () => {
  env = await zdEnv();
});

beforeEach(async () => {
  await resetSandbox();
});

describe('<zd-doc-upload>: details and documents for a destination', () => {
  it('as a person: checks the form, saves the group, uploads the passport and follows the verification', async () => {
    const el = await mount({ directionId: BERLIN, country: 'DE' });
    // The demo user has its main group from registration: the element asks which details to use.
    await waitForSelector(el, '.choose', 'the group chooser');
    await expect(el).to.be.accessible();
    await startNewGroup(el);
    expect(($<HTMLSelectElement>(el, '#f-country') as HTMLSelectElement).value).to.equal('DE');

    // Nothing filled in: every required field says so, and the first one has the focus.
    $<HTMLButtonElement>(el, '[part~=save-button]')?.click();
    await waitFor(() => norm($(el, '.form__problems')).includes('marked fields'), 'the form problems');
    expect($(el, '#f-first_name')?.getAttribute('aria-invalid')).to.equal('true');
    expect(norm($(el, '#e-first_name'))).to.equal('Please fill this in.');
    await waitFor(() => focused(el)?.id === 'f-first_name', 'focus on the first name');
    await expect(el).to.be.accessible();

    await fill(el, { ...ANNA, email: 'anna@beispiel', date_of_birth: '2999-01-01' });
    await el.updateComplete;
    expect(norm($(el, '#e-email'))).to.contain('email address');
    expect(norm($(el, '#e-date_of_birth'))).to.contain('future');
    await fill(el, { email: ANNA.email, date_of_birth: '1984-02-29' });
    const saved = await save(el);
    expect(saved.created).to.equal(true);
    const group = (await sandboxUser(env.demoUserId)).groups.find((g) => g.id === saved.groupId);
    expect(group).not.to.equal(undefined);

    await waitFor(() => $$(el, '.check--failed').length > 0, 'the checks');
    expect(norm($(el, '.checklist'))).to.contain('Documents uploaded : missing');
    await expect(el).to.be.accessible();

    const submitted = oneEvent(el, 'zd-documents-submitted');
    await upload(el, 'passport', await photo(800, 600, 'reisepass.jpg'));
    expect((await submitted).detail).to.deep.equal({ directionId: BERLIN, groupId: saved.groupId });
    await waitFor(() => norm($(el, '.files')).includes('being checked'), 'the file in the list');
    expect(norm($(el, '.note'))).to.contain('being checked');

    // The verifier accepts; the element notices by itself (refresh-interval 0.2 s).
    const ready = oneEvent(el, 'zd-documents-ready');
    await verifyGroup(env.demoUserId, saved.groupId);
    expect(((await ready) as CustomEvent<ZdDocumentsReadyDetail>).detail.groupId).to.equal(saved.groupId);
    await waitFor(() => norm($(el, '.files')).includes('verified'), 'the verified file');
    expect($$(el, '.check--failed')).to.have.length(0);
    await expect(el).to.be.accessible();
    const stored = await files(saved.groupId);
    expect(stored.map((f) => [f.type, f.mime, f.status])).to.deep.equal([
      ['passport', 'image/jpeg', 'verified'],
    ]);
  });

  it('as a company (German 0800 number): company fields, a PDF and a scanned letter, valid once verified', async () => {
    const el = await mount({ directionId: DE_0800, country: 'DE', lang: 'de' });
    await startNewGroup(el);
    expect(Boolean($(el, '#f-date_of_birth'))).to.equal(true);
    await chooseSalutation(el, 'COMPANY');
    const legends = $$(el, 'legend').map(norm);
    expect(legends).to.include.members(['Angaben zur Firma', 'Ansprechperson', 'Firmenanschrift']);
    // The sections are headings (screen readers list them), and the company's name is not "Firma" again.
    expect($$(el, 'legend h4').map(norm)).to.include('Angaben zur Firma');
    expect(norm($(el, 'label[for=f-organization]'))).to.equal('Firmenname');
    expect(Boolean($(el, '#f-date_of_birth'))).to.equal(false);
    $<HTMLButtonElement>(el, '[part~=save-button]')?.click();
    await el.updateComplete;
    expect(norm($(el, '#e-organization'))).to.equal('Bitte ausfüllen.');

    await fill(el, {
      ...ANNA,
      organization: 'Müller Kommunikation GmbH',
      organization_reg_number: 'HRB 12345',
    });
    const saved = await save(el);
    expect(norm($(el, '.summary'))).to.contain('Müller Kommunikation GmbH');
    expect($$(el, '.doc__title').map(norm)).to.deep.equal([
      'Personalausweis oder Reisepass',
      'Schreiben der Firma',
    ]);

    await upload(el, 'passport', pdf(40_000, 'ausweis.pdf'));
    const submitted = oneEvent(el, 'zd-documents-submitted');
    await upload(el, 'company_letter', await png('schreiben.png'));
    await submitted;
    await expect(el).to.be.accessible();

    const ready = oneEvent(el, 'zd-documents-ready');
    await verifyGroup(env.demoUserId, saved.groupId);
    await ready;
    await waitFor(() => norm($(el, '.note')).includes('Alles ist geprüft'), 'the verified state');
    const stored = await files(saved.groupId);
    expect(stored.map((f) => f.mime).sort()).to.deep.equal(['application/pdf', 'image/png']);
  });

  it('shows the verifier’s reason for a rejected document, and takes a new one', async () => {
    const el = await mount({ directionId: BERLIN, country: 'DE' });
    await startNewGroup(el);
    await fill(el, ANNA);
    const { groupId } = await save(el);
    const sent = oneEvent(el, 'zd-documents-submitted');
    await upload(el, 'passport', await photo(400, 300, 'blurry.jpg'));
    await sent;
    // Later, the verifier refuses it; the element learns it at its next check.
    await rejectGroup(env.demoUserId, groupId, { message: 'The photo is blurred.' });
    const alert = await waitForSelector(el, '.doc__wrong', 'the rejection', 5000);
    expect(norm(alert)).to.contain('The photo is blurred.');
    expect(norm($(el, '.files'))).to.contain('not accepted');
    // The type has its file, so no big drop zone: a small button for the replacement.
    expect($(el, '[part~=drop-zone]')).to.equal(null);
    expect(norm($(el, '[part~=add-button]'))).to.equal('Replace: ID card or passport');
    await expect(el).to.be.accessible();
    const submitted = oneEvent(el, 'zd-documents-submitted');
    await upload(el, 'passport', await photo(400, 300, 'sharp.jpg'));
    await submitted;
    await waitFor(() => $$(el, '.file').length === 2, 'both files in the list');
    const [blurry, sharp] = $$(el, '.file').map(norm);
    expect(blurry).to.equal('blurry.jpg: not accepted');
    // The file sent from this page shows its type and size too (Zadarma's list has only names).
    expect(sharp).to.match(/^sharp\.jpg: being checked JPEG · \d+ KB$/);
  });

  it('with the number picker in one <zd-config> and no page script: shows for Berlin, hides when done, the order goes on', async () => {
    const recorder = recordRequests();
    // The root README's embed as it is, and a page long enough for the upload to start below the fold.
    const page = await fixture<ZdConfig>(html`
      <zd-config proxy=${env.proxy} session-url=${env.sessionUrl} lang="en">
        <zd-number-picker country="DE"></zd-number-picker>
        <div style="height: 150vh"></div>
        <zd-doc-upload refresh-interval="0.2" hidden></zd-doc-upload>
      </zd-config>
    `);
    const picker = page.querySelector('zd-number-picker') as ZdNumberPicker;
    const docs = page.querySelector('zd-doc-upload') as ZdDocUpload;

    const berlin = await waitFor(
      () => $$(picker, '#destination-list [role=option]').find((o) => norm(o).includes('Berlin')),
      'Berlin',
    );
    // Until then the upload follows the picker, hidden, and has asked nothing.
    expect(docs.hidden).to.equal(true);
    expect(recorder.requests.filter((r) => r.url.includes('/v1/documents/'))).to.have.length(0);
    const required = oneEvent(picker, 'zd-documents-required');
    berlin.click();
    await waitFor(() => $$(picker, '#number-list [role=option]').length > 0, 'the numbers');
    $(picker, '#number-0')?.click();
    await required;
    recorder.stop();

    // Shown with focus on its heading, scrolled into view.
    expect(docs.hidden).to.equal(false);
    await waitFor(() => focused(docs)?.getAttribute('part') === 'title', 'focus on the title');
    const title = ($(docs, '.title') as HTMLElement).getBoundingClientRect();
    expect(title.top).to.be.at.least(0);
    expect(title.bottom).to.be.at.most(window.innerHeight);
    // Berlin's requirements: the main group from registration lacks the street.
    await waitForSelector(docs, '.check--failed', 'the checks of the main group');
    expect($$(docs, '.check--failed').map(norm)).to.include(
      '✗ Personal or company details complete : missing',
    );
    expect($$(docs, '.doc__title').map(norm)).to.deep.equal(['ID card or passport']);
    $$<HTMLButtonElement>(docs, '.link')
      .find((b) => norm(b) === 'Change details')
      ?.click();
    expect((await waitForSelector(docs, '#f-street')).hasAttribute('required')).to.equal(true);
    await fill(docs, {
      street: 'Unter den Linden',
      building_number: '8',
      zip_code: '10117',
      country: 'DE',
      city: 'Berlin',
    });
    await save(docs);
    const submitted = oneEvent(docs, 'zd-documents-submitted');
    await upload(docs, 'passport', await photo(800, 600));
    await submitted;
    // The customer's part is done: the upload goes, the picker shows the rest.
    await waitFor(() => docs.hidden, 'the upload to hide');
    const ready = oneEvent(docs, 'zd-documents-ready');
    await verifyGroup(env.demoUserId, 0);
    await ready;
    expect(docs.hidden).to.equal(true);

    // The picker heard it and checked again: the order goes through.
    const next = await waitFor(
      () => $<HTMLButtonElement>(picker, '[part~=next-button]:not([disabled])'),
      'the enabled continue button',
    );
    next.click();
    const orderButton = await waitForSelector<HTMLButtonElement>(picker, '[part~=order-button]');
    const ordered = oneEvent(picker, 'zd-number-ordered');
    orderButton.click();
    const { detail } = await ordered;
    expect(detail.directionId).to.equal(BERLIN);
    expect(detail.documentsGroupId).to.equal(0);
    expect((await sandboxUser(env.demoUserId)).numbers.map((n) => n.number)).to.include(detail.number);
  });
});

describe('<zd-doc-upload> by keyboard', () => {
  it('chooses, fills in and opens the file chooser without a mouse', async () => {
    const el = await mount({ directionId: BERLIN, country: 'DE', lang: 'de' });
    const main = await waitForSelector<HTMLInputElement>(el, 'input[name=group][value="0"]', 'the chooser');
    main.focus();
    await sendKeys({ press: 'ArrowDown' }); // radios move with the arrows
    expect(focused(el)?.getAttribute('value')).to.equal('-1');
    await sendKeys({ press: 'Enter' }); // and Enter submits their form
    // Focus goes to the heading of the new step, as screen-reader users expect.
    await waitFor(() => focused(el)?.tagName === 'H3', 'focus on the form');
    expect(norm(focused(el))).to.equal('Neue Angaben eingeben');

    await fill(el, ANNA);
    ($(el, '#f-city') as HTMLInputElement).focus();
    await sendKeys({ press: 'Enter' }); // Enter in a field sends the form
    await waitForSelector(el, '.doc', 'the documents');
    await waitFor(() => focused(el)?.classList.contains('summary'), 'focus on the documents view');

    const zone = $(el, '[part~=drop-zone]') as HTMLButtonElement;
    expect(zone.tagName).to.equal('BUTTON');
    expect(norm(zone)).to.contain('Personalausweis oder Reisepass');
    let opened = 0;
    $(el, '#i-passport')?.addEventListener('click', (e) => {
      opened++;
      e.preventDefault(); // no real file dialog in the test
    });
    zone.focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Space' });
    expect(opened).to.equal(2);
  });
});

describe('<zd-doc-upload> and the page', () => {
  it('keeps the form as it is when the page hands over equal requirements again, or switches language', async () => {
    const el = await mount({ directionId: BERLIN, country: 'DE' });
    el.requirements = { upload: ['passport'], specify: ['first_name', 'last_name', 'address'] };
    await startNewGroup(el);
    const first = (await waitForSelector<HTMLInputElement>(el, '#f-first_name')) as HTMLInputElement;
    first.focus();
    await sendKeys({ type: 'Jürgen' });
    el.requirements = { upload: ['passport'], specify: ['first_name', 'last_name', 'address'] };
    el.lang = 'de';
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 300));
    expect(norm($(el, 'label[for=f-first_name]'))).to.equal('Vorname');
    expect(($(el, '#f-first_name') as HTMLInputElement).value).to.equal('Jürgen');
    expect(focused(el)?.id).to.equal('f-first_name');
  });
});

describe('<zd-doc-upload>: files that must not go, and uploads that go wrong', () => {
  afterEach(async () => {
    await clearFaults();
  });

  it('refuses a renamed non-image, an empty file and a PDF over 5 MB before sending a byte', async () => {
    const el = await mount({ groupId: 0 });
    const recorder = recordRequests();
    const input = await waitForSelector<HTMLInputElement>(el, '#i-passport', 'the file input');
    const refusal = async (file: File) => {
      pickFiles(input, file);
      const text = norm(await waitForSelector(el, '.upload__refused', 'the refusal'));
      await expect(el).to.be.accessible();
      $<HTMLButtonElement>(el, '[part~=remove-button]')?.click();
      await waitFor(() => !$(el, '.upload'), 'the refused file to go');
      return text;
    };
    expect(await refusal(renamedText('passport.jpg'))).to.contain('neither a photo');
    expect(await refusal(emptyFile())).to.contain('empty');
    expect(await refusal(pdf(UPLOAD_LIMIT_BYTES + 1, 'scan.pdf'))).to.contain('larger than 5 MB');
    recorder.stop();
    expect(uploadsOf(recorder.requests)).to.have.length(0);
    expect(await files(0)).to.have.length(0);
  });

  it('the proxy itself refuses them by content, whatever the name and the claimed type', async () => {
    const { token } = await mintToken(['documents']);
    const send = async (file: File) => {
      const form = new FormData();
      form.append('group_id', '0');
      form.append('document_type', 'passport');
      form.append('file', file);
      const answer = await fetch(`${env.proxy}/v1/documents/upload/`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      return [answer.status, ((await answer.json()) as { code: string }).code];
    };
    expect(await send(renamedText())).to.deep.equal([415, 'unsupported_media_type']);
    expect(await send(emptyFile())).to.deep.equal([400, 'invalid_param']);
    expect(await send(pdf(UPLOAD_LIMIT_BYTES + 1))).to.deep.equal([413, 'too_large']);
    expect(await files(0)).to.have.length(0);
  });

  it('downscales a 20 MP photo in the browser, then uploads it (dropped on the drop zone)', async () => {
    const el = await mount({ groupId: 0 });
    const original = await photo(5472, 3648, 'IMG_2041.JPG', 0.95);
    expect(original.size).to.be.greaterThan(UPLOAD_LIMIT_BYTES);
    const zone = await waitForSelector(el, '[part~=drop-zone]', 'the drop zone');
    expect(zone.tagName).to.equal('BUTTON');
    const arrived = oneEvent(el, 'zd-document-uploaded');
    dropFiles(zone, original);
    await waitFor(() => norm($(el, '.upload .hint')).includes('reduced from'), 'the downscaled file', 15000);
    expect((await arrived).detail.name).to.match(/^IMG_2041\.jpg$/);
    const [stored] = await files(0);
    expect(stored?.mime).to.equal('image/jpeg');
    expect(stored?.size).to.be.at.most(UPLOAD_LIMIT_BYTES);
  });

  it('shows progress and lets an upload be cancelled', async () => {
    const el = await mount({ groupId: 0 });
    const recorder = recordRequests();
    // Zadarma answers slowly: the upload is still in flight when the customer cancels.
    await addFault({ pathPrefix: '/v1/documents/upload', latencyMs: 3000, count: 1 });
    pickFiles(await waitForSelector<HTMLInputElement>(el, '#i-passport'), pdf(3_000_000, 'contract.pdf'));
    await waitForSelector(el, '[part~=progress]', 'the progress bar');
    await waitFor(() => uploadsOf(recorder.requests).length > 0, 'the upload to be sent');
    expect(norm($(el, '.doc [role=status]'))).to.match(/Uploading… \d+ %/);
    await expect(el).to.be.accessible();
    let arrived = false;
    el.addEventListener('zd-document-uploaded', () => (arrived = true));
    $<HTMLButtonElement>(el, '[part~=cancel-button]')?.click();
    await waitFor(() => !$(el, '.upload'), 'the cancelled upload to go');
    recorder.stop();
    const [sent] = uploadsOf(recorder.requests);
    expect(sent?.signal.aborted).to.equal(true);
    expect(Boolean($(el, '[part~=drop-zone]'))).to.equal(true);
    await new Promise((r) => setTimeout(r, 3500));
    expect(arrived).to.equal(false);
    expect(norm($(el, '.doc [role=status]'))).to.equal('');
  });

  it('while a file goes up: no "nothing uploaded yet", a wait for the answer after the last byte, then the file', async () => {
    const el = await mount({ groupId: 0 });
    const input = await waitForSelector<HTMLInputElement>(el, '#i-passport');
    await waitFor(() => norm($(el, '.doc .hint')) === 'Nothing uploaded yet.', 'the empty state');
    // Zadarma takes its time to answer; the 20 KB have all gone long before.
    await addFault({ pathPrefix: '/v1/documents/upload', latencyMs: 1500, count: 1 });
    const arrived = oneEvent(el, 'zd-document-uploaded');
    pickFiles(input, pdf(20_000, 'vertrag.pdf'));
    await waitForSelector(el, '.upload', 'the upload');
    expect(norm($(el, '.doc'))).not.to.contain('Nothing uploaded yet');
    const waiting = await waitFor(
      () => $$<HTMLProgressElement>(el, '[part~=progress]').find((bar) => bar.position === -1),
      'an indeterminate bar',
    );
    expect(waiting.getAttribute('aria-label')).to.equal('Processing – waiting for the answer…');
    expect(norm($(el, '.doc > [role=status]'))).to.equal('Processing – waiting for the answer…');
    expect(Boolean($(el, '[part~=cancel-button]'))).to.equal(true);
    await expect(el).to.be.accessible();

    await arrived;
    // The type has its file: shown with type, size and state, and a small button instead of the drop zone.
    await waitFor(() => !$(el, '.upload'), 'the upload to be done');
    expect($(el, '[part~=drop-zone]')).to.equal(null);
    expect(norm($(el, '.file'))).to.equal('vertrag.pdf: being checked PDF · 20 KB');
    expect(norm($(el, '.doc > [role=status]'))).to.equal('Uploaded.');
    const add = $(el, '[part~=add-button]') as HTMLButtonElement;
    expect(norm(add)).to.equal('Add another file: ID card or passport');
    let opened = 0;
    input.addEventListener('click', (e) => {
      opened++;
      e.preventDefault(); // no real file dialog in the test
    });
    add.click();
    expect(opened).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('retries after the answer was lost without uploading the file twice', async () => {
    const el = await mount({ groupId: 0 });
    const recorder = recordRequests();
    // Zadarma stores the file, then the connection breaks before the answer.
    await addFault({ pathPrefix: '/v1/documents/upload', connectionReset: true, phase: 'after', count: 1 });
    pickFiles(await waitForSelector<HTMLInputElement>(el, '#i-passport'), await photo(400, 300));
    const retry = await waitForSelector<HTMLButtonElement>(el, '[part~=retry-button]', 'the retry button');
    await expect(el).to.be.accessible();
    const arrived = oneEvent(el, 'zd-document-uploaded').catch(() => undefined);
    retry.click();
    await waitFor(() => norm($(el, '.doc [role=status]')) === 'Uploaded.', 'the upload to be done');
    void arrived;
    recorder.stop();
    expect(uploadsOf(recorder.requests)).to.have.length(1);
    expect(await files(0)).to.have.length(1);
  });

  it('sends again after a failure before Zadarma had the file, once', async () => {
    const el = await mount({ groupId: 0 });
    const recorder = recordRequests();
    await addFault({ pathPrefix: '/v1/documents/upload', connectionReset: true, phase: 'before', count: 1 });
    pickFiles(await waitForSelector<HTMLInputElement>(el, '#i-passport'), await photo(400, 300));
    const retry = await waitForSelector<HTMLButtonElement>(el, '[part~=retry-button]', 'the retry button');
    const arrived = oneEvent(el, 'zd-document-uploaded');
    retry.click();
    await arrived;
    recorder.stop();
    expect(uploadsOf(recorder.requests)).to.have.length(2);
    expect(await files(0)).to.have.length(1);
  });

  it('carries on with a fresh token when the session token expires mid-flow', async () => {
    const short = await mintToken(['documents'], 1);
    const good = await mintToken(['documents']);
    let calls = 0;
    const config = await fixture<ZdConfig>(html`
      <zd-config
        proxy=${env.proxy}
        lang="en"
        .getToken=${() => (++calls === 1 ? { token: short.token, expiresAt: Date.now() + 600_000 } : good)}
      >
        <zd-doc-upload group-id="0"></zd-doc-upload>
      </zd-config>
    `);
    const el = config.querySelector('zd-doc-upload') as ZdDocUpload;
    const input = await waitForSelector<HTMLInputElement>(el, '#i-passport');
    expect(calls).to.equal(1);
    await new Promise((r) => setTimeout(r, 1500)); // the first token expires meanwhile
    const arrived = oneEvent(el, 'zd-document-uploaded');
    pickFiles(input, pdf(10_000));
    await arrived;
    expect(calls).to.equal(2);
    expect(await files(0)).to.have.length(1);
  });
});

describe('<zd-doc-upload>: requests and layout', () => {
  it('sends nothing but the session token: no key, secret or user_id in any request', async () => {
    const recorder = recordRequests();
    const el = await mount({ directionId: BERLIN, country: 'DE' });
    await startNewGroup(el);
    await fill(el, ANNA);
    await save(el);
    await upload(el, 'passport', await photo(300, 200));
    recorder.stop();
    const toProxy = recorder.requests.filter((r) => r.url.startsWith(env.proxy) && r.url.includes('/v1/'));
    expect(uploadsOf(toProxy)).to.have.length(1);
    for (const request of recorder.requests) {
      const everything = `${request.url}\n${JSON.stringify(request.headers)}\n${request.body}`;
      for (const secret of env.secrets) expect(everything).not.to.contain(secret);
      expect(everything).not.to.match(/user_id/i);
    }
    for (const request of toProxy) {
      expect(request.headers['authorization']).to.match(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    }
  });

  it('fits 320 px in every view, in German', async () => {
    const el = await mount({ directionId: BERLIN, country: 'DE', lang: 'de' });
    el.style.width = '320px';
    const fits = () => {
      const base = $(el, '.base') as HTMLElement;
      expect(el.scrollWidth).to.be.at.most(320);
      expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
    };
    await waitForSelector(el, '.choose');
    fits();
    await startNewGroup(el);
    $<HTMLButtonElement>(el, '[part~=save-button]')?.click();
    await el.updateComplete;
    fits();
    await chooseSalutation(el, 'COMPANY');
    fits();
    await chooseSalutation(el, 'MR');
    await fill(el, ANNA);
    await save(el);
    pickFiles(
      await waitForSelector<HTMLInputElement>(el, '#i-passport'),
      renamedText('ein-sehr-langer-dateiname-ohne-leerzeichen-vom-telefon.jpg'),
    );
    await waitForSelector(el, '.upload__refused');
    fits();
    expect(norm($(el, '.upload__refused'))).to.contain('weder ein Foto');
    $<HTMLButtonElement>(el, '[part~=remove-button]')?.click();
    await upload(
      el,
      'passport',
      await photo(300, 200, 'ein-sehr-langer-dateiname-ohne-leerzeichen-vom-telefon.jpg'),
    );
    await waitForSelector(el, '[part~=add-button]', 'the file with its button');
    fits();
  });
});
