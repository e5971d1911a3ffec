/**
 * Review settings over Kysely (issue 6): one row per workspace, created by its first change.
 * Crisis mode switches with a conditional update, so two leads (or a lead and an alert rule on
 * another node) switching at once record one change.
 */
import type { Kysely } from 'kysely';
import type { Author } from '@eyelevel/shared';
import type { Database } from '../database-schema.js';
import {
  DEFAULT_DRAFT_EXPIRY_MS,
  DEFAULT_HOLDING_STATEMENT,
  type ReviewSettings,
  type ReviewSettingsStore,
} from '../review-settings-store.js';

export class KyselyReviewSettingsStore implements ReviewSettingsStore {
  constructor(private readonly db: Kysely<Database>) {}

  async get(workspaceId: string): Promise<ReviewSettings> {
    const row = await this.db.selectFrom('review_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
    return {
      crisis: {
        on: Number(row?.crisis_on ?? 0) === 1,
        since: row?.crisis_since == null ? null : Number(row.crisis_since),
        by: row?.crisis_by == null ? null : (JSON.parse(row.crisis_by) as Author),
      },
      holdingStatement: row?.holding_statement ?? DEFAULT_HOLDING_STATEMENT,
      draftExpiryMs: row?.draft_expiry_ms == null ? DEFAULT_DRAFT_EXPIRY_MS : Number(row.draft_expiry_ms),
    };
  }

  async setCrisis(workspaceId: string, on: boolean, by: Author, at: number): Promise<boolean> {
    await this.ensureRow(workspaceId, at);
    const result = await this.db
      .updateTable('review_settings')
      .set({ crisis_on: on ? 1 : 0, crisis_since: at, crisis_by: JSON.stringify(by), updated_at: at })
      .where('workspace_id', '=', workspaceId)
      .where('crisis_on', '=', on ? 0 : 1)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async update(workspaceId: string, changes: { holdingStatement?: string; draftExpiryMs?: number }, at: number): Promise<void> {
    await this.ensureRow(workspaceId, at);
    await this.db
      .updateTable('review_settings')
      .set({
        updated_at: at,
        ...(changes.holdingStatement !== undefined ? { holding_statement: changes.holdingStatement } : {}),
        ...(changes.draftExpiryMs !== undefined ? { draft_expiry_ms: changes.draftExpiryMs } : {}),
      })
      .where('workspace_id', '=', workspaceId)
      .execute();
  }

  private async ensureRow(workspaceId: string, at: number): Promise<void> {
    await this.db
      .insertInto('review_settings')
      .values({ workspace_id: workspaceId, crisis_on: 0, crisis_since: null, crisis_by: null, holding_statement: null, draft_expiry_ms: null, updated_at: at })
      .onConflict((oc) => oc.column('workspace_id').doNothing())
      .execute();
  }
}
