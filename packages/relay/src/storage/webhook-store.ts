/**
 * Outbound webhooks (issue 6) in storage: a workspace's endpoints, with their signing secrets
 * sealed, and the deliveries waiting, delivered or given up. A delivery is worked on by one node
 * at a time: `claimDue` takes it with a conditional update, and only the claim that still holds
 * (same attempt number) may record the outcome.
 */
import type { OutboundEventType, OutboundWebhook } from '@eyelevel/shared';

export interface WebhookRecord {
  id: string;
  workspaceId: string;
  url: string;
  description: string;
  events: OutboundEventType[];
  sealedSecret: string;
  createdAt: number;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookDelivery {
  id: string;
  workspaceId: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  payload: string;
  status: DeliveryStatus;
  /** Attempts made, this one included once claimed. */
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
}

export interface WebhookStore {
  create(record: WebhookRecord): Promise<void>;
  list(workspaceId: string): Promise<WebhookRecord[]>;
  getById(webhookId: string): Promise<WebhookRecord | null>;
  /** Removes the webhook; its waiting deliveries go with it. */
  remove(workspaceId: string, webhookId: string): Promise<boolean>;
  /** The latest delivery of each of the workspace's webhooks. */
  lastDeliveries(workspaceId: string): Promise<Map<string, NonNullable<OutboundWebhook['lastDelivery']>>>;
  /** Takes up to `limit` due deliveries for this node until `now + holdMs`. */
  claimDue(now: number, holdMs: number, limit: number): Promise<WebhookDelivery[]>;
  /** Records the outcome of the attempt `delivery.attempts`; ignored if another claim took over. */
  finish(delivery: WebhookDelivery, outcome: { status: DeliveryStatus; nextAttemptAt: number; error: string | null }, now: number): Promise<void>;
  deliveries(workspaceId: string, webhookId: string): Promise<WebhookDelivery[]>;
  /** Forgets finished (delivered or given up) deliveries last touched before `before`. */
  pruneDeliveries(before: number): Promise<void>;
}
