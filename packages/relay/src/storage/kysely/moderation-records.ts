/**
 * The moderation entries of a log (issue 6): a `moderation` entry keeps its fields as JSON in
 * `data`; a `held` message keeps its text in `body` like a message and where it came from in
 * `data`. Neither changes the conversation's row, so a held message never makes anyone wait.
 */
import type { ConversationEvent } from '@eyelevel/shared';
import type { ModerationRecordBody } from '../records.js';

type ModerationFields = Omit<Extract<ModerationRecordBody, { kind: 'moderation' }>, 'kind'>;
type HeldFields = Omit<Extract<ModerationRecordBody, { kind: 'held' }>, 'kind' | 'text'>;

export function moderationRecordData(body: ModerationRecordBody): string {
  if (body.kind === 'held') return JSON.stringify({ platformId: body.platformId, url: body.url });
  const { kind: _kind, ...fields } = body;
  return JSON.stringify(fields);
}

export function toModerationEvent(
  kind: 'moderation' | 'held',
  base: { seq: number; at: number; author: ConversationEvent['author'] },
  body: string | null,
  data: string | null,
  clientId: string | null,
): ConversationEvent {
  if (kind === 'held') {
    const fields = JSON.parse(data ?? '{}') as HeldFields;
    return { ...base, kind: 'held', text: body ?? '', platformId: fields.platformId ?? null, url: fields.url ?? null, clientId };
  }
  const fields = JSON.parse(data ?? '{}') as ModerationFields;
  return { ...base, kind: 'moderation', action: fields.action, targetSeq: fields.targetSeq ?? null, note: fields.note ?? null, clientId };
}
