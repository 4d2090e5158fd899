/** The state machines of orders and documents, as a partner's number picker and upload form meet them. */
import { describe, expect, it } from 'vitest';
import { DEMO_USER_ID } from '../src/index.js';
import { BERLIN_GROUP, call, FILES, sandboxCall, testSandbox } from './helpers.js';

const U = { user_id: DEMO_USER_ID };
const BERLIN = 3766;
const LONDON = 13755;

const berlinGroup = { ...U, ...BERLIN_GROUP };

type Listed = { id: string; number: string };
type Info = { number: string; status: string };

describe('the number inventory', () => {
  it('has hundreds of numbers per destination, the same on every start, and filters by mask', async () => {
    const a = testSandbox();
    const b = testSandbox();
    const listA = (await call(a, 'GET', `/v1/direct_numbers/available/${BERLIN}/`)).body.numbers as Listed[];
    const listB = (await call(b, 'GET', `/v1/direct_numbers/available/${BERLIN}/`)).body.numbers as Listed[];
    expect(listA.length).toBeGreaterThanOrEqual(200);
    expect(listB).toEqual(listA);
    expect(new Set(listA.map((n) => n.number)).size).toBe(listA.length);
    expect(listA.every((n) => n.number.startsWith('4930'))).toBe(true);
    const probe = listA[17]?.number.slice(-5) ?? '';
    const masked = (await call(a, 'GET', `/v1/direct_numbers/available/${BERLIN}/`, { mask: probe })).body
      .numbers as Listed[];
    expect(masked.length).toBeGreaterThan(0);
    expect(masked.length).toBeLessThan(listA.length);
    expect(masked.every((n) => n.number.includes(probe))).toBe(true);
    expect((await call(a, 'GET', '/v1/direct_numbers/available/1/')).status).toBe(400);
  });

  it('takes a destination as country and area code too, as Zadarma’s docs write it (de30, DE30)', async () => {
    const a = testSandbox();
    const byId = (await call(a, 'GET', `/v1/direct_numbers/available/${BERLIN}/`)).body.numbers;
    expect((await call(a, 'GET', '/v1/direct_numbers/available/de30/')).body.numbers).toEqual(byId);
    expect((await call(a, 'GET', '/v1/direct_numbers/available/DE30/')).body.numbers).toEqual(byId);
    for (const unknown of ['de999', 'xx30', 'de', '30de'])
      expect((await call(a, 'GET', `/v1/direct_numbers/available/${unknown}/`)).status, unknown).toBe(400);
  });

  it('takes an ordered number out of the inventory, charges the balance once, and refuses it a second time', async () => {
    const sandbox = testSandbox();
    const list = (await call(sandbox, 'GET', `/v1/direct_numbers/available/${LONDON}/`, U)).body
      .numbers as Listed[];
    const pick = list[5];
    if (!pick) throw new Error('no numbers');
    const before = (await call(sandbox, 'GET', '/v1/info/balance/', U)).body.balance as number;
    const destination = (
      (
        await call(sandbox, 'GET', '/v1/direct_numbers/country/', {
          ...U,
          country: 'GB',
          direction_id: LONDON,
        })
      ).body.info as { connect_fee: number; monthly_fee: number }[]
    )[0];
    const order = await call(sandbox, 'POST', '/v1/direct_numbers/order/', {
      ...U,
      direction_id: LONDON,
      number_id: pick.id,
      documents_group_id: 0,
      period: '3month',
    });
    expect(order.body).toEqual({
      status: 'success',
      number: pick.number,
      is_reserved: 'false',
      is_activated: 'true',
    });
    const after = (await call(sandbox, 'GET', '/v1/info/balance/', U)).body.balance as number;
    expect(after).toBeCloseTo(
      before - (destination?.connect_fee ?? NaN) - 3 * (destination?.monthly_fee ?? NaN),
      2,
    );

    const again = await call(sandbox, 'POST', '/v1/direct_numbers/order/', {
      ...U,
      direction_id: LONDON,
      number_id: pick.id,
      documents_group_id: 0,
    });
    expect(again.status).toBe(400);
    expect(String(again.body.message)).toContain('no longer available');
    const listed = (await call(sandbox, 'GET', `/v1/direct_numbers/available/${LONDON}/`, U)).body
      .numbers as Listed[];
    expect(listed.length).toBe(list.length - 1);
    expect(listed.some((n) => n.number === pick.number)).toBe(false);
    const state = await sandboxCall(sandbox, 'GET', `/sandbox/users/${DEMO_USER_ID}`);
    expect(state.body.orders).toBe(1);
    expect((await call(sandbox, 'GET', '/v1/info/balance/', U)).body.balance).toBe(after);
  });

  it('refuses an order the balance does not cover, and changes nothing', async () => {
    const sandbox = testSandbox();
    // The demo user has 50 EUR; the German toll-free number costs 20 + 30 USD a month.
    const expensive = await call(sandbox, 'POST', '/v1/direct_numbers/order/', {
      ...U,
      direction_id: 20800,
      documents_group_id: 0,
      period: '3month',
    });
    expect(expensive.body).toMatchObject({ status: 'success' }); // 30 USD = 27.60 EUR: affordable
    const balance = (await call(sandbox, 'GET', '/v1/info/balance/', U)).body.balance as number;
    const tooMuch = await call(sandbox, 'POST', '/v1/direct_numbers/order/', {
      ...U,
      direction_id: 20800,
      documents_group_id: 0,
      period: '3month',
    });
    expect(tooMuch.status).toBe(400);
    expect(String(tooMuch.body.message)).toMatch(/Not enough money/);
    expect((await call(sandbox, 'GET', '/v1/info/balance/', U)).body.balance).toBe(balance);
    expect((await sandboxCall(sandbox, 'GET', `/sandbox/users/${DEMO_USER_ID}`)).body.orders).toBe(1);
  });

  it('prolongs, switches auto-renewal, names the number (≤ 30 Latin characters) and routes it', async () => {
    const sandbox = testSandbox();
    const order = await call(sandbox, 'POST', '/v1/direct_numbers/order/', {
      ...U,
      direction_id: LONDON,
      documents_group_id: 0,
    });
    const number = String(order.body.number);
    const info = async () =>
      (await call(sandbox, 'GET', '/v1/direct_numbers/number/', { ...U, number })).body.info as Record<
        string,
        unknown
      >;
    const stop = String((await info()).stop_date);
    const prolonged = await call(sandbox, 'POST', '/v1/direct_numbers/prolong/', { ...U, number, months: 2 });
    expect(prolonged.body.total_paid).toEqual({ amount: 7.36, currency: 'EUR' });
    expect(Date.parse(String(prolonged.body.stop_date).replace(' ', 'T'))).toBeGreaterThan(
      Date.parse(stop.replace(' ', 'T')) + 55 * 86400_000,
    );
    await call(sandbox, 'PUT', '/v1/direct_numbers/autoprolongation/', { ...U, number, value: 'off' });
    expect(
      (await call(sandbox, 'GET', '/v1/direct_numbers/autoprolongation/', { ...U, number })).body
        .autoprolongation,
    ).toBe('off');
    expect(
      (
        await call(sandbox, 'PUT', '/v1/direct_numbers/set_caller_name/', {
          ...U,
          number,
          caller_name: 'x'.repeat(31),
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(sandbox, 'PUT', '/v1/direct_numbers/set_caller_name/', {
          ...U,
          number,
          caller_name: 'Kundenservice <3',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(sandbox, 'PUT', '/v1/direct_numbers/set_caller_name/', {
          ...U,
          number,
          caller_name: 'y'.repeat(30),
        })
      ).status,
    ).toBe(200);
    expect((await info()).number_name).toBe('y'.repeat(30));
    expect(
      (await call(sandbox, 'PUT', '/v1/direct_numbers/set_sip_id/', { ...U, number, sip_id: '999' })).status,
    ).toBe(400);
    expect(
      (
        await call(sandbox, 'PUT', '/v1/direct_numbers/set_sip_id/', {
          ...U,
          number,
          sip_id: 'pbx@sip.example.com',
        })
      ).status,
    ).toBe(200);
    expect((await info()).sip).toBe('pbx@sip.example.com');
    expect(
      (await call(sandbox, 'PUT', '/v1/direct_numbers/receive_sms/', { ...U, number, value: 'on' })).status,
    ).toBe(400);
    expect(
      (await call(sandbox, 'GET', '/v1/direct_numbers/number/', { ...U, number: '491111111111' })).status,
    ).toBe(400);
  });
});

describe('documents and orders that need them', () => {
  async function upload(
    sandbox: ReturnType<typeof testSandbox>,
    groupId: number,
    name: string,
    bytes: Uint8Array,
    type = 'passport',
  ) {
    return call(
      sandbox,
      'POST',
      '/v1/documents/upload/',
      { ...U, group_id: groupId, document_type: type },
      { file: { field: 'file', name, type: 'application/octet-stream', bytes } },
    );
  }
  const valid = async (sandbox: ReturnType<typeof testSandbox>, groupId: number, directionId = BERLIN) =>
    (
      await call(sandbox, 'GET', `/v1/documents/groups/valid/${groupId}/`, {
        ...U,
        direction_id: directionId,
      })
    ).body;

  it('walks a Berlin number from refused through checking to on', async () => {
    const sandbox = testSandbox();
    // The main group lacks the address and the passport: refused, and the message says what is missing.
    const bare = await call(sandbox, 'POST', '/v1/direct_numbers/order/', {
      ...U,
      direction_id: BERLIN,
      documents_group_id: 0,
    });
    expect(bare.status).toBe(400);
    expect(String(bare.body.message)).toMatch(/missing data: .*street.*documents to upload: passport/);

    const groupId = Number(
      (
        (await call(sandbox, 'POST', '/v1/documents/groups/create/', berlinGroup)).body.group as {
          id: number;
        }
      ).id,
    );
    expect(await valid(sandbox, groupId)).toMatchObject({
      is_information_match: 'true',
      is_address_match: 'true',
      is_documents_uploaded: 'false',
      is_documents_verified: 'false',
    });
    // The UK needs nothing: every flag is true for any group.
    expect(await valid(sandbox, 0, LONDON)).toMatchObject({
      is_information_match: 'true',
      is_documents_uploaded: 'true',
      is_documents_verified: 'true',
      is_address_match: 'true',
    });
    expect(
      (
        await call(sandbox, 'POST', '/v1/direct_numbers/order/', {
          ...U,
          direction_id: BERLIN,
          documents_group_id: groupId,
        })
      ).status,
    ).toBe(400);

    expect((await upload(sandbox, groupId, 'passport.png', FILES.png)).body).toMatchObject({
      status: 'success',
      doc_name: 'passport.png',
    });
    expect(await valid(sandbox, groupId)).toMatchObject({
      is_documents_uploaded: 'true',
      is_documents_verified: 'false',
    });
    const order = await call(sandbox, 'POST', '/v1/direct_numbers/order/', {
      ...U,
      direction_id: BERLIN,
      documents_group_id: groupId,
    });
    expect(order.body).toMatchObject({ status: 'success', is_activated: 'false' });
    const status = async () =>
      ((await call(sandbox, 'GET', '/v1/direct_numbers/', U)).body.info as Info[]).find(
        (n) => n.number === order.body.number,
      )?.status;
    expect(await status()).toBe('checking');

    const rejected = await sandboxCall(
      sandbox,
      'POST',
      `/sandbox/users/${DEMO_USER_ID}/groups/${groupId}/reject`,
      { message: 'The passport has expired.' },
    );
    expect(rejected.body.decided).toEqual([{ type: 'passport', name: 'passport.png', status: 'rejected' }]);
    expect(await status()).toBe('checking_upload');
    expect(
      (await call(sandbox, 'GET', '/v1/direct_numbers/checking-wrongs/', { ...U, group_id: groupId })).body
        .info,
    ).toEqual({
      wrong_document: { document_type: 'passport', message: 'The passport has expired.' },
    });

    await upload(sandbox, groupId, 'passport-new.pdf', FILES.pdf);
    expect(await status()).toBe('checking');
    await sandboxCall(sandbox, 'POST', `/sandbox/users/${DEMO_USER_ID}/groups/${groupId}/verify`, {});
    expect(await status()).toBe('on');
    expect(await valid(sandbox, groupId)).toMatchObject({ is_documents_verified: 'true' });
    // Verified data is read-only.
    const update = await call(sandbox, 'PUT', `/v1/documents/groups/update/${groupId}/`, {
      ...berlinGroup,
      first_name: 'Other',
    });
    expect(update.status).toBe(400);
    expect(
      (
        (await call(sandbox, 'GET', `/v1/documents/groups/get/${groupId}/`, U)).body.group as {
          is_readonly: boolean;
        }
      ).is_readonly,
    ).toBe(true);
  });

  it('wants a German address for a German city number, and reports a rejected address', async () => {
    const sandbox = testSandbox();
    const abroad = { ...berlinGroup, country: 'AT', city: 'Wien', address: 'Ring 1' };
    const groupId = Number(
      ((await call(sandbox, 'POST', '/v1/documents/groups/create/', abroad)).body.group as { id: number }).id,
    );
    expect(await valid(sandbox, groupId)).toMatchObject({
      is_address_match: 'false',
      is_information_match: 'true',
    });
    await call(sandbox, 'PUT', `/v1/documents/groups/update/${groupId}/`, berlinGroup);
    expect(await valid(sandbox, groupId)).toMatchObject({ is_address_match: 'true' });
    await sandboxCall(sandbox, 'POST', `/sandbox/users/${DEMO_USER_ID}/groups/${groupId}/reject`, {
      address: true,
      message: 'No such street',
    });
    expect(await valid(sandbox, groupId)).toMatchObject({ is_address_match: 'false' });
    expect(
      (await call(sandbox, 'GET', '/v1/direct_numbers/checking-wrongs/', { ...U, group_id: groupId })).body
        .info,
    ).toEqual({ wrong_address: { message: 'No such street' } });
  });

  it('verifies uploads after the configured delay, and rejects files named "reject"', async () => {
    let now = Date.parse('2025-03-01T10:00:00Z');
    const sandbox = testSandbox({ verificationDelayMs: 60_000, now: () => now });
    await upload(sandbox, 0, 'id-card.png', FILES.png);
    await upload(sandbox, 0, 'please-reject-me.png', FILES.png, 'phone_bill');
    const files = async () =>
      (await call(sandbox, 'GET', '/v1/documents/files/', { ...U, group_id: 0 })).body.documents as {
        name: string;
        is_verified: string;
      }[];
    expect((await files()).map((f) => f.is_verified)).toEqual(['false', 'false']);
    now += 59_000;
    expect((await files()).map((f) => f.is_verified)).toEqual(['false', 'false']);
    now += 2_000;
    expect((await files()).map((f) => f.is_verified)).toEqual(['true', 'false']);
    const user = await sandboxCall(sandbox, 'GET', `/sandbox/users/${DEMO_USER_ID}`);
    const statuses = (user.body.groups as { id: number; files: { status: string }[] }[])[0]?.files.map(
      (f) => f.status,
    );
    expect(statuses).toEqual(['verified', 'rejected']);
  });

  it('checks uploads by their bytes: images and PDF only, at most 5 MiB, multipart parsed for real', async () => {
    const sandbox = testSandbox();
    const text = await upload(sandbox, 0, 'passport.png', FILES.text);
    expect(text.status).toBe(400);
    expect(String(text.body.message)).toMatch(/image .* or a PDF/);
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(FILES.png);
    const tooBig = await upload(sandbox, 0, 'huge.png', big);
    expect(tooBig.status).toBe(400);
    expect(String(tooBig.body.message)).toMatch(/too large/);
    const exact = new Uint8Array(5 * 1024 * 1024);
    exact.set(FILES.pdf);
    expect((await upload(sandbox, 0, '../../etc/scan.pdf', exact)).body).toMatchObject({
      status: 'success',
      doc_name: 'scan.pdf',
    });
    const noFile = await call(sandbox, 'POST', '/v1/documents/upload/', {
      ...U,
      group_id: 0,
      document_type: 'passport',
    });
    expect(noFile.status).toBe(400);
    expect((await upload(sandbox, 4242, 'a.png', FILES.png)).status).toBe(400);
  });
});

describe('texts in the customer’s language', () => {
  type Destination = { id: string; name: string; feature: string | null };
  const destinations = async (sandbox: ReturnType<typeof testSandbox>, country: string, language?: string) =>
    (
      await call(sandbox, 'GET', '/v1/direct_numbers/country/', {
        ...U,
        country,
        ...(language ? { language } : {}),
      })
    ).body.info as Destination[];
  const byId = (list: Destination[], id: number) => list.find((d) => d.id === String(id));

  it('gives names and features in the asked language, else the account’s (English for the demo user)', async () => {
    const sandbox = testSandbox();
    const de = await destinations(sandbox, 'DE', 'de');
    expect(byId(de, 3753)).toMatchObject({
      name: '0800-Nummer (gebührenfrei)',
      feature: 'Aus allen Netzen erreichbar',
    });
    expect(byId(de, BERLIN)?.feature).toBeNull();
    expect(byId(await destinations(sandbox, 'GB', 'de'), 13760)).toMatchObject({
      name: 'Mobilfunk',
      feature: 'SMS-Empfang',
    });
    expect(byId(await destinations(sandbox, 'GB', 'ru'), 13760)?.feature).toBe('Приём SMS');
    // A language without translations falls back to English, as does the demo account.
    expect(byId(await destinations(sandbox, 'GB', 'fr'), 13760)?.feature).toBe('SMS reception');
    expect(byId(await destinations(sandbox, 'US'), 20800)?.feature).toBe('Available from all networks');
    // Every text that has an English version has its own German one.
    for (const country of ['AT', 'DE', 'ES', 'GB', 'PL', 'US']) {
      const [english, german] = [
        await destinations(sandbox, country, 'en'),
        await destinations(sandbox, country, 'de'),
      ];
      for (const d of english.filter((e) => e.feature))
        expect(byId(german, Number(d.id))?.feature).not.toBe(d.feature);
    }
  });

  it('gives the verifier’s own reasons in the account’s language', async () => {
    const sandbox = testSandbox();
    const registered = await call(sandbox, 'POST', '/v1/reseller/users/registration/new/', {
      email: 'jonas+now@example.com',
      first_name: 'Jonas',
      country: 'DE',
      currency: 'EUR',
      language: 'de',
    });
    const reasons = async (userId: number) => {
      await upload(sandbox, userId, 'passport.png');
      await sandboxCall(sandbox, 'POST', `/sandbox/users/${userId}/groups/0/reject`, {
        documentType: 'passport',
      });
      await sandboxCall(sandbox, 'POST', `/sandbox/users/${userId}/groups/0/reject`, { address: true });
      const info = (
        await call(sandbox, 'GET', '/v1/direct_numbers/checking-wrongs/', { user_id: userId, group_id: 0 })
      ).body.info as { wrong_document?: { message: string }; wrong_address?: { message: string } };
      return [info.wrong_document?.message, info.wrong_address?.message];
    };
    expect(await reasons(Number(registered.body.user_id))).toEqual([
      'Das Dokument ist nicht lesbar. Bitte laden Sie eine deutliche Farbkopie der ganzen Seite hoch.',
      'Ungültige Adresse',
    ]);
    expect(await reasons(DEMO_USER_ID)).toEqual([
      'The document is not readable. Please upload a clear colour copy of the whole page.',
      'Invalid address',
    ]);
  });

  async function upload(sandbox: ReturnType<typeof testSandbox>, userId: number, name: string) {
    const uploaded = await call(
      sandbox,
      'POST',
      '/v1/documents/upload/',
      { user_id: userId, group_id: 0, document_type: 'passport' },
      { file: { field: 'file', name, type: 'image/png', bytes: FILES.png } },
    );
    expect(uploaded.status).toBe(200);
  }
});
