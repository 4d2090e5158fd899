/**
 * The voice menus a partner describes in `menu.json`, checked whole before anything is sent, so a bad
 * file is a clear error and never half a set-up:
 *
 * ```json
 * { "menus": [
 *   { "title": "Hauptmenü", "sound": "willkommen.wav",
 *     "buttons": { "none": "100", "1": ["100", "101"], "2": "102", "12": "101" } } ] }
 * ```
 *
 * The first menu is the PBX's main menu (Zadarma's menu 0); the others are created. A button is
 * `none` (no key pressed: where every call goes by default), `0`–`9`, or `12`–`30` for a dynamic menu
 * chosen by the answer to the call notification (the seed's "push_button größer als 11"); it rings one
 * or more three-digit extensions, or `fax`. A button cannot lead to another menu: Zadarma's scenarios
 * ring extensions, so such a file (and any loop it would make) is refused by name.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { SNIFF_BYTES, SOUND_MIME_TYPES, sniffType } from '@zadarma-elements/api';

/** Zadarma's limit for an IVR sound (seed, step 7). */
export const MAX_SOUND_BYTES = 5 * 1024 * 1024;

export interface ScenarioPlan {
  /** Zadarma's push_button: -1 for none, 0–9, 12–30 dynamic. */
  button: number;
  /** As written in the file: `none`, `1`, `12`. */
  label: string;
  /** Space-separated as Zadarma takes them, e.g. `100 101`, or `fax`. */
  extensions: string;
}

export interface MenuPlan {
  title: string;
  sound?: { name: string; file: string; type: (typeof SOUND_MIME_TYPES)[number] };
  scenarios: ScenarioPlan[];
}

export class MenuPlanError extends Error {
  override name = 'MenuPlanError';
}

const fail = (where: string, message: string): never => {
  throw new MenuPlanError(`${where}: ${message}`);
};

function buttonOf(where: string, key: string): number {
  if (key === 'none') return -1;
  if (/^[0-9]$/.test(key)) return Number(key);
  if (/^(1[2-9]|2[0-9]|30)$/.test(key)) return Number(key);
  return fail(where, 'a button is "none", 0–9, or 12–30 for a dynamic menu (10 and 11 are Zadarma’s own)');
}

function extensionsOf(where: string, value: unknown): string {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'menu' in value) {
    return fail(
      where,
      'a button rings extensions; Zadarma’s API cannot send callers from one menu to another (nor round in a loop)',
    );
  }
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) fail(where, 'name at least one extension');
  if (list.length === 1 && list[0] === 'fax') return 'fax';
  for (const item of list) {
    if (typeof item !== 'string' || !/^[0-9]{3}$/.test(item))
      fail(where, `${JSON.stringify(item)} is not an extension (three digits, e.g. "100") or "fax"`);
  }
  if (new Set(list).size !== list.length) fail(where, 'an extension is named twice');
  return list.join(' ');
}

function soundOf(where: string, value: unknown, dir: string): MenuPlan['sound'] {
  if (typeof value !== 'string' || !value) return fail(where, 'the sound is the path of an MP3 or WAV file');
  const file = path.resolve(dir, value);
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return fail(where, `${value} cannot be read`);
  }
  if (size > MAX_SOUND_BYTES) fail(where, `${value} is larger than 5 MB (Zadarma’s limit for a sound)`);
  const head = readFileSync(file).subarray(0, SNIFF_BYTES);
  const type = sniffType(head);
  if (type !== 'audio/mpeg' && type !== 'audio/wav')
    return fail(where, `${value} is not an MP3 or WAV file (judged by its content, not its name)`);
  return { name: path.basename(value).replace(/\.[^.]+$/, ''), file, type };
}

/** Parses and checks a menu file's JSON; `dir` resolves the sounds' paths. Throws `MenuPlanError`. */
export function parseMenuPlan(json: unknown, dir: string): MenuPlan[] {
  const menus = (json as { menus?: unknown } | null)?.menus;
  if (!Array.isArray(menus) || menus.length === 0)
    return fail('menu file', 'must be an object with a non-empty list "menus"');
  const titles = new Set<string>();
  return menus.map((menu: unknown, i) => {
    const where = `menus[${i}]`;
    if (typeof menu !== 'object' || menu === null) return fail(where, 'must be an object');
    const { title, sound, buttons, ...rest } = menu as Record<string, unknown>;
    const unknown = Object.keys(rest)[0];
    if (unknown) fail(where, `unknown field "${unknown}" (a menu has title, sound and buttons)`);
    if (typeof title !== 'string' || !title.trim()) fail(where, 'needs a title');
    const name = String(title).trim();
    if (titles.has(name)) fail(where, `the title "${name}" is used twice`);
    titles.add(name);
    if (typeof buttons !== 'object' || buttons === null || Array.isArray(buttons))
      return fail(where, 'needs "buttons": { "none": "100", "1": ["100", "101"] }');
    const scenarios = Object.entries(buttons).map(([label, value]) => ({
      button: buttonOf(`${where}.buttons.${label}`, label),
      label,
      extensions: extensionsOf(`${where}.buttons.${label}`, value),
    }));
    if (scenarios.length === 0) fail(where, 'needs at least one button');
    return {
      title: name,
      scenarios,
      ...(sound === undefined ? {} : { sound: soundOf(`${where}.sound`, sound, dir) }),
    };
  });
}

/** The extensions the plan rings that `existing` lacks (checked before any scenario is created). */
export function missingExtensions(plan: readonly MenuPlan[], existing: readonly string[]): string[] {
  const have = new Set(existing);
  const named = plan.flatMap((m) =>
    m.scenarios.flatMap((s) => (s.extensions === 'fax' ? [] : s.extensions.split(' '))),
  );
  return [...new Set(named.filter((e) => !have.has(e)))];
}
