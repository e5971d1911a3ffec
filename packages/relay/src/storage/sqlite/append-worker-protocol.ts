/**
 * The messages between the relay and its SQLite append worker (append-worker.js), typed once
 * for both sides.
 */
import type { Selectable } from 'kysely';
import type { EventsTable } from '../database-schema.js';
import type { AppendPlan, AppendRefusal } from '../kysely/append-plan.js';

/** An events row as the worker reads and writes it. */
export type EventRow = Selectable<EventsTable>;

export interface WorkerRequest {
  id: number;
  plans: AppendPlan[];
}

/**
 * One plan's outcome: the seq a new entry took (the relay holds the rest of its row, so only the
 * number crosses back), the stored first copy of a retry, or why not.
 */
export type PlanResult =
  | { ok: true; seq: number; duplicate: false }
  | { ok: true; row: EventRow; duplicate: true }
  | { ok: false; reason: AppendRefusal };

export type WorkerReply = { id: number; results: PlanResult[] } | { id: number; error: string };
