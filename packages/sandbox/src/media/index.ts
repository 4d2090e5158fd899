/** The sandbox's media party: the other end of a call (echo, tone, WAV, recorder). werift loads lazily. */
export { createMediaCall } from './media-call.js';
export type { MediaCall, MediaCallOptions, MediaReport, PartyKind } from './media-call.js';
export { SAMPLE_WAV_PATH } from './wav.js';
