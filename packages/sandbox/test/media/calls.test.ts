/**
 * Two media parties in Node call each other over real DTLS-SRTP on loopback: what one sends, the
 * other measures (energy, digits), and the echo party sends back what it hears.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createMediaCall, type MediaCall, type PartyKind } from '../../src/media/index.js';

const open: MediaCall[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((call) => call.close()));
});

function party(kind: PartyKind, options?: Parameters<typeof createMediaCall>[1]): MediaCall {
  const call = createMediaCall(kind, options);
  open.push(call);
  return call;
}

/** `caller` offers, `callee` answers; resolves once both ends are connected. */
async function connect(caller: MediaCall, callee: MediaCall): Promise<void> {
  const answer = await callee.answer(await caller.offer());
  await caller.accept(answer);
  await Promise.all([caller.connected(), callee.connected()]);
}

describe('media parties in Node', () => {
  it('the recorder hears the tone party: energy of a 0.5 sine', async () => {
    const tone = party('tone');
    const recorder = party('recorder');
    await connect(tone, recorder);
    await expect.poll(() => recorder.report().audioSeconds, { timeout: 5000 }).toBeGreaterThan(0.5);
    const heard = recorder.report();
    expect(heard.state).toBe('connected');
    expect(heard.audioEnergy).toBeGreaterThan(0.3); // 0.5/√2 ≈ 0.354, less a little µ-law and the first packets
    expect(heard.audioEnergy).toBeLessThan(0.4);
    // The recorder itself sends silence.
    await expect.poll(() => tone.report().audioPacketsReceived, { timeout: 5000 }).toBeGreaterThan(10);
    expect(tone.report().audioEnergy).toBeLessThan(0.01);
  });

  it('the answering side can be the tone, and toneHz is honoured', async () => {
    const recorder = party('recorder');
    const tone = party('tone', { toneHz: 1000 });
    await connect(recorder, tone);
    await expect.poll(() => recorder.report().audioEnergy, { timeout: 5000 }).toBeGreaterThan(0.3);
  });

  it('the echo party sends back what it receives', async () => {
    const tone = party('tone');
    const echo = party('echo');
    await connect(tone, echo);
    await expect.poll(() => echo.report().audioEnergy, { timeout: 5000 }).toBeGreaterThan(0.3);
    await expect.poll(() => tone.report().audioEnergy, { timeout: 5000 }).toBeGreaterThan(0.2);
    // ...and only that: an echo of a silent recorder stays silent.
    const recorder = party('recorder');
    const echo2 = party('echo');
    await connect(recorder, echo2);
    await expect.poll(() => recorder.report().audioPacketsReceived, { timeout: 5000 }).toBeGreaterThan(20);
    expect(recorder.report().audioEnergy).toBeLessThan(0.01);
  });

  it('the WAV party plays the bundled sample', async () => {
    const wav = party('wav');
    const recorder = party('recorder');
    await connect(recorder, wav);
    await expect.poll(() => recorder.report().audioSeconds, { timeout: 5000 }).toBeGreaterThan(1);
    expect(recorder.report().audioEnergy).toBeGreaterThan(0.2);
  });

  it('digits sent as RFC 4733 arrive once each, audio going on around them', async () => {
    const caller = party('tone');
    const recorder = party('recorder');
    await connect(caller, recorder);
    await caller.sendDigits('123#');
    await caller.sendDigits('*0AD99');
    await expect.poll(() => recorder.report().digits, { timeout: 3000 }).toBe('123#*0AD99');
    const before = recorder.report().audioPacketsReceived;
    await expect
      .poll(() => recorder.report().audioPacketsReceived, { timeout: 3000 })
      .toBeGreaterThan(before + 5);
    // The answering side sends digits too.
    await recorder.sendDigits('42');
    await expect.poll(() => caller.report().digits, { timeout: 3000 }).toBe('42');
    await expect(caller.sendDigits('1x')).rejects.toThrow(/not a DTMF digit/);
  });

  it('close() ends the call: state closed, pending digits refused, sending stops', async () => {
    const tone = party('tone');
    const recorder = party('recorder');
    await connect(tone, recorder);
    const digits = tone.sendDigits('123456789');
    await tone.close();
    await expect(digits).rejects.toThrow(/ended/);
    expect(tone.report().state).toBe('closed');
    const sent = tone.report().packetsSent;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(tone.report().packetsSent).toBe(sent);
    await tone.close(); // twice is fine
  });

  it('a call closed before it connected rejects connected()', async () => {
    const call = party('echo');
    await call.offer();
    const waiting = call.connected();
    await call.close();
    await expect(waiting).rejects.toThrow(/closed/);
  });

  it('a call closed while it answers (a CANCEL) settles answer() and sends nothing after', async () => {
    const caller = party('tone');
    const offer = await caller.offer();
    for (const delayMs of [0, 2, 10, 30]) {
      const callee = party('recorder');
      const answering = callee.answer(offer).then(
        () => 'answered',
        (error: Error) => error.message,
      );
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      await callee.close(); // at 0, before answer() got past its first await
      const outcome = await answering;
      if (delayMs === 0) expect(outcome).toBe('the call was closed');
      else expect(['answered', 'the call was closed']).toContain(outcome);
      const sent = callee.report().packetsSent;
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(callee.report()).toMatchObject({ state: 'closed', packetsSent: sent });
    }
  });

  it('an offer without PCMU is refused', async () => {
    const call = party('echo');
    const opusOnly =
      'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\n';
    await expect(call.answer(opusOnly)).rejects.toThrow(/PCMU/);
  });
});
