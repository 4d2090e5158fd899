/**
 * The chunk `<zd-softphone>` loads when calls are enabled, beside the engine's: the screen-pop (with the
 * events reader and eventsource-parser) and the desktop notifications. Out of the first load, so the
 * softphone's bundle stays within its budget and a page that never enables calls never loads them.
 */
export { ScreenPopController } from './screen-pop.js';
export { DesktopNotificationController } from './desktop-notification.js';
