/**
 * Transactions that lost a race on a database with row locks (Postgres) are worth running
 * again: a deadlock between two nodes' batches, a serialization failure, or a duplicate client
 * id that another node committed while this one was still writing its copy. The retry sees the
 * other node's committed work (the duplicate is then found by the idempotency check), so a
 * retried transaction never writes anything twice. SQLite has one writer and never reports these.
 */
const RETRYABLE_SQLSTATES = new Set([
  '40P01', // deadlock_detected
  '40001', // serialization_failure
  '23505', // unique_violation: a concurrent copy of the same client id committed first
]);

export function isRetryableConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && RETRYABLE_SQLSTATES.has(code);
}

/** Runs `work` (one whole transaction) again while it fails with a retryable conflict. */
export async function retryConflicts<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isRetryableConflict(error)) throw error;
      // A little jitter so two nodes that collided do not collide again in lockstep.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}
