/**
 * Runs a channel's poll on an interval, one at a time, backing off when the platform rate-limits
 * (until its reset) or fails (doubling up to ten minutes), so a dead or throttled platform is
 * never hammered. `now()` runs a poll at once and resolves when it is done (admin, tests).
 */
import type { Logger } from 'pino';
import { PlatformError } from './platform-error.js';

const MAX_BACKOFF_MS = 10 * 60_000;

export class Poller {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly intervalMs: number,
    private readonly poll: () => Promise<void>,
    private readonly log: Logger,
    private readonly onHealth: (error: string | null) => void,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Polls now (after a poll in progress, if any), whatever the schedule says. */
  async now(): Promise<void> {
    if (this.running) await this.running.catch(() => {});
    await this.run(true);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(false).catch(() => {}), delay);
    this.timer.unref();
  }

  private async run(rethrow: boolean): Promise<void> {
    if (this.running) return this.running;
    let failure: unknown = null;
    this.running = (async () => {
      try {
        await this.poll();
        this.failures = 0;
        this.onHealth(null);
        this.schedule(this.intervalMs);
      } catch (error) {
        failure = error;
        this.failures += 1;
        const wait =
          error instanceof PlatformError && error.retryAt !== null
            ? Math.max(error.retryAt - Date.now(), this.intervalMs)
            : Math.min(this.intervalMs * 2 ** this.failures, MAX_BACKOFF_MS);
        this.log.warn({ err: error, retryInMs: wait }, 'channel poll failed');
        this.onHealth((error as Error).message);
        this.schedule(wait);
      } finally {
        this.running = null;
      }
    })();
    await this.running;
    if (rethrow && failure) throw failure;
  }
}
