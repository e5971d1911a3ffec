/**
 * Who is blocked (issue 6), asked on every message a visitor or a social author writes. Each node
 * keeps a workspace's blocked ids for a few seconds, so the send path does not pay a query per
 * message; a block set on this node applies at once, one set on another node within the TTL.
 * A social author is a visitor record of its channel, so one id space covers both.
 */
import type { Storage } from '../storage/storage.js';
import type { BlockRecord, BlockSubjectKind } from '../storage/moderation-store.js';

const DEFAULT_TTL_MS = 5_000;

export class Blocks {
  private readonly cache = new Map<string, { loadedAt: number; ids: Promise<Set<string>> }>();

  constructor(
    private readonly storage: Storage,
    private readonly ttlMs = DEFAULT_TTL_MS,
  ) {}

  async isBlocked(workspaceId: string, visitorId: string): Promise<boolean> {
    const now = Date.now();
    let entry = this.cache.get(workspaceId);
    if (!entry || now - entry.loadedAt > this.ttlMs) {
      const ids = this.storage.moderation.blockedIds(workspaceId).then((list) => new Set(list));
      entry = { loadedAt: now, ids };
      this.cache.set(workspaceId, entry);
      // A failed read is not cached: the next message asks again.
      ids.catch(() => this.cache.get(workspaceId) === entry && this.cache.delete(workspaceId));
    }
    return (await entry.ids).has(visitorId);
  }

  /** The block itself (where it was set, why), read from storage. */
  find(workspaceId: string, kind: BlockSubjectKind, visitorId: string): Promise<BlockRecord | null> {
    return this.storage.moderation.blockOf(workspaceId, kind, visitorId);
  }

  /** A block was set or lifted on this node: forget the cached list. */
  changed(workspaceId: string): void {
    this.cache.delete(workspaceId);
  }
}
