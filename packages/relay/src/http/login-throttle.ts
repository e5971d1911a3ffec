/**
 * Slows password guessing: after too many failed logins for one e-mail within a window, further
 * attempts are refused with 429 until the window passes. In memory, per node: enough to make
 * online guessing impractical without a shared store.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly maxFailures = 10,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  isBlocked(email: string): boolean {
    const entry = this.failures.get(email);
    if (!entry) return false;
    if (this.now() - entry.since > this.windowMs) {
      this.failures.delete(email);
      return false;
    }
    return entry.count >= this.maxFailures;
  }

  recordFailure(email: string): void {
    const entry = this.failures.get(email);
    if (!entry || this.now() - entry.since > this.windowMs) {
      this.failures.set(email, { count: 1, since: this.now() });
      return;
    }
    entry.count += 1;
  }

  recordSuccess(email: string): void {
    this.failures.delete(email);
  }
}
