/** The few facts about an SDP's audio codecs the media party needs, read from its a=rtpmap lines. */

/** The payload type an SDP maps to `name/clockRate` (case-insensitive), if any. */
export function findPayloadType(sdp: string, name: string, clockRate: number): number | undefined {
  const wanted = `${name}/${clockRate}`.toLowerCase();
  for (const match of sdp.matchAll(/^a=rtpmap:(\d+) ([^\s/]+\/\d+)/gim)) {
    if (match[2]?.toLowerCase() === wanted) return Number(match[1]);
  }
  return undefined;
}

/** The payload types listed on the first audio m-line, in order of preference. */
export function audioPayloadTypes(sdp: string): number[] {
  const line = /^m=audio \d+ \S+ ([\d ]+)/m.exec(sdp);
  return line?.[1] ? line[1].trim().split(/\s+/).map(Number) : [];
}
