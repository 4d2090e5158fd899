/**
 * `call()` sends every kind of body the spec gives an operation — JSON with nested values, multipart
 * with a file — and the sandbox, which verifies signatures the PHP way, takes them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '@zadarma-elements/sandbox';
import { ZadarmaApiError, ZadarmaClient } from './client.js';

let sandbox: RunningSandbox;
let client: ZadarmaClient;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, sip: false });
  client = new ZadarmaClient({ key: sandbox.key, secret: sandbox.secret, baseUrl: sandbox.url });
});
afterAll(() => sandbox.close());

/** A WAV of silence: RIFF/WAVE header and a few samples. */
function wav(samples = 800): Uint8Array {
  const bytes = new Uint8Array(44 + samples * 2);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, text: string) =>
    [...text].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + samples * 2, true);
  ascii(8, 'WAVEfmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, 8000, true);
  view.setUint32(28, 16000, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, samples * 2, true);
  return bytes;
}

describe('ZadarmaClient.call with the bodies the spec describes', () => {
  it('edits a scenario with a JSON body whose numbers are a list of objects', async () => {
    const user_id = sandbox.demoUser.id;
    const created = await client.call('pbx.ivr.scenario.create', {
      user_id,
      menu_id: 0,
      push_button: '5',
      title: 'Support',
      extension: sandbox.demoUser.sip,
    });
    const id = String((created as { scenario_id?: unknown }).scenario_id);
    await client.call('pbx.ivr.scenario.edit', {
      user_id,
      id,
      title: 'Support queue',
      numbers: [
        { number: sandbox.demoUser.sip, delay: 0, duration: 20 },
        { number: sandbox.demoUser.sip, delay: 0 },
      ],
    } as never);
    const list = (await client.call('pbx.ivr.scenario', { user_id, menu_id: 0 } as never)) as {
      scenarios: { id: string; title: string }[];
    };
    expect(list.scenarios.find((s) => s.id === id)?.title).toBe('Support queue');
  });

  it('uploads a sound as multipart, the file streamed and only the text fields signed', async () => {
    const user_id = sandbox.demoUser.id;
    await client.call('pbx.ivr.sounds.upload', {
      user_id,
      name: 'Willkommen',
      file: { filename: 'willkommen.wav', contentType: 'audio/wav', data: new Blob([wav()]) },
    } as never);
    const sounds = (await client.call('pbx.ivr.sounds.list', { user_id } as never)) as unknown as {
      sounds?: { name?: string }[];
    };
    expect(JSON.stringify(sounds)).toContain('Willkommen');
  });

  it('refuses a renamed text file as Zadarma would, by its bytes', async () => {
    const upload = client.call('pbx.ivr.sounds.upload', {
      user_id: sandbox.demoUser.id,
      name: 'notes',
      file: { filename: 'notes.wav', contentType: 'audio/wav', data: new TextEncoder().encode('not audio') },
    } as never);
    await expect(upload).rejects.toBeInstanceOf(ZadarmaApiError);
  });

  it('says which file is missing or extra before anything is sent', async () => {
    await expect(client.call('pbx.ivr.sounds.upload', { name: 'x' } as never)).rejects.toThrow(
      /takes one file \(got 0\)/,
    );
    await expect(
      client.call('info.balance', {
        file: { filename: 'a.wav', contentType: 'audio/wav', data: wav() },
      } as never),
    ).rejects.toThrow(/takes no file/);
  });
});
