/**
 * Social channels over Kysely (issue 5): the channel records here, threads, items and posts in
 * the files beside this one. Every workspace-facing read takes the workspace id; only the
 * webhook entry point looks a channel up by its id alone, and then acts in its workspace.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../database-schema.js';
import type { ChannelChanges, ChannelItem, ChannelPost, ChannelRecord, ChannelStatus, ChannelStore, NewChannelRecord, NewThreadConversation, PostStatus } from '../channel-store.js';
import { toChannel } from './channel-rows.js';
import * as threads from './channel-threads.js';
import * as items from './channel-items.js';
import * as posts from './channel-posts.js';

export class KyselyChannelStore implements ChannelStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(channel: NewChannelRecord, at: number): Promise<ChannelRecord> {
    await this.db
      .insertInto('channels')
      .values({
        id: channel.id,
        workspace_id: channel.workspaceId,
        kind: channel.kind,
        name: channel.name,
        handle: channel.handle,
        account_id: channel.accountId,
        base_url: channel.baseUrl,
        team_id: channel.teamId,
        settings: JSON.stringify(channel.settings),
        credentials: channel.sealedCredentials,
        session: null,
        state: '{}',
        status: 'active',
        last_error: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    return (await this.getById(channel.id))!;
  }

  async get(workspaceId: string, channelId: string) {
    const row = await this.db
      .selectFrom('channels')
      .selectAll()
      .where('id', '=', channelId)
      .where('workspace_id', '=', workspaceId)
      .where('status', '!=', 'removed')
      .executeTakeFirst();
    return row ? toChannel(row) : null;
  }

  async getById(channelId: string) {
    const row = await this.db.selectFrom('channels').selectAll().where('id', '=', channelId).where('status', '!=', 'removed').executeTakeFirst();
    return row ? toChannel(row) : null;
  }

  async list(workspaceId: string) {
    const rows = await this.db
      .selectFrom('channels')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('status', '!=', 'removed')
      .orderBy('created_at', 'asc')
      .execute();
    return rows.map(toChannel);
  }

  async listAll() {
    const rows = await this.db.selectFrom('channels').selectAll().where('status', '!=', 'removed').execute();
    return rows.map(toChannel);
  }

  async update(workspaceId: string, channelId: string, changes: ChannelChanges, at: number) {
    await this.db
      .updateTable('channels')
      .set({
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.handle !== undefined ? { handle: changes.handle } : {}),
        ...(changes.accountId !== undefined ? { account_id: changes.accountId } : {}),
        ...(changes.baseUrl !== undefined ? { base_url: changes.baseUrl } : {}),
        ...(changes.teamId !== undefined ? { team_id: changes.teamId } : {}),
        ...(changes.settings !== undefined ? { settings: JSON.stringify(changes.settings) } : {}),
        ...(changes.sealedCredentials !== undefined ? { credentials: changes.sealedCredentials, session: null } : {}),
        ...(changes.status !== undefined ? { status: changes.status, last_error: null } : {}),
        updated_at: at,
      })
      .where('id', '=', channelId)
      .where('workspace_id', '=', workspaceId)
      .where('status', '!=', 'removed')
      .execute();
    return this.get(workspaceId, channelId);
  }

  async remove(workspaceId: string, channelId: string, at: number) {
    const result = await this.db
      .updateTable('channels')
      .set({ status: 'removed', credentials: '', session: null, updated_at: at })
      .where('id', '=', channelId)
      .where('workspace_id', '=', workspaceId)
      .where('status', '!=', 'removed')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async saveState(channelId: string, state: Record<string, unknown>, at: number) {
    await this.db.updateTable('channels').set({ state: JSON.stringify(state), updated_at: at }).where('id', '=', channelId).execute();
  }

  async saveSession(channelId: string, sealedSession: string | null, at: number) {
    await this.db.updateTable('channels').set({ session: sealedSession, updated_at: at }).where('id', '=', channelId).execute();
  }

  async setHealth(channelId: string, status: ChannelStatus, lastError: string | null, at: number) {
    await this.db
      .updateTable('channels')
      .set({ status, last_error: lastError, updated_at: at })
      .where('id', '=', channelId)
      // Health never overrides an admin's pause or a removal.
      .where('status', 'in', ['active', 'failing'])
      .execute();
  }

  authorVisitor(input: Parameters<ChannelStore['authorVisitor']>[0]) {
    return threads.authorVisitor(this.db, input);
  }
  findThread(channelId: string, threadKey: string) {
    return threads.findThread(this.db, channelId, threadKey);
  }
  linkThread(channel: ChannelRecord, threadKey: string, conversationId: string, at: number) {
    return threads.linkThread(this.db, channel, threadKey, conversationId, at);
  }
  openThread(input: NewThreadConversation) {
    return threads.openThread(this.db, input);
  }
  threadOf(workspaceId: string, conversationId: string) {
    return threads.threadOf(this.db, workspaceId, conversationId);
  }

  findItem(channelId: string, platformId: string, event: string) {
    return items.findItem(this.db, channelId, platformId, event);
  }
  recordItem(workspaceId: string, item: ChannelItem) {
    return items.recordItem(this.db, workspaceId, item);
  }
  countRecent(channelId: string, authorId: string, since: number, status: 'queued' | 'held') {
    return items.countRecent(this.db, channelId, authorId, since, status);
  }
  latestInbound(conversationId: string) {
    return items.latestInbound(this.db, conversationId);
  }
  itemAt(conversationId: string, seq: number) {
    return items.itemAt(this.db, conversationId, seq);
  }

  createPost(post: Omit<ChannelPost, 'attempts' | 'platformId' | 'url' | 'error' | 'updatedAt'>) {
    return posts.createPost(this.db, post);
  }
  getPost(postId: string) {
    return posts.getPost(this.db, postId);
  }
  postAt(conversationId: string, replySeq: number) {
    return posts.postAt(this.db, conversationId, replySeq);
  }
  setPostSeq(postId: string, replySeq: number, at: number) {
    return posts.setPostSeq(this.db, postId, replySeq, at);
  }
  transitionPost(postId: string, from: PostStatus[], to: PostStatus, at: number) {
    return posts.transitionPost(this.db, postId, from, to, at);
  }
  finishPost(postId: string, result: Parameters<ChannelStore['finishPost']>[1], at: number) {
    return posts.finishPost(this.db, postId, result, at);
  }
  isOwnPost(channelId: string, platformId: string) {
    return posts.isOwnPost(this.db, channelId, platformId);
  }
  conversationOfPost(channelId: string, platformId: string) {
    return posts.conversationOfPost(this.db, channelId, platformId);
  }
  unfinishedPosts(before: number, limit: number) {
    return posts.unfinishedPosts(this.db, before, limit);
  }
}
