/**
 * `/sandbox/calls` (a caller from outside) and `/sandbox/media/calls` (what the sandbox's parties
 * heard). With the SIP gateway running and a phone registered for the extension, a call really rings
 * (202 and a report to follow at `GET /sandbox/calls/:id`); otherwise it is scripted and answered
 * with its delivery report, as before the gateway existed.
 */
import { Hono } from 'hono';
import type { PartyKind } from '../media/index.js';
import { ZadarmaError } from '../errors.js';
import type { LiveCallInput } from '../calls/live-calls.js';
import { simulateCall } from '../calls/scripted.js';
import type { Telephony } from '../calls/telephony.js';
import type { SandboxState } from '../state/types.js';
import { BadInput, jsonBody, optionalString } from './json-input.js';

export interface CallRouteDeps {
  state: () => SandboxState;
  now: () => number;
  webhookTimeoutMs: number;
  save: () => void;
  telephony: () => Telephony | undefined;
}

const PARTIES: readonly PartyKind[] = ['tone', 'echo', 'wav', 'recorder'];

function optionalNumber(body: Record<string, unknown>, name: string, max: number): number | undefined {
  const v = body[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > max)
    throw new BadInput(`${name} must be a number from 0 to ${max}`);
  return v;
}

function callInput(body: Record<string, unknown>): LiveCallInput {
  const party = optionalString(body, 'party');
  if (party !== undefined && !PARTIES.includes(party as PartyKind))
    throw new BadInput(`party must be one of ${PARTIES.join(', ')}`);
  if (body.answered !== undefined && typeof body.answered !== 'boolean')
    throw new BadInput('answered must be true or false');
  return {
    to: optionalString(body, 'to'),
    from: optionalString(body, 'from'),
    extension: optionalString(body, 'extension'),
    userId: optionalNumber(body, 'userId', Number.MAX_SAFE_INTEGER),
    answered: body.answered as boolean | undefined,
    durationSeconds: optionalNumber(body, 'durationSeconds', 86_400),
    ringSeconds: optionalNumber(body, 'ringSeconds', 600),
    party: party as PartyKind | undefined,
  };
}

export function callRoutes(deps: CallRouteDeps): Hono {
  const app = new Hono({ strict: false });
  const telephony = () => {
    const t = deps.telephony();
    if (!t) throw new ZadarmaError(409, 'The SIP gateway is not running (ZD_SANDBOX_SIP_PORT=off)');
    return t;
  };

  app.post('/calls', async (c) => {
    const input = callInput(await jsonBody(c));
    // `answered` scripts the outcome, so nothing rings even when a phone is registered.
    const live = input.answered === undefined ? deps.telephony()?.live.start(input) : undefined;
    if (live) return c.json(live, 202, { location: `/sandbox/calls/${live.pbxCallId}` });
    const report = await simulateCall(deps.state(), input, {
      now: deps.now(),
      timeoutMs: deps.webhookTimeoutMs,
      onRecorded: deps.save,
    });
    return c.json(report);
  });
  app.get('/calls/:id', (c) => {
    const report = telephony().live.get(c.req.param('id'));
    if (!report) throw new ZadarmaError(404, 'No such live call (scripted calls answer at once)');
    return c.json(report);
  });
  // The caller hangs up: CANCEL while it rings, BYE once answered.
  app.delete('/calls/:id', (c) => {
    const report = telephony().live.hangUp(c.req.param('id'));
    if (!report) throw new ZadarmaError(404, 'No such live call');
    return c.json(report);
  });

  app.get('/media/calls', (c) => c.json({ calls: telephony().media.list() }));
  app.get('/media/calls/:id', (c) => {
    const entry = telephony().media.get(c.req.param('id'));
    if (!entry) throw new ZadarmaError(404, 'No such media call');
    return c.json(entry);
  });
  return app;
}
