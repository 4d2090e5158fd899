/** Reading and driving an element's shadow DOM in the browser tests. */
import { waitFor } from './env.js';

const root = (el: Element) => el.shadowRoot as ShadowRoot;

/** Whitespace-collapsed text of an element. */
export const norm = (e: Element | null | undefined): string =>
  e?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

export const $ = <T extends HTMLElement = HTMLElement>(el: Element, selector: string): T | null =>
  root(el).querySelector<T>(selector);

export const $$ = <T extends HTMLElement = HTMLElement>(el: Element, selector: string): T[] => [
  ...root(el).querySelectorAll<T>(selector),
];

export const focused = (el: Element): HTMLElement | null => root(el).activeElement as HTMLElement | null;

/** Waits for a selector in the shadow root; on timeout says what the element shows instead. */
export async function waitForSelector<T extends HTMLElement = HTMLElement>(
  el: Element,
  selector: string,
  what = selector,
  timeoutMs?: number,
): Promise<T> {
  try {
    return await waitFor(() => $<T>(el, selector), what, timeoutMs);
  } catch (error) {
    throw new Error(`${String(error)}; the element shows: ${norm(root(el).firstElementChild ?? undefined)}`);
  }
}

/** Puts files into a file input as the browser's file chooser would. */
export function pickFiles(input: HTMLInputElement, ...files: File[]): void {
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Drops files on an element as a drag from the desktop would. */
export function dropFiles(target: HTMLElement, ...files: File[]): void {
  const dataTransfer = new DataTransfer();
  for (const file of files) dataTransfer.items.add(file);
  target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer }));
  target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer }));
}

/** Sets a form control's value as typing or choosing would (input and change events). */
export function setValue(control: HTMLInputElement | HTMLSelectElement, value: string): void {
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  control.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}
