/**
 * The tables of moderation (issue 6, migration 0013), as Kysely sees them. `audit_log` only ever
 * gains rows: the database refuses updates and deletes.
 */
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<number, number, number>;
type OptionalInt = ColumnType<number | null, number | null, number | null>;

export interface AuditLogTable {
  id: string;
  workspace_id: string;
  at: Timestamp;
  actor_id: string;
  /** JSON { name, initials, role } of the actor when they acted. */
  actor: string;
  action: string;
  target_kind: string;
  target_id: string;
  target_seq: OptionalInt;
  conversation_id: string | null;
  reason: string;
  entry_seq: OptionalInt;
}

export interface BlocksTable {
  workspace_id: string;
  subject_kind: string;
  subject_id: string;
  conversation_id: string;
  reason: string;
  actor_id: string;
  created_at: Timestamp;
}

export interface WarnTemplatesTable {
  workspace_id: string;
  /** JSON array of WarnTemplate. */
  templates: string;
  updated_at: Timestamp;
}
