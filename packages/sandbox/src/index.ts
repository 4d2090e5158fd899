export { createSandbox, type Sandbox, type DemoUser } from './app.js';
export { startSandbox, SandboxStartError, type RunningSandbox, type StartOptions } from './server.js';
export {
  startGateway,
  type GatewayOptions,
  type RunningGateway,
  type InternalFlow,
  type OutsideResolver,
} from './sip/gateway.js';
export type { SipFaultInput, SipFaultState, SipFaultControl } from './sip/faults.js';
export type { SandboxOptions, RateLimitOptions } from './options.js';
export type { FaultRuleInput, FaultRule } from './faults.js';
export type { CallInput, CallReport } from './calls/scripted.js';
export { StateFileError } from './state/store.js';
export { IMPLEMENTED_OPERATIONS } from './surface.js';
export { DEMO_USER_ID, DEMO_EXTENSION, RESELLER_ID, FOREIGN_USER_ID } from './seed.js';
export type * from './state/types.js';
export { SANDBOX_SIP_DOMAIN, DEFAULT_SIP_PORT, type SipGatewayInfo, type IceServer } from './sip/info.js';
export {
  createMediaCall,
  SAMPLE_WAV_PATH,
  type MediaCall,
  type MediaCallOptions,
  type MediaReport,
  type PartyKind,
} from './media/index.js';
