/**
 * Several "tabs" in one test: a BroadcastChannel hub that delivers to every other member
 * (asynchronously, like the real one) and an exclusive, first-come Web Locks stand-in.
 */
import type { TabChannel, TabLocks, TabMessage } from '../panel/transport/tab-coordinator.js';

export class ChannelHub {
  private readonly members = new Set<TabChannel>();

  open(): TabChannel {
    const hub = this.members;
    const channel: TabChannel = {
      onmessage: null,
      postMessage(message: TabMessage) {
        const copy = structuredClone(message);
        for (const other of hub) {
          if (other !== channel) queueMicrotask(() => other.onmessage?.({ data: copy } as MessageEvent<TabMessage>));
        }
      },
      close() {
        hub.delete(channel);
      },
    };
    hub.add(channel);
    return channel;
  }
}

export class FakeLocks implements TabLocks {
  private readonly tails = new Map<string, Promise<unknown>>();

  request(name: string, callback: () => Promise<void>): Promise<unknown> {
    const previous = this.tails.get(name) ?? Promise.resolve();
    const run = previous.then(() => callback());
    this.tails.set(name, run.catch(() => undefined));
    return run;
  }
}
