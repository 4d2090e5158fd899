/**
 * The seed's PBX steps: the PBX (once), one extension per employee, cloud recording, the voice menus
 * with their sounds and scenarios, call notifications to this proxy, and Zadarma's WebRTC widget.
 * Each reads what the PBX has first and adds only what is missing.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ZadarmaApiError } from '../upstream/client.js';
import { OnboardingInputError, type StepContext } from './context.js';
import { missingExtensions, type MenuPlan } from './menu-plan.js';

/** The PBX's extensions, or undefined when the customer has no PBX yet. */
export async function extensionsOf(ctx: StepContext): Promise<string[] | undefined> {
  try {
    const answer = (await ctx.forUser('pbx.internal')) as { numbers?: unknown[] };
    return (answer.numbers ?? []).map(String);
  } catch (error) {
    if (error instanceof ZadarmaApiError && /pbx/i.test(error.message)) return undefined;
    throw error;
  }
}

/** A password Zadarma accepts (letters and digits); nobody learns it: `--passwords` reads them afterwards. */
const newPassword = () => `Zd${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}7`;

export async function createPbx(ctx: StepContext): Promise<void> {
  if ((await extensionsOf(ctx)) === undefined) {
    await ctx.forUser('pbx.create', { password: newPassword() });
  }
  await ctx.done('pbx', 'PBX created');
}

export async function createExtensions(ctx: StepContext): Promise<void> {
  const have = (await extensionsOf(ctx)) ?? [];
  const missing = ctx.input.extensions - have.length;
  if (missing > 0) {
    await ctx.forUser('pbx.internal.create', {
      start_number: 'any',
      quantity: missing,
      return_password: 'false',
    });
  }
  const all = (await extensionsOf(ctx)) ?? [];
  await ctx.done('extensions', `extensions ${all.join(', ')}`, { extensions: all });
}

export async function setRecording(ctx: StepContext): Promise<void> {
  const choice = ctx.input.recording;
  if (!choice) return;
  const extensions = (await extensionsOf(ctx)) ?? [];
  // Idempotent settings: sent again on a re-run, which changes nothing.
  for (const id of extensions) {
    if (choice === 'on_store') {
      await ctx.forUser('pbx.internal.recording', { id, status: 'on' });
      await ctx.forUser('pbx.internal.recording', { id, status: 'on_store' });
    } else {
      await ctx.forUser('pbx.internal.recording', { id, status: choice });
    }
  }
  await ctx.done('recording', `recording ${choice} on ${extensions.join(', ')}`);
}

interface Menu {
  menu_id?: unknown;
  title?: unknown;
}
interface Scenario {
  id?: unknown;
  push_button?: unknown;
  first_sips?: unknown;
}

const ringsNow = (s: Scenario) =>
  (Array.isArray(s.first_sips) ? s.first_sips.map(String) : String(s.first_sips ?? '').split(/[ ,]+/)).join(
    ' ',
  );

async function menuIds(ctx: StepContext): Promise<number[]> {
  const answer = (await ctx.forUser('pbx.ivr')) as { ivrs?: Menu[] };
  return (answer.ivrs ?? []).map((m) => Number(m.menu_id)).sort((a, b) => a - b);
}

async function uploadSound(ctx: StepContext, sound: NonNullable<MenuPlan['sound']>): Promise<void> {
  const listed = JSON.stringify(await ctx.forUser('pbx.ivr.sounds.list'));
  if (listed.includes(JSON.stringify(sound.name))) return;
  await ctx.forUser('pbx.ivr.sounds.upload', {
    name: sound.name,
    file: {
      filename: sound.file.split('/').pop() ?? 'sound',
      contentType: sound.type,
      data: readFileSync(sound.file),
    },
  });
}

/**
 * Menus in the plan's order: the first is the main menu (0), each further one the next menu id,
 * created when missing (within the free menus: buying one is the partner's decision, not a workflow's).
 */
export async function buildMenus(ctx: StepContext): Promise<void> {
  const plan = ctx.input.menus;
  if (!plan) return;
  const extensions = (await extensionsOf(ctx)) ?? [];
  const unknown = missingExtensions(plan, extensions);
  if (unknown.length) {
    throw new OnboardingInputError(
      `the menu file rings extension ${unknown.join(', ')}, which this PBX does not have (it has ${extensions.join(', ')}); ` +
        'raise --extensions or change the file',
    );
  }
  let ids = await menuIds(ctx);
  while (ids.length < plan.length) {
    await ctx.forUser('pbx.ivr.create', { buy: 'false' });
    ids = await menuIds(ctx);
  }
  for (const [i, menu] of plan.entries()) {
    const menuId = ids[i] ?? 0;
    if (menu.sound) await uploadSound(ctx, menu.sound);
    const answer = (await ctx.forUser('pbx.ivr.scenario', { menu_id: menuId })) as { scenarios?: Scenario[] };
    const existing = new Map((answer.scenarios ?? []).map((s) => [Number(s.push_button), s]));
    for (const scenario of menu.scenarios) {
      const there = existing.get(scenario.button);
      if (there) {
        // The PBX comes with a "no button" scenario: it is changed to ring whom the plan says.
        if (ringsNow(there) !== scenario.extensions && scenario.extensions !== 'fax') {
          await ctx.forUser('pbx.ivr.scenario.edit', {
            id: String(there.id),
            title: `${menu.title}: ${scenario.label}`,
            numbers: scenario.extensions.split(' ').map((number) => ({ number, delay: 0 })),
          });
        }
        continue;
      }
      await ctx.forUser('pbx.ivr.scenario.create', {
        menu_id: menuId,
        push_button: String(scenario.button),
        title: `${menu.title}: ${scenario.label}`,
        extension: scenario.extensions,
      });
    }
  }
  await ctx.done('menus', `${plan.length} voice menu${plan.length === 1 ? '' : 's'} set up`, {
    menuIds: ids.slice(0, plan.length),
  });
}

/** Where this proxy receives the customer's call notifications (routes in app.ts). */
export const callinfoUrl = (proxyUrl: string, userId: number) =>
  `${proxyUrl.replace(/\/+$/, '')}/webhooks/zadarma/${userId}`;

/** Every call notification on: the softphone's screen-pop and the partner's CRM need the whole call. */
export const ALL_CALL_NOTIFICATIONS = {
  notify_start: 'true',
  notify_internal: 'true',
  notify_answer: 'true',
  notify_end: 'true',
  notify_out_start: 'true',
  notify_out_end: 'true',
} as const;

export async function pointCallinfo(ctx: StepContext): Promise<void> {
  const url = callinfoUrl(ctx.input.proxyUrl, ctx.userId);
  await ctx.forUser('pbx.callinfo.url.post', { url });
  await ctx.forUser('pbx.callinfo.notifications', ALL_CALL_NOTIFICATIONS);
  await ctx.done('callinfo', `call notifications go to ${url}`, { url });
}

export async function createWidget(ctx: StepContext): Promise<void> {
  const domain = ctx.input.widgetDomain;
  if (!domain) return;
  try {
    await ctx.call('webrtc.create', { domain, user_id: String(ctx.userId) });
  } catch (error) {
    // Already there (a re-run): add the domain instead, which is idempotent.
    if (!(error instanceof ZadarmaApiError) || !/exist/i.test(error.message)) throw error;
    await ctx.call('post.webrtc.domain', { domain, user_id: String(ctx.userId) } as never);
  }
  await ctx.done('widget', `Zadarma's WebRTC widget for ${domain}`);
}
