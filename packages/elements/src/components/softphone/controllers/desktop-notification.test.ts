/**
 * controllers/desktop-notification.ts in Chromium, with a recording stand-in for the `Notification`
 * API (a headless browser shows none) and a page that says whether it is hidden: permission asked only
 * when told (the gesture) and only while undecided; a notification while a call rings in a hidden tab,
 * replaced when its text changes, closed when the call stops ringing or the tab is shown; a click
 * focuses the incoming panel.
 */
import { expect, fixture, html as fixtureHtml } from '@open-wc/testing';
import { html, LitElement } from 'lit';
import { DesktopNotificationController, type NotificationApi } from './desktop-notification.js';

interface Shown {
  title: string;
  options: NotificationOptions | undefined;
  closed: boolean;
  onclick: ((this: Notification, ev: Event) => unknown) | null;
}

function fakeApi(permission: NotificationPermission) {
  const shown: Shown[] = [];
  let asked = 0;
  class FakeNotification {
    static permission = permission;
    static requestPermission() {
      asked++;
      return Promise.resolve(FakeNotification.permission);
    }
    readonly #entry: Shown;
    constructor(title: string, options?: NotificationOptions) {
      this.#entry = { title, options, closed: false, onclick: null };
      shown.push(this.#entry);
    }
    set onclick(handler: Shown['onclick']) {
      this.#entry.onclick = handler;
    }
    close() {
      this.#entry.closed = true;
    }
  }
  return {
    api: FakeNotification as unknown as NotificationApi,
    shown,
    asked: () => asked,
  };
}

let hidden = true;
let api = fakeApi('granted');

class NotifyingHost extends LitElement {
  static override properties = { incoming: { attribute: false }, who: {} };
  incoming: { id: string } | undefined;
  who = '+49 30 123456';
  readonly notifications = new DesktopNotificationController(this, {
    notifications: api.api,
    hidden: () => hidden,
  });
  notificationText() {
    return { title: 'Incoming call', body: this.who };
  }
  override render() {
    return this.incoming ? html`<h3 id="incoming-heading" tabindex="-1">ringing</h3>` : html``;
  }
}
customElements.define('zd-test-notifying-host', NotifyingHost);

async function mount(permission: NotificationPermission): Promise<NotifyingHost> {
  api = fakeApi(permission);
  return fixture<NotifyingHost>(fixtureHtml`<zd-test-notifying-host></zd-test-notifying-host>`);
}

describe('DesktopNotificationController', () => {
  beforeEach(() => {
    hidden = true;
  });

  it('asks for permission only when told, once, and only while undecided', async () => {
    const el = await mount('default');
    expect(api.asked()).to.equal(0);
    el.notifications.askPermission();
    el.notifications.askPermission();
    expect(api.asked()).to.equal(1);
    const denied = await mount('denied');
    denied.notifications.askPermission();
    expect(api.asked()).to.equal(0);
  });

  it('shows a ringing call while the tab is hidden, replaces it for a new text, closes it when it stops', async () => {
    const el = await mount('granted');
    el.incoming = { id: 'c1' };
    await el.updateComplete;
    expect(api.shown).to.have.length(1);
    expect(api.shown[0]?.title).to.equal('Incoming call');
    expect(api.shown[0]?.options?.body).to.equal('+49 30 123456');
    expect(api.shown[0]?.options?.tag).to.equal('zd-call-c1');
    el.requestUpdate();
    await el.updateComplete;
    expect(api.shown).to.have.length(1); // the same text: not again
    el.who = 'Anna Schmidt';
    await el.updateComplete;
    expect(api.shown).to.have.length(2);
    expect(api.shown[1]?.options?.tag).to.equal('zd-call-c1');
    el.incoming = undefined;
    await el.updateComplete;
    expect(api.shown[1]?.closed).to.equal(true);
  });

  it('shows nothing while the tab is visible or without permission', async () => {
    hidden = false;
    const el = await mount('granted');
    el.incoming = { id: 'c1' };
    await el.updateComplete;
    expect(api.shown).to.have.length(0);
    hidden = true;
    const noPermission = await mount('default');
    noPermission.incoming = { id: 'c2' };
    await noPermission.updateComplete;
    expect(api.shown).to.have.length(0);
  });

  it('a click focuses the incoming panel and closes the notification', async () => {
    const el = await mount('granted');
    el.incoming = { id: 'c1' };
    await el.updateComplete;
    const shown = api.shown[0];
    shown?.onclick?.call({} as Notification, new Event('click'));
    expect(el.shadowRoot?.activeElement?.id).to.equal('incoming-heading');
    expect(shown?.closed).to.equal(true);
  });

  it('closes the notification when the tab is shown again', async () => {
    const el = await mount('granted');
    el.incoming = { id: 'c1' };
    await el.updateComplete;
    hidden = false;
    document.dispatchEvent(new Event('visibilitychange'));
    expect(api.shown[0]?.closed).to.equal(true);
  });
});
