/**
 * The spike-alert and outbound-webhook tables (issue 6, migration 0014) as Kysely sees them,
 * beside database-schema.ts like the channel and review tables.
 */
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<number, number, number>;
type Int = ColumnType<number, number, number>;

export interface SpikeRulesTable {
  id: string;
  workspace_id: string;
  /** JSON SpikeRuleSettings. */
  settings: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SpikeCountsTable {
  workspace_id: string;
  /** `site:<id>`, `channel:<id>` or `keyword:<term>`. */
  series: string;
  bucket_start: Timestamp;
  count: Int;
}

export interface SpikeAlertStateTable {
  workspace_id: string;
  rule_id: string;
  series: string;
  last_at: Timestamp;
  severity_rank: Int;
}

export interface SpikeAlertsTable {
  id: string;
  workspace_id: string;
  rule_id: string;
  /** JSON SpikeAlert. */
  alert: string;
  at: Timestamp;
}

export interface OutboundWebhooksTable {
  id: string;
  workspace_id: string;
  url: string;
  description: string;
  /** JSON array of event types. */
  events: string;
  /** AES-256-GCM sealed signing secret (security/secret-box.ts). */
  sealed_secret: string;
  created_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  id: string;
  workspace_id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  /** The exact JSON body POSTed (the same bytes on every retry). */
  payload: string;
  status: string;
  attempts: Int;
  next_attempt_at: Timestamp;
  /** A node working on the delivery holds it until then; 0 when nobody does. */
  claimed_until: Timestamp;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
