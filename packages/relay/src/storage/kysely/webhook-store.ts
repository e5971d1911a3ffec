/**
 * Outbound webhooks and their deliveries over Kysely (issue 6). A claim is an UPDATE … WHERE
 * status = 'pending' AND claimed_until <= now AND attempts = <as read>: of two nodes reading the
 * same due row, one updates it and the other finds nothing to update, so one node posts each
 * attempt. `enqueueDeliveries` is used inside the transaction that raises an alert.
 */
import { type Kysely, type Selectable, type Transaction } from 'kysely';
import type { OutboundEventType, OutboundWebhook } from '@eyelevel/shared';
import type { Database } from '../database-schema.js';
import type { WebhookDeliveriesTable } from '../alert-tables.js';
import type { DeliveryStatus, WebhookDelivery, WebhookRecord, WebhookStore } from '../webhook-store.js';
import { newId } from '../../ids.js';

export class KyselyWebhookStore implements WebhookStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(record: WebhookRecord): Promise<void> {
    await this.db
      .insertInto('outbound_webhooks')
      .values({
        id: record.id,
        workspace_id: record.workspaceId,
        url: record.url,
        description: record.description,
        events: JSON.stringify(record.events),
        sealed_secret: record.sealedSecret,
        created_at: record.createdAt,
      })
      .execute();
  }

  async list(workspaceId: string): Promise<WebhookRecord[]> {
    const rows = await this.db.selectFrom('outbound_webhooks').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at', 'asc').execute();
    return rows.map(toRecord);
  }

  async getById(webhookId: string): Promise<WebhookRecord | null> {
    const row = await this.db.selectFrom('outbound_webhooks').selectAll().where('id', '=', webhookId).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async remove(workspaceId: string, webhookId: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const removed = await trx.deleteFrom('outbound_webhooks').where('workspace_id', '=', workspaceId).where('id', '=', webhookId).executeTakeFirst();
      if (Number(removed.numDeletedRows) === 0) return false;
      await trx.deleteFrom('webhook_deliveries').where('webhook_id', '=', webhookId).execute();
      return true;
    });
  }

  async lastDeliveries(workspaceId: string) {
    const rows = await this.db
      .selectFrom('webhook_deliveries as d')
      .select(['d.webhook_id', 'd.status', 'd.updated_at', 'd.last_error'])
      .where('d.workspace_id', '=', workspaceId)
      .where('d.updated_at', '=', (eb) =>
        eb.selectFrom('webhook_deliveries as e').select((e) => e.fn.max('e.updated_at').as('latest')).whereRef('e.webhook_id', '=', 'd.webhook_id'),
      )
      .execute();
    const latest = new Map<string, NonNullable<OutboundWebhook['lastDelivery']>>();
    for (const row of rows) {
      latest.set(row.webhook_id, { status: row.status as DeliveryStatus, at: Number(row.updated_at), error: row.last_error });
    }
    return latest;
  }

  async claimDue(now: number, holdMs: number, limit: number): Promise<WebhookDelivery[]> {
    const due = await this.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .where('claimed_until', '<=', now)
      .orderBy('next_attempt_at', 'asc')
      .limit(limit)
      .execute();
    const claimed: WebhookDelivery[] = [];
    for (const row of due) {
      const result = await this.db
        .updateTable('webhook_deliveries')
        .set({ claimed_until: now + holdMs, attempts: Number(row.attempts) + 1, updated_at: now })
        .where('id', '=', row.id)
        .where('status', '=', 'pending')
        .where('claimed_until', '<=', now)
        .where('attempts', '=', Number(row.attempts))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) claimed.push({ ...toDelivery(row), attempts: Number(row.attempts) + 1 });
    }
    return claimed;
  }

  async finish(delivery: WebhookDelivery, outcome: { status: DeliveryStatus; nextAttemptAt: number; error: string | null }, now: number): Promise<void> {
    await this.db
      .updateTable('webhook_deliveries')
      .set({ status: outcome.status, next_attempt_at: outcome.nextAttemptAt, claimed_until: 0, last_error: outcome.error, updated_at: now })
      .where('id', '=', delivery.id)
      .where('status', '=', 'pending')
      .where('attempts', '=', delivery.attempts)
      .execute();
  }

  async pruneDeliveries(before: number): Promise<void> {
    await this.db.deleteFrom('webhook_deliveries').where('status', '!=', 'pending').where('updated_at', '<', before).execute();
  }

  async deliveries(workspaceId: string, webhookId: string): Promise<WebhookDelivery[]> {
    const rows = await this.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('webhook_id', '=', webhookId)
      .orderBy('created_at', 'asc')
      .execute();
    return rows.map(toDelivery);
  }
}

/** One pending delivery per webhook of the workspace that takes this event type. */
export async function enqueueDeliveries(
  trx: Transaction<Database>,
  workspaceId: string,
  event: { id: string; type: string; payload: string },
  now: number,
): Promise<number> {
  const hooks = (await trx.selectFrom('outbound_webhooks').select(['id', 'events']).where('workspace_id', '=', workspaceId).execute()).filter((hook) =>
    (JSON.parse(hook.events) as string[]).includes(event.type),
  );
  if (hooks.length === 0) return 0;
  await trx
    .insertInto('webhook_deliveries')
    .values(
      hooks.map((hook) => ({
        id: newId(),
        workspace_id: workspaceId,
        webhook_id: hook.id,
        event_id: event.id,
        event_type: event.type,
        payload: event.payload,
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
        claimed_until: 0,
        last_error: null,
        created_at: now,
        updated_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['webhook_id', 'event_id']).doNothing())
    .execute();
  return hooks.length;
}

function toRecord(row: Selectable<Database['outbound_webhooks']>): WebhookRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    url: row.url,
    description: row.description,
    events: JSON.parse(row.events) as OutboundEventType[],
    sealedSecret: row.sealed_secret,
    createdAt: Number(row.created_at),
  };
}

function toDelivery(row: Selectable<WebhookDeliveriesTable>): WebhookDelivery {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    webhookId: row.webhook_id,
    eventId: row.event_id,
    eventType: row.event_type,
    payload: row.payload,
    status: row.status as DeliveryStatus,
    attempts: Number(row.attempts),
    nextAttemptAt: Number(row.next_attempt_at),
    lastError: row.last_error,
  };
}

