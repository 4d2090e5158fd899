import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { operations, type OperationId } from '@zadarma-elements/api';
import { ProxyError } from '../http/errors.js';
import { BROWSER_OPERATIONS, type BrowserRule } from './allowlist.js';
import { checkBrowserParams, MAX_VALUE_LENGTH, specParamNames } from './browser-params.js';

const rules = Object.entries(BROWSER_OPERATIONS) as [OperationId, BrowserRule][];

function refusal(id: OperationId, params: Record<string, string>) {
  try {
    checkBrowserParams(id, BROWSER_OPERATIONS[id as keyof typeof BROWSER_OPERATIONS], params);
  } catch (error) {
    if (error instanceof ProxyError)
      return { status: error.status, field: error.field, message: error.message };
    throw error;
  }
  return undefined;
}

describe('what a page may choose, per operation', () => {
  it('names only params of the spec, and never user_id', () => {
    for (const [id, rule] of rules) {
      const spec = specParamNames(id);
      for (const name of [...rule.browser, ...(rule.proxyDecides ?? []), ...Object.keys(rule.limits ?? {})])
        expect(spec.has(name), `${id}: ${name}`).toBe(true);
      expect(rule.browser).not.toContain('user_id');
      for (const name of Object.keys(rule.limits ?? {})) expect(rule.browser).toContain(name);
    }
  });

  it('refuses every other param of the spec by name, for every allowlisted operation', () => {
    let refused = 0;
    for (const [id, rule] of rules) {
      for (const name of specParamNames(id)) {
        if (name === 'user_id' || rule.browser.includes(name)) continue;
        expect(refusal(id, { [name]: '1' }), `${id}: ${name}`).toMatchObject({ status: 400, field: name });
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(10);
  });

  it('keeps the verification code, destination, sender and texts out of the page’s hands', () => {
    for (const name of ['code', 'to', 'from', 'caller_id', 'template_id', 'email_subject', 'email_body'])
      expect(refusal('verify', { channel: 'sms', [name]: 'x' })?.field).toBe(name);
    expect(refusal('verify', { channel: 'sms', to: '4930' })?.message).toBe(
      'to: is decided by the proxy for verify, never by the page',
    );
    expect(refusal('verify', { channel: 'sms', language: 'de' })).toBeUndefined();
  });

  it('narrows values that cost money or reach others', () => {
    expect(refusal('direct_numbers.prolong', { number: '4930123', months: '13' })?.field).toBe('months');
    expect(refusal('direct_numbers.prolong', { number: '4930123', months: '12' })).toBeUndefined();
    expect(
      refusal('direct_numbers.set_sip_id', { number: '4930', sip_id: 'sip:a@evil.example' }),
    ).toMatchObject({
      field: 'sip_id',
      message: 'sip_id: must be an own SIP number or PBX extension (digits)',
    });
    expect(refusal('direct_numbers.set_sip_id', { number: '4930', sip_id: '100' })).toBeUndefined();
    expect(refusal('verify.check', { code: '12a4', request_id: 'abcdefgh' })?.field).toBe('code');
    expect(refusal('documents.groups.create', { city: 'x'.repeat(MAX_VALUE_LENGTH + 1) })?.field).toBe(
      'city',
    );
  });

  it('leaves names the operation does not know to the spec’s check', () => {
    expect(refusal('direct_numbers.country', { colour: 'red' })).toBeUndefined();
    expect(Object.keys(operations).length).toBeGreaterThan(rules.length);
  });
});

describe('SECURITY.md', () => {
  const doc = readFileSync(fileURLToPath(new URL('../../SECURITY.md', import.meta.url)), 'utf8');
  const names = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
  const rows = new Map(
    doc
      .split('\n')
      .filter((line) => /^\| `[a-z_.]+` (GET|POST|PUT|DELETE) /.test(line))
      .map((line) => {
        const cells = line.split('|').map((c) => c.trim());
        return [names(cells[1] ?? '')[0] ?? '', cells] as const;
      }),
  );

  it('writes down what a page may send, and what the proxy decides, for every allowlisted operation', () => {
    expect([...rows.keys()].sort()).toEqual(rules.map(([id]) => id).sort());
    for (const [id, rule] of rules) {
      const [, operation = '', scopes = '', browser = '', decides = '', refused = ''] = rows.get(id) ?? [];
      expect(operation, id).toContain(`${operations[id].method} \`${operations[id].path}\``);
      expect(scopes.split(', '), id).toEqual([...rule.scopes]);
      const everyField = [...specParamNames(id)].filter((n) => n !== 'user_id');
      expect(browser === 'every field of the group' ? everyField : names(browser), id).toEqual([
        ...rule.browser,
      ]);
      expect(names(decides), id).toEqual([...(rule.proxyDecides ?? [])]);
      const others = [...specParamNames(id)].filter(
        (n) =>
          n !== 'user_id' &&
          !rule.browser.includes(n) &&
          !rule.proxyDecides?.includes(n) &&
          n !== rule.upload?.field,
      );
      expect(names(refused), id).toEqual(others);
    }
  });
});
