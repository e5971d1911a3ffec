/**
 * The review entries of a log (issue 6): a `draft` keeps its text in the `body` column like a
 * message, a `review` decision its fields as JSON in `data`. Neither changes the conversation
 * row: a draft is not an answer (the visitor still waits), and the approved text arrives later
 * as an ordinary message that does.
 */
import type { ConversationEvent } from '@eyelevel/shared';
import type { ReviewRecordBody } from '../records.js';

type ReviewFields = Omit<Extract<ReviewRecordBody, { kind: 'review' }>, 'kind'>;

export function reviewRecordData(body: ReviewRecordBody): string | null {
  if (body.kind === 'draft') return null;
  const { kind: _kind, ...fields } = body;
  return JSON.stringify(fields);
}

export function toReviewEvent(
  kind: 'draft' | 'review',
  base: { seq: number; at: number; author: ConversationEvent['author'] },
  body: string | null,
  data: string | null,
  clientId: string | null,
): ConversationEvent {
  if (kind === 'draft') return { ...base, kind: 'draft', text: body ?? '', clientId };
  const fields = JSON.parse(data ?? '{}') as ReviewFields;
  return {
    ...base,
    kind: 'review',
    decision: fields.decision,
    draftSeq: fields.draftSeq,
    text: fields.text ?? null,
    note: fields.note ?? null,
    clientId,
  };
}
