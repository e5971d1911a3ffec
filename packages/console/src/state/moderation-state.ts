/**
 * What moderation did to a conversation, derived from its log (issue 6), the way pending drafts
 * are: which messages are hidden or deleted now (and by whom, why), and whether the person is
 * blocked. The log is the record; nothing here is stored apart from it.
 */
import type { ConversationEvent } from '@eyelevel/shared';
import { describeAuthor } from './describe-author.js';

export interface EntryModeration {
  readonly state: 'hidden' | 'deleted';
  readonly by: string;
  readonly reason: string;
}

export interface ModerationState {
  readonly entries: ReadonlyMap<number, EntryModeration>;
  readonly blocked: boolean;
}

export function moderationState(log: readonly ConversationEvent[]): ModerationState {
  const entries = new Map<number, EntryModeration>();
  let blocked = false;
  for (const event of log) {
    // Social posts hidden or deleted on the platform (issue 5) count the same.
    const action = event.kind === 'moderation' ? event.action : event.kind === 'social' ? event.action : null;
    const target = event.kind === 'moderation' || event.kind === 'social' ? event.targetSeq : null;
    const note = event.kind === 'moderation' || event.kind === 'social' ? (event.note ?? '') : '';
    if (action === 'blocked') blocked = true;
    else if (action === 'unblocked') blocked = false;
    if (target === null) continue;
    if (action === 'hidden' || action === 'deleted') entries.set(target, { state: action, by: describeAuthor(event.author), reason: note });
    else if (action === 'unhidden' && entries.get(target)?.state === 'hidden') entries.delete(target);
  }
  return { entries, blocked };
}
