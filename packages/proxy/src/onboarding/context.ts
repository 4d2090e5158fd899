/** What every onboarding step works with: the customer's input, the client, the record, progress. */
import type { OperationId } from '@zadarma-elements/api';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ZadarmaApiError,
  type OperationParams,
  type OperationResult,
  type ZadarmaClient,
} from '../upstream/client.js';
import type { Journal, OnboardingRecord, StepId, StepRecord } from './journal.js';
import type { MenuPlan } from './menu-plan.js';

export const RECORDING_CHOICES = ['off', 'on', 'on_store'] as const;
export type RecordingChoice = (typeof RECORDING_CHOICES)[number];

export interface OnboardingInput {
  email: string;
  /** Registration needs a first name and a country (ISO 3166 alpha-2). */
  firstName: string;
  country: string;
  currency?: string;
  language?: string;
  /** The customer's contact phone, international (`+4930…`). */
  phone: string;
  topup?: { amount: number; currency: string };
  /** Extensions the PBX should have in all (one per employee); at least 1. */
  extensions: number;
  /** Cloud recording of every extension: `on_store` keeps recordings in Zadarma's storage. */
  recording?: RecordingChoice;
  menus?: MenuPlan[];
  /** This proxy's public URL: call notifications go to `<proxyUrl>/webhooks/zadarma/<user id>`. */
  proxyUrl: string;
  /** Zadarma's WebRTC widget for this domain (seed step 11), for partners who prefer it. */
  widgetDomain?: string;
  /** The customer's SMS code, when the partner collects it itself (otherwise `<zd-phone-verify>`). */
  phoneCode?: string;
  /** Zadarma's registration code, for accounts whose registration waits for one. */
  registrationCode?: string;
  /** Send a new SMS although one was sent (each costs money). */
  resendCode?: boolean;
  /** The contact phone is confirmed on another account and may be used here too. */
  confirmReuse?: boolean;
}

export type ProgressKind = 'done' | 'skipped' | 'waiting';
export type Progress = (step: StepId | 'rate_limited', kind: ProgressKind, message: string) => void;

const MAX_RATE_LIMITED = 5;

/** The workflow stops here until the customer (or the partner) does something; a re-run goes on. */
export class WaitingFor extends Error {
  override name = 'WaitingFor';
  constructor(
    readonly reason: 'registration' | 'phone_code',
    message: string,
  ) {
    super(message);
  }
}

/** Input that cannot succeed; nothing was sent for it. */
export class OnboardingInputError extends Error {
  override name = 'OnboardingInputError';
}

export class StepContext {
  constructor(
    readonly client: ZadarmaClient,
    readonly input: OnboardingInput,
    readonly record: OnboardingRecord,
    private readonly journal: Journal,
    readonly progress: Progress,
  ) {}

  get userId(): number {
    if (this.record.userId === undefined) throw new Error('the customer is not registered yet');
    return this.record.userId;
  }

  step(id: StepId): StepRecord | undefined {
    return this.record.steps[id];
  }

  /** Records before a step that costs money is sent, so a lost answer is checked, never repeated blindly. */
  async started(id: StepId, detail: Record<string, unknown>): Promise<void> {
    this.record.steps[id] = { state: 'started', at: new Date().toISOString(), detail };
    await this.journal.save(this.record);
  }

  async done(id: StepId, message: string, detail?: Record<string, unknown>): Promise<void> {
    this.record.steps[id] = {
      state: 'done',
      at: new Date().toISOString(),
      ...(detail ? { detail } : {}),
    };
    await this.journal.save(this.record);
    this.progress(id, 'done', message);
  }

  /**
   * Calls an operation; Zadarma's 429 (nothing was carried out) is waited out and asked again, since an
   * onboarding makes some forty requests and Zadarma allows a hundred a minute for the whole key.
   */
  async call<Id extends OperationId>(id: Id, params: OperationParams<Id>): Promise<OperationResult<Id>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.client.call(id, params);
      } catch (error) {
        if (!(error instanceof ZadarmaApiError) || error.status !== 429 || attempt >= MAX_RATE_LIMITED)
          throw error;
        const ms = Math.min(error.response.retryAfterMs ?? 60_000, 65_000);
        this.progress(
          'rate_limited',
          'waiting',
          `Zadarma asks to wait ${Math.ceil(ms / 1000)} s (its rate limit)`,
        );
        await sleep(ms);
      }
    }
  }

  /** Calls an operation for the customer: `user_id` is added (Zadarma's way for a reseller's sub-user). */
  forUser<Id extends OperationId>(
    id: Id,
    params: Omit<OperationParams<Id>, 'user_id'> | Record<string, unknown> = {},
  ): Promise<OperationResult<Id>> {
    return this.call(id, { ...params, user_id: this.userId } as unknown as OperationParams<Id>);
  }
}
