/**
 * Threads and authors of social channels over Kysely (issue 5). A thread (an X conversation, a
 * Facebook comment chain, a Mastodon reply chain) is one conversation; its author is a visitor
 * without a site, one per (channel, platform user), so all their threads share a history.
 */
import type { Kysely } from 'kysely';
import type { ConversationEvent } from '@eyelevel/shared';
import type { Database } from '../database-schema.js';
import type { ChannelRecord, NewThreadConversation } from '../channel-store.js';
import { newId } from '../../ids.js';
import { isUniqueViolation } from './unique-violation.js';
import { SYSTEM_AUTHOR } from './conversation-store.js';
import { toEvent } from './row-mappers.js';

export async function authorVisitor(
  db: Kysely<Database>,
  input: { channel: ChannelRecord; platformUserId: string; handle: string; name: string | null; url: string | null; at: number },
): Promise<string> {
  const { channel } = input;
  const displayName = input.name ?? input.handle;
  for (let attempt = 0; ; attempt++) {
    const known = await db
      .selectFrom('channel_authors')
      .select(['id', 'visitor_id', 'handle', 'name', 'url'])
      .where('channel_id', '=', channel.id)
      .where('platform_user_id', '=', input.platformUserId)
      .executeTakeFirst();
    if (known) {
      if (known.handle !== input.handle || known.name !== input.name || known.url !== input.url) {
        // People rename themselves; the queue shows who they are now, the log who they were.
        await db
          .updateTable('channel_authors')
          .set({ handle: input.handle, name: input.name, url: input.url, updated_at: input.at })
          .where('id', '=', known.id)
          .execute();
        await db.updateTable('visitors').set({ name: displayName, last_seen_at: input.at }).where('id', '=', known.visitor_id).execute();
      }
      return known.visitor_id;
    }
    try {
      return await db.transaction().execute(async (trx) => {
        const visitorId = newId();
        await trx
          .insertInto('visitors')
          .values({
            id: visitorId,
            workspace_id: channel.workspaceId,
            site_id: null,
            name: displayName,
            email: null,
            created_at: input.at,
            last_seen_at: input.at,
          })
          .execute();
        await trx
          .insertInto('channel_authors')
          .values({
            id: newId(),
            workspace_id: channel.workspaceId,
            channel_id: channel.id,
            platform_user_id: input.platformUserId,
            handle: input.handle,
            name: input.name,
            url: input.url,
            visitor_id: visitorId,
            created_at: input.at,
            updated_at: input.at,
          })
          .execute();
        return visitorId;
      });
    } catch (error) {
      // Another node saw the same author first: read theirs.
      if (attempt < 2 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

export async function findThread(db: Kysely<Database>, channelId: string, threadKey: string): Promise<string | null> {
  const row = await db
    .selectFrom('channel_threads')
    .select('conversation_id')
    .where('channel_id', '=', channelId)
    .where('thread_key', '=', threadKey)
    .executeTakeFirst();
  return row?.conversation_id ?? null;
}

export async function linkThread(db: Kysely<Database>, channel: ChannelRecord, threadKey: string, conversationId: string, at: number) {
  await db
    .insertInto('channel_threads')
    .values({ channel_id: channel.id, thread_key: threadKey, workspace_id: channel.workspaceId, conversation_id: conversationId, created_at: at })
    .onConflict((oc) => oc.columns(['channel_id', 'thread_key']).doNothing())
    .execute();
}

export async function openThread(
  db: Kysely<Database>,
  input: NewThreadConversation,
): Promise<{ conversationId: string; opened: ConversationEvent | null }> {
  const { channel, at } = input;
  const conversationId = newId();
  const eventRow = {
    conversation_id: conversationId,
    seq: 1,
    workspace_id: channel.workspaceId,
    kind: 'status',
    author_kind: 'system',
    author_id: null,
    author: JSON.stringify(SYSTEM_AUTHOR),
    client_id: null,
    body: null,
    data: JSON.stringify({ change: 'opened', status: 'open', assignee: null }),
    created_at: at,
  };
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('conversations')
        .values({
          id: conversationId,
          workspace_id: channel.workspaceId,
          site_id: null,
          visitor_id: input.visitorId,
          channel: channel.kind,
          status: 'open',
          assignee_id: null,
          assignee: null,
          page: null,
          last_seq: 1,
          last_message: null,
          visitor_read_seq: 0,
          agent_read_seq: 0,
          created_at: at,
          updated_at: at,
          team_id: channel.teamId,
          social: JSON.stringify(input.social),
        })
        .execute();
      await trx.insertInto('events').values(eventRow).execute();
      // Last, and in the same transaction: if another delivery opened this thread meanwhile, the
      // key is taken and nothing of this attempt is kept.
      await trx
        .insertInto('channel_threads')
        .values({ channel_id: channel.id, thread_key: input.threadKey, workspace_id: channel.workspaceId, conversation_id: conversationId, created_at: at })
        .execute();
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await findThread(db, channel.id, input.threadKey);
    if (!existing) throw error;
    return { conversationId: existing, opened: null };
  }
  return { conversationId, opened: toEvent(eventRow) };
}

export async function threadOf(db: Kysely<Database>, workspaceId: string, conversationId: string) {
  const row = await db
    .selectFrom('channel_threads')
    .select(['channel_id', 'thread_key'])
    .where('conversation_id', '=', conversationId)
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at', 'asc')
    .limit(1)
    .executeTakeFirst();
  return row ? { channelId: row.channel_id, threadKey: row.thread_key } : null;
}
