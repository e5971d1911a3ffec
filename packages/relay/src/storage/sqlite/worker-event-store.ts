/**
 * The SQLite event store: a small batch commits inline, on the event loop, once the append worker
 * holds nothing (inline-committer.ts), which beats two thread hops while the disk is quick; every
 * other batch goes to the append worker (append-worker.js), which commits it on its own
 * connection and thread, so the event loop does not wait for that fsync. Reads stay on the
 * main connection, which sees every commit the worker has reported (WAL readers see all
 * transactions committed before they start). New conversations go the same way
 * (`insertTogether`): the groups asked for in one event-loop turn share one transaction.
 *
 * A failed batch rejects as the Kysely store would, so the commit queue retries each entry on its
 * own; a worker that dies fails what it held (nothing of it was acked) and is started again on
 * the next append.
 */
import { Worker } from 'node:worker_threads';
import type { Selectable } from 'kysely';
import type { EventsTable } from '../database-schema.js';
import type { EventStore } from '../storage.js';
import type { AppendInput, AppendResult } from '../records.js';
import { planAppend, type AppendPlan } from '../kysely/append-plan.js';
import { toEvent } from '../kysely/row-mappers.js';
import type { NewRow, NewRowWriter } from '../kysely/new-rows.js';
import type { AppendReply, AppendRequest, InsertReply, InsertRequest, PlanResult, WorkerReply, WorkerRequest } from './append-worker-protocol.js';
import type { OtherWriter } from './main-connection-dialect.js';
import { InlineCommitter } from './inline-committer.js';

interface Waiting {
  resolve: (reply: AppendReply | InsertReply) => void;
  reject: (error: Error) => void;
}

interface PendingGroup {
  rows: NewRow[];
  resolve: () => void;
  reject: (error: Error) => void;
}

export class WorkerEventStore implements EventStore, NewRowWriter, OtherWriter {
  /**
   * The next batch waits at the worker while the relay answers for the last one, so neither
   * thread waits for the other (docs/benchmarks.md, session 5: with one, the two ran in turn).
   */
  readonly concurrentBatches = 2;
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  private idle: { promise: Promise<void>; resolve: () => void } | null = null;
  private groups: PendingGroup[] = [];
  private readonly inline: InlineCommitter | null;

  constructor(
    private readonly file: string,
    private readonly reads: Pick<EventStore, 'read'>,
    options: { inline: boolean },
  ) {
    this.inline = options.inline ? new InlineCommitter(file) : null;
  }

  async append(batch: AppendInput[]): Promise<AppendResult[]> {
    if (batch.length === 0) return [];
    const plans = batch.map((input) => planAppend(input));
    const results = (await this.commitInline(plans)) ?? (await this.request<AppendRequest, AppendReply>({ plans })).results;
    // A fresh entry is the row this relay planned, with the seq it took, and the caller's author;
    // a duplicate is the stored first copy, author and all.
    return results.map((result, i): AppendResult => {
      if (!result.ok) return result;
      if (result.duplicate) return { ok: true, event: toEvent(result.row), duplicate: true };
      // The plan is this call's own: its row takes the seq in place rather than in a copy.
      const row: Selectable<EventsTable> = Object.assign(plans[i]!.row, { seq: result.seq });
      return { ok: true, event: toEvent(row, batch[i]!.author), duplicate: false };
    });
  }

  /**
   * A small batch waits for the batch the worker holds, if any, and then commits inline. Sent
   * after it instead, it would keep the worker busy for the next batch too, and each batch after
   * that, so the worker would take every batch once it took one.
   */
  private async commitInline(plans: AppendPlan[]): Promise<PlanResult[] | null> {
    if (!this.inline?.accepts(plans.length)) return null;
    for (let busy = this.whenIdle(); busy; busy = this.whenIdle()) await busy;
    return this.inline.tryCommit(plans);
  }

  insertTogether(rows: NewRow[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.groups.push({ rows, resolve, reject });
      if (this.groups.length === 1) setImmediate(() => void this.insertPendingGroups());
    });
  }

  private async insertPendingGroups(): Promise<void> {
    const groups = this.groups;
    if (groups.length === 0) return;
    this.groups = [];
    try {
      const { inserted } = await this.request<InsertRequest, InsertReply>({ rowGroups: groups.map((group) => group.rows) });
      groups.forEach((group, i) => {
        const error = inserted[i];
        if (error) group.reject(new Error(`insert failed: ${error}`));
        else group.resolve();
      });
    } catch (error) {
      for (const group of groups) group.reject(error as Error);
    }
  }

  read(workspaceId: string, conversationId: string, afterSeq: number, limit: number) {
    return this.reads.read(workspaceId, conversationId, afterSeq, limit);
  }

  /** For the main connection: it waits for this instead of sleeping on SQLite's write lock. */
  whenIdle(): Promise<void> | null {
    if (this.waiting.size === 0) return null;
    if (!this.idle) {
      let resolve!: () => void;
      const promise = new Promise<void>((done) => (resolve = done));
      this.idle = { promise, resolve };
    }
    return this.idle.promise;
  }

  /** Stops the worker after the batches it holds, and the conversations still to send it, are answered. */
  async close(): Promise<void> {
    await this.insertPendingGroups();
    const worker = this.worker;
    if (worker) {
      await this.whenIdle();
      this.worker = null;
      await worker.terminate();
    }
    this.inline?.close();
  }

  /** The worker answers each request with the reply of its kind (append-worker.js). */
  private request<Q extends WorkerRequest, A extends AppendReply | InsertReply>(request: Omit<Q, 'id'>): Promise<A> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (reply: AppendReply | InsertReply) => void, reject });
      worker.postMessage({ id, ...request });
    });
  }

  private settledOne(): void {
    if (this.waiting.size > 0 || !this.idle) return;
    const idle = this.idle;
    this.idle = null;
    idle.resolve();
  }

  private start(): Worker {
    const worker = new Worker(new URL('./append-worker.js', import.meta.url), { workerData: { file: this.file } });
    worker.on('message', (reply: WorkerReply) => {
      const waiting = this.waiting.get(reply.id);
      if (!waiting) return;
      this.waiting.delete(reply.id);
      this.settledOne();
      if ('error' in reply) waiting.reject(new Error(`append failed: ${reply.error}`));
      else waiting.resolve(reply);
    });
    const failAll = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      const failed = [...this.waiting.values()];
      this.waiting.clear();
      this.settledOne();
      for (const waiting of failed) waiting.reject(error);
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`the append worker exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }
}
