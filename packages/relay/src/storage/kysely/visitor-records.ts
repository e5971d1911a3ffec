/**
 * The log entries a visitor writes besides messages (issue 3): pre-chat answers with consent,
 * callback requests and ratings. They are stored like any entry (their fields as JSON in the
 * `data` column) and, for the summary, leave a copy on the conversation row in the same
 * statement that takes their seq.
 */
import type { Updateable } from 'kysely';
import type { ConversationEvent } from '@eyelevel/shared';
import type { ConversationsTable } from '../database-schema.js';
import type { EventBody, VisitorRecordBody } from '../records.js';

const RECORD_KINDS: ReadonlySet<string> = new Set(['profile', 'callback', 'csat']);

export function isVisitorRecord(body: EventBody): body is VisitorRecordBody {
  return RECORD_KINDS.has(body.kind);
}

/** The `data` column of a visitor record: its fields without the kind. */
export function visitorRecordData(body: VisitorRecordBody): string {
  const { kind: _kind, ...fields } = body;
  return JSON.stringify(fields);
}

/** What a visitor record changes on its conversation's row. */
export function visitorRecordChanges(body: VisitorRecordBody, at: number): Updateable<ConversationsTable> {
  switch (body.kind) {
    case 'profile':
      return {
        prechat: JSON.stringify({ name: body.name, email: body.email, topic: body.topic }),
        ...(body.consent ? { consent: JSON.stringify(body.consent) } : {}),
      };
    case 'csat':
      return { csat: JSON.stringify({ rating: body.rating, comment: body.comment, requestSeq: body.requestSeq, at }) };
    case 'callback':
      return {};
  }
}

/** A stored visitor record back as the event it was. */
export function toVisitorRecordEvent(
  kind: string,
  base: { seq: number; at: number; author: ConversationEvent['author'] },
  data: string | null,
  clientId: string | null,
): ConversationEvent {
  const fields = JSON.parse(data ?? '{}') as Record<string, unknown>;
  return { ...base, ...fields, kind, clientId } as ConversationEvent;
}
