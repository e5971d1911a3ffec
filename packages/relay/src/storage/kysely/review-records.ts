/**
 * The review entries of a log (issue 6): a `draft` keeps its text in the `body` column like a
 * message (and its tier in `data` when only a lead may decide), a `review` decision its fields
 * as JSON in `data`. Neither changes the conversation
 * row: a draft is not an answer (the visitor still waits), and the approved text arrives later
 * as an ordinary message that does.
 */
import type { ConversationEvent } from '@eyelevel/shared';
import type { ReviewRecordBody } from '../records.js';

type ReviewFields = Omit<Extract<ReviewRecordBody, { kind: 'review' }>, 'kind'>;

export function reviewRecordData(body: ReviewRecordBody): string | null {
  // A first-tier draft keeps `data` empty, as drafts did before tiers existed.
  if (body.kind === 'draft') return body.tier === 'lead' ? JSON.stringify({ tier: 'lead' }) : null;
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
  if (kind === 'draft') {
    const tier = data === null ? null : (JSON.parse(data) as { tier?: 'lead' }).tier;
    return { ...base, kind: 'draft', text: body ?? '', ...(tier === 'lead' ? { tier } : {}), clientId };
  }
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
