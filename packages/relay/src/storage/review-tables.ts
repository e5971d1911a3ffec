/**
 * The review tables (issue 6, migration 0008) as Kysely sees them, beside database-schema.ts
 * like the channel tables.
 */
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<number, number, number>;

export interface ReviewPoliciesTable {
  workspace_id: string;
  scope: string;
  /** '' for the workspace's own policy. */
  scope_id: string;
  /** JSON ReviewRules. */
  rules: string;
  updated_at: Timestamp;
}

export interface AgentTrainingTable {
  workspace_id: string;
  agent_id: string;
  since: Timestamp;
}

export interface ReviewDraftsTable {
  conversation_id: string;
  draft_seq: ColumnType<number, number, number>;
  workspace_id: string;
  author_id: string;
  text: string;
  status: string;
  reviewer_id: string | null;
  final_text: string | null;
  note: string | null;
  created_at: Timestamp;
  decided_at: Timestamp | null;
  /** Migration 0012: `colleague` or `lead`, and when a pending draft expires. */
  tier: ColumnType<string, string | undefined, string>;
  expires_at: Timestamp | null;
}

/** One row per workspace that changed a review setting (migration 0012). */
export interface ReviewSettingsTable {
  workspace_id: string;
  crisis_on: ColumnType<number, number | undefined, number>;
  crisis_since: Timestamp | null;
  /** JSON Author. */
  crisis_by: string | null;
  holding_statement: string | null;
  draft_expiry_ms: Timestamp | null;
  updated_at: Timestamp;
}
