/**
 * `/sandbox/sip/faults`: faults of the SIP gateway for the softphone tests (see src/sip/faults.ts).
 *   POST {dropConnections: true} | {refuseRegistrations: {forMs, status?}} | {delayMs?, lossRate?, forMs?}
 *        | {restart: true}  → the active faults;  GET → them;  DELETE → none.
 * 409 when this sandbox runs no gateway (`startSandbox({ sip: false })`, `ZD_SANDBOX_SIP_PORT=off`).
 */
import { Hono, type Context } from 'hono';
import { parseJsonInput } from '@zadarma-elements/api';
import type { SipHooks } from '../app.js';
import { parseSipFault, SipFaultInputError, type SipFaultControl } from '../sip/faults.js';

export function sipFaultRoutes(hooks: SipHooks): Hono {
  const app = new Hono({ strict: false });
  const control = (c: Context): SipFaultControl | Response =>
    hooks.faults ?? c.json({ status: 'error', message: 'this sandbox runs no SIP gateway' }, 409);

  app.get('/faults', (c) => {
    const faults = control(c);
    return faults instanceof Response ? faults : c.json({ faults: faults.state() });
  });
  app.post('/faults', async (c) => {
    const faults = control(c);
    if (faults instanceof Response) return faults;
    let body: unknown;
    try {
      const text = await c.req.text();
      body = text.trim() ? parseJsonInput(text) : {};
    } catch {
      body = undefined;
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return c.json({ status: 'error', message: 'the body must be a JSON object' }, 400);
    try {
      const fault = parseSipFault(body as Record<string, unknown>);
      return c.json({ faults: await faults.apply(fault) });
    } catch (error) {
      if (error instanceof SipFaultInputError)
        return c.json({ status: 'error', message: error.message }, 400);
      throw error;
    }
  });
  app.delete('/faults', (c) => {
    const faults = control(c);
    return faults instanceof Response ? faults : c.json({ faults: faults.clear() });
  });
  return app;
}
