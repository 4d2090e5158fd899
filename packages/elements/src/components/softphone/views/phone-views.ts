/**
 * The views of the enabled phone (dial pad, incoming panel, call panel with transfer, history): a chunk
 * loaded on the first "enable calls", beside the engine, so that a page pays at first only for the gate.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { renderCallPanel } from './call-panel.js';
import { renderDialPad } from './dial-pad.js';
import { renderHistory } from './history.js';
import { renderIncomingPanel } from './incoming-panel.js';
import type { SoftphoneView } from './view.js';

export { incomingNotificationText } from './incoming-panel.js';

export function renderPhone(view: SoftphoneView): TemplateResult {
  return html`${renderIncomingPanel(view)} ${renderCallPanel(view)}
  ${view.current ? nothing : renderDialPad(view)} ${renderHistory(view)}`;
}
