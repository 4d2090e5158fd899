/** Driving `<zd-doc-upload>` in the browser tests as a customer would. */
import { oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ZdGroupSavedDetail } from '../base/events.js';
import type { ZdDocUpload } from '../components/doc-upload/zd-doc-upload.component.js';
import { $, pickFiles, setValue, waitForSelector } from './dom.js';

/** Fills the details form; the first name is typed key by key, as a customer would. */
export async function fill(el: ZdDocUpload, values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    const control = await waitForSelector<HTMLInputElement>(el, `#f-${name}`);
    if (name === 'first_name') {
      control.focus();
      control.select();
      await sendKeys({ type: value });
    } else {
      setValue(control, value);
    }
  }
}

export async function chooseSalutation(el: ZdDocUpload, salutation: string): Promise<void> {
  const radio = await waitForSelector<HTMLInputElement>(el, `input[name=salutation][value=${salutation}]`);
  radio.click();
  await el.updateComplete;
}

/** From the group chooser to an empty form. */
export async function startNewGroup(el: ZdDocUpload): Promise<void> {
  (await waitForSelector<HTMLInputElement>(el, 'input[name=group][value="-1"]', 'the group chooser')).click();
  $<HTMLButtonElement>(el, '.choose .button')?.click();
  await waitForSelector(el, 'form.form', 'the details form');
}

export async function save(el: ZdDocUpload): Promise<ZdGroupSavedDetail> {
  const saved = oneEvent(el, 'zd-group-saved');
  $<HTMLButtonElement>(el, '[part~=save-button]')?.click();
  const { detail } = await saved;
  await waitForSelector(el, '.doc', 'the documents');
  return detail;
}

export async function upload(el: ZdDocUpload, type: string, file: File): Promise<void> {
  const input = await waitForSelector<HTMLInputElement>(el, `#i-${type}`);
  const arrived = oneEvent(el, 'zd-document-uploaded');
  pickFiles(input, file);
  await arrived;
}
