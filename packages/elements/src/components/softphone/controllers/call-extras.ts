/**
 * The chunk `<zd-softphone>` loads when calls are enabled, beside the engine's: the screen-pop (with the
 * events reader and eventsource-parser) and the desktop notifications. Out of the first load, so the
 * softphone's bundle stays within its budget and a page that never enables calls never loads them.
 */
import { DesktopNotificationController, type DesktopNotificationHost } from './desktop-notification.js';
import { ScreenPopController, type ScreenPopHost } from './screen-pop.js';

export { DesktopNotificationController, ScreenPopController };

/** Adds both to the element; the screen-pop is what the element talks to. */
export function addCallExtras(host: ScreenPopHost & DesktopNotificationHost): ScreenPopController {
  new DesktopNotificationController(host);
  return new ScreenPopController(host);
}
