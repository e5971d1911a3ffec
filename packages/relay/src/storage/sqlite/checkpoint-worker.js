// @ts-check
/**
 * The SQLite checkpointer: a thread that copies committed pages from the WAL into the database
 * file every few milliseconds, on its own connection. Left to SQLite's automatic checkpoint,
 * this copy (and the database file's fsync) ran inside whichever commit crossed 1,000 WAL pages,
 * so every few dozen milliseconds one group commit took tens of milliseconds and every send
 * behind it waited: the relay's latency tail (docs/benchmarks.md). A passive checkpoint runs
 * beside the writer without blocking it; the automatic checkpoint still resets the WAL, but
 * finds almost nothing left to copy.
 *
 * It is background work, so it runs at a lower CPU priority than the event loop and the append
 * worker: on a small machine, a thread that wakes up to serve a socket or commit a batch waited
 * behind a checkpoint for its time slice, and the relay's latency tail showed it
 * (docs/benchmarks.md). Where it cannot (not Linux), it runs at the normal priority.
 *
 * Plain JavaScript for the same reason as append-worker.js: a thread starts from a file.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import Database from 'better-sqlite3';

/** Nice value of the checkpoint thread; 10 yields to normal threads without starving. */
const CHECKPOINT_NICENESS = 10;

try {
  // Linux names this thread's own id in /proc/thread-self ("<pid>/task/<tid>"), and
  // setpriority on a thread id changes that thread alone.
  setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), CHECKPOINT_NICENESS);
} catch {
  // Elsewhere the checkpointer simply keeps the process's priority.
}

const { file, intervalMs } = /** @type {{ file: string; intervalMs: number }} */ (workerData);
const db = new Database(file);
db.pragma('busy_timeout = 5000');

function checkpoint() {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    // A busy or failed pass leaves the pages to the next pass or to the automatic checkpoint.
    parentPort?.postMessage({ warning: error instanceof Error ? error.message : String(error) });
  }
  setTimeout(checkpoint, intervalMs);
}
setTimeout(checkpoint, intervalMs);
