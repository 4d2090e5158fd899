/**
 * One registration per extension across the tabs of a browser: the tab that holds a Web Lock is the
 * leader (it registers and owns the calls); the others follow over a BroadcastChannel — they show the
 * leader's state snapshots and send it commands (answer, hangup, mute) to carry out. The lock is held
 * while the tab lives, so when the leader's tab closes (or `close()`, or `pagehide`), the browser hands
 * the lock, and with it the leadership, to a waiting tab at once.
 *
 * Without Web Locks or BroadcastChannel (old browsers, some embedded web views), every tab is its own
 * leader and hears nothing from the others: each registers by itself, as if it were alone.
 */

export interface TabLeadership<State = unknown, Command = unknown> {
  /** Whether this tab leads now. False until the lock is granted (a moment, when no other tab holds it). */
  readonly isLeader: boolean;
  /** The leader's last state (this tab's own when it leads); undefined until one is published. */
  readonly state: State | undefined;
  /** Called when this tab becomes or stops being the leader; returns the unsubscribe. */
  onChange(listener: (isLeader: boolean) => void): () => void;
  /** The leader broadcasts a snapshot of its state (structured-cloneable); a follower's is ignored. */
  publish(state: State): void;
  /** Called with each state the leader publishes, in the leader's tab too. */
  onState(listener: (state: State) => void): () => void;
  /**
   * Asks the leader to do something; in the leader's tab it goes to its own `onCommand` listeners (a
   * microtask later), so the UI sends commands the same way in every tab. Commands sent while no tab
   * leads (the moment between one leader closing and the next taking over) are lost.
   */
  command(command: Command): void;
  /** Called in the leader's tab with each command, from any tab. */
  onCommand(listener: (command: Command) => void): () => void;
  /** Stops leading or waiting; the next tab takes over. */
  close(): void;
}

/** The parts of the browser leadership uses; tests pass those of an iframe, or none (the fallback). */
export interface TabLeadershipOptions {
  /** Default `navigator.locks`; `null` for the fallback. */
  locks?: LockManager | null;
  /** Default `new BroadcastChannel(name)`; `null` for the fallback. */
  createChannel?: ((name: string) => BroadcastChannel) | null;
  /** Where `pagehide`/`pageshow` are heard; default `globalThis` when it is a window. */
  window?: Pick<Window, 'addEventListener' | 'removeEventListener'> | null;
}

type Message<State, Command> =
  | { kind: 'state'; state: State }
  | { kind: 'command'; command: Command }
  /** A new tab asks the leader for its state. */
  | { kind: 'hello' };

function isMessage<State, Command>(data: unknown): data is Message<State, Command> {
  const kind = (data as { kind?: unknown } | null)?.kind;
  return kind === 'state' || kind === 'command' || kind === 'hello';
}

function defaultLocks(): LockManager | null {
  const nav = (globalThis as { navigator?: Navigator }).navigator;
  return nav?.locks ?? null;
}

function defaultChannel(): ((name: string) => BroadcastChannel) | null {
  return typeof BroadcastChannel === 'function' ? (name) => new BroadcastChannel(name) : null;
}

function defaultWindow(): TabLeadershipOptions['window'] {
  return typeof window === 'object' && typeof window.addEventListener === 'function' ? window : null;
}

class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();
  add(listener: (value: T) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }
  emit(value: T): void {
    for (const listener of [...this.set]) {
      try {
        listener(value);
      } catch (error) {
        // One listener's bug must not keep the others (or the protocol) from running.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
  clear(): void {
    this.set.clear();
  }
}

/**
 * Leadership among the tabs that use the same `name` (e.g. the extension: `zd-softphone:100`); the
 * lock and the channel are named after it.
 */
export function createTabLeadership<State = unknown, Command = unknown>(
  name: string,
  options: TabLeadershipOptions = {},
): TabLeadership<State, Command> {
  const locks = options.locks === undefined ? defaultLocks() : options.locks;
  const createChannel = options.createChannel === undefined ? defaultChannel() : options.createChannel;
  const win = options.window === undefined ? defaultWindow() : options.window;
  const changes = new Listeners<boolean>();
  const states = new Listeners<State>();
  const commands = new Listeners<Command>();

  let leader = false;
  let closed = false;
  let state: State | undefined;
  let hasState = false;

  const setLeader = (value: boolean) => {
    if (leader === value) return;
    leader = value;
    changes.emit(value);
  };

  const base = {
    get isLeader() {
      return leader;
    },
    get state() {
      return state;
    },
    onChange: (listener: (isLeader: boolean) => void) => changes.add(listener),
    onState: (listener: (value: State) => void) => states.add(listener),
    onCommand: (listener: (value: Command) => void) => commands.add(listener),
  };

  const receiveState = (value: State) => {
    state = value;
    hasState = true;
    states.emit(value);
  };
  const runCommand = (value: Command) =>
    queueMicrotask(() => {
      if (!closed && leader) commands.emit(value);
    });

  if (!locks || !createChannel) {
    // The fallback: alone, so the leader at once.
    leader = true;
    // Object.assign, not a spread: the getters must stay getters.
    return Object.assign(base, {
      publish(value: State) {
        if (!closed) receiveState(value);
      },
      command: (value: Command) => runCommand(value),
      close() {
        closed = true;
        leader = false;
        changes.clear();
        states.clear();
        commands.clear();
      },
    });
  }

  const channel = createChannel(`zd-leader:${name}`);
  const post = (message: Message<State, Command>) => {
    if (closed) return;
    try {
      channel.postMessage(message);
    } catch {
      // A state that cannot be cloned is the caller's bug; the channel itself stays usable.
    }
  };
  channel.onmessage = (event: MessageEvent) => {
    const data: unknown = event.data;
    if (closed || !isMessage<State, Command>(data)) return;
    if (data.kind === 'state') {
      if (!leader) receiveState(data.state);
    } else if (data.kind === 'command') {
      if (leader) commands.emit(data.command);
    } else if (leader && hasState) {
      post({ kind: 'state', state: state as State });
    }
  };

  /** Ends the current hold of the lock (or the wait for it). */
  let release: (() => void) | undefined;
  let abort: AbortController | undefined;

  const compete = () => {
    if (closed || abort) return;
    const controller = new AbortController();
    abort = controller;
    locks
      .request(`zd-leader:${name}`, { mode: 'exclusive', signal: controller.signal }, () => {
        if (closed || controller.signal.aborted) return undefined;
        const held = new Promise<void>((resolve) => (release = resolve));
        setLeader(true);
        // A new leader tells its state, if it has one yet (the app publishes again as it takes over).
        if (hasState) post({ kind: 'state', state: state as State });
        return held;
      })
      .catch(() => {
        // AbortError: closed or hidden before the lock came.
      });
  };

  const resign = () => {
    release?.();
    release = undefined;
    abort?.abort();
    abort = undefined;
    setLeader(false);
  };

  const onPageHide = () => resign();
  const onPageShow = (event: Event) => {
    // Back from the back/forward cache: compete again.
    if ((event as PageTransitionEvent).persisted) compete();
  };
  win?.addEventListener('pagehide', onPageHide);
  win?.addEventListener('pageshow', onPageShow);

  compete();
  post({ kind: 'hello' });

  return Object.assign(base, {
    publish(value: State) {
      if (closed || !leader) return;
      receiveState(value);
      post({ kind: 'state', state: value });
    },
    command(value: Command) {
      if (closed) return;
      if (leader) runCommand(value);
      else post({ kind: 'command', command: value });
    },
    close() {
      if (closed) return;
      resign();
      closed = true;
      win?.removeEventListener('pagehide', onPageHide);
      win?.removeEventListener('pageshow', onPageShow);
      channel.onmessage = null;
      channel.close();
      changes.clear();
      states.clear();
      commands.clear();
    },
  });
}
