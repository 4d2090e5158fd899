/** PBX state: creation, extensions, IVR menus and scenarios, sounds, notification URLs. */
import { addMonths } from '../clock.js';
import { refused } from '../errors.js';
import {
  CALLINFO_EVENTS,
  WEBHOOK_HOOKS,
  type Account,
  type Extension,
  type IvrScenario,
  type Pbx,
  type SandboxState,
} from './types.js';

/** Extensions are three digits, 100–999. */
export const EXTENSION_MIN = 100;
export const EXTENSION_MAX = 999;
/** Menus a PBX has without buying (menu 0 included). */
export const FREE_MENUS = 3;
/** What an extra IVR menu costs (USD). */
export const MENU_PRICE_USD = 2;

/** Zadarma refuses weak SIP passwords: at least 8 characters with lower- and upper-case letters and digits. */
export function checkPassword(password: string): void {
  if (password.length < 8 || !/[a-z]/.test(password) || !/[A-Z]/.test(password) || !/\d/.test(password)) {
    throw refused(
      'Password must be at least 8 characters long and contain lower-case and upper-case letters and digits',
    );
  }
}

export function newExtension(number: number, password: string): Extension {
  return {
    number,
    password,
    name: `Extension ${number}`,
    callerId: null,
    lines: 3,
    recording: { on: false, email: null, emailOn: false, store: false, speech: 'off' },
    supervisor: 0,
    online: false,
  };
}

/** A PBX as `pbx/create` leaves it: extension 100, menu 0 and its "no button" scenario to 100. */
export function createPbx(state: SandboxState, account: Account, password: string, now: number): Pbx {
  if (account.pbx) throw refused('PBX is already created');
  checkPassword(password);
  const pbx: Pbx = {
    id: state.nextId.pbx++,
    stop: addMonths(now, 1),
    extensions: [newExtension(100, password)],
    menus: [{ id: 0, title: 'Main menu', type: 'file', status: 'on', waitexten: 5, bought: false }],
    scenarios: [],
    sounds: [],
    // The sandbox notifies about the incoming-call events by default, so a set URL sees a whole call.
    callinfo: {
      url: '',
      notifications: Object.fromEntries(
        CALLINFO_EVENTS.map((e) => [e, !e.startsWith('notify_out')]),
      ) as Pbx['callinfo']['notifications'],
    },
    webhooks: {
      url: '',
      hooks: Object.fromEntries(WEBHOOK_HOOKS.map((h) => [h, false])) as Pbx['webhooks']['hooks'],
    },
    calls: [],
  };
  pbx.scenarios.push(newScenario(state, 0, 'Without pressing a button', -1, ['100']));
  account.pbx = pbx;
  return pbx;
}

export function newScenario(
  state: SandboxState,
  menuId: number,
  title: string,
  pushButton: number,
  extensions: string[],
): IvrScenario {
  return {
    id: state.nextId.scenario++,
    menuId,
    title,
    pushButton,
    groups: [extensions, [], []],
    delays: [10, 20],
    queueStrategy: 'off',
    triggerToDid: null,
    triggerFromClid: null,
  };
}

export function pbxOf(account: Account): Pbx {
  if (!account.pbx) throw refused('PBX is not created');
  return account.pbx;
}

export function extensionOf(pbx: Pbx, number: string | number): Extension {
  const ext = pbx.extensions.find((e) => e.number === Number(number));
  if (!ext) throw refused(`PBX extension ${number} not found`);
  return ext;
}

/** The extension that answers an incoming call: the first of menu 0's "no button" scenario, else the lowest. */
export function answeringExtension(pbx: Pbx): Extension | undefined {
  const scenario = pbx.scenarios.find((s) => s.menuId === 0 && s.pushButton === -1);
  const first = scenario?.groups[0].find((e) => /^\d{3}$/.test(e));
  return (first && pbx.extensions.find((e) => e.number === Number(first))) || pbx.extensions[0];
}
