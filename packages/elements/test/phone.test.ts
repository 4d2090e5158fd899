/** Node tests (vitest) of the phone engine's pure parts; the engine itself: src/phone/engine.test.ts (wtr). */
import { describe, expect, it } from 'vitest';
import { dispositionFor, displayNumber } from '../src/phone/disposition.js';
import { usableCandidate } from '../src/phone/ice.js';

const candidate = (line: string, protocol: string, type: string) =>
  ({ candidate: line, protocol, type }) as unknown as RTCIceCandidate;

describe('dispositionFor', () => {
  it('names how a call ended from JsSIP’s cause; an answered call is answered whatever the cause', () => {
    expect(dispositionFor('Busy', false)).toBe('busy');
    expect(dispositionFor('Rejected', false)).toBe('declined');
    expect(dispositionFor('Canceled', false)).toBe('cancelled');
    expect(dispositionFor('No Answer', false)).toBe('no answer');
    expect(dispositionFor('Expires', false)).toBe('no answer');
    expect(dispositionFor('Not Found', false)).toBe('failed');
    expect(dispositionFor(undefined, false)).toBe('failed');
    expect(dispositionFor('Terminated', true)).toBe('answered');
    expect(dispositionFor('Connection Error', true)).toBe('answered');
  });
});

describe('displayNumber', () => {
  it('shows an extension’s login as its three digits, anything else as it is', () => {
    expect(displayNumber('5001-101')).toBe('101');
    expect(displayNumber('+493023125001')).toBe('+493023125001');
    expect(displayNumber(undefined)).toBe('');
  });
});

describe('usableCandidate', () => {
  const host = candidate('candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', 'udp', 'host');
  const tcp = candidate('candidate:2 1 tcp 1518280447 127.0.0.1 9 typ host tcptype active', 'tcp', 'host');
  const srflx = candidate('candidate:3 1 udp 1686052607 203.0.113.5 40000 typ srflx', 'udp', 'srflx');
  it('without ICE servers: the first UDP host candidate; never TCP', () => {
    expect(usableCandidate(host, false)).toBe(true);
    expect(usableCandidate(tcp, false)).toBe(false);
  });
  it('with ICE servers: waits for a server-reflexive (or relayed) one', () => {
    expect(usableCandidate(host, true)).toBe(false);
    expect(usableCandidate(srflx, true)).toBe(true);
  });
  it('reads the type from the candidate line when the browser leaves the field empty', () => {
    expect(usableCandidate(candidate(srflx.candidate, 'udp', ''), true)).toBe(true);
  });
});
