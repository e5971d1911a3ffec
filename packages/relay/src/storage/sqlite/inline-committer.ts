/**
 * Commits a small batch on the event loop when that is the faster way. Handing a batch to the
 * append worker costs two thread hops and wakes a thread that competes for the same two cores;
 * for a few entries on a quiet disk that costs more than the commit itself
 * (docs/benchmarks.md, sessions 6 and 7). Under load the worker keeps the fsync off the loop.
 *
 * It declines, and the caller hands the batch to the worker, whenever committing here could stall
 * the loop:
 * - the batch is larger than a few entries;
 * - inline commits have been slow lately (a slow or busy disk): then for a second;
 * - another connection holds the write lock: its own connection never waits for the lock
 *   (`busy_timeout = 0`), so a transaction open on the main connection or a batch in the worker
 *   makes it decline at once instead of sleeping on the loop.
 *
 * It runs plan-executor.js, the worker's own code, on its own connection, so both paths write
 * the same statements with the same durable commit (`synchronous = FULL`) before anything is
 * acked.
 */
import BetterSqlite3 from 'better-sqlite3';
import type { AppendPlan } from '../kysely/append-plan.js';
import type { PlanResult } from './append-worker-protocol.js';
import { createPlanExecutor } from './plan-executor.js';

/** Entries a batch may hold to commit inline; bigger batches are the worker's (their commit takes longer). */
export const INLINE_MAX_ENTRIES = 16;
/** When inline commits take this long on average, the disk is slow right now… */
const SLOW_COMMIT_MS = 2;
/** …and batches go to the worker for this long. */
const BACK_OFF_MS = 1_000;
/** Weight of the latest commit in the moving average: one slow fsync among quick ones is not a slow disk. */
const LATEST_WEIGHT = 0.1;

export class InlineCommitter {
  private readonly db: BetterSqlite3.Database;
  private readonly executor: ReturnType<typeof createPlanExecutor>;
  private backOffUntil = 0;
  private averageMs = 0;

  constructor(file: string) {
    this.db = new BetterSqlite3(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 0');
    this.executor = createPlanExecutor(this.db);
  }

  /** Whether a batch of this many entries may commit here now. */
  accepts(entries: number): boolean {
    return entries <= INLINE_MAX_ENTRIES && performance.now() >= this.backOffUntil;
  }

  /**
   * The batch's results once committed, or null when it declined (nothing was written). Any
   * other failure throws, with nothing written, as the worker's would.
   */
  tryCommit(plans: AppendPlan[]): PlanResult[] | null {
    if (!this.accepts(plans.length)) return null;
    const started = performance.now();
    try {
      return this.executor.commitPlans(plans);
    } catch (error) {
      if (isBusy(error)) return null;
      throw error;
    } finally {
      this.took(performance.now() - started);
    }
  }

  private took(ms: number): void {
    this.averageMs += LATEST_WEIGHT * (ms - this.averageMs);
    if (this.averageMs <= SLOW_COMMIT_MS) return;
    this.backOffUntil = performance.now() + BACK_OFF_MS;
    // After the pause the disk gets another chance, just under the bar: if it is still slow, the
    // first slow commit sends batches back to the worker.
    this.averageMs = SLOW_COMMIT_MS * (1 - LATEST_WEIGHT);
  }

  close(): void {
    this.db.close();
  }
}

/** SQLITE_BUSY and its extended codes: another connection holds the write lock. */
function isBusy(error: unknown): boolean {
  return typeof error === 'object' && error !== null && String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY');
}
