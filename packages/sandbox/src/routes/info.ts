/** Account information (tags "Info", "SIP", "WebRTC", "Statistics") that the elements and partners read. */
import { randomBytes } from 'node:crypto';
import { CURRENCIES } from '../catalog/money.js';
import { LANGUAGES } from '../catalog/languages.js';
import { zadarmaDateTime } from '../clock.js';
import { refused } from '../errors.js';
import { pbxOf } from '../state/pbx.js';
import { optionalInteger, optionalText, text, type HandlerTable } from './context.js';

const MAX_STATISTICS_LINES = 1000;

/**
 * Zadarma's key lives 72 hours; the sandbox checks it nowhere (the SIP gateway takes the extension's
 * password), so the lifetime is only documented in the README.
 */
function webrtcKey(): { status: 'success'; key: string } {
  return { status: 'success', key: randomBytes(16).toString('hex') };
}

export const infoHandlers: HandlerTable = {
  'info.balance': (ctx) => ({
    status: 'success',
    balance: ctx.account.balance,
    currency: ctx.account.currency,
  }),

  'info.timezone': (ctx) => ({
    status: 'success',
    unixtime: Math.floor(ctx.now / 1000),
    datetime: zadarmaDateTime(ctx.now),
    timezone: 'UTC+0',
  }),

  'info.lists.currencies': () => ({ status: 'success', currencies: [...CURRENCIES] }),
  'info.lists.languages': () => ({ status: 'success', languages: [...LANGUAGES] }),

  sip: (ctx) => ({
    status: 'success',
    sips: ctx.account.sips.map((id, i) => ({ id, display_name: `SIP ${i + 1}`, lines: 3 })),
    left: Math.max(0, 5 - ctx.account.sips.length),
  }),

  'webrtc.get_key': (ctx) => {
    const sip = text(ctx, 'sip');
    if (ctx.account.sips.includes(sip)) return webrtcKey();
    // A PBX extension is `<pbx_id>-<ext>`: the PBX id must be this account's, the extension must exist.
    const parts = /^(?:(\d+)-)?(\d{3})$/.exec(sip);
    const pbx = ctx.account.pbx;
    if (!parts) throw refused(`sip ${sip} is not a SIP number or PBX extension of this account`);
    const [, pbxId, ext] = parts;
    if (!pbx || (pbxId !== undefined && Number(pbxId) !== pbx.id))
      throw refused(`sip ${sip}: PBX ${pbxId ?? ''} does not belong to this account`);
    if (!pbx.extensions.some((e) => e.number === Number(ext)))
      throw refused(`sip ${sip}: extension ${ext} does not exist in PBX ${pbx.id}`);
    return webrtcKey();
  },

  'statistics.pbx': (ctx) => {
    const pbx = pbxOf(ctx.account);
    const start = text(ctx, 'start');
    const end = text(ctx, 'end');
    const from = Date.parse(`${start.replace(' ', 'T')}Z`);
    const to = Date.parse(`${end.replace(' ', 'T')}Z`);
    if (!(from <= to)) throw refused('start: must not be after end');
    if (to - from > 31 * 24 * 3600 * 1000) throw refused('The period is at most one month');
    const direction = optionalText(ctx, 'call_type');
    const skip = optionalInteger(ctx, 'skip') ?? 0;
    const limit = Math.min(optionalInteger(ctx, 'limit') ?? MAX_STATISTICS_LINES, MAX_STATISTICS_LINES);
    const calls = pbx.calls.filter(
      (c) =>
        c.start >= from &&
        c.start <= to + 999 &&
        (!direction || (direction === 'out') === (c.direction === 'out')),
    );
    return {
      status: 'success',
      start,
      end,
      version: Number(text(ctx, 'version')),
      stats: calls.slice(skip, skip + limit).map((c) => ({
        call_id: c.callId,
        sip: c.extension,
        callstart: zadarmaDateTime(c.start),
        clid: Number(c.callerId),
        destination: c.direction === 'out' ? Number(c.calledDid) : c.extension,
        disposition: c.disposition,
        seconds: c.seconds,
        is_recorded: false,
        pbx_call_id: c.pbxCallId,
      })),
    };
  },
};
