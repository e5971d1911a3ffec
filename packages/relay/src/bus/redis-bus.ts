/**
 * The bus across relay nodes (issue 7): Redis pub/sub, one Redis channel per topic, subscribed
 * only while a socket on this node listens to it. A message is delivered to this node's own
 * subscribers at once (no round trip, as with the in-process bus) and published for the others,
 * which skip their own copies by node id.
 *
 * Redis pub/sub delivers at most once: while Redis is down, or before a subscription is active,
 * messages are lost. That is allowed (DESIGN.md section 4: the database is the record), and
 * `down`/`up` and `subscribed` let the storage catch-up (storage-catch-up.ts) find what the
 * missed messages said. Nothing queues while Redis is down, so its return is not a flood.
 */
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Bus, BusHandler, BusMessage } from './bus.js';

export interface RedisBusOptions {
  url: string;
  /** This node's id: copies of its own messages coming back from Redis are dropped. */
  nodeId: string;
  log: Logger;
  /** Namespace of the Redis channels, so several relays (or tests) can share one Redis. */
  prefix?: string;
  onHandlerError?: (error: unknown) => void;
}

interface Envelope {
  /** Sending node. */
  n: string;
  m: BusMessage;
}

/** What the storage catch-up needs from a bus that can miss messages. */
export interface LossyBus {
  readonly up: boolean;
  /** Called with `false` when messages may be getting lost, `true` when delivery works again. */
  onStateChange(listener: (up: boolean) => void): () => void;
  /** Called when Redis confirmed subscriptions, with when they were asked for. */
  onSubscribed(listener: (topics: string[], askedAt: number) => void): () => void;
  /** Topics with subscribers on this node. */
  localTopics(): string[];
  /** Hands a message to this node's subscribers only. */
  deliverLocal(topic: string, message: BusMessage): void;
}

const RETRY_MAX_MS = 2_000;

export class RedisBus implements Bus, LossyBus {
  private readonly handlers = new Map<string, Set<BusHandler>>();
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly prefix: string;
  private readonly stateListeners = new Set<(up: boolean) => void>();
  private readonly subscribedListeners = new Set<(topics: string[], askedAt: number) => void>();
  private isUp = false;
  /** Subscriptions are (re)sent on every `ready`; until then the sub connection is not up. */
  private subscribedAll = false;
  private closed = false;
  private lastErrorLog = 0;
  private readonly closers: Array<() => void> = [];

  constructor(private readonly options: RedisBusOptions) {
    this.prefix = options.prefix ?? 'eyelevel:';
    const common = {
      // Keep trying, but a publish while disconnected fails at once instead of queueing.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      retryStrategy: (attempt: number) => Math.min(100 * attempt, RETRY_MAX_MS),
      // This class resubscribes itself on `ready`, so it knows when the subscriptions are back.
      autoResubscribe: false,
      lazyConnect: false,
    };
    this.pub = new Redis(options.url, { ...common, connectionName: `eyelevel-pub-${options.nodeId}` });
    this.sub = new Redis(options.url, { ...common, connectionName: `eyelevel-sub-${options.nodeId}` });
    for (const connection of [this.pub, this.sub]) {
      connection.on('error', (error: Error) => this.logError(error));
      connection.on('close', () => this.update());
      connection.on('end', () => this.update());
      connection.on('reconnecting', () => this.update());
    }
    this.pub.on('ready', () => this.update());
    this.sub.on('ready', () => void this.resubscribe());
    this.sub.on('message', (channel: string, payload: string) => this.receive(channel, payload));
  }

  get up(): boolean {
    return this.isUp;
  }

  publish(topic: string, message: BusMessage): void {
    this.deliverLocal(topic, message);
    if (this.pub.status !== 'ready') return; // the others catch up from storage
    const envelope: Envelope = { n: this.options.nodeId, m: message };
    this.pub.publish(this.prefix + topic, JSON.stringify(envelope)).catch((error: Error) => this.logError(error));
  }

  subscribe(topic: string, handler: BusHandler): () => void {
    let handlers = this.handlers.get(topic);
    if (!handlers) {
      handlers = new Set();
      this.handlers.set(topic, handlers);
      if (this.subscribedAll) this.redisSubscribe([topic]);
    }
    handlers.add(handler);
    return () => {
      const current = this.handlers.get(topic);
      if (!current?.delete(handler) || current.size > 0) return;
      this.handlers.delete(topic);
      if (this.sub.status === 'ready') this.sub.unsubscribe(this.prefix + topic).catch((error: Error) => this.logError(error));
    };
  }

  deliverLocal(topic: string, message: BusMessage): void {
    const handlers = this.handlers.get(topic);
    if (!handlers) return;
    for (const handler of [...handlers]) {
      try {
        handler(message);
      } catch (error) {
        this.options.onHandlerError?.(error);
      }
    }
  }

  localTopics(): string[] {
    return [...this.handlers.keys()];
  }

  onStateChange(listener: (up: boolean) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  onSubscribed(listener: (topics: string[], askedAt: number) => void): () => void {
    this.subscribedListeners.add(listener);
    return () => this.subscribedListeners.delete(listener);
  }

  /** Runs when the bus closes (the storage catch-up stops with it). */
  onClose(closer: () => void): void {
    this.closers.push(closer);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const closer of this.closers.splice(0)) closer();
    this.handlers.clear();
    this.stateListeners.clear();
    this.subscribedListeners.clear();
    // disconnect, not quit: quit would wait for a Redis that may be gone.
    this.pub.disconnect();
    this.sub.disconnect();
  }

  private receive(channel: string, payload: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(payload) as Envelope;
    } catch {
      return; // not ours: someone else published on our prefix
    }
    if (envelope.n === this.options.nodeId) return;
    this.deliverLocal(channel.slice(this.prefix.length), envelope.m);
  }

  /** After every (re)connect: subscribe to every topic this node listens to, then count as up. */
  private async resubscribe(): Promise<void> {
    this.subscribedAll = false;
    const topics = this.localTopics();
    try {
      for (let start = 0; start < topics.length; start += 1000) {
        await this.sub.subscribe(...topics.slice(start, start + 1000).map((topic) => this.prefix + topic));
      }
    } catch (error) {
      this.logError(error as Error);
      return; // the connection dropped again; the next `ready` retries
    }
    // Topics added while the SUBSCRIBE above was on its way.
    const added = this.localTopics().filter((topic) => !topics.includes(topic));
    this.subscribedAll = true;
    if (added.length > 0) this.redisSubscribe(added);
    this.update();
  }

  private redisSubscribe(topics: string[]): void {
    const askedAt = Date.now();
    this.sub.subscribe(...topics.map((topic) => this.prefix + topic)).then(
      () => {
        for (const listener of this.subscribedListeners) listener(topics, askedAt);
      },
      (error: Error) => this.logError(error),
    );
  }

  private update(): void {
    if (this.sub.status !== 'ready') this.subscribedAll = false;
    const up = !this.closed && this.pub.status === 'ready' && this.sub.status === 'ready' && this.subscribedAll;
    if (up === this.isUp) return;
    this.isUp = up;
    this.options.log[up ? 'info' : 'warn'](
      { redis: redactUrl(this.options.url) },
      up ? 'Redis bus connected' : 'Redis bus unavailable: cross-node delivery falls back to polling storage',
    );
    for (const listener of this.stateListeners) listener(up);
  }

  /** Connection errors repeat on every retry while Redis is down: log one per few seconds. */
  private logError(error: Error): void {
    if (this.closed) return;
    const now = Date.now();
    if (now - this.lastErrorLog < 5_000) return;
    this.lastErrorLog = now;
    this.options.log.warn({ err: error, redis: redactUrl(this.options.url) }, 'Redis bus error');
  }
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis';
  }
}
