/** PBX and its extensions (tags "PBX", "PBX Extensions"), and the notification URLs. */
import { zadarmaDateTime } from '../clock.js';
import { refused } from '../errors.js';
import { generatePassword } from '../state/accounts.js';
import {
  EXTENSION_MAX,
  EXTENSION_MIN,
  checkPassword,
  createPbx,
  extensionOf,
  newExtension,
  pbxOf,
} from '../state/pbx.js';
import { CALLINFO_EVENTS, WEBHOOK_HOOKS, type Extension } from '../state/types.js';
import { flag, integer, optionalText, text, type HandlerTable, type OperationContext } from './context.js';

/** At most this many extensions per PBX. */
const MAX_EXTENSIONS = 50;

/** On/off switches as Zadarma answers them: "true"/"false". */
function viewSwitches<K extends string>(switches: Record<K, boolean>, names: readonly K[]) {
  return Object.fromEntries(names.map((n) => [n, flag(switches[n])]));
}

/** Sets the switches named in the params and answers them all. */
function setSwitches<K extends string>(
  ctx: OperationContext,
  switches: Record<K, boolean>,
  names: readonly K[],
) {
  for (const name of names) {
    const value = optionalText(ctx, name);
    if (value !== undefined) switches[name] = value === 'true';
  }
  return viewSwitches(switches, names);
}

/** Notification URLs must be absolute http(s) URLs. */
function urlParam(ctx: OperationContext): string {
  const url = text(ctx, 'url');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw refused('url: is not a valid URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw refused('url: must be http or https');
  return url;
}

/** The extension named by a path param. */
const pathExtension = (ctx: OperationContext, name: string) =>
  extensionOf(pbxOf(ctx.account), ctx.op.pathParams[name] ?? '');

/** `record_store` in `internal/{n}/info` names the storage mode by its speech recognition setting. */
const RECORD_STORE_TEXT = {
  off: 'Without recognition',
  optional: 'For manual recognition',
  all: 'For automatic speech recognition',
} as const;

/**
 * The six statuses of `pbx/internal/recording`: `on`/`off` switch recording as a whole (cloud storage,
 * plus e-mail delivery when an address is set); the others switch one channel and leave the other.
 */
function applyRecordingStatus(rec: Extension['recording'], status: string): void {
  switch (status) {
    case 'on':
      rec.store = true;
      rec.emailOn = rec.email !== null;
      break;
    case 'off':
      rec.store = false;
      rec.emailOn = false;
      break;
    case 'on_store':
    case 'off_store':
      rec.store = status === 'on_store';
      break;
    case 'on_email':
      if (!rec.email) throw refused('email: is required to send recordings by e-mail');
      rec.emailOn = true;
      break;
    case 'off_email':
      rec.emailOn = false;
      break;
    default:
      throw refused(`status: ${status} is not one of on, off, on_email, off_email, on_store, off_store`);
  }
}

export const pbxHandlers: HandlerTable = {
  'pbx.create': (ctx) => {
    const sipId = optionalText(ctx, 'sip_id');
    if (sipId && !ctx.account.sips.includes(sipId))
      throw refused(`sip_id ${sipId} is not a SIP number of this account`);
    const pbx = createPbx(ctx.state, ctx.account, text(ctx, 'password'), ctx.now);
    return { status: 'success', stop_datetime: zadarmaDateTime(pbx.stop) };
  },

  'pbx.internal': (ctx) => {
    const pbx = pbxOf(ctx.account);
    return { status: 'success', pbx_id: pbx.id, numbers: pbx.extensions.map((e) => e.number) };
  },

  'pbx.internal.create': (ctx) => {
    const pbx = pbxOf(ctx.account);
    const quantity = integer(ctx, 'quantity');
    if (quantity < 1 || pbx.extensions.length + quantity > MAX_EXTENSIONS) {
      throw refused(
        `quantity: a PBX has at most ${MAX_EXTENSIONS} extensions (${pbx.extensions.length} exist)`,
      );
    }
    const start = text(ctx, 'start_number');
    const taken = new Set(pbx.extensions.map((e) => e.number));
    const numbers: number[] = [];
    if (start === 'any') {
      for (let n = EXTENSION_MIN; n <= EXTENSION_MAX && numbers.length < quantity; n++)
        if (!taken.has(n)) numbers.push(n);
    } else {
      const first = Number(start);
      if (!/^\d{3}$/.test(start) || first < EXTENSION_MIN || first + quantity - 1 > EXTENSION_MAX) {
        throw refused(
          `start_number: must be "any" or an extension from ${EXTENSION_MIN} to ${EXTENSION_MAX}`,
        );
      }
      for (let n = first; n < first + quantity; n++) {
        if (taken.has(n)) throw refused(`Extension ${n} already exists`);
        numbers.push(n);
      }
    }
    const created = numbers.map((n) => newExtension(n, generatePassword()));
    pbx.extensions.push(...created);
    pbx.extensions.sort((a, b) => a.number - b.number);
    const answer: {
      status: 'success';
      numbers: number[];
      passwords?: { number: number; password: string }[];
    } = {
      status: 'success',
      numbers,
    };
    if (optionalText(ctx, 'return_password') === 'true') {
      answer.passwords = created.map((e) => ({ number: e.number, password: e.password }));
    }
    return answer;
  },

  'pbx.internal.status': (ctx) => {
    const ext = pathExtension(ctx, 'pbxsip');
    return {
      status: 'success',
      pbx_id: pbxOf(ctx.account).id,
      number: ext.number,
      is_online: flag(ext.online),
    };
  },

  'pbx.internal.info': (ctx) => {
    const pbx = pbxOf(ctx.account);
    const ext = pathExtension(ctx, 'pbxsip');
    const callerId =
      ext.callerId ?? ctx.account.numbers[0]?.number ?? ctx.account.phones[0]?.number ?? '442037691880';
    return {
      status: 'success',
      pbx_id: pbx.id,
      number: ext.number,
      name: ext.name,
      caller_id: callerId,
      caller_id_app_change: 'true',
      caller_id_by_direction: 'false',
      lines: String(ext.lines),
      ip_restriction: 'false',
      record_store: ext.recording.store ? RECORD_STORE_TEXT[ext.recording.speech] : 'false',
      record_email: ext.recording.emailOn && ext.recording.email ? ext.recording.email : 'false',
      supervisor_status: ext.supervisor,
    };
  },

  'pbx.internal.recording': (ctx) => {
    const ext = extensionOf(pbxOf(ctx.account), text(ctx, 'id'));
    const status = text(ctx, 'status');
    const email = optionalText(ctx, 'email');
    if (email !== undefined) {
      const list = email.split(',').map((e) => e.trim());
      if (list.length > 3 || list.some((e) => !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e))) {
        throw refused('email: up to 3 e-mail addresses, comma-separated');
      }
      ext.recording.email = list.join(',');
    }
    applyRecordingStatus(ext.recording, status);
    const speech = optionalText(ctx, 'speech_recognition');
    if (speech === 'all' || speech === 'optional' || speech === 'off') ext.recording.speech = speech;
    ext.recording.on = ext.recording.store || ext.recording.emailOn;
    return {
      status: 'success',
      internal_number: ext.number,
      recording: ext.recording.on ? 'on' : 'off',
      ...(ext.recording.emailOn && ext.recording.email ? { email: ext.recording.email } : {}),
      speech_recognition: ext.recording.speech,
    };
  },

  'pbx.internal.password.get': (ctx) => {
    const ext = pathExtension(ctx, 'sip');
    return { status: 'success', sip: String(ext.number), password: ext.password };
  },

  'pbx.internal.password.put': (ctx) => {
    const ext = pathExtension(ctx, 'sip');
    const password = text(ctx, 'value');
    checkPassword(password);
    ext.password = password;
    return { status: 'success', pbx_id: pbxOf(ctx.account).id, number: ext.number };
  },

  'pbx.internal.edit': (ctx) => {
    const ext = pathExtension(ctx, 'sip');
    ext.supervisor = text(ctx, 'supervisor_status') === '1' ? 1 : 0;
    return { status: 'success' };
  },

  'pbx.callinfo.get': (ctx) => {
    const { callinfo } = pbxOf(ctx.account);
    return {
      status: 'success',
      url: callinfo.url,
      notifications: viewSwitches(callinfo.notifications, CALLINFO_EVENTS),
    };
  },

  'pbx.callinfo.url.post': (ctx) => {
    const pbx = pbxOf(ctx.account);
    pbx.callinfo.url = urlParam(ctx);
    return { status: 'success', url: pbx.callinfo.url };
  },

  'pbx.callinfo.url.delete': (ctx) => {
    pbxOf(ctx.account).callinfo.url = '';
    return { status: 'success', url: '' };
  },

  'pbx.callinfo.notifications': (ctx) => {
    const { callinfo } = pbxOf(ctx.account);
    return { status: 'success', notifications: setSwitches(ctx, callinfo.notifications, CALLINFO_EVENTS) };
  },

  'pbx.webhooks.get': (ctx) => {
    const { webhooks } = pbxOf(ctx.account);
    return { status: 'success', url: webhooks.url, hooks: viewSwitches(webhooks.hooks, WEBHOOK_HOOKS) };
  },

  'pbx.webhooks.url.post': (ctx) => {
    const pbx = pbxOf(ctx.account);
    pbx.webhooks.url = urlParam(ctx);
    return { status: 'success', url: pbx.webhooks.url };
  },

  'pbx.webhooks.url.delete': (ctx) => {
    pbxOf(ctx.account).webhooks.url = '';
    return { status: 'success', url: '' };
  },

  'pbx.webhooks.hooks': (ctx) => {
    const { webhooks } = pbxOf(ctx.account);
    return { status: 'success', hooks: setSwitches(ctx, webhooks.hooks, WEBHOOK_HOOKS) };
  },
};
