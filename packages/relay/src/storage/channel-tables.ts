/**
 * The social channels' tables (issue 5, migration 0006) as Kysely sees them. Kept beside
 * database-schema.ts so the channel side of the schema reads in one place.
 */
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<number, number, number>;

export interface ChannelsTable {
  id: string;
  workspace_id: string;
  kind: string;
  name: string;
  handle: string | null;
  account_id: string | null;
  base_url: string | null;
  team_id: string | null;
  /** JSON ChannelSettings. */
  settings: string;
  /** Sealed (AES-256-GCM) JSON of the credentials. */
  credentials: string;
  /** Sealed JSON of a session the relay obtained, or null. */
  session: string | null;
  /** JSON of the connector's cursors and what the platform told it. */
  state: string;
  status: string;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ChannelAuthorsTable {
  id: string;
  workspace_id: string;
  channel_id: string;
  platform_user_id: string;
  handle: string;
  name: string | null;
  url: string | null;
  visitor_id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ChannelThreadsTable {
  channel_id: string;
  thread_key: string;
  workspace_id: string;
  conversation_id: string;
  created_at: Timestamp;
}

export interface ChannelItemsTable {
  channel_id: string;
  platform_id: string;
  event: string;
  workspace_id: string;
  author_id: string | null;
  status: string;
  conversation_id: string | null;
  seq: number | null;
  reply_context: string | null;
  received_at: Timestamp;
}

export interface ChannelPostsTable {
  id: string;
  workspace_id: string;
  channel_id: string;
  conversation_id: string;
  agent_id: string;
  client_id: string;
  reply_seq: number | null;
  text: string;
  reply_to: string | null;
  reply_context: string | null;
  status: string;
  attempts: ColumnType<number, number | undefined, number>;
  platform_id: string | null;
  url: string | null;
  error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
