/**
 * The sandbox's calls that need the SIP gateway, put together when the gateway runs: its own user
 * agent on an in-process flow, the outside parties that answer phone numbers, callers from outside
 * (`/sandbox/calls`), and the log of what the media ends heard.
 */
import type { Sandbox } from '../app.js';
import type { RunningGateway } from '../sip/gateway.js';
import { extensionByLogin, sipLogin } from '../sip/login.js';
import { PartyUserAgent } from '../sip/party-ua.js';
import { LiveCalls } from './live-calls.js';
import { MediaLog } from './media-log.js';
import { answerOutsideCall } from './outside-calls.js';

export interface Telephony {
  live: LiveCalls;
  media: MediaLog;
  ua: PartyUserAgent;
  close(): void;
}

export function startTelephony(
  sandbox: Sandbox,
  gateway: RunningGateway,
  options: { wavFile?: string } = {},
): Telephony {
  const ua = new PartyUserAgent((onMessage) => gateway.openInternalFlow(onMessage), gateway.info.domain);
  const media = new MediaLog(sandbox.options.now);
  const common = {
    state: () => sandbox.state,
    now: sandbox.options.now,
    webhookTimeoutMs: sandbox.options.webhookTimeoutMs,
    media,
    onRecorded: () => sandbox.store.save(),
    wavFile: options.wavFile,
  };
  const live = new LiveCalls({
    ...common,
    ua,
    // The registrar keeps `online` true while the extension has at least one binding.
    isRegistered: (pbxId, extension) =>
      extensionByLogin(sandbox.state, sipLogin(pbxId, extension))?.online === true,
  });
  ua.onIncomingCall = (call) => {
    void answerOutsideCall(call, common).catch((error: unknown) => {
      console.error('zd-sandbox: an outside call failed', error instanceof Error ? error.message : error);
    });
  };
  gateway.resolveOutside = () => ua.flow;
  return { live, media, ua, close: () => ua.close() };
}
