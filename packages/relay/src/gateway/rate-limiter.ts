/**
 * A token bucket per connection: bursts are fine, a sustained flood is refused with
 * RATE_LIMITED instead of reaching storage.
 */
export interface RateLimit {
  /** Frames allowed in a burst. */
  burst: number;
  /** Frames per second refilled. */
  perSecond: number;
}

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = limit.burst;
    this.updatedAt = now();
  }

  take(): boolean {
    const now = this.now();
    const refill = ((now - this.updatedAt) / 1000) * this.limit.perSecond;
    this.tokens = Math.min(this.limit.burst, this.tokens + refill);
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
