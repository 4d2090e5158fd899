/**
 * What a page may choose, per operation (BROWSER_OPERATIONS' `browser`, `proxyDecides`, `limits`):
 * checked before the spec, so that a param the spec allows but the page must not set is refused by
 * name instead of being signed.
 */
import { operations, type OperationId } from '@zadarma-elements/api';
import { ProxyError } from '../http/errors.js';
import type { BrowserRule } from './allowlist.js';
import type { FlatParams } from './params.js';

/** The longest text one param may carry from a page: room for any name or address, not a payload. */
export const MAX_VALUE_LENGTH = 1000;

const specNames = new Map<OperationId, Set<string>>();

/** Every param name the spec knows for the operation (all `oneOf` branches), path params excluded. */
export function specParamNames(id: OperationId): Set<string> {
  let names = specNames.get(id);
  if (!names) {
    const schema = operations[id].params as { properties?: object; oneOf?: { properties?: object }[] };
    names = new Set(
      [schema, ...(schema.oneOf ?? [])].flatMap((branch) => Object.keys(branch.properties ?? {})),
    );
    specNames.set(id, names);
  }
  return names;
}

/** Throws `invalid_param` naming the first param the page may not send, or whose value it may not choose. */
export function checkBrowserParams(id: OperationId, rule: BrowserRule, params: FlatParams): void {
  for (const [name, value] of Object.entries(params)) {
    if (!rule.browser.includes(name)) {
      if (rule.proxyDecides?.includes(name)) {
        throw new ProxyError(
          'invalid_param',
          `${name}: is decided by the proxy for ${id}, never by the page`,
          {
            field: name,
          },
        );
      }
      if (specParamNames(id).has(name)) {
        throw new ProxyError('invalid_param', `${name}: is not accepted from a browser for ${id}`, {
          field: name,
        });
      }
      continue; // not a param of this operation at all: the spec's check says so
    }
    if (value.length > MAX_VALUE_LENGTH) {
      throw new ProxyError('invalid_param', `${name}: is longer than ${MAX_VALUE_LENGTH} characters`, {
        field: name,
      });
    }
    const limit = rule.limits && Object.hasOwn(rule.limits, name) ? rule.limits[name] : undefined;
    if (limit && !limit.pattern.test(value)) {
      throw new ProxyError('invalid_param', `${name}: must be ${limit.mustBe}`, { field: name });
    }
  }
}
