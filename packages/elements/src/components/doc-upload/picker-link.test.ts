/**
 * <zd-doc-upload> beside number pickers with no page script: it follows the picker of its <zd-config> (or
 * the one `for` names) unless `standalone`, and a hidden upload fetches nothing. This file does not load
 * <zd-number-picker>: the pickers here are plain elements that send the picker's `zd-documents-required`
 * (cancelable, as the picker sends it), so the upload's side of the protocol is tested on its own. The
 * flow with the real picker is in zd-doc-upload.test.ts.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { ZdDocumentsRequiredDetail } from '../../base/events.js';
import { $, $$, focused, norm, waitForSelector } from '../../test-support/dom.js';
import { fill, save, startNewGroup, upload } from '../../test-support/doc-upload.js';
import {
  recordRequests,
  resetSandbox,
  waitFor,
  zdEnv,
  type RecordedRequest,
  type ZdTestEnv,
} from '../../test-support/env.js';
import { photo } from '../../test-support/files.js';
import { ANNA } from '../../test-support/people.js';
import '../config/zd-config.js';
import type { ZdConfig } from '../config/zd-config.component.js';
import './zd-doc-upload.js';
import type { ZdDocUpload } from './zd-doc-upload.component.js';

const BERLIN = 3766;

let env: ZdTestEnv;

/** What the picker sends for Berlin (the sandbox's requirements), with changes. */
const berlin = (changes: Partial<ZdDocumentsRequiredDetail> = {}): ZdDocumentsRequiredDetail => ({
  directionId: BERLIN,
  country: 'DE',
  groupId: undefined,
  failed: ['information', 'uploaded'],
  missing: ['information', 'uploaded'],
  upload: ['passport'],
  specify: ['first_name', 'last_name', 'address', 'city', 'zip_code', 'street', 'building_number'],
  ...changes,
});

/** Sends the picker's event from `picker`; true when an upload took it (`preventDefault()`). */
const ask = (picker: Element, detail: ZdDocumentsRequiredDetail): boolean =>
  !picker.dispatchEvent(
    new CustomEvent('zd-documents-required', { detail, bubbles: true, composed: true, cancelable: true }),
  );

/** Two frames: a shown element has had its box reported and started its requests by then. */
const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

const groupLists = (requests: RecordedRequest[]) =>
  requests.filter((r) => r.url.includes('/v1/documents/groups/')).length;

async function page(template: ReturnType<typeof html>): Promise<ZdConfig> {
  const config = await fixture<ZdConfig>(template);
  await frames();
  return config;
}

before(async () => {
  env = await zdEnv();
});

beforeEach(async () => {
  await resetSandbox();
});

describe('<zd-doc-upload> follows a number picker', () => {
  it('stays hidden and asks nothing until the picker of its <zd-config> asks; then shows, and hides when done', async () => {
    const recorder = recordRequests();
    const config = await page(html`
      <zd-config proxy=${env.proxy} session-url=${env.sessionUrl} lang="en">
        <zd-number-picker></zd-number-picker>
        <zd-doc-upload refresh-interval="0.2"></zd-doc-upload>
      </zd-config>
    `);
    const picker = config.querySelector('zd-number-picker') as HTMLElement;
    const docs = config.querySelector('zd-doc-upload') as ZdDocUpload;
    expect(docs.hidden).to.equal(true);
    // Not even a session token: nothing at all went to the partner's backend or the proxy.
    expect(recorder.requests).to.have.length(0);

    expect(ask(picker, berlin())).to.equal(true);
    expect(docs.hidden).to.equal(false);
    // Focus on the heading, as screen-reader users expect when something opens.
    await waitFor(() => focused(docs)?.getAttribute('part') === 'title', 'focus on the title');
    await startNewGroup(docs);
    // Berlin's requirements, from the event: its address fields are required.
    expect($(docs, '#f-street')?.hasAttribute('required')).to.equal(true);
    await fill(docs, ANNA);
    const { groupId } = await save(docs);
    expect($$(docs, '.doc__title').map(norm)).to.deep.equal(['ID card or passport']);
    const submitted = oneEvent(docs, 'zd-documents-submitted');
    await upload(docs, 'passport', await photo(400, 300, 'pass.jpg'));
    expect((await submitted).detail).to.deep.equal({ directionId: BERLIN, groupId });
    await waitFor(() => docs.hidden, 'the upload to hide once everything is in');

    // Only the verification pending (the picker sends that only when the customer asks): nothing for the
    // customer to do here, the picker shows the status.
    expect(ask(picker, berlin({ groupId, failed: ['verified'], missing: [] }))).to.equal(false);
    expect(docs.hidden).to.equal(true);
    recorder.stop();
  });

  it('follows only the picker its `for` names, wherever it is', async () => {
    const config = await page(html`
      <div>
        <zd-number-picker id="picker-outside"></zd-number-picker>
        <zd-config proxy=${env.proxy} session-url=${env.sessionUrl} lang="en">
          <zd-number-picker id="picker-inside"></zd-number-picker>
          <zd-doc-upload for="picker-outside"></zd-doc-upload>
        </zd-config>
      </div>
    `);
    const docs = config.querySelector('zd-doc-upload') as ZdDocUpload;
    expect(docs.hidden).to.equal(true);
    expect(ask(config.querySelector('#picker-inside') as Element, berlin())).to.equal(false);
    expect(docs.hidden).to.equal(true);
    const named = config.querySelector('#picker-outside') as Element;
    expect(ask(named, berlin({ groupId: 0, upload: ['passport', 'phone_bill'] }))).to.equal(true);
    expect(docs.hidden).to.equal(false);
    await waitFor(() => $$(docs, '.doc__title').length === 2, 'the documents of group 0');
    expect($$(docs, '.doc__title').map(norm)).to.deep.equal([
      'ID card or passport',
      'Utility bill showing the address',
    ]);
  });

  it('`standalone` follows nothing: shown at once, and the page’s glue (a script file) drives it', async () => {
    const config = await page(html`
      <zd-config proxy=${env.proxy} session-url=${env.sessionUrl} lang="en">
        <zd-number-picker></zd-number-picker>
        <zd-doc-upload standalone></zd-doc-upload>
      </zd-config>
    `);
    const picker = config.querySelector('zd-number-picker') as HTMLElement;
    const docs = config.querySelector('zd-doc-upload') as ZdDocUpload;
    expect(docs.hidden).to.equal(false);
    await waitForSelector(docs, '.choose', 'the group chooser');

    // The README's glue for this case, loaded as a file as a strict CSP wants it.
    const glue = '/packages/elements/examples/standalone-upload.js';
    await import(/* @vite-ignore */ glue);
    docs.hidden = true;
    expect(ask(picker, berlin({ groupId: 0 }))).to.equal(true);
    expect(docs.hidden).to.equal(false);
    expect(docs.directionId).to.equal(BERLIN);
    await waitFor(() => $$(docs, '.check--failed').length > 0, 'the checks of group 0 for Berlin');
  });
});

describe('<zd-doc-upload> hidden', () => {
  it('fetches nothing while hidden or inside display: none, and starts once shown', async () => {
    const recorder = recordRequests();
    // No picker in this <zd-config>: these uploads are standalone, as they were before following existed.
    const config = await page(html`
      <zd-config proxy=${env.proxy} session-url=${env.sessionUrl} lang="en">
        <zd-doc-upload id="hidden" hidden></zd-doc-upload>
        <div id="box" style="display: none"><zd-doc-upload id="in-box"></zd-doc-upload></div>
        <zd-doc-upload id="shown"></zd-doc-upload>
      </zd-config>
    `);
    const [hidden, inBox, shown] = ['#hidden', '#in-box', '#shown'].map(
      (id) => config.querySelector(id) as ZdDocUpload,
    ) as [ZdDocUpload, ZdDocUpload, ZdDocUpload];
    await waitForSelector(shown, '.choose', 'the chooser of the shown upload');
    await frames();
    expect(groupLists(recorder.requests)).to.equal(1);

    hidden.hidden = false;
    await waitForSelector(hidden, '.choose', 'the chooser of the upload once shown');
    expect(groupLists(recorder.requests)).to.equal(2);
    (config.querySelector('#box') as HTMLElement).style.display = '';
    await waitForSelector(inBox, '.choose', 'the chooser of the upload once its box is shown');
    expect(groupLists(recorder.requests)).to.equal(3);
    recorder.stop();
  });
});
