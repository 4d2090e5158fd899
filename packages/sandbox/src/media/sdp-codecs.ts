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

/**
 * The SDP with its audio m-line(s) cut down to `keep` (in the offer's order), and the rtpmap/fmtp/
 * rtcp-fb lines of every other payload type gone. werift matches codecs by name only, so it would
 * otherwise answer telephone-event/48000 too; what it is shown is what it answers.
 */
export function keepAudioPayloadTypes(sdp: string, keep: number[]): string {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  let inAudio = false;
  const lines: string[] = [];
  for (const line of sdp.split(/\r?\n/)) {
    if (line.startsWith('m=')) {
      inAudio = line.startsWith('m=audio ');
      if (inAudio) {
        const [media, port, proto, ...formats] = line.split(' ');
        const kept = formats.filter((f) => keep.includes(Number(f)));
        lines.push([media, port, proto, ...kept].join(' '));
        continue;
      }
    }
    const attribute = inAudio && /^a=(?:rtpmap|fmtp|rtcp-fb):(\d+)[ ]/.exec(line);
    if (attribute && !keep.includes(Number(attribute[1]))) continue;
    lines.push(line);
  }
  return lines.join(eol);
}
