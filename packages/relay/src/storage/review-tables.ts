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
}
