/**
 * Work that must run on one node at a time (a social channel's poller or stream, issue 7). A
 * single node runs it at once (`InProcessSingletons`); a cluster on Postgres runs it under a
 * lease per name (`LeasedSingletons`), so exactly one node runs each, and another takes over
 * within about one lease TTL when that node dies.
 */
import type { Logger } from 'pino';
import type { LeaseStore } from '../storage/lease-store.js';
import { LeaseKeeper } from './lease-keeper.js';

export interface SingletonWork {
  /** Starts the work on this node (after taking it over from another, if so). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Asked now and then while running here: false ends the work on this node. */
  stillWanted?(): Promise<boolean>;
}

export interface Singletons {
  /**
   * How often a caller should look for new work in storage (another node may have added some);
   * null when this node is the only one, so nothing is added elsewhere.
   */
  readonly rescanMs: number | null;
  /** Runs `work` here when (and as long as) this node is the one to run `name`. */
  run(name: string, work: SingletonWork): Promise<void>;
  /** Stops `name` here and lets another node take it at once. */
  end(name: string): Promise<void>;
  endAll(): Promise<void>;
}

/** One node: everything runs here. */
export class InProcessSingletons implements Singletons {
  readonly rescanMs = null;
  private readonly works = new Map<string, SingletonWork>();

  async run(name: string, work: SingletonWork): Promise<void> {
    await this.end(name);
    this.works.set(name, work);
    await work.start();
  }

  async end(name: string): Promise<void> {
    const work = this.works.get(name);
    this.works.delete(name);
    await work?.stop();
  }

  async endAll(): Promise<void> {
    await Promise.all([...this.works.keys()].map((name) => this.end(name)));
  }
}

export class LeasedSingletons implements Singletons {
  private readonly keepers = new Map<string, LeaseKeeper>();

  constructor(
    private readonly options: { leases: LeaseStore; nodeId: string; ttlMs: number; log: Logger },
  ) {}

  get rescanMs(): number {
    return this.options.ttlMs;
  }

  async run(name: string, work: SingletonWork): Promise<void> {
    await this.end(name);
    const keeper: LeaseKeeper = new LeaseKeeper({
      leases: this.options.leases,
      name,
      holder: this.options.nodeId,
      ttlMs: this.options.ttlMs,
      log: this.options.log,
      onGained: () => work.start(),
      onLost: () => work.stop(),
      onRenewed: async () => {
        // Ended from outside the keeper's own tick (end() waits for the tick to finish).
        if (work.stillWanted && !(await work.stillWanted())) setImmediate(() => void this.end(name));
      },
    });
    this.keepers.set(name, keeper);
    keeper.start();
    await keeper.tick();
  }

  async end(name: string): Promise<void> {
    const keeper = this.keepers.get(name);
    this.keepers.delete(name);
    await keeper?.stop();
  }

  async endAll(): Promise<void> {
    await Promise.all([...this.keepers.keys()].map((name) => this.end(name)));
  }

  /** Whether this node runs `name` now (tests, diagnostics). */
  holds(name: string): boolean {
    return this.keepers.get(name)?.held ?? false;
  }
}
