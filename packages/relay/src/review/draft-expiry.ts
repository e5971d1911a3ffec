/**
 * Drafts expire (issue 6): a reply nobody decided on within the workspace's draft lifetime
 * (24 hours unless a lead changed it) answers a question that has moved on. Every node sweeps;
 * the conditional update in Reviews.expire lets one of them write the `expired` entry. A
 * reviewer who acts on a draft past its time finds it expired too, sweep or not.
 */
import type { Logger } from 'pino';
import type { Reviews } from './reviews.js';

/** Drafts expired per round; a backlog is worked off in the rounds that follow. */
const BATCH = 100;
export const DEFAULT_EXPIRY_SWEEP_MS = 60_000;

export class DraftExpiry {
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly reviews: Reviews,
    private readonly log: Logger,
    private readonly intervalMs: number = DEFAULT_EXPIRY_SWEEP_MS,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.sweep(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One round; overlapping rounds are skipped rather than queued. */
  async sweep(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.reviews.expireDue(BATCH);
    } catch (error) {
      this.log.warn({ err: error }, 'expiring drafts failed; the next round retries');
    } finally {
      this.running = false;
    }
  }
}
