/**
 * Who is blocked (issue 6), asked on every message a visitor or a social author writes. Each node
 * keeps a workspace's blocked ids for a few seconds, so the send path does not pay a query per
 * message. A change is announced on the bus, so every node forgets its copy at once; should that
 * message be lost, the copy still expires within the TTL (the database stays the record). A
 * social author is a visitor record of its channel, so one id space covers both.
 */
import type { Storage } from '../storage/storage.js';
import { topics, type Bus } from '../bus/bus.js';
import type { BlockRecord, BlockSubjectKind } from '../storage/moderation-store.js';

const DEFAULT_TTL_MS = 5_000;

export class Blocks {
  /** `loaded` is set once the read finished, so a warm cache answers without a promise. */
  private readonly cache = new Map<string, { loadedAt: number; ids: Promise<Set<string>>; loaded: Set<string> | null }>();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly storage: Storage,
    private readonly bus: Bus,
    private readonly ttlMs = DEFAULT_TTL_MS,
  ) {}

  start(): void {
    this.unsubscribe ??= this.bus.subscribe(topics.moderation, (message) => {
      if (message.type === 'blocks-changed') this.cache.delete(message.workspaceId);
    });
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  async isBlocked(workspaceId: string, visitorId: string): Promise<boolean> {
    return this.isBlockedNow(workspaceId, visitorId) ?? (await this.fresh(workspaceId).ids).has(visitorId);
  }

  /**
   * The answer from this node's copy, or undefined while there is none (then ask `isBlocked`).
   * Every web message asks; answering without a promise keeps the send path from allocating
   * one per message for a list that rarely changes.
   */
  isBlockedNow(workspaceId: string, visitorId: string): boolean | undefined {
    const entry = this.cache.get(workspaceId);
    if (!entry?.loaded || Date.now() - entry.loadedAt > this.ttlMs) return undefined;
    return entry.loaded.has(visitorId);
  }

  private fresh(workspaceId: string) {
    const now = Date.now();
    let entry = this.cache.get(workspaceId);
    if (!entry || now - entry.loadedAt > this.ttlMs) {
      const ids = this.storage.moderation.blockedIds(workspaceId).then((list) => new Set(list));
      const created = { loadedAt: now, ids, loaded: null as Set<string> | null };
      entry = created;
      this.cache.set(workspaceId, created);
      ids.then(
        (set) => (created.loaded = set),
        // A failed read is not cached: the next message asks again.
        () => this.cache.get(workspaceId) === created && this.cache.delete(workspaceId),
      );
    }
    return entry;
  }

  /** The block itself (where it was set, why), read from storage. */
  find(workspaceId: string, kind: BlockSubjectKind, visitorId: string): Promise<BlockRecord | null> {
    return this.storage.moderation.blockOf(workspaceId, kind, visitorId);
  }

  /** A block was set or lifted: this node and every other forget the cached list. */
  changed(workspaceId: string): void {
    this.cache.delete(workspaceId);
    this.bus.publish(topics.moderation, { type: 'blocks-changed', workspaceId });
  }
}
