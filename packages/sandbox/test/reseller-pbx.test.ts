/** Reseller flows (registration outcomes, phone confirmation, money) and PBX/IVR rules. */
import { describe, expect, it } from 'vitest';
import { DEMO_USER_ID, RESELLER_ID } from '../src/index.js';
import { convert, roundMoney } from '../src/catalog/money.js';
import { TEST_CREDIT_USD } from '../src/routes/reseller.js';
import { call, FILES, sandboxCall, testSandbox } from './helpers.js';

const U = { user_id: DEMO_USER_ID };
type Codes = {
  phones: { userId: number; number: string; code: string }[];
  registrations: { email: string; code: string }[];
};

describe('registration', () => {
  it('has the three outcomes: immediate, e-mail link, code for the reseller', async () => {
    const sandbox = testSandbox({ registrationOutcome: 'email_link' });
    const register = (email: string) =>
      call(sandbox, 'POST', '/v1/reseller/users/registration/new/', {
        email,
        first_name: 'Anna',
        country: 'DE',
        currency: 'EUR',
      });

    const link = await register('anna@example.com');
    expect(link.body.user_id).toBeUndefined();
    expect(String(link.body.message)).toContain('link');
    const activated = await sandboxCall(sandbox, 'POST', '/sandbox/registrations/activate', {
      email: 'anna@example.com',
    });
    expect(activated.body.userId).toEqual(expect.any(Number));

    const coded = await register('bert+code@example.com');
    expect(coded.body.user_id).toBeUndefined();
    const wrong = await call(sandbox, 'POST', '/v1/reseller/users/registration/confirm/', {
      email: 'bert+code@example.com',
      code: '000000',
    });
    expect(wrong.status).toBe(400);
    const codes = (await sandboxCall(sandbox, 'GET', '/sandbox/codes')).body as unknown as Codes;
    const code = codes.registrations.find((r) => r.email === 'bert+code@example.com')?.code ?? '';
    const confirmed = await call(sandbox, 'POST', '/v1/reseller/users/registration/confirm/', {
      email: 'bert+code@example.com',
      code,
    });
    expect(confirmed.body).toEqual({ status: 'success', user_id: expect.any(Number) });

    const now = await register('carla+now@example.com');
    expect(now.body.user_id).toEqual(expect.any(Number));
    expect((await register('carla+now@example.com')).status).toBe(400);

    const list = await call(sandbox, 'GET', '/v1/reseller/users/list/');
    expect((list.body.users as { email: string }[]).map((u) => u.email)).toEqual([
      'demo@example.com',
      'anna@example.com',
      'bert+code@example.com',
      'carla+now@example.com',
    ]);
    // A sub-user's key cannot register users.
    const demo = sandbox.state.users.find((u) => u.id === DEMO_USER_ID);
    const asUser = await call(
      sandbox,
      'POST',
      '/v1/reseller/users/registration/new/',
      { email: 'x@example.com', first_name: 'X', country: 'DE' },
      { key: demo?.key ?? '', secret: demo?.secret ?? '' },
    );
    expect(asUser.status).toBe(400);
  });
});

describe('contact phones and money', () => {
  it('confirms a phone with the SMS code, then tops up with currency conversion', async () => {
    const sandbox = testSandbox();
    const user = Number(
      (
        await call(sandbox, 'POST', '/v1/reseller/users/registration/new/', {
          email: 'p@example.com',
          first_name: 'P',
          country: 'PL',
          currency: 'PLN',
        })
      ).body.user_id,
    );
    const u = { user_id: user };
    const topupRefused = await call(sandbox, 'POST', '/v1/reseller/users/topup/', {
      ...u,
      amount: 10,
      currency: 'USD',
    });
    expect(topupRefused.status).toBe(400);
    expect(String(topupRefused.body.message)).toMatch(/confirmed a contact phone/);

    await call(sandbox, 'POST', '/v1/reseller/users/phones/add/', { ...u, number: '+48501234567' });
    // The demo user's confirmed phone may not be confirmed again elsewhere without consent.
    await call(sandbox, 'POST', '/v1/reseller/users/phones/add/', { ...u, number: '4915112345678' });
    expect(
      (
        await call(sandbox, 'POST', '/v1/reseller/users/phones/prove_by_sms/', {
          ...u,
          number: '4915112345678',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(sandbox, 'POST', '/v1/reseller/users/phones/prove_by_sms/', {
          ...u,
          number: '4915112345678',
          confirm_number_reuse: 1,
        })
      ).status,
    ).toBe(200);

    await call(sandbox, 'POST', '/v1/reseller/users/phones/prove_by_sms/', { ...u, number: '48501234567' });
    const codes = (await sandboxCall(sandbox, 'GET', `/sandbox/codes?userId=${user}`))
      .body as unknown as Codes;
    const code = codes.phones.find((p) => p.number === '48501234567')?.code ?? '';
    expect(code).toMatch(/^\d{6}$/);
    expect(
      (
        await call(sandbox, 'POST', '/v1/reseller/users/phones/confirm/', {
          ...u,
          number: '48501234567',
          code: code === '123456' ? '654321' : '123456',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(sandbox, 'POST', '/v1/reseller/users/phones/confirm/', {
          ...u,
          number: '48501234567',
          code,
        })
      ).body,
    ).toMatchObject({ status: 'success' });
    const phones = await call(sandbox, 'GET', '/v1/reseller/users/phones/', u);
    expect(phones.body.list).toContainEqual({ id: 0, number: '48501234567', is_proved: true });

    const topup = await call(sandbox, 'POST', '/v1/reseller/users/topup/', {
      ...u,
      amount: 10,
      currency: 'EUR',
    });
    // 10 EUR = 10.87 USD from the reseller = 42.93 PLN for the user.
    expect(topup.body).toEqual({
      status: 'success',
      user_topup: { amount: 42.93, currency: 'PLN' },
      reseller_withdraw: { amount: 10.87, currency: 'USD' },
    });
    // The topup plus the test credit the phone confirmation granted (1 USD in PLN).
    expect((await call(sandbox, 'GET', '/v1/info/balance/', u)).body).toMatchObject({
      balance: roundMoney(42.93 + convert(TEST_CREDIT_USD, 'USD', 'PLN')),
      currency: 'PLN',
    });
    expect((await call(sandbox, 'GET', '/v1/reseller/account/info/')).body.balance).toBe(1000 - 10.87);
    const tooMuch = await call(sandbox, 'POST', '/v1/reseller/users/topup/', {
      ...u,
      amount: 5000,
      currency: 'USD',
    });
    expect(tooMuch.status).toBe(400);
    const back = await call(sandbox, 'POST', '/v1/reseller/account/money_transfer/', {
      ...u,
      amount: roundMoney(2.93 + convert(TEST_CREDIT_USD, 'USD', 'PLN')),
      currency: 'PLN',
      type: 'to_reseller',
    });
    expect(back.body).toMatchObject({ user: { balance: '40.0000', currency: 'PLN' } });
    expect((await call(sandbox, 'GET', '/v1/reseller/users/find/', { id: user })).body.user).toMatchObject({
      balance: '40.0000',
      allow_topup: true,
    });
    expect((await call(sandbox, 'GET', '/v1/reseller/users/find/', { id: RESELLER_ID })).status).toBe(400);
  });
});

describe('PBX and IVR rules', () => {
  it('creates a PBX with a strong password only, once', async () => {
    const sandbox = testSandbox();
    const user = {
      user_id: Number(
        (
          await call(sandbox, 'POST', '/v1/reseller/users/registration/new/', {
            email: 'x@example.com',
            first_name: 'X',
            country: 'DE',
          })
        ).body.user_id,
      ),
    };
    expect((await call(sandbox, 'GET', '/v1/pbx/internal/', user)).status).toBe(400);
    expect((await call(sandbox, 'POST', '/v1/pbx/create/', { ...user, password: 'weak' })).status).toBe(400);
    expect(
      (await call(sandbox, 'POST', '/v1/pbx/create/', { ...user, password: 'Strong2024x' })).status,
    ).toBe(200);
    expect(
      (await call(sandbox, 'POST', '/v1/pbx/create/', { ...user, password: 'Strong2024x' })).status,
    ).toBe(400);
    expect((await call(sandbox, 'GET', '/v1/pbx/internal/100/password/', user)).body).toMatchObject({
      sip: '100',
      password: 'Strong2024x',
    });
    expect((await call(sandbox, 'GET', '/v1/pbx/internal/', user)).body.numbers).toEqual([100]);
  });

  it('creates extensions from a start number or anywhere, never twice', async () => {
    const sandbox = testSandbox();
    const created = await call(sandbox, 'POST', '/v1/pbx/internal/create/', {
      ...U,
      start_number: '105',
      quantity: 2,
      return_password: 'true',
    });
    expect(created.body.numbers).toEqual([105, 106]);
    expect((created.body.passwords as { password: string }[]).every((p) => p.password.length >= 8)).toBe(
      true,
    );
    expect(
      (await call(sandbox, 'POST', '/v1/pbx/internal/create/', { ...U, start_number: '106', quantity: 1 }))
        .status,
    ).toBe(400);
    const any = await call(sandbox, 'POST', '/v1/pbx/internal/create/', {
      ...U,
      start_number: 'any',
      quantity: 3,
    });
    expect(any.body).toEqual({ status: 'success', numbers: [101, 102, 103] });
    expect((await call(sandbox, 'GET', '/v1/pbx/internal/', U)).body.numbers).toEqual([
      100, 101, 102, 103, 105, 106,
    ]);
    expect((await call(sandbox, 'GET', '/v1/pbx/internal/999/info/', U)).status).toBe(400);
    await sandboxCall(sandbox, 'POST', `/sandbox/users/${DEMO_USER_ID}/extensions/101/online`, {
      online: true,
    });
    expect((await call(sandbox, 'GET', '/v1/pbx/internal/101/status/', U)).body.is_online).toBe('true');
  });

  it('checks push_button, extensions and free menus', async () => {
    const sandbox = testSandbox();
    const scenario = (params: Record<string, string | number>) =>
      call(sandbox, 'POST', '/v1/pbx/ivr/scenario/create/', {
        ...U,
        menu_id: 0,
        title: 'S',
        extension: '100',
        ...params,
      });
    expect((await scenario({ push_button: '-1' })).status).toBe(400); // menu 0 already has "no button"
    expect((await scenario({ push_button: '1' })).status).toBe(200);
    expect((await scenario({ push_button: '1' })).status).toBe(400);
    expect((await scenario({ push_button: '12' })).status).toBe(200);
    expect((await scenario({ push_button: '30' })).status).toBe(200);
    expect((await scenario({ push_button: '31' })).status).toBe(400);
    expect((await scenario({ push_button: 'x' })).status).toBe(400);
    expect((await scenario({ push_button: '2', extension: '555' })).status).toBe(400);
    expect((await scenario({ push_button: '3', extension: 'fax' })).status).toBe(200);
    const list = await call(sandbox, 'GET', '/v1/pbx/ivr/scenario/', { ...U, menu_id: 0 });
    expect((list.body.scenarios as { push_button: number }[]).map((s) => s.push_button)).toEqual([
      -1, 1, 12, 30, 3,
    ]);

    expect((await call(sandbox, 'POST', '/v1/pbx/ivr/create/', { ...U, buy: 'false' })).body.menu_id).toBe(1);
    expect((await call(sandbox, 'POST', '/v1/pbx/ivr/create/', { ...U, buy: 'false' })).body.menu_id).toBe(2);
    expect((await call(sandbox, 'POST', '/v1/pbx/ivr/create/', { ...U, buy: 'false' })).status).toBe(400);
    const before = (await call(sandbox, 'GET', '/v1/info/balance/', U)).body.balance as number;
    expect((await call(sandbox, 'POST', '/v1/pbx/ivr/create/', { ...U, buy: 'true' })).body.menu_id).toBe(3);
    expect((await call(sandbox, 'GET', '/v1/info/balance/', U)).body.balance).toBeCloseTo(before - 1.84, 2);
    expect((await call(sandbox, 'DELETE', '/v1/pbx/ivr/delete/', { ...U, menu_id: 0 })).status).toBe(400);
  });

  it('takes MP3 and WAV sounds only', async () => {
    const sandbox = testSandbox();
    const upload = (name: string, bytes: Uint8Array) =>
      call(
        sandbox,
        'POST',
        '/v1/pbx/ivr/sounds/upload/',
        { ...U, name },
        { file: { field: 'file', name: `${name}.bin`, type: 'audio/mpeg', bytes } },
      );
    expect((await upload('hello', FILES.mp3)).status).toBe(200);
    expect((await upload('wave', FILES.wav)).status).toBe(200);
    expect((await upload('picture', FILES.png)).status).toBe(400);
    const sounds = await call(sandbox, 'GET', '/v1/pbx/ivr/sounds/list/', U);
    expect((sounds.body.sounds as { name: string }[]).map((s) => s.name)).toEqual(['hello', 'wave']);
  });
});
