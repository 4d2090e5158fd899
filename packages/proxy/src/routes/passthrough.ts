/**
 * `<METHOD> /v1/...`: a browser's call to Zadarma, on Zadarma's own paths, allowlisted per scope,
 * validated against the spec, with the session's user id injected and the request signed.
 */
import type { Context } from 'hono';
import { signedQuery, type MatchedOperation } from '@zadarma-elements/api';
import { ProxyError } from '../http/errors.js';
import { readForm, readJson, type BodyLimits } from '../http/body.js';
import { browserOperations, ruleFor, type BrowserRule } from '../policy/allowlist.js';
import { checkBrowserParams, specParamNames } from '../policy/browser-params.js';
import type { Idempotency } from '../policy/idempotency.js';
import { collectPairs, type FlatParams } from '../policy/params.js';
import { validateParams } from '../policy/validate.js';
import type { Session } from '../session/tokens.js';
import type { ProxyStore } from '../store/store.js';
import type { Gateway } from '../upstream/gateway.js';
import { checkContactPhoneStep } from './contact-phones.js';
import { forwardUpload } from './upload.js';
import { verificationParams, type VerificationPolicy } from './verification.js';

export interface PassthroughDeps {
  gateway: Gateway;
  idempotency: Idempotency;
  store: ProxyStore;
  verification: VerificationPolicy;
  limits: { formBytes: number; uploadBytes: number; bodyTimeoutMs: number };
}

/** Finds the operation and checks the session may call it; 404 for anything not on the allowlist. */
export function authorize(
  method: string,
  pathname: string,
  session: Session,
): { op: MatchedOperation; rule: BrowserRule } {
  const op = browserOperations.match(method, pathname);
  const rule = op && ruleFor(op.id);
  if (!op || !rule) {
    // One answer whatever the reason (not allowlisted, misspelt, traversal), so nothing is learnt from it.
    throw new ProxyError('not_found', `no operation ${method} ${pathname} is available here`);
  }
  if (!rule.scopes.some((scope) => session.scopes.includes(scope))) {
    throw new ProxyError(
      'forbidden',
      `this session may not call ${op.id} (needs scope ${rule.scopes.join(' or ')})`,
    );
  }
  return { op, rule };
}

function checkOwnExtension(rule: BrowserRule, op: MatchedOperation, params: FlatParams, session: Session) {
  if (!rule.ownExtension) return;
  // The whole own PBX: the extension still has to exist under the injected user_id, Zadarma checks that.
  if (rule.wholePbxWith?.some((scope) => session.scopes.includes(scope))) return;
  const extension = op.pathParams[rule.ownExtension] ?? params[rule.ownExtension];
  if (extension === undefined || !session.sip.includes(extension)) {
    throw new ProxyError('forbidden', `extension ${extension ?? '(none)'} is not one of this session's`, {
      field: rule.ownExtension,
    });
  }
}

/** Reads the params where the method puts them: query for GET/DELETE-without-body, else the body. */
function readQuery(c: Context): FlatParams {
  const search = c.req.url.indexOf('?');
  return search < 0 ? {} : collectPairs(new URLSearchParams(c.req.url.slice(search + 1)));
}

async function readParams(c: Context, method: string, limits: BodyLimits): Promise<FlatParams> {
  const query = readQuery(c);
  if (method === 'GET') return query;
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  const hasBody = c.req.raw.body !== null && c.req.header('content-length') !== '0';
  if (!hasBody) return query;
  if (Object.keys(query).length > 0) {
    throw new ProxyError('invalid_request', `send the params of ${method} in the body, not in the query`);
  }
  if (type === 'application/x-www-form-urlencoded') return readForm(c.req.raw, limits);
  if (type === 'application/json') return readJson(c.req.raw, limits);
  throw new ProxyError(
    'unsupported_media_type',
    'send params as application/x-www-form-urlencoded or application/json (multipart only for uploads)',
  );
}

export async function passthrough(c: Context, session: Session, deps: PassthroughDeps): Promise<Response> {
  const method = c.req.method;
  const pathname = c.req.path;
  const { op, rule } = authorize(method, pathname, session);
  if (rule.upload) {
    if (Object.keys(readQuery(c)).length > 0) {
      throw new ProxyError('invalid_request', 'send the fields of an upload in its multipart body');
    }
    return forwardUpload(c, { op, rule, upload: rule.upload, session, deps });
  }

  const { formBytes, bodyTimeoutMs } = deps.limits;
  const params = await readParams(c, method, { maxBytes: formBytes, timeoutMs: bodyTimeoutMs });
  checkBrowserParams(op.id, rule, params);
  checkOwnExtension(rule, op, params, session);
  // What the proxy adds is checked against the spec together with the page's params, once complete.
  // The contact-phone operations name the user in the spec (reseller operations): it is the token's.
  const ownUser: FlatParams = specParamNames(op.id).has('user_id') ? { user_id: session.userId } : {};
  if (!rule.proxyDecides) validateParams(op, { ...params, ...ownUser });
  const send = async () => {
    // Inside `send`: a replayed charge neither sends again nor takes from the allowance.
    if (rule.contactPhone) await checkContactPhoneStep(rule.contactPhone, session, params, deps);
    const complete = rule.proxyDecides ? await proxyDecided(op, session, params, deps) : params;
    if (rule.proxyDecides) validateParams(op, complete);
    return deps.gateway.forward({
      method,
      path: op.path,
      params: { ...complete, user_id: session.userId },
      sessionId: session.id,
      statistics: op.spec.statistics,
      cacheSeconds: rule.cacheSeconds,
      // A page that goes away cancels its request, but not an order half sent (its answer is recorded),
      // nor a GET, which others may have joined. (Reading `raw.signal` also costs a full Request object.)
      signal: rule.charges || method === 'GET' ? undefined : c.req.raw.signal,
    });
  };
  if (!rule.charges) return send();
  // The page's request is the fingerprint: what the proxy adds is the same for the same request.
  return deps.idempotency.run(
    session.userId,
    c.req.header('idempotency-key'),
    `${method} ${op.path} ${signedQuery({ ...params, user_id: session.userId })}`,
    send,
  );
}

/** The params of `proxyDecides`, set on the server (today only phone verification has them). */
function proxyDecided(
  op: MatchedOperation,
  session: Session,
  params: FlatParams,
  deps: PassthroughDeps,
): Promise<FlatParams> {
  if (op.id !== 'verify') throw new ProxyError('internal', `no server params for ${op.id}`);
  return verificationParams(session, params, { ...deps, policy: deps.verification });
}
