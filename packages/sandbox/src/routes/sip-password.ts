/**
 * `GET /sandbox/sip/password?login=<pbx_id>-<ext>`: the extension's current SIP password as plain text,
 * for a SIP server on the same machine that authenticates against the sandbox's extensions (the
 * Kamailio harness asks it with http_client on every digest check, so a password changed through the
 * API applies at once). Unlike the other sandbox endpoints it answers loopback callers only, over a
 * socket it can see: a sandbox bound to a LAN address for a demo must not hand out passwords, and an
 * in-process caller (no socket) has the state itself.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { extensionByLogin, parseSipLogin } from '../sip/login.js';
import type { SandboxState } from '../state/types.js';

function fromLoopback(c: Context): boolean {
  let address: string | undefined;
  try {
    address = getConnInfo(c).remote.address;
  } catch {
    return false; // not over a Node socket
  }
  return !!address && (/^127\./.test(address) || address === '::1' || /^::ffff:127\./.test(address));
}

export function sipPasswordRoutes(state: () => SandboxState): Hono {
  const app = new Hono({ strict: false });
  app.get('/password', (c) => {
    if (!fromLoopback(c)) return c.text('only for callers on this machine\n', 403);
    const login = c.req.query('login') ?? '';
    if (!parseSipLogin(login)) return c.text('login must look like <pbx_id>-<ext>, e.g. 5001-100\n', 400);
    const extension = extensionByLogin(state(), login);
    if (!extension) return c.text('no such extension\n', 404);
    c.header('cache-control', 'no-store');
    return c.text(extension.password);
  });
  return app;
}
