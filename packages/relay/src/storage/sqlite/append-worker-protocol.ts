/**
 * The messages between the relay and its SQLite append worker (append-worker.js), typed once
 * for both sides.
 */
import type { Selectable } from 'kysely';
import type { EventsTable } from '../database-schema.js';
import type { AppendPlan, AppendRefusal } from '../kysely/append-plan.js';
import type { NewRow } from '../kysely/new-rows.js';

/** An events row as the worker reads and writes it. */
export type EventRow = Selectable<EventsTable>;

/**
 * Append plans, or groups of new rows (each group all or nothing: a conversation and its first
 * event). Either way one transaction commits the whole request when it can.
 */
export type WorkerRequest = AppendRequest | InsertRequest;
export interface AppendRequest {
  id: number;
  plans: AppendPlan[];
}
export interface InsertRequest {
  id: number;
  rowGroups: NewRow[][];
}

/**
 * One plan's outcome: the seq a new entry took (the relay holds the rest of its row, so only the
 * number crosses back), the stored first copy of a retry, or why not.
 */
export type PlanResult =
  | { ok: true; seq: number; duplicate: false }
  | { ok: true; row: EventRow; duplicate: true }
  | { ok: false; reason: AppendRefusal };

/** Per row group: null when inserted, else why not. */
export type InsertResult = string | null;

export type WorkerReply = AppendReply | InsertReply | { id: number; error: string };
export interface AppendReply {
  id: number;
  results: PlanResult[];
}
export interface InsertReply {
  id: number;
  inserted: InsertResult[];
}
