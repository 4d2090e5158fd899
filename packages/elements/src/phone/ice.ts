/**
 * When the INVITE (or the answer) may leave: JsSIP waits for ICE gathering to complete unless the
 * session's `icecandidate` listener calls `ready()` (DESIGN.md). A first usable candidate is enough
 * here: without STUN/TURN servers, a UDP host candidate; with them, a server-reflexive or relayed one
 * (host candidates alone rarely cross a NAT). JsSIP still stops waiting when gathering completes.
 */
export function usableCandidate(candidate: RTCIceCandidate, withServers: boolean): boolean {
  if (candidate.protocol && candidate.protocol !== 'udp') return false;
  const type = candidate.type || /\btyp (\w+)/.exec(candidate.candidate)?.[1];
  return withServers ? type === 'srflx' || type === 'relay' : type === 'host' || type === 'srflx';
}
