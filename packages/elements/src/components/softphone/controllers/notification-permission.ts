/**
 * Asks for the permission of desktop notifications (for calls that ring in a hidden tab). In the main
 * bundle, not the chunk with `DesktopNotificationController`, because it must run inside the customer's
 * gesture (the "enable calls" click) before anything is awaited. Only while the customer has not
 * decided; never on load.
 */
export function askNotificationPermission(): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'default') return;
  Notification.requestPermission().catch(() => undefined);
}
