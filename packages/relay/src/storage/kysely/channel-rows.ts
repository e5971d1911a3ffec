/**
 * Channel rows to records (issue 5). The JSON columns were written by the channel store, so
 * parsing them back is trusted; integers go through Number() for Postgres' bigint strings.
 */
import type { Selectable } from 'kysely';
import type { SocialNetwork } from '@eyelevel/shared';
import type { ChannelItemsTable, ChannelPostsTable, ChannelsTable } from '../channel-tables.js';
import type { ChannelItem, ChannelPost, ChannelRecord, ChannelSettings, ChannelStatus, PostStatus } from '../channel-store.js';

const json = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

export function toChannel(row: Selectable<ChannelsTable>): ChannelRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    kind: row.kind as SocialNetwork,
    name: row.name,
    handle: row.handle,
    accountId: row.account_id,
    baseUrl: row.base_url,
    teamId: row.team_id,
    settings: JSON.parse(row.settings) as ChannelSettings,
    sealedCredentials: row.credentials,
    sealedSession: row.session,
    state: JSON.parse(row.state) as Record<string, unknown>,
    status: row.status as ChannelStatus,
    lastError: row.last_error,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export function toItem(row: Selectable<ChannelItemsTable>): ChannelItem {
  return {
    channelId: row.channel_id,
    platformId: row.platform_id,
    event: row.event,
    authorId: row.author_id,
    status: row.status as ChannelItem['status'],
    conversationId: row.conversation_id,
    seq: row.seq === null ? null : Number(row.seq),
    replyContext: json<Record<string, string>>(row.reply_context),
    receivedAt: Number(row.received_at),
  };
}

export function toPost(row: Selectable<ChannelPostsTable>): ChannelPost {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    channelId: row.channel_id,
    conversationId: row.conversation_id,
    agentId: row.agent_id,
    clientId: row.client_id,
    replySeq: row.reply_seq === null ? null : Number(row.reply_seq),
    text: row.text,
    replyTo: row.reply_to,
    replyContext: json<Record<string, string>>(row.reply_context),
    status: row.status as PostStatus,
    attempts: Number(row.attempts),
    platformId: row.platform_id,
    url: row.url,
    error: row.error,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
