/**
 * Holds one named lease for this node (issue 7): tries to take it, renews it at a third of its
 * TTL, and says when it was gained or lost. The work it guards (a channel's poller) runs between
 * `onGained` and `onLost`, so it runs on one node of the cluster at a time, and moves to another
 * node within about one TTL when this one dies (a killed node never releases; its lease runs out).
 *
 * When the database cannot be reached the keeper cannot prove it still holds the lease, so it
 * gives the work up before the lease would run out, rather than risk two nodes doing it.
 */
import type { Logger } from 'pino';
import type { Lease, LeaseStore } from '../storage/lease-store.js';

export interface LeaseKeeperOptions {
  leases: LeaseStore;
  name: string;
  /** This node's id (config EYELEVEL_NODE_ID). */
  holder: string;
  ttlMs: number;
  onGained: (lease: Lease) => Promise<void> | void;
  onLost: () => Promise<void> | void;
  /** After each renewal while held: the work can check it is still wanted (and end itself). */
  onRenewed?: () => Promise<void> | void;
  log: Logger;
  now?: () => number;
}

export class LeaseKeeper {
  private timer: NodeJS.Timeout | null = null;
  private lease: Lease | null = null;
  private ticking: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly options: LeaseKeeperOptions) {}

  get held(): boolean {
    return this.lease !== null;
  }

  start(): void {
    this.stopped = false;
    void this.tick();
    this.timer ??= setInterval(() => void this.tick(), Math.max(50, Math.floor(this.options.ttlMs / 3)));
    this.timer.unref();
  }

  /** Stops renewing; gives the work and the lease up (another node can take it at once). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
    if (!this.lease) return;
    await this.lose();
    await this.options.leases.release(this.options.name, this.options.holder).catch(() => {});
  }

  /** One attempt to take or renew the lease; never runs twice at once. */
  tick(): Promise<void> {
    this.ticking ??= this.attempt().finally(() => {
      this.ticking = null;
    });
    return this.ticking;
  }

  private async attempt(): Promise<void> {
    const { leases, name, holder, ttlMs, log } = this.options;
    const now = (this.options.now ?? Date.now)();
    let lease: Lease | null;
    try {
      lease = await leases.acquire(name, holder, ttlMs, now);
    } catch (error) {
      // Stop while the lease surely still covers us: by the next tick it might not.
      if (this.lease && now + ttlMs / 3 >= this.lease.expiresAt) {
        log.warn({ err: error, lease: name }, 'lease cannot be renewed; giving the work up');
        await this.lose();
      }
      return;
    }
    if (this.stopped) {
      // stop() came while we were asking: do not keep a lease nobody will renew.
      if (lease && !this.lease) await leases.release(name, holder).catch(() => {});
      return;
    }
    if (!lease) {
      if (this.lease) {
        log.warn({ lease: name }, 'lease taken over by another node');
        await this.lose();
      }
      return;
    }
    if (this.lease && this.lease.fence !== lease.fence) await this.lose(); // lost and regained in between
    if (this.lease) {
      this.lease = lease;
      await this.options.onRenewed?.();
      return;
    }
    this.lease = lease;
    log.info({ lease: name, fence: lease.fence }, 'lease gained');
    try {
      await this.options.onGained(lease);
    } catch (error) {
      log.error({ err: error, lease: name }, 'starting the leased work failed; releasing the lease');
      this.lease = null;
      await leases.release(name, holder).catch(() => {});
    }
  }

  private async lose(): Promise<void> {
    this.lease = null;
    try {
      await this.options.onLost();
    } catch (error) {
      this.options.log.error({ err: error, lease: this.options.name }, 'stopping the leased work failed');
    }
  }
}
