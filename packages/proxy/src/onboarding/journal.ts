/**
 * Where an onboarding records each step's outcome, so that a re-run after a failure resumes where it
 * stopped: a JSON file by default (written whole to a temporary file, then renamed, so a kill never
 * leaves half a record), or the proxy's shared store when several machines onboard. A record holds
 * ids and states, never a password or a key.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ProxyStore } from '../store/store.js';

export type StepId =
  | 'register'
  | 'phone'
  | 'phone_confirmed'
  | 'topup'
  | 'pbx'
  | 'extensions'
  | 'recording'
  | 'menus'
  | 'callinfo'
  | 'widget';

export interface StepRecord {
  /** `started`: sent, answer not recorded — a step that costs money checks before it repeats. */
  state: 'started' | 'done';
  at: string;
  /** What the step learnt (ids, the balance before a topup, when an SMS was sent). */
  detail?: Record<string, unknown>;
}

export interface OnboardingRecord {
  email: string;
  userId?: number;
  steps: Partial<Record<StepId, StepRecord>>;
}

export interface Journal {
  load(): Promise<OnboardingRecord | undefined>;
  save(record: OnboardingRecord): Promise<void>;
}

/** A JSON file (mode 0600: it names a customer). */
export function fileJournal(file: string): Journal {
  return {
    async load() {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      try {
        return JSON.parse(text) as OnboardingRecord;
      } catch {
        throw new Error(`${file} is not an onboarding record (not JSON); move it away to start afresh`);
      }
    },
    async save(record) {
      mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
      renameSync(temporary, file);
    },
  };
}

/** Kept a year in the proxy's store (Redis once configured), under the customer's e-mail. */
export function storeJournal(store: ProxyStore, email: string): Journal {
  const key = `onboarding:${email.toLowerCase()}`;
  const YEAR_MS = 365 * 24 * 3600 * 1000;
  return {
    async load() {
      const text = await store.get(key);
      return text === undefined ? undefined : (JSON.parse(text) as OnboardingRecord);
    },
    save: (record) => store.set(key, JSON.stringify(record), YEAR_MS),
  };
}
