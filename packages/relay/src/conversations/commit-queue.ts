/**
 * Group commit. Sends that arrive in the same event-loop turn are appended in one transaction,
 * so a durable commit (fsync) is paid once per turn instead of once per message, and the ack
 * contract stays exact: each caller's promise resolves only after the batch has committed.
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
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly events: EventStore,
    private readonly maxBatch = 500,
  ) {}

  append(input: AppendInput): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Resolves when everything queued so far is committed (or has failed). */
  async drain(): Promise<void> {
    while (this.pending.length > 0 || this.scheduled) {
      await new Promise((resolve) => setImmediate(resolve));
      await this.inFlight;
    }
    await this.inFlight;
  }

  private flush(): void {
    this.scheduled = false;
    // Batches commit one after another, so seq order follows arrival order.
    this.inFlight = this.inFlight.then(async () => {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, this.maxBatch);
        await this.commit(batch);
      }
    });
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
