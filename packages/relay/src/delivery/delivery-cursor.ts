/**
 * Exactly-once, in-order delivery of one conversation's log to one socket. The bus offers
 * events as they happen; the cursor sends an event only if it is the next seq the socket lacks,
 * and otherwise fills the hole from storage. So a bus message that is lost, late or duplicated
 * changes when an event arrives, never whether or in which order (DESIGN.md section 4).
 */
import type { ConversationEvent } from '@eyelevel/shared';

export interface DeliveryCursorOptions {
  /** Highest seq the socket already has. */
  lastSent: number;
  /** Reads events after `afterSeq` from storage, oldest first, at most one page. */
  fetchAfter: (afterSeq: number) => Promise<ConversationEvent[]>;
  pageSize: number;
  send: (event: ConversationEvent) => void;
  /** Called when storage no longer has seqs `from`..`to`; the client is told, not left guessing. */
  onGap: (from: number, to: number) => void;
  onError: (error: unknown) => void;
}

export class DeliveryCursor {
  private lastSent: number;
  private running: Promise<void> | null = null;
  private catchUpAgain = false;

  constructor(private readonly options: DeliveryCursorOptions) {
    this.lastSent = options.lastSent;
  }

  get position(): number {
    return this.lastSent;
  }

  /** An event announced by the bus (or by this node right after committing it). */
  offer(event: ConversationEvent): void {
    if (event.seq <= this.lastSent) return;
    if (event.seq === this.lastSent + 1 && this.running === null) {
      this.lastSent = event.seq;
      this.options.send(event);
      return;
    }
    void this.catchUp();
  }

  /**
   * Sends everything storage has after the cursor. Safe to call at any time, any number of
   * times: a call during a running catch-up makes it read once more and resolves with it.
   */
  catchUp(): Promise<void> {
    if (this.running) {
      this.catchUpAgain = true;
      return this.running;
    }
    this.running = this.drainUntilQuiet().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async drainUntilQuiet(): Promise<void> {
    try {
      do {
        this.catchUpAgain = false;
        await this.drainStorage();
      } while (this.catchUpAgain);
    } catch (error) {
      this.options.onError(error);
    }
  }

  private async drainStorage(): Promise<void> {
    for (;;) {
      const page = await this.options.fetchAfter(this.lastSent);
      for (const event of page) {
        if (event.seq <= this.lastSent) continue;
        if (event.seq > this.lastSent + 1) this.options.onGap(this.lastSent + 1, event.seq - 1);
        this.lastSent = event.seq;
        this.options.send(event);
      }
      if (page.length < this.options.pageSize) return;
    }
  }
}
