/**
 * One socket per browser, not per tab. The tab holding a Web Lock named after the site owns the
 * socket and forwards every frame it reads over a BroadcastChannel; the other tabs mirror its
 * state and send their frames through it. When the owner closes (or goes into the bfcache) the
 * lock passes to a waiting tab, which connects and resumes from the last seq it mirrored. The
 * outbox and read position live in localStorage, so nothing a follower queued is lost in the
 * handover, and "seen" is broadcast so every tab shows the same unread count.
 * Without Web Locks (old browsers, plain-http pages) each tab simply keeps its own socket.
 */
import type { VisitorClientFrame, VisitorServerFrame } from '@eyelevel/shared';
import type { ChatState } from '../state/chat-state.js';
import type { Transport } from './transport.js';

type Snapshot = ReturnType<Transport['snapshot']>;

export type TabMessage =
  | { t: 'frame'; frame: VisitorServerFrame }
  | { t: 'conn'; connection: ChatState['connection'] }
  | { t: 'write'; frame: VisitorClientFrame }
  | { t: 'sync' }
  | { t: 'snapshot'; snapshot: Snapshot }
  | { t: 'seen'; seq: number }
  | { t: 'forget' };

export interface TabChannel {
  postMessage(message: TabMessage): void;
  onmessage: ((event: MessageEvent<TabMessage>) => void) | null;
  close(): void;
}

export interface TabLocks {
  request(name: string, callback: () => Promise<void>): Promise<unknown>;
}

export interface TabEnvironment {
  locks: TabLocks | undefined;
  channel: TabChannel | undefined;
}

export function browserTabEnvironment(scope: string): TabEnvironment {
  const name = `eyelevel:${scope}`;
  return {
    locks: typeof navigator !== 'undefined' ? (navigator.locks as TabLocks | undefined) : undefined,
    channel: typeof BroadcastChannel === 'function' ? (new BroadcastChannel(name) as TabChannel) : undefined,
  };
}

export interface TabCoordinator {
  /** This tab erased the visitor's data: the others follow. */
  forget(): void;
  /** Give up the socket (page going into the bfcache); `resume` competes for it again. */
  suspend(): void;
  resume(): void;
  destroy(): void;
}

export function coordinateTabs(transport: Transport, scope: string, env: TabEnvironment): TabCoordinator {
  const { locks, channel } = env;
  const lockName = `eyelevel:${scope}`;
  let leading = false;
  let wanted = false;
  let release: (() => void) | null = null;
  let lastConnection = transport.state.connection;
  let lastSeen = transport.state.readSeq;

  const post = (message: TabMessage): void => {
    try {
      channel?.postMessage(message);
    } catch {
      // A closed channel: this tab is going away.
    }
  };

  const claim = (): void => {
    if (!locks || !wanted || release) return;
    let held!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    release = held;
    void locks
      .request(lockName, () => {
        // Released or destroyed while waiting: let the next tab have it at once.
        if (release !== held) return Promise.resolve();
        leading = true;
        transport.lead();
        return holding;
      })
      .catch(() => {
        // Locks refused (e.g. a sandboxed frame): fall back to a socket of our own.
        if (release === held) {
          leading = true;
          transport.lead();
        }
      });
  };

  const follow = (): void => {
    if (locks && channel) transport.follow((frame) => post({ t: 'write', frame }));
  };

  /** Stop owning the socket: back to following until the lock is ours again. */
  const letGo = (): void => {
    leading = false;
    const held = release;
    release = null;
    held?.();
    follow();
  };

  follow();
  if (locks && channel) {
    transport.onStart = () => {
      wanted = true;
      post({ t: 'sync' });
      claim();
    };
    transport.onFrame = (frame) => {
      if (leading) post({ t: 'frame', frame });
    };
  }

  const unsubscribe = transport.subscribe((state) => {
    if (leading && state.connection !== lastConnection) post({ t: 'conn', connection: state.connection });
    lastConnection = state.connection;
    if (state.readSeq > lastSeen) post({ t: 'seen', seq: state.readSeq });
    lastSeen = Math.max(lastSeen, state.readSeq);
  });

  if (channel) {
    channel.onmessage = ({ data }) => {
      switch (data.t) {
        case 'frame':
          return transport.receiveFromLeader(data.frame);
        case 'conn':
          return transport.mirrorConnection(data.connection);
        case 'write':
          // Only the socket's owner writes; the frame carries the follower's own client id.
          if (leading) transport.writeForFollower(data.frame);
          return;
        case 'sync':
          if (leading) post({ t: 'snapshot', snapshot: transport.snapshot() });
          return;
        case 'snapshot':
          return transport.adopt(data.snapshot);
        case 'seen':
          lastSeen = Math.max(lastSeen, data.seq);
          return transport.noteSeen(data.seq);
        case 'forget':
          letGo();
          transport.forget();
          return;
      }
    };
  }

  return {
    forget() {
      post({ t: 'forget' });
      letGo();
    },
    suspend() {
      letGo();
    },
    resume() {
      claim();
    },
    destroy() {
      wanted = false;
      letGo();
      unsubscribe();
      transport.onStart = transport.onFrame = null;
      if (channel) {
        channel.onmessage = null;
        channel.close();
      }
    },
  };
}
