/**
 * Browser tests (web-test-runner, Chromium) of phone/leader.ts. Each "tab" is a same-origin iframe —
 * its own browsing context with its own copy of the module, its own `navigator.locks` and channel —
 * so that removing one discards its document the way closing a tab does (the lock goes with it, without
 * `close()` being called).
 */
import { expect } from '@open-wc/testing';
import { createTabLeadership, type TabLeadership } from './leader.js';

interface State {
  calls: number;
  from: string;
}
interface Command {
  do: 'answer' | 'hangup' | 'mute';
  from: string;
}

interface Tab {
  frame: HTMLIFrameElement;
  id: string;
  leadership: TabLeadership<State, Command>;
  states: State[];
  commands: Command[];
  changes: { isLeader: boolean; at: number }[];
}

interface TabWindow extends Window {
  tab?: Omit<Tab, 'frame'>;
}

const moduleUrl = new URL('./leader.ts', import.meta.url).pathname;
const frames: HTMLIFrameElement[] = [];

/** A tab: an iframe that loads leader.ts itself and keeps what it hears. */
async function openTab(name: string, id: string): Promise<Tab> {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html><script type="module">
    import { createTabLeadership } from ${JSON.stringify(moduleUrl)};
    const tab = { id: ${JSON.stringify(id)}, states: [], commands: [], changes: [] };
    tab.leadership = createTabLeadership(${JSON.stringify(name)});
    tab.leadership.onState((s) => tab.states.push(s));
    tab.leadership.onCommand((c) => tab.commands.push(c));
    tab.leadership.onChange((isLeader) => tab.changes.push({ isLeader, at: performance.timeOrigin + performance.now() }));
    window.tab = tab;
  </script>`;
  document.body.append(frame);
  frames.push(frame);
  const tab = await until(() => (frame.contentWindow as TabWindow | null)?.tab, `tab ${id} to load`);
  return { ...tab, frame };
}

/** Waits for `check` to give something (every 10 ms, up to `ms`). */
async function until<T>(check: () => T | undefined | false, what: string, ms = 5000): Promise<T> {
  const end = performance.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let names = 0;
const freshName = () => `test-${Date.now()}-${names++}`;

describe('createTabLeadership (tabs as iframes)', () => {
  afterEach(() => {
    for (const frame of frames.splice(0)) frame.remove();
  });

  it('makes exactly one of three tabs the leader, and keeps it so', async () => {
    const name = freshName();
    const tabs = await Promise.all(['a', 'b', 'c'].map((id) => openTab(name, id)));
    await until(() => tabs.some((t) => t.leadership.isLeader), 'a leader');
    await pause(200);
    expect(tabs.filter((t) => t.leadership.isLeader)).to.have.length(1);
    // Nobody left and re-took it.
    for (const tab of tabs)
      expect(tab.changes.filter((c) => c.isLeader)).to.have.length(tab.leadership.isLeader ? 1 : 0);
  });

  it('brings the leader’s state to the followers, to one that opens later too', async () => {
    const name = freshName();
    const first = await openTab(name, 'first');
    await until(() => first.leadership.isLeader, 'the first tab to lead');
    const second = await openTab(name, 'second');
    expect(second.leadership.isLeader).to.equal(false);

    first.leadership.publish({ calls: 1, from: 'first' });
    // (Twice, maybe: published, and again in answer to the follower's hello if that arrived later.)
    await until(() => second.states.length >= 1, 'the state to reach the follower');
    expect(second.leadership.state).to.deep.equal({ calls: 1, from: 'first' });
    expect(first.states).to.deep.equal([{ calls: 1, from: 'first' }]); // the leader hears its own

    // A follower's publish goes nowhere.
    second.leadership.publish({ calls: 9, from: 'second' });
    await pause(100);
    expect(first.states).to.deep.equal([{ calls: 1, from: 'first' }]);
    expect(second.leadership.state).to.deep.equal({ calls: 1, from: 'first' });

    const late = await openTab(name, 'late');
    await until(() => late.states.length >= 1, 'the late tab to be told the state');
    expect(late.leadership.state).to.deep.equal({ calls: 1, from: 'first' });
  });

  it('carries a follower’s command to the leader, and only there', async () => {
    const name = freshName();
    const leader = await openTab(name, 'leader');
    await until(() => leader.leadership.isLeader, 'a leader');
    const follower = await openTab(name, 'follower');
    const other = await openTab(name, 'other');

    follower.leadership.command({ do: 'hangup', from: 'follower' });
    leader.leadership.command({ do: 'mute', from: 'leader' });
    await until(() => leader.commands.length === 2, 'both commands at the leader');
    expect(leader.commands).to.deep.include({ do: 'hangup', from: 'follower' });
    expect(leader.commands).to.deep.include({ do: 'mute', from: 'leader' });
    await pause(100);
    expect(follower.commands).to.deep.equal([]);
    expect(other.commands).to.deep.equal([]);
  });

  it('moves the leadership within a second when the leader’s tab goes away', async () => {
    const name = freshName();
    const leader = await openTab(name, 'leader');
    await until(() => leader.leadership.isLeader, 'a leader');
    const a = await openTab(name, 'a');
    const b = await openTab(name, 'b');
    leader.leadership.publish({ calls: 2, from: 'leader' });
    await until(() => a.states.length >= 1 && b.states.length >= 1, 'the state at both followers');

    const gone = performance.timeOrigin + performance.now();
    leader.frame.remove(); // no close(): the document is discarded, as when a tab closes
    const next = await until(() => [a, b].find((t) => t.leadership.isLeader), 'a new leader', 3000);
    const took = (next.changes.at(-1)?.at ?? Infinity) - gone;
    expect(took).to.be.below(1000);
    await pause(150);
    expect([a, b].filter((t) => t.leadership.isLeader)).to.have.length(1);

    // The new leader carries on: it knows the last state, publishes, gets commands.
    expect(next.leadership.state).to.deep.equal({ calls: 2, from: 'leader' });
    const follower = next === a ? b : a;
    next.leadership.publish({ calls: 0, from: next.id });
    await until(() => follower.leadership.state?.from === next.id, 'the new leader’s state');
    follower.leadership.command({ do: 'answer', from: follower.id });
    await until(() => next.commands.length === 1, 'the command at the new leader');
  });

  it('hands over on close() too, and a closed one hears nothing more', async () => {
    const name = freshName();
    const first = await openTab(name, 'first');
    await until(() => first.leadership.isLeader, 'a leader');
    const second = await openTab(name, 'second');
    first.leadership.close();
    expect(first.leadership.isLeader).to.equal(false);
    expect(first.changes.map((c) => c.isLeader)).to.deep.equal([true, false]);
    await until(() => second.leadership.isLeader, 'the second to lead');
    second.leadership.publish({ calls: 3, from: 'second' });
    await pause(100);
    expect(first.states).to.deep.equal([]);
  });
});

describe('createTabLeadership without Web Locks', () => {
  it('makes every tab its own leader, at once, and keeps them apart', async () => {
    const name = freshName();
    const a = createTabLeadership<State, Command>(name, { locks: null });
    const b = createTabLeadership<State, Command>(name, { locks: null });
    try {
      expect(a.isLeader).to.equal(true);
      expect(b.isLeader).to.equal(true);
      const heard: Command[] = [];
      const states: State[] = [];
      a.onCommand((c) => heard.push(c));
      b.onState((s) => states.push(s));
      a.command({ do: 'mute', from: 'a' });
      a.publish({ calls: 1, from: 'a' });
      await pause(50);
      expect(heard).to.deep.equal([{ do: 'mute', from: 'a' }]);
      expect(a.state).to.deep.equal({ calls: 1, from: 'a' });
      expect(states).to.deep.equal([]);
    } finally {
      a.close();
      b.close();
    }
  });
});
