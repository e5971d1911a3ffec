/**
 * The change feed over Kysely: one query over conversations by workspace (the queue's index
 * leads with workspace_id) or by id, filtered on `updated_at`. It runs only while the bus is
 * degraded or right after a subscription starts, never on the send path.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../database-schema.js';
import type { ChangedConversation, ChangeFeed } from '../change-feed.js';

/** Keeps `IN (…)` lists well under every driver's bound-parameter limit. */
const MAX_IDS = 500;

export class KyselyChangeFeed implements ChangeFeed {
  constructor(private readonly db: Kysely<Database>) {}

  async changedSince(scope: { workspaceIds: string[]; conversationIds: string[] }, since: number, limit: number): Promise<ChangedConversation[]> {
    const found = new Map<string, ChangedConversation>();
    const run = async (column: 'workspace_id' | 'id', ids: string[]) => {
      for (let start = 0; start < ids.length; start += MAX_IDS) {
        const rows = await this.db
          .selectFrom('conversations')
          .select(['id', 'workspace_id', 'last_seq', 'created_at', 'updated_at'])
          .where(column, 'in', ids.slice(start, start + MAX_IDS))
          .where('updated_at', '>=', since)
          .orderBy('updated_at')
          .limit(limit)
          .execute();
        for (const row of rows) {
          found.set(row.id, {
            workspaceId: row.workspace_id,
            conversationId: row.id,
            lastSeq: Number(row.last_seq),
            createdAt: Number(row.created_at),
            updatedAt: Number(row.updated_at),
          });
        }
      }
    };
    await run('workspace_id', scope.workspaceIds);
    await run('id', scope.conversationIds);
    return [...found.values()].sort((a, b) => a.updatedAt - b.updatedAt).slice(0, limit);
  }
}
