/**
 * The media ends of the sandbox's calls, recent ones kept for `GET /sandbox/media/calls`: which party,
 * which number, and what it heard (audio energy, RFC 4733 digits, SIP INFO digits). Tests and the demo
 * read it to know that audio and digits really crossed.
 */
import { randomUUID } from 'node:crypto';
import type { MediaCall, MediaReport, PartyKind } from '../media/index.js';

export interface MediaCallEntry {
  id: string;
  direction: 'in' | 'out';
  /** The outside number: the one dialled (out) or the caller's (in). */
  number: string;
  /** The extension on the other end (`<pbx_id>-<ext>`). */
  login: string;
  kind: PartyKind;
  startedAt: string;
  endedAt: string | null;
  media: MediaReport;
  /** Digits that came as SIP INFO rather than in the media. */
  infoDigits: string;
}

interface Live {
  entry: Omit<MediaCallEntry, 'media' | 'infoDigits'>;
  media: MediaCall;
  infoDigits: () => string;
  finalReport?: MediaReport;
}

/** How many ended calls are kept. */
const KEEP = 50;

export class MediaLog {
  private readonly calls: Live[] = [];

  constructor(private readonly now: () => number) {}

  add(
    fields: Pick<MediaCallEntry, 'direction' | 'number' | 'login' | 'kind'>,
    media: MediaCall,
    infoDigits: () => string,
  ): string {
    const id = randomUUID();
    this.calls.push({
      entry: { id, ...fields, startedAt: new Date(this.now()).toISOString(), endedAt: null },
      media,
      infoDigits,
    });
    const oldest = this.calls.find((c) => c.entry.endedAt);
    if (oldest && this.calls.filter((c) => c.entry.endedAt).length > KEEP)
      this.calls.splice(this.calls.indexOf(oldest), 1);
    return id;
  }

  /** Marks a call ended, keeping its last report after its media closed. */
  end(id: string): void {
    const call = this.calls.find((c) => c.entry.id === id);
    if (!call || call.entry.endedAt) return;
    call.finalReport = call.media.report();
    call.entry.endedAt = new Date(this.now()).toISOString();
  }

  list(): MediaCallEntry[] {
    return this.calls.map((c) => this.view(c)).reverse();
  }

  get(id: string): MediaCallEntry | undefined {
    const call = this.calls.find((c) => c.entry.id === id);
    return call && this.view(call);
  }

  private view(call: Live): MediaCallEntry {
    return { ...call.entry, media: call.finalReport ?? call.media.report(), infoDigits: call.infoDigits() };
  }
}
