// @ts-check
/**
 * The SQLite append worker: a thread that owns its own connection to the database file and
 * commits batches of append plans and of new rows (a new conversation and its opening event)
 * with plan-executor.js, so the fsync of a group commit that the event loop hands over never
 * blocks it. While this thread waits on the disk, the main thread keeps reading sockets, and
 * the next batch grows by itself (docs/benchmarks.md).
 *
 * Plain JavaScript, type-checked by tsc, because a worker thread is started from a file and the
 * relay's tests run from sources: Node loads this file as it is in both places.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { createPlanExecutor } from './plan-executor.js';

/** @typedef {import('./append-worker-protocol.js').WorkerRequest} WorkerRequest */
/** @typedef {import('./append-worker-protocol.js').WorkerReply} WorkerReply */

const port = parentPort;
if (!port) throw new Error('append-worker.js runs as a worker thread');

const db = new Database(/** @type {{ file: string }} */ (workerData).file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
// Waiting for the write lock happens here, on this thread, never on the event loop.
db.pragma('busy_timeout = 5000');
db.pragma('foreign_keys = ON');
const executor = createPlanExecutor(db);

port.on('message', (/** @type {WorkerRequest} */ request) => {
  /** @type {WorkerReply} */
  let reply;
  try {
    reply = 'plans' in request
      ? { id: request.id, results: executor.commitPlans(request.plans) }
      : { id: request.id, inserted: executor.insertEach(request.rowGroups) };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
