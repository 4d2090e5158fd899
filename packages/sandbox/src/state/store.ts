/** Holds the state, seeds it, and keeps it in a JSON file when one is configured. */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { DEMO_EXTENSION, DEMO_USER_ID, seedState } from '../seed.js';
import { generateKey, generateSecret } from './accounts.js';
import type { SandboxState } from './types.js';

/** The state file cannot be used; the message says why in one line. */
export class StateFileError extends Error {
  override name = 'StateFileError';
}

export class SandboxStore {
  state: SandboxState;
  readonly #file: string | undefined;
  readonly #now: () => number;

  constructor(options: { stateFile?: string; key?: string; secret?: string; now: () => number }) {
    this.#file = options.stateFile;
    this.#now = options.now;
    const loaded = this.#file && existsSync(this.#file) ? readStateFile(this.#file) : undefined;
    this.state =
      loaded ??
      seedState(
        { key: options.key ?? generateKey(), secret: options.secret ?? generateSecret() },
        this.#now(),
      );
    // Keys given now win over those in the file: the environment is what the operator just set.
    if (options.key) this.state.reseller.key = options.key;
    if (options.secret) this.state.reseller.secret = options.secret;
    this.save();
  }

  /** Back to the seed, keeping the reseller's key and secret. */
  reset(): void {
    const { key, secret } = this.state.reseller;
    const demoSipPassword = demoUser(this.state).sipPassword;
    this.state = seedState({ key, secret, demoSipPassword }, this.#now());
    this.save();
  }

  save(): void {
    if (!this.#file) return;
    // Write then rename, so a crash never leaves half a file behind.
    const temp = `${this.#file}.${process.pid}.tmp`;
    try {
      writeFileSync(temp, JSON.stringify(this.state));
      renameSync(temp, this.#file);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new StateFileError(`cannot write the state file ${this.#file} (${reason})`);
    }
  }
}

/** The seeded demo sub-user, as the proxy and `npm start` use it. */
export function demoUser(state: SandboxState): { id: number; sip: string; sipPassword: string } {
  const demo = state.users.find((u) => u.id === DEMO_USER_ID);
  const ext = demo?.pbx?.extensions.find((e) => String(e.number) === DEMO_EXTENSION);
  return { id: DEMO_USER_ID, sip: DEMO_EXTENSION, sipPassword: ext?.password ?? '' };
}

function readStateFile(file: string): SandboxState {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'it is not valid JSON' : (error as Error).message;
    throw new StateFileError(`cannot use the state file ${file}: ${reason} (fix or delete it)`);
  }
  if (!looksLikeState(data)) {
    throw new StateFileError(
      `cannot use the state file ${file}: it is not a zd-sandbox state (fix or delete it)`,
    );
  }
  return data;
}

function looksLikeState(data: unknown): data is SandboxState {
  if (typeof data !== 'object' || data === null) return false;
  const s = data as Partial<Record<keyof SandboxState, unknown>>;
  const reseller = s.reseller as { key?: unknown; secret?: unknown } | undefined;
  return (
    s.version === 1 &&
    typeof reseller?.key === 'string' &&
    typeof reseller.secret === 'string' &&
    Array.isArray(s.users) &&
    Array.isArray(s.takenNumbers) &&
    Array.isArray(s.registrations) &&
    typeof s.nextId === 'object' &&
    s.nextId !== null
  );
}
