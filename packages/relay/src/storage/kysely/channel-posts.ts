/**
 * Outbound replies over Kysely (issue 5). A reply is stored before the platform is called and
 * moves queued → sending → sent | failed with conditional updates, so two nodes (or a retry
 * racing a first attempt) can never both post it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../database-schema.js';
import type { ChannelPost, PostStatus } from '../channel-store.js';
import { isUniqueViolation } from './unique-violation.js';
import { toPost } from './channel-rows.js';

export async function createPost(
  db: Kysely<Database>,
  post: Omit<ChannelPost, 'attempts' | 'platformId' | 'url' | 'error' | 'updatedAt'>,
): Promise<ChannelPost> {
  const existing = () =>
    db
      .selectFrom('channel_posts')
      .selectAll()
      .where('conversation_id', '=', post.conversationId)
      .where('agent_id', '=', post.agentId)
      .where('client_id', '=', post.clientId)
      .executeTakeFirst();
  const found = await existing();
  if (found) return toPost(found);
  try {
    await db
      .insertInto('channel_posts')
      .values({
        id: post.id,
        workspace_id: post.workspaceId,
        channel_id: post.channelId,
        conversation_id: post.conversationId,
        agent_id: post.agentId,
        client_id: post.clientId,
        reply_seq: post.replySeq,
        text: post.text,
        reply_to: post.replyTo,
        reply_context: post.replyContext ? JSON.stringify(post.replyContext) : null,
        status: post.status,
        attempts: 0,
        platform_id: null,
        url: null,
        error: null,
        created_at: post.createdAt,
        updated_at: post.createdAt,
      })
      .execute();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const raced = await existing();
    if (raced) return toPost(raced);
    throw error;
  }
  return { ...post, attempts: 0, platformId: null, url: null, error: null, updatedAt: post.createdAt };
}

export async function getPost(db: Kysely<Database>, postId: string) {
  const row = await db.selectFrom('channel_posts').selectAll().where('id', '=', postId).executeTakeFirst();
  return row ? toPost(row) : null;
}

export async function postAt(db: Kysely<Database>, conversationId: string, replySeq: number) {
  const row = await db
    .selectFrom('channel_posts')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('reply_seq', '=', replySeq)
    .executeTakeFirst();
  return row ? toPost(row) : null;
}

export async function setPostSeq(db: Kysely<Database>, postId: string, replySeq: number, at: number) {
  await db.updateTable('channel_posts').set({ reply_seq: replySeq, updated_at: at }).where('id', '=', postId).execute();
}

export async function transitionPost(db: Kysely<Database>, postId: string, from: PostStatus[], to: PostStatus, at: number) {
  const result = await db
    .updateTable('channel_posts')
    .set((eb) => ({
      status: to,
      updated_at: at,
      ...(to === 'sending' ? { attempts: eb('attempts', '+', 1) } : {}),
    }))
    .where('id', '=', postId)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function finishPost(
  db: Kysely<Database>,
  postId: string,
  result: { status: 'sent' | 'failed' | 'abandoned'; platformId?: string | null; url?: string | null; error?: string | null },
  at: number,
) {
  await db
    .updateTable('channel_posts')
    .set({
      status: result.status,
      platform_id: result.platformId ?? null,
      url: result.url ?? null,
      error: result.error ?? null,
      updated_at: at,
    })
    .where('id', '=', postId)
    .execute();
}

export async function isOwnPost(db: Kysely<Database>, channelId: string, platformId: string) {
  return (await conversationOfPost(db, channelId, platformId)) !== null;
}

export async function conversationOfPost(db: Kysely<Database>, channelId: string, platformId: string) {
  const row = await db
    .selectFrom('channel_posts')
    .select('conversation_id')
    .where('channel_id', '=', channelId)
    .where('platform_id', '=', platformId)
    .executeTakeFirst();
  return row?.conversation_id ?? null;
}

export async function unfinishedPosts(db: Kysely<Database>, before: number, limit: number) {
  const rows = await db
    .selectFrom('channel_posts')
    .selectAll()
    .where('updated_at', '<', before)
    .where('status', 'in', ['queued', 'sending'])
    .orderBy('updated_at', 'asc')
    .limit(limit)
    .execute();
  return rows.map(toPost);
}
