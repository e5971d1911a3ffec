/**
 * Posts outbound webhook deliveries (issue 6), off the send path: an alert only writes delivery
 * rows (in its own transaction); this worker, on every node, claims due rows one node at a time,
 * POSTs the stored JSON signed like the generic webhook channel, and on failure schedules the
 * next attempt with exponential backoff until it gives up. A delivery a node claimed and then
 * lost (crash mid-request) is claimed again after the hold, so receivers may see an event twice
 * in that case and dedupe by its id (docs/webhooks.md).
 */
import type { Logger } from 'pino';
import type { Storage } from '../storage/storage.js';
import type { WebhookDelivery } from '../storage/webhook-store.js';
import type { SecretBox } from '../security/secret-box.js';
import { signWebhookBody } from '../connectors/webhook/webhook-connector.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../connectors/webhook/webhook-format.js';
import { webhookSecretContext } from './outbound-webhook-admin.js';
import type { OutboundFetch } from '../security/outbound-fetch.js';

export interface DeliveryPolicy {
  /** How often each node looks for due deliveries (real time). */
  intervalMs: number;
  timeoutMs: number;
  maxAttempts: number;
  firstRetryMs: number;
  maxRetryMs: number;
  /** How long a claim keeps other nodes off a delivery (longer than a request can take). */
  holdMs: number;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  intervalMs: 5_000,
  timeoutMs: 10_000,
  maxAttempts: 10,
  firstRetryMs: 15_000,
  maxRetryMs: 3_600_000,
  holdMs: 60_000,
};

const BATCH = 20;

/** The wait after failed attempt `attempt` (1-based): 15 s, 30 s, 1 min, … capped at an hour. */
export function retryDelay(attempt: number, policy: Pick<DeliveryPolicy, 'firstRetryMs' | 'maxRetryMs'>): number {
  return Math.min(policy.firstRetryMs * 2 ** Math.max(0, attempt - 1), policy.maxRetryMs);
}

export class WebhookDeliverer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly storage: Storage,
    private readonly box: SecretBox | null,
    /** Refuses (as a failed attempt, with the reason) a URL that now resolves to an internal address. */
    private readonly fetch: OutboundFetch,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
    private readonly policy: DeliveryPolicy = DEFAULT_DELIVERY_POLICY,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.kick(), this.policy.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => {});
  }

  /** Delivers what is due now; resolves when this node has nothing more due. */
  kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        while ((await this.pass()) === BATCH);
      } while (this.again);
    })()
      .catch((error: unknown) => this.log.warn({ err: error }, 'webhook deliveries failed; the next pass retries'))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async pass(): Promise<number> {
    const claimed = await this.storage.webhooks.claimDue(this.now(), this.policy.holdMs, BATCH);
    await Promise.all(claimed.map((delivery) => this.deliver(delivery)));
    return claimed.length;
  }

  private async deliver(delivery: WebhookDelivery): Promise<void> {
    const error = await this.post(delivery);
    const now = this.now();
    if (error === null) {
      await this.storage.webhooks.finish(delivery, { status: 'delivered', nextAttemptAt: now, error: null }, now);
      return;
    }
    const giveUp = delivery.attempts >= this.policy.maxAttempts;
    this.log.warn({ webhookId: delivery.webhookId, eventId: delivery.eventId, attempt: delivery.attempts, error }, giveUp ? 'webhook delivery given up' : 'webhook delivery failed; retrying later');
    await this.storage.webhooks.finish(
      delivery,
      { status: giveUp ? 'failed' : 'pending', nextAttemptAt: now + retryDelay(delivery.attempts, this.policy), error },
      now,
    );
  }

  /** Null when the receiver answered 2xx; otherwise what went wrong. */
  private async post(delivery: WebhookDelivery): Promise<string | null> {
    const hook = await this.storage.webhooks.getById(delivery.webhookId);
    if (!hook) return 'the webhook was removed';
    let secret: string;
    try {
      if (!this.box) return 'EYELEVEL_SECRET_KEY is not set: the signing secret cannot be opened';
      secret = this.box.open(hook.sealedSecret, webhookSecretContext(hook.id));
    } catch {
      return 'the signing secret cannot be opened (was EYELEVEL_SECRET_KEY changed?)';
    }
    // Signed with the real time: receivers check it against their own clock.
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      const response = await this.fetch(hook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'eyelevel-webhooks/1',
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signWebhookBody(secret, timestamp, delivery.payload),
          'x-eyelevel-event': delivery.eventType,
          'x-eyelevel-delivery': delivery.eventId,
          'idempotency-key': delivery.eventId,
        },
        body: delivery.payload,
        signal: AbortSignal.timeout(this.policy.timeoutMs),
      });
      await response.body?.cancel().catch(() => {});
      return response.ok ? null : `HTTP ${response.status}`;
    } catch (error) {
      return (error as Error).message.slice(0, 500);
    }
  }
}
