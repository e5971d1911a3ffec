/**
 * Inbound items of social channels over Kysely (issue 5): one row per (channel, platform id,
 * event), so a delivery sent five times is recorded once; the rows also say which log entry an
 * item became, which is how replies, edits and moderation find their way back to the platform.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../database-schema.js';
import type { ChannelItem } from '../channel-store.js';
import { toItem } from './channel-rows.js';

export async function findItem(db: Kysely<Database>, channelId: string, platformId: string, event: string) {
  const row = await db
    .selectFrom('channel_items')
    .selectAll()
    .where('channel_id', '=', channelId)
    .where('platform_id', '=', platformId)
    .where('event', '=', event)
    .executeTakeFirst();
  return row ? toItem(row) : null;
}

export async function recordItem(db: Kysely<Database>, workspaceId: string, item: ChannelItem) {
  await db
    .insertInto('channel_items')
    .values({
      channel_id: item.channelId,
      platform_id: item.platformId,
      event: item.event,
      workspace_id: workspaceId,
      author_id: item.authorId,
      status: item.status,
      conversation_id: item.conversationId,
      seq: item.seq,
      reply_context: item.replyContext ? JSON.stringify(item.replyContext) : null,
      received_at: item.receivedAt,
    })
    .onConflict((oc) => oc.columns(['channel_id', 'platform_id', 'event']).doNothing())
    .execute();
}

export async function countRecent(db: Kysely<Database>, channelId: string, authorId: string, since: number, status: 'queued' | 'held') {
  const row = await db
    .selectFrom('channel_items')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('channel_id', '=', channelId)
    .where('author_id', '=', authorId)
    .where('event', '=', 'post')
    .where('status', '=', status)
    .where('received_at', '>', since)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

export async function latestInbound(db: Kysely<Database>, conversationId: string) {
  const row = await db
    .selectFrom('channel_items')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('event', '=', 'post')
    .where('status', '=', 'queued')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toItem(row) : null;
}

export async function itemAt(db: Kysely<Database>, conversationId: string, seq: number) {
  const row = await db
    .selectFrom('channel_items')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('seq', '=', seq)
    .where('event', '=', 'post')
    .executeTakeFirst();
  return row ? toItem(row) : null;
}
