/**
 * Group commit. Sends that arrive in the same event-loop turn are appended in one transaction,
 * so a durable commit (fsync) is paid once per turn instead of once per message, and the ack
 * contract stays exact: each caller's promise resolves only after the batch has committed.
 *
 * Where the store says it helps (Postgres), two batches may be committing at once, so the relay
 * prepares the next batch while the database works on the previous one. They never share a
 * conversation: an entry whose conversation is in a batch still committing waits, and so does
 * every later entry of that conversation, so each conversation's entries take their seqs in
 * arrival order.
 */
import type { EventStore } from '../storage/storage.js';
import type { AppendInput, AppendResult } from '../storage/records.js';

interface Pending {
  input: AppendInput;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

export class CommitQueue {
  private pending: Pending[] = [];
  private scheduled = false;
  private committing = 0;
  /** Conversations with an entry in a batch that is still committing. */
  private readonly busy = new Set<string>();
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly events: EventStore,
    private readonly maxBatch = 500,
    private readonly maxCommitting = events.concurrentBatches ?? 1,
  ) {}

  append(input: AppendInput): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.startBatches();
        });
      }
    });
  }

  /** Resolves when everything queued so far is committed (or has failed). */
  drain(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.pending.length === 0 && this.committing === 0 && !this.scheduled;
  }

  private startBatches(): void {
    while (this.committing < this.maxCommitting && this.pending.length > 0) {
      const batch = this.takeBatch();
      if (batch.length === 0) break;
      this.committing += 1;
      void this.commit(batch).finally(() => {
        this.committing -= 1;
        for (const item of batch) this.busy.delete(item.input.conversationId);
        this.startBatches();
        if (this.isIdle()) for (const resolve of this.idleWaiters.splice(0)) resolve();
      });
    }
  }

  /** Up to maxBatch entries in arrival order, leaving every entry of a busy conversation queued. */
  private takeBatch(): Pending[] {
    const batch: Pending[] = [];
    const waiting: Pending[] = [];
    const held = new Set(this.busy);
    for (const item of this.pending) {
      const conversationId = item.input.conversationId;
      if (batch.length < this.maxBatch && !held.has(conversationId)) {
        batch.push(item);
      } else {
        waiting.push(item);
        held.add(conversationId);
      }
    }
    this.pending = waiting;
    for (const item of batch) this.busy.add(item.input.conversationId);
    return batch;
  }

  private async commit(batch: Pending[]): Promise<void> {
    try {
      const results = await this.events.append(batch.map((item) => item.input));
      batch.forEach((item, index) => item.resolve(results[index]!));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // One bad entry must not fail its neighbours: retry each on its own transaction.
      for (const item of batch) {
        try {
          const [result] = await this.events.append([item.input]);
          item.resolve(result!);
        } catch (itemError) {
          item.reject(itemError);
        }
      }
    }
  }
}
