/**
 * Conversations over Kysely: creation (with the `opened` event as seq 1), lookup, the queue
 * listing and read markers.
 */
import type { Kysely } from 'kysely';
import type { Visitor } from '../records.js';
import type { Author, ConversationEvent } from '@eyelevel/shared';
import type { Database } from '../database-schema.js';
import type { ConversationStore } from '../storage.js';
import type { Conversation, JobContext, PageContext } from '../records.js';
import { newId } from '../../ids.js';
import { toConversation, toEvent } from './row-mappers.js';
import { waitingSince } from './waiting-since.js';
import { openCallbacks } from './open-callbacks.js';
import { pendingDrafts, pendingLeadDrafts } from './pending-drafts.js';
import type { NewRow, NewRowWriter } from './new-rows.js';

export const SYSTEM_AUTHOR: Author = {
  kind: 'system',
  id: null,
  name: null,
  initials: null,
  avatarUrl: null,
  role: null,
};

export class KyselyConversationStore implements ConversationStore {
  constructor(
    private readonly db: Kysely<Database>,
    /** The driver's own writer for new rows (SQLite: the append worker), if it has one. */
    private readonly newRows: NewRowWriter | null = null,
  ) {}

  async findLatestForVisitor(workspaceId: string, visitorId: string) {
    const row = await this.selectWithVisitor()
      .where('conversations.workspace_id', '=', workspaceId)
      .where('conversations.visitor_id', '=', visitorId)
      .where('conversations.channel', '=', 'web')
      .orderBy('conversations.created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toConversation(row) : null;
  }

  async create(input: {
    workspaceId: string;
    siteId: string | null;
    visitor: Visitor;
    channel: Conversation['channel'];
    page: PageContext | null;
    teamId?: string | null;
    job?: JobContext | null;
    at: number;
  }) {
    const row = {
      id: newId(),
      workspace_id: input.workspaceId,
      site_id: input.siteId,
      visitor_id: input.visitor.id,
      channel: input.channel,
      status: 'open',
      assignee_id: null,
      assignee: null,
      page: input.page ? JSON.stringify(input.page) : null,
      last_seq: 1,
      last_message: null,
      visitor_read_seq: 0,
      agent_read_seq: 0,
      created_at: input.at,
      updated_at: input.at,
      team_id: input.teamId ?? null,
      priority: 'normal',
      assigned_at: null,
      agent_replied_at: null,
      escalated_at: null,
      snoozed_until: null,
      job: input.job ? JSON.stringify(input.job) : null,
    };
    const eventRow = {
      conversation_id: row.id,
      seq: 1,
      workspace_id: input.workspaceId,
      kind: 'status',
      author_kind: 'system',
      author_id: null,
      author: JSON.stringify(SYSTEM_AUTHOR),
      client_id: null,
      body: null,
      data: JSON.stringify({ change: 'opened', status: 'open', assignee: null }),
      created_at: input.at,
    };
    const rows: NewRow[] = [
      { table: 'conversations', row },
      { table: 'events', row: eventRow },
    ];
    if (this.newRows) {
      await this.newRows.insertTogether(rows);
    } else {
      await this.db.transaction().execute(async (trx) => {
        await trx.insertInto('conversations').values(row).execute();
        await trx.insertInto('events').values(eventRow).execute();
      });
    }
    const opened: ConversationEvent = toEvent(eventRow);
    // Read back rather than assemble: the row joins the visitor's contact (identity).
    const conversation = await this.get(input.workspaceId, row.id);
    if (!conversation) throw new Error(`conversation ${row.id} vanished after its insert`);
    return { conversation, opened };
  }

  async get(workspaceId: string, conversationId: string) {
    const row = await this.selectWithVisitor()
      .select(waitingSince)
      .where('conversations.id', '=', conversationId)
      .where('conversations.workspace_id', '=', workspaceId)
      .executeTakeFirst();
    return row ? toConversation(row) : null;
  }

  async listQueue(workspaceId: string, limit: number) {
    const rows = await this.selectWithVisitor()
      .select(waitingSince)
      .where('conversations.workspace_id', '=', workspaceId)
      .where('conversations.status', '!=', 'resolved')
      .orderBy('conversations.updated_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toConversation);
  }

  private selectWithVisitor() {
    return this.db
      .selectFrom('conversations')
      .innerJoin('visitors', 'visitors.id', 'conversations.visitor_id')
      .leftJoin('contacts', 'contacts.id', 'visitors.contact_id')
      .selectAll('conversations')
      .select(openCallbacks)
      .select(pendingDrafts)
      .select(pendingLeadDrafts)
      .select([
        'visitors.name as visitor_name',
        'visitors.email as visitor_email',
        'contacts.external_id as contact_external_id',
        'contacts.name as contact_name',
        'contacts.email as contact_email',
        'contacts.verified_by as contact_verified_by',
      ]);
  }

  async markRead(workspaceId: string, conversationId: string, side: 'visitor' | 'agent', seq: number) {
    const column = side === 'visitor' ? 'visitor_read_seq' : 'agent_read_seq';
    // Only ever raise the marker, and never past the log's end: a client cannot claim to have
    // read what does not exist.
    const result = await this.db
      .updateTable('conversations')
      .set({ [column]: seq })
      .where('id', '=', conversationId)
      .where('workspace_id', '=', workspaceId)
      .where(column, '<', seq)
      .where('last_seq', '>=', seq)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0 ? seq : null;
  }
}
