/**
 * Spike rules, counts and alerts over Kysely (issue 6). Counts are added with an upsert
 * (`count = count + excluded.count`), so nodes never overwrite each other's minutes. `raise` is
 * one transaction: the (rule, series) state row is inserted, or updated only where the cooldown
 * has passed or the new severity is higher — Postgres checks that condition on the row it
 * locked, SQLite has one writer — and only when a row comes back are the alert and its webhook
 * deliveries written.
 */
import type { Kysely } from 'kysely';
import type { SpikeAlert, SpikeRule, SpikeRuleSettings } from '@eyelevel/shared';
import type { Database } from '../database-schema.js';
import type { AlertStore, CountIncrement, RaiseInput, SeriesBucket } from '../alert-store.js';
import { enqueueDeliveries } from './webhook-store.js';

/** Rows per INSERT when flushing counts (well under both dialects' parameter limits). */
const COUNT_BATCH = 200;

export class KyselyAlertStore implements AlertStore {
  constructor(private readonly db: Kysely<Database>) {}

  async listRules(workspaceId: string): Promise<SpikeRule[]> {
    const rows = await this.db.selectFrom('spike_rules').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at', 'asc').execute();
    return rows.map(toRule);
  }

  async getRule(workspaceId: string, ruleId: string): Promise<SpikeRule | null> {
    const row = await this.db.selectFrom('spike_rules').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', ruleId).executeTakeFirst();
    return row ? toRule(row) : null;
  }

  async createRule(workspaceId: string, id: string, settings: SpikeRuleSettings, at: number): Promise<SpikeRule> {
    await this.db
      .insertInto('spike_rules')
      .values({ id, workspace_id: workspaceId, settings: JSON.stringify(settings), created_at: at, updated_at: at })
      .execute();
    return { ...settings, id, createdAt: at, updatedAt: at };
  }

  async updateRule(workspaceId: string, ruleId: string, settings: SpikeRuleSettings, at: number): Promise<SpikeRule | null> {
    const result = await this.db
      .updateTable('spike_rules')
      .set({ settings: JSON.stringify(settings), updated_at: at })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', ruleId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 0 ? null : this.getRule(workspaceId, ruleId);
  }

  async deleteRule(workspaceId: string, ruleId: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const removed = await trx.deleteFrom('spike_rules').where('workspace_id', '=', workspaceId).where('id', '=', ruleId).executeTakeFirst();
      await trx.deleteFrom('spike_alert_state').where('workspace_id', '=', workspaceId).where('rule_id', '=', ruleId).execute();
      return Number(removed.numDeletedRows) > 0;
    });
  }

  async addCounts(increments: CountIncrement[]): Promise<void> {
    for (let i = 0; i < increments.length; i += COUNT_BATCH) {
      const batch = increments.slice(i, i + COUNT_BATCH);
      await this.db
        .insertInto('spike_counts')
        .values(batch.map((c) => ({ workspace_id: c.workspaceId, series: c.series, bucket_start: c.bucketStart, count: c.count })))
        .onConflict((oc) =>
          oc.columns(['workspace_id', 'bucket_start', 'series']).doUpdateSet((eb) => ({ count: eb('spike_counts.count', '+', eb.ref('excluded.count')) })),
        )
        .execute();
    }
  }

  async counts(workspaceId: string, since: number): Promise<SeriesBucket[]> {
    const rows = await this.db
      .selectFrom('spike_counts')
      .select(['series', 'bucket_start', 'count'])
      .where('workspace_id', '=', workspaceId)
      .where('bucket_start', '>=', since)
      .execute();
    return rows.map((row) => ({ series: row.series, bucketStart: Number(row.bucket_start), count: Number(row.count) }));
  }

  async pruneCounts(before: number): Promise<void> {
    await this.db.deleteFrom('spike_counts').where('bucket_start', '<', before).execute();
  }

  async raise(input: RaiseInput, now: number): Promise<boolean> {
    const { workspaceId, alert } = input;
    return this.db.transaction().execute(async (trx) => {
      const won = await trx
        .insertInto('spike_alert_state')
        .values({ workspace_id: workspaceId, rule_id: alert.ruleId, series: seriesKey(alert), last_at: now, severity_rank: input.rank })
        .onConflict((oc) =>
          oc
            .columns(['workspace_id', 'rule_id', 'series'])
            .doUpdateSet({ last_at: now, severity_rank: input.rank })
            .where((eb) =>
              eb.or([eb('spike_alert_state.last_at', '<=', now - input.cooldownMs), eb('spike_alert_state.severity_rank', '<', input.rank)]),
            ),
        )
        .returning('rule_id')
        .executeTakeFirst();
      if (!won) return false;
      await trx
        .insertInto('spike_alerts')
        .values({ id: alert.id, workspace_id: workspaceId, rule_id: alert.ruleId, alert: JSON.stringify(alert), at: alert.at })
        .execute();
      await enqueueDeliveries(trx, workspaceId, input.event, now);
      return true;
    });
  }

  async pruneAlerts(before: number): Promise<void> {
    await this.db.deleteFrom('spike_alerts').where('at', '<', before).execute();
  }

  async recentAlerts(workspaceId: string, since: number, limit: number): Promise<SpikeAlert[]> {
    const rows = await this.db
      .selectFrom('spike_alerts')
      .select('alert')
      .where('workspace_id', '=', workspaceId)
      .where('at', '>=', since)
      .orderBy('at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => JSON.parse(row.alert) as SpikeAlert);
  }
}

const seriesKey = (alert: SpikeAlert) => `${alert.series.kind}:${alert.series.id}`;

function toRule(row: { id: string; settings: string; created_at: number; updated_at: number }): SpikeRule {
  return { ...(JSON.parse(row.settings) as SpikeRuleSettings), id: row.id, createdAt: Number(row.created_at), updatedAt: Number(row.updated_at) };
}

