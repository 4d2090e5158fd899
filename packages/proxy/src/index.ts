export { createProxy, DEFAULT_LIMITS, type Proxy, type ProxyOptions, type ProxyLimits } from './app.js';
export { startProxy, type RunningProxy } from './server.js';
export { configFromEnv, ConfigError } from './config.js';
export {
  mintSessionToken,
  verifySessionToken,
  type Session,
  type SessionRequest,
  DEFAULT_TTL_SECONDS,
  MAX_TTL_SECONDS,
} from './session/tokens.js';
export { SCOPES, type Scope } from './session/scopes.js';
export { BROWSER_OPERATIONS, type BrowserOperationId } from './policy/allowlist.js';
export {
  ZadarmaClient,
  ZadarmaApiError,
  UpstreamFailure,
  type ZadarmaClientOptions,
  type OperationParams,
  type OperationResult,
  type FileInput,
} from './upstream/client.js';
export type { ProxyStore } from './store/store.js';
export { MemoryStore } from './store/memory.js';
export { ProxyError, type ErrorCode } from './http/errors.js';
export { createLogger, redact, type Logger } from './log.js';
export type { WebhookSecretResolver, WebhookPolicy } from './webhooks/receiver.js';
export type { EventStreamLimits } from './webhooks/events.js';
export type { VerificationPolicy, VerifyChannel } from './routes/verification.js';
export type { SoftphoneCredentials } from './routes/softphone.js';
export type { SoftphoneSettings, IceServer } from './softphone/settings.js';
// The signer, for partners' own use.
export { signRequest, signWebhook, verifyWebhook, signedQuery } from '@zadarma-elements/api';
// Onboarding a customer (the reseller seed's steps), resumable.
export { onboard, STEPS, type OnboardingOutcome, type OnboardingSummary } from './onboarding/workflow.js';
export { fileJournal, storeJournal, type Journal, type OnboardingRecord } from './onboarding/journal.js';
export { parseMenuPlan, type MenuPlan } from './onboarding/menu-plan.js';
export type { OnboardingInput } from './onboarding/context.js';
