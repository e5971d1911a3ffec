/**
 * Finds in storage what lost bus messages said (issue 7; DESIGN.md section 4). While the bus is
 * down it polls, every `intervalMs`, for conversations changed in the topics this node's sockets
 * follow, and hands each one's newest event to them as if the bus had brought it; their delivery
 * cursors fill every hole before it from the log. When the bus is back it sweeps once more over
 * the whole outage, and it also sweeps each new subscription over the moment before Redis
 * confirmed it. Presence, typing and collision notices are not in storage: those are lost while
 * the bus is down, and come back with the next change.
 */
import type { Logger } from 'pino';
import type { Storage } from '../storage/storage.js';
import type { ChangedConversation } from '../storage/change-feed.js';
import type { LossyBus } from './redis-bus.js';
import { topics } from './bus.js';

export interface StorageCatchUpOptions {
  bus: LossyBus;
  storage: Pick<Storage, 'changes' | 'events' | 'conversations'>;
  log: Logger;
  /** How often to poll while the bus is down: the delivery delay across nodes meanwhile. */
  intervalMs?: number;
  /** How far back each sweep looks besides its own window: clock skew between nodes, commit lag. */
  slackMs?: number;
}

const SWEEP_LIMIT = 2000;

export class StorageCatchUp {
  private readonly intervalMs: number;
  private readonly slackMs: number;
  private timer: NodeJS.Timeout | null = null;
  /** Start of the window the next poll covers; null while the bus works. */
  private downSince: number | null = null;
  /** Newest seq handed out per conversation, so one change is not handed out again every poll. */
  private readonly handedOut = new Map<string, number>();
  private running: Promise<void> = Promise.resolve();
  private readonly unlisten: Array<() => void> = [];
  private stopped = false;

  constructor(private readonly options: StorageCatchUpOptions) {
    this.intervalMs = options.intervalMs ?? 1_000;
    this.slackMs = options.slackMs ?? 2_000;
  }

  start(): void {
    const { bus } = this.options;
    this.unlisten.push(bus.onStateChange((up) => (up ? this.recovered() : this.wentDown())));
    this.unlisten.push(
      bus.onSubscribed((subscribed, askedAt) => this.enqueue(() => this.sweep(subscribed, askedAt - this.slackMs, false))),
    );
    if (!bus.up) this.wentDown();
  }

  stop(): void {
    this.stopped = true;
    for (const unlisten of this.unlisten.splice(0)) unlisten();
    this.stopPolling();
  }

  /** Resolves when the sweeps queued so far have run (tests). */
  idle(): Promise<void> {
    return this.running;
  }

  private wentDown(): void {
    this.downSince ??= Date.now();
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => this.poll(), this.intervalMs);
    this.timer.unref();
  }

  private recovered(): void {
    const since = this.downSince;
    this.stopPolling();
    // Whatever was published while Redis was away is lost; storage has it.
    if (since !== null) this.enqueue(() => this.sweep(this.options.bus.localTopics(), since - this.slackMs, true));
    this.enqueue(async () => this.handedOut.clear());
  }

  private stopPolling(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.downSince = null;
  }

  private poll(): void {
    const since = this.downSince;
    if (since === null) return;
    this.enqueue(() => this.sweep(this.options.bus.localTopics(), since - this.slackMs, true));
  }

  /** Sweeps run one after another, so a slow database is not hit by a pile of them. */
  private enqueue(sweep: () => Promise<void>): void {
    this.running = this.running.then(async () => {
      if (this.stopped) return;
      try {
        await sweep();
      } catch (error) {
        this.options.log.warn({ err: error }, 'bus catch-up from storage failed; retrying on the next poll');
      }
    });
  }

  /**
   * Hands out the newest event of each conversation in `followed` changed since `since`. Polls
   * skip what an earlier poll of the same outage handed out; a new subscription's sweep does not,
   * since its socket may lack exactly that.
   */
  private async sweep(followed: string[], since: number, skipHandedOut: boolean): Promise<void> {
    const workspaceIds: string[] = [];
    const conversationIds: string[] = [];
    for (const topic of followed) {
      if (topic.startsWith('w:')) workspaceIds.push(topic.slice(2));
      else if (topic.startsWith('c:')) conversationIds.push(topic.slice(2));
    }
    if (workspaceIds.length === 0 && conversationIds.length === 0) return;
    const changed = await this.options.storage.changes.changedSince({ workspaceIds, conversationIds }, since, SWEEP_LIMIT);
    for (const change of changed) {
      if (skipHandedOut && (this.handedOut.get(change.conversationId) ?? 0) >= change.lastSeq) continue;
      await this.handOut(change);
    }
  }

  private async handOut(change: ChangedConversation): Promise<void> {
    const { bus, storage } = this.options;
    const local = new Set(bus.localTopics());
    const conversationTopic = topics.conversation(change.conversationId);
    const workspaceTopic = topics.workspace(change.workspaceId);
    if (local.has(workspaceTopic)) {
      // Consoles need the queue row first: a conversation started on another node is new here.
      const conversation = await storage.conversations.get(change.workspaceId, change.conversationId);
      if (conversation) bus.deliverLocal(workspaceTopic, { type: 'conversation', workspaceId: change.workspaceId, conversation });
    }
    const [newest] = await storage.events.read(change.workspaceId, change.conversationId, change.lastSeq - 1, 1);
    if (newest) {
      const message = { type: 'event' as const, workspaceId: change.workspaceId, conversationId: change.conversationId, event: newest };
      if (local.has(conversationTopic)) bus.deliverLocal(conversationTopic, message);
      if (local.has(workspaceTopic)) bus.deliverLocal(workspaceTopic, message);
    }
    this.handedOut.set(change.conversationId, change.lastSeq);
    if (this.handedOut.size > 100_000) this.handedOut.clear();
  }
}
