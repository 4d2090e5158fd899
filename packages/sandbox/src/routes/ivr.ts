/** Voice menus (tag "PBX IVR"): menus, scenarios (which button rings whom) and sounds. */
import { SOUND_MIME_TYPES, sniffType } from '@zadarma-elements/api';
import { refused } from '../errors.js';
import { charge } from '../state/accounts.js';
import { FREE_MENUS, MENU_PRICE_USD, newScenario, pbxOf } from '../state/pbx.js';
import type { IvrScenario, Pbx } from '../state/types.js';
import { integer, optionalText, text, type HandlerTable, type OperationContext } from './context.js';

/**
 * push_button: -1 = no button pressed, 0–9 = keys, 10 = auto-responder, 11 = other; above 11 (up to
 * 30) a scenario is not tied to a key but chosen by a dynamic menu (Zadarma's call notifications).
 * One scenario per button and menu.
 */
const PUSH_BUTTON_MIN = -1;
const PUSH_BUTTON_MAX = 30;

function menuOf(pbx: Pbx, id: number) {
  const menu = pbx.menus.find((m) => m.id === id);
  if (!menu) throw refused(`IVR menu ${id} not found`);
  return menu;
}

function scenarioOf(pbx: Pbx, id: string): IvrScenario {
  const scenario = pbx.scenarios.find((s) => String(s.id) === id);
  if (!scenario) throw refused(`Scenario ${id} not found`);
  return scenario;
}

/** Space-separated extensions that exist in this PBX, or "fax". */
function extensionsParam(pbx: Pbx, value: string): string[] {
  if (value === 'fax') return ['fax'];
  const list = value.split(' ');
  const unknown = list.filter((e) => !pbx.extensions.some((x) => String(x.number) === e));
  if (unknown.length) throw refused(`extension: ${unknown.join(', ')} not found in this PBX`);
  return list;
}

function pushButtonParam(ctx: OperationContext, pbx: Pbx, menuId: number): number {
  const raw = text(ctx, 'push_button');
  const button = Number(raw);
  if (!/^-?\d+$/.test(raw) || button < PUSH_BUTTON_MIN || button > PUSH_BUTTON_MAX) {
    throw refused(
      `push_button: must be -1 (no button), 0–9, 10 (auto-responder), 11, or 12–${PUSH_BUTTON_MAX} for a dynamic menu`,
    );
  }
  if (pbx.scenarios.some((s) => s.menuId === menuId && s.pushButton === button)) {
    throw refused(`push_button: menu ${menuId} already has a scenario for ${button}`);
  }
  return button;
}

const scenarioView = (s: IvrScenario) => ({
  id: String(s.id),
  title: s.title,
  push_button: s.pushButton,
  first_sips: s.groups[0],
  second_sips: s.groups[1],
  second_sips_delay: s.delays[0],
  third_sips: s.groups[2],
  third_sips_delay: s.delays[1],
});

/** A JSON value of the scenario edit (the one operation with a JSON body). */
interface QueueMember {
  number?: unknown;
  delay?: unknown;
}

export const ivrHandlers: HandlerTable = {
  'pbx.ivr': (ctx) => {
    const pbx = pbxOf(ctx.account);
    return {
      status: 'success',
      pbx_id: pbx.id,
      ivrs: pbx.menus.map((m) => ({
        menu_id: String(m.id),
        title: m.title,
        type: m.type,
        status: m.status,
        waitexten: m.waitexten,
        auto_responder: { status: 'off', waitexten: 1 },
        dinner_status: 'off',
      })),
    };
  },

  'pbx.ivr.create': (ctx) => {
    const pbx = pbxOf(ctx.account);
    const buy = text(ctx, 'buy') === 'true';
    if (pbx.menus.length >= FREE_MENUS) {
      if (!buy) throw refused(`All ${FREE_MENUS} free menus are used; pass buy=true to buy another`);
      charge(ctx.account, MENU_PRICE_USD, 'USD');
    }
    const id = Math.max(...pbx.menus.map((m) => m.id)) + 1;
    pbx.menus.push({ id, title: `Menu ${id}`, type: 'file', status: 'on', waitexten: 5, bought: buy });
    return { status: 'success', menu_id: id };
  },

  'pbx.ivr.delete': (ctx) => {
    const pbx = pbxOf(ctx.account);
    const id = integer(ctx, 'menu_id');
    if (id <= 0) throw refused('menu_id: the main menu (0) cannot be deleted');
    menuOf(pbx, id);
    pbx.menus = pbx.menus.filter((m) => m.id !== id);
    pbx.scenarios = pbx.scenarios.filter((s) => s.menuId !== id);
    return { status: 'success' };
  },

  'pbx.ivr.scenario': (ctx) => {
    const pbx = pbxOf(ctx.account);
    const menu = menuOf(pbx, integer(ctx, 'menu_id'));
    return {
      status: 'success',
      scenarios: pbx.scenarios.filter((s) => s.menuId === menu.id).map(scenarioView),
    };
  },

  'pbx.ivr.scenario.create': (ctx) => {
    const pbx = pbxOf(ctx.account);
    const menu = menuOf(pbx, integer(ctx, 'menu_id'));
    const title = text(ctx, 'title').trim();
    if (!title) throw refused('title: must not be empty');
    const button = pushButtonParam(ctx, pbx, menu.id);
    const scenario = newScenario(
      ctx.state,
      menu.id,
      title,
      button,
      extensionsParam(pbx, text(ctx, 'extension')),
    );
    scenario.triggerToDid = optionalText(ctx, 'trigger_to_did_ext_lines') ?? null;
    scenario.triggerFromClid = optionalText(ctx, 'trigger_from_clid_numbers') ?? null;
    pbx.scenarios.push(scenario);
    return { status: 'success', menu_id: menu.id, scenario_id: scenario.id };
  },

  'pbx.ivr.scenario.edit': (ctx) => {
    const pbx = pbxOf(ctx.account);
    const scenario = scenarioOf(pbx, text(ctx, 'id'));
    const title = optionalText(ctx, 'title');
    if (title !== undefined) scenario.title = title;
    const strategy = optionalText(ctx, 'queue_strategy');
    if (strategy) scenario.queueStrategy = strategy;
    const members = ctx.raw.numbers;
    if (Array.isArray(members)) {
      // Ring groups by delay: the smallest delay rings first, the next two follow.
      const list = (members as QueueMember[]).map((m) => ({
        number: String(m.number ?? ''),
        delay: Number(m.delay ?? 0),
      }));
      extensionsParam(pbx, list.map((m) => m.number).join(' '));
      const delays = [...new Set(list.map((m) => m.delay))].sort((a, b) => a - b);
      if (delays.length > 3) throw refused('numbers: at most three different delays (ring groups)');
      const group = (i: number) => list.filter((m) => m.delay === delays[i]).map((m) => m.number);
      scenario.groups = [group(0), group(1), group(2)];
      scenario.delays = [delays[1] ?? scenario.delays[0], delays[2] ?? scenario.delays[1]];
    }
    return { status: 'success' };
  },

  'pbx.ivr.scenario.delete': (ctx) => {
    const pbx = pbxOf(ctx.account);
    const scenario = scenarioOf(pbx, text(ctx, 'scenario_id'));
    pbx.scenarios = pbx.scenarios.filter((s) => s !== scenario);
    return { status: 'success' };
  },

  'pbx.ivr.sounds.list': (ctx) => {
    const pbx = pbxOf(ctx.account);
    return { status: 'success', pbx_id: pbx.id, sounds: pbx.sounds.map((s) => ({ id: s.id, name: s.name })) };
  },

  'pbx.ivr.sounds.upload': (ctx) => {
    const pbx = pbxOf(ctx.account);
    const file = ctx.file;
    if (!file || file.field !== 'file') throw refused('file: is required');
    const mime = sniffType(file.bytes);
    if (!mime || !(SOUND_MIME_TYPES as readonly string[]).includes(mime))
      throw refused('file: must be an MP3 or WAV file');
    const name = text(ctx, 'name').trim();
    if (!name) throw refused('name: must not be empty');
    pbx.sounds.push({
      id: ctx.state.nextId.sound++,
      name,
      format: mime === 'audio/wav' ? 'wav' : 'mp3',
      size: file.bytes.length,
    });
    return { status: 'success' };
  },

  'pbx.ivr.sounds.delete': (ctx) => {
    const pbx = pbxOf(ctx.account);
    const id = text(ctx, 'id');
    if (!pbx.sounds.some((s) => String(s.id) === id)) throw refused(`Sound ${id} not found`);
    pbx.sounds = pbx.sounds.filter((s) => String(s.id) !== id);
    return { status: 'success' };
  },
};
