/**
 * The `social` log entry (issue 5): what a network did with a reply or a post. Stored like the
 * visitor records, its fields as JSON in the `data` column; it changes nothing on the
 * conversation's row, so the queue's order and status stay the agents' and visitors' doing.
 */
import type { ConversationEvent } from '@eyelevel/shared';
import type { SocialRecordBody } from '../records.js';

export function socialRecordData(body: SocialRecordBody): string {
  const { kind: _kind, ...fields } = body;
  return JSON.stringify(fields);
}

export function toSocialEvent(
  base: { seq: number; at: number; author: ConversationEvent['author'] },
  data: string | null,
  clientId: string | null,
): ConversationEvent {
  const fields = JSON.parse(data ?? '{}') as Omit<SocialRecordBody, 'kind'>;
  return {
    ...base,
    kind: 'social',
    action: fields.action,
    targetSeq: fields.targetSeq ?? null,
    platformId: fields.platformId ?? null,
    url: fields.url ?? null,
    error: fields.error ?? null,
    text: fields.text ?? null,
    note: fields.note ?? null,
    clientId,
  };
}
