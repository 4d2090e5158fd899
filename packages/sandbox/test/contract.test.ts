/**
 * Contract: every operation the sandbox implements is called for real, and every answer is checked
 * against that operation's response schema in the official spec (errors against Zadarma's error
 * body). The calls form one partner's journey, so they also show the operations working together.
 */
import { OperationMatcher, type Params } from '@zadarma-elements/api';
import { describe, expect, it } from 'vitest';
import { DEMO_USER_ID, IMPLEMENTED_OPERATIONS } from '../src/index.js';
import {
  BERLIN_GROUP,
  call,
  FILES,
  sandboxCall,
  testSandbox,
  type CallOptions,
  type CallResult,
} from './helpers.js';
import { errorValidator, loadResponseValidators } from './spec.js';

const validators = loadResponseValidators(IMPLEMENTED_OPERATIONS);
const matcher = new OperationMatcher();
const sandbox = testSandbox({ rateLimit: { perMinute: 10_000 } });
const answered = new Map<string, number>();
const failures: string[] = [];

/** Calls, records the operation, and checks the answer against the spec. */
async function op(
  method: string,
  path: string,
  params: Params = {},
  options: CallOptions = {},
): Promise<CallResult> {
  const match = matcher.match(method, path);
  if (!match) throw new Error(`${method} ${path} is no operation of the spec`);
  const result = await call(sandbox, method, path, params, options);
  if (result.status === 200) {
    const validate = validators.get(match.id);
    if (!validate) throw new Error(`the spec has no 200 schema for ${match.id}`);
    if (!validate(result.body))
      failures.push(`${match.id}: ${JSON.stringify(validate.errors)} in ${JSON.stringify(result.body)}`);
    answered.set(match.id, (answered.get(match.id) ?? 0) + 1);
  } else if (!errorValidator(result.body)) {
    failures.push(`${match.id} (${result.status}): not Zadarma's error body: ${JSON.stringify(result.body)}`);
  }
  return result;
}

/** The same, and the call must have succeeded. */
async function ok(method: string, path: string, params: Params = {}, options: CallOptions = {}) {
  const result = await op(method, path, params, options);
  expect(result.status, `${method} ${path}: ${JSON.stringify(result.body)}`).toBe(200);
  return result.body;
}

const U = { user_id: DEMO_USER_ID };

describe('contract with the official spec', () => {
  it('info, SIP and WebRTC', async () => {
    await ok('GET', '/v1/info/balance/');
    await ok('GET', '/v1/info/balance/', U);
    await ok('GET', '/v1/info/timezone/');
    await ok('GET', '/v1/info/lists/currencies/');
    await ok('GET', '/v1/info/lists/languages/');
    await ok('GET', '/v1/sip/', U);
    await ok('GET', '/v1/webrtc/get_key/', { sip: '100', ...U });
  });

  it('reseller: registration, phones, money, keys', async () => {
    await ok('GET', '/v1/reseller/account/info/');
    const now = await ok('POST', '/v1/reseller/users/registration/new/', {
      email: 'anna@example.com',
      first_name: 'Anna',
      country: 'AT',
      currency: 'EUR',
    });
    expect(now.user_id).toEqual(expect.any(Number));
    await ok('POST', '/v1/reseller/users/registration/new/', {
      email: 'bob+code@example.com',
      first_name: 'Bob',
      country: 'GB',
    });
    const codes = await sandboxCall(sandbox, 'GET', '/sandbox/codes');
    const registration = (codes.body.registrations as { email: string; code: string }[]).find(
      (r) => r.email === 'bob+code@example.com',
    );
    const confirmed = await ok('POST', '/v1/reseller/users/registration/confirm/', {
      email: 'bob+code@example.com',
      code: registration?.code ?? '',
    });
    const bob = { user_id: Number(confirmed.user_id) };

    await ok('GET', '/v1/reseller/users/list/', { page: 1 });
    await ok('GET', '/v1/reseller/users/find/', { email: 'anna@example.com' });
    await ok('POST', '/v1/reseller/users/phones/add/', { ...bob, number: '447700900123' });
    await ok('POST', '/v1/reseller/users/phones/add/', { ...bob, number: '447700900124' });
    const phones = await ok('GET', '/v1/reseller/users/phones/', bob);
    const second = (phones.list as { id: number; number: string }[]).find((p) => p.number === '447700900124');
    await ok('POST', '/v1/reseller/users/phones/update/', {
      ...bob,
      id: second?.id ?? -1,
      number: '447700900125',
    });
    await ok('POST', '/v1/reseller/users/phones/prove_by_callback/', { ...bob, number: '447700900125' });
    await ok('POST', '/v1/reseller/users/phones/prove_by_sms/', { ...bob, number: '447700900123' });
    const sms = await sandboxCall(sandbox, 'GET', `/sandbox/codes?userId=${bob.user_id}`);
    const code = (sms.body.phones as { number: string; code: string }[]).find(
      (p) => p.number === '447700900123',
    )?.code;
    await ok('POST', '/v1/reseller/users/phones/confirm/', {
      ...bob,
      number: '447700900123',
      code: code ?? '',
    });
    await ok('POST', '/v1/reseller/users/topup/', { ...bob, amount: 20, currency: 'USD' });
    await ok('POST', '/v1/reseller/account/money_transfer/', {
      ...bob,
      amount: 5,
      currency: 'USD',
      type: 'to_reseller',
    });
    await ok('GET', '/v1/reseller/users/api_key/', bob);
    await ok('POST', '/v1/reseller/users/api_key/', bob);
  });

  it('numbers and documents: choose, document, order, manage', async () => {
    await ok('GET', '/v1/direct_numbers/countries/', { language: 'ru' });
    await ok('GET', '/v1/direct_numbers/country/', { country: 'DE', ...U });
    await ok('GET', '/v1/direct_numbers/country/', { country: 'GB', direction_id: 13760, ...U });
    const available = await ok('GET', '/v1/direct_numbers/available/3766/', { mask: '4930', ...U });
    const pick = (available.numbers as { id: string; number: string }[])[3];

    const group = await ok('POST', '/v1/documents/groups/create/', {
      ...U,
      ...BERLIN_GROUP,
      salutation: 'MS',
      direction_id: 3766,
    });
    const groupId = Number((group.group as { id: number }).id);
    await ok('PUT', `/v1/documents/groups/update/${groupId}/`, {
      ...U,
      ...BERLIN_GROUP,
      salutation: 'MS',
      address: 'Torstraße 2, 10119 Berlin',
      building_number: '2',
    });
    await ok('GET', '/v1/documents/groups/list/', U);
    await ok('GET', `/v1/documents/groups/get/${groupId}/`, U);
    await ok('GET', '/v1/documents/groups/get/0/', U);
    await ok(
      'POST',
      '/v1/documents/upload/',
      { ...U, group_id: groupId, document_type: 'passport' },
      { file: { field: 'file', name: 'passport.png', type: 'image/png', bytes: FILES.png } },
    );
    await ok(
      'POST',
      '/v1/documents/upload/',
      { ...U, group_id: groupId, document_type: 'phone_bill' },
      { file: { field: 'file', name: 'bill.pdf', type: 'application/pdf', bytes: FILES.pdf } },
    );
    await ok('GET', '/v1/documents/files/', { ...U, group_id: groupId });
    await ok('GET', `/v1/documents/groups/valid/${groupId}/`, { ...U, direction_id: 3766 });
    await sandboxCall(sandbox, 'POST', `/sandbox/users/${DEMO_USER_ID}/groups/${groupId}/reject`, {
      documentType: 'phone_bill',
      message: 'Too old',
    });
    await ok('GET', '/v1/direct_numbers/checking-wrongs/', { ...U, group_id: groupId });
    await sandboxCall(sandbox, 'POST', `/sandbox/users/${DEMO_USER_ID}/groups/${groupId}/verify`, {
      documentType: 'passport',
    });

    const order = await ok('POST', '/v1/direct_numbers/order/', {
      ...U,
      direction_id: 3766,
      number_id: pick?.id ?? '',
      documents_group_id: groupId,
    });
    expect(order).toMatchObject({ number: pick?.number, is_activated: 'true' });
    const sms = await ok('POST', '/v1/direct_numbers/order/', {
      ...U,
      direction_id: 13760,
      documents_group_id: 0,
      receive_sms: 1,
    });
    const number = String(order.number);
    await ok('GET', '/v1/direct_numbers/', U);
    await ok('GET', '/v1/direct_numbers/number/', { ...U, number });
    await ok('GET', '/v1/direct_numbers/number/', { ...U, number: String(sms.number) });
    await ok('POST', '/v1/direct_numbers/prolong/', { ...U, number, months: 2 });
    await ok('GET', '/v1/direct_numbers/autoprolongation/', { ...U, number });
    await ok('PUT', '/v1/direct_numbers/autoprolongation/', { ...U, number, value: 'off' });
    await ok('PUT', '/v1/direct_numbers/set_caller_name/', { ...U, number, caller_name: 'Demo Sales' });
    await ok('PUT', '/v1/direct_numbers/set_sip_id/', { ...U, number, sip_id: '100', test_mode: 'on' });
    await ok('GET', '/v1/direct_numbers/incoming_channels/', { ...U, direction_id: 3766, currency: 'USD' });
    await ok('PUT', '/v1/direct_numbers/incoming_channels/', { ...U, number, channels: 4 });
    expect((await ok('GET', '/v1/direct_numbers/incoming_channels/', { ...U, number })).channels).toBe(4);
    await ok('PUT', '/v1/direct_numbers/receive_sms/', { ...U, number: String(sms.number), value: 'off' });
  });

  it('PBX, extensions, notifications', async () => {
    const fresh = await ok('POST', '/v1/reseller/users/registration/new/', {
      email: 'carl@example.com',
      first_name: 'Carl',
      country: 'DE',
    });
    await ok('POST', '/v1/pbx/create/', { user_id: Number(fresh.user_id), password: 'Carl2024pbx' });
    await ok('GET', '/v1/pbx/internal/', U);
    await ok('POST', '/v1/pbx/internal/create/', {
      ...U,
      start_number: 'any',
      quantity: 2,
      return_password: 'true',
    });
    await ok('GET', '/v1/pbx/internal/100/status/', U);
    await ok('GET', '/v1/pbx/internal/100/info/', U);
    await ok('PUT', '/v1/pbx/internal/recording/', {
      ...U,
      id: '100',
      status: 'on',
      email: 'rec@example.com',
      speech_recognition: 'all',
    });
    await ok('GET', '/v1/pbx/internal/101/info/', U);
    await ok('GET', '/v1/pbx/internal/101/password/', U);
    await ok('PUT', '/v1/pbx/internal/101/password/', { ...U, value: 'NewPass2024x' });
    await ok('PUT', '/v1/pbx/internal/101/edit/', { ...U, supervisor_status: 1 });
    await ok('GET', '/v1/pbx/callinfo/', U);
    await ok('POST', '/v1/pbx/callinfo/url/', { ...U, url: 'https://crm.example.com/zadarma' });
    await ok('POST', '/v1/pbx/callinfo/notifications/', { ...U, notify_out_start: 'true' });
    await ok('GET', '/v1/pbx/callinfo/', U);
    await ok('DELETE', '/v1/pbx/callinfo/url/', U);
    await ok('GET', '/v1/pbx/webhooks/', U);
    await ok('POST', '/v1/pbx/webhooks/url/', { ...U, url: 'https://crm.example.com/hooks' });
    await ok('POST', '/v1/pbx/webhooks/hooks/', { ...U, sms: 'true' });
    await ok('DELETE', '/v1/pbx/webhooks/url/', U);
    await ok('GET', '/v1/statistics/pbx/', {
      ...U,
      start: '2020-01-01 00:00:00',
      end: '2020-01-20 00:00:00',
      version: 2,
    });
  });

  it('IVR: menus, scenarios, sounds', async () => {
    await ok('GET', '/v1/pbx/ivr/', U);
    const menu = await ok('POST', '/v1/pbx/ivr/create/', { ...U, buy: 'false' });
    const menuId = Number(menu.menu_id);
    const created = await ok('POST', '/v1/pbx/ivr/scenario/create/', {
      ...U,
      menu_id: menuId,
      push_button: '1',
      title: 'Sales',
      extension: '100',
    });
    await ok('POST', '/v1/pbx/ivr/scenario/create/', {
      ...U,
      menu_id: menuId,
      push_button: '15',
      title: 'Dynamic',
      extension: '100',
    });
    await ok('GET', '/v1/pbx/ivr/scenario/', { ...U, menu_id: menuId });
    await ok(
      'PUT',
      '/v1/pbx/ivr/scenario/edit/',
      {
        ...U,
        id: String(created.scenario_id),
        title: 'Sales queue',
        queue_strategy: 'roundrobin',
        numbers: [{ number: '100', delay: 0, duration: 20 }],
      },
      { json: true },
    );
    await ok('DELETE', '/v1/pbx/ivr/scenario/delete/', { ...U, scenario_id: String(created.scenario_id) });
    await ok('DELETE', '/v1/pbx/ivr/delete/', { ...U, menu_id: menuId });
    await ok(
      'POST',
      '/v1/pbx/ivr/sounds/upload/',
      { ...U, name: 'greeting' },
      { file: { field: 'file', name: 'greeting.mp3', type: 'audio/mpeg', bytes: FILES.mp3 } },
    );
    const sounds = await ok('GET', '/v1/pbx/ivr/sounds/list/', U);
    const sound = (sounds.sounds as { id: number }[])[0];
    await ok('DELETE', '/v1/pbx/ivr/sounds/delete/', { ...U, id: String(sound?.id) });
  });

  it('verification codes', async () => {
    const sent = await ok('POST', '/v1/verify/', { ...U, channel: 'sms', to: '4915112345678' });
    const codes = await sandboxCall(sandbox, 'GET', `/sandbox/codes?userId=${DEMO_USER_ID}`);
    const code = (codes.body.verifications as { requestId: string; code: string }[]).find(
      (v) => v.requestId === sent.request_id,
    )?.code;
    await ok('POST', '/v1/verify/check/', { ...U, request_id: String(sent.request_id), code: code ?? '' });
  });

  it('has called every implemented operation successfully, and every answer fits the spec', () => {
    const missing = IMPLEMENTED_OPERATIONS.filter((id) => !answered.has(id));
    expect(missing).toEqual([]);
    expect(failures).toEqual([]);
  });

  it('uses validators that do catch answers off the spec', () => {
    const countries = validators.get('direct_numbers.countries');
    const number = validators.get('direct_numbers.number');
    expect(countries?.({ status: 'success' })).toBe(false);
    expect(countries?.({ status: 'success', info: [{ countryCode: '49', countryCodeIso: 'DE' }] })).toBe(
      false,
    );
    expect(countries?.({ status: 'success', info: [] })).toBe(true);
    // `nullable` fields take null; the others do not.
    expect(number?.({ status: 'success', info: { number_name: null } })).toBe(true);
    expect(number?.({ status: 'success', info: { country: null } })).toBe(false);
  });

  it('answers errors in Zadarma’s shape', async () => {
    const refused = await op('POST', '/v1/direct_numbers/order/', {
      ...U,
      direction_id: 3766,
      documents_group_id: 0,
    });
    expect(refused.status).toBe(400);
    const rateLimited = await op('GET', '/v1/info/balance/', {}, { secret: 'wrong' });
    expect(rateLimited.status).toBe(401);
  });
});
