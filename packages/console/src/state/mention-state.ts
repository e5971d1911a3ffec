/**
 * Mentions of this agent in colleagues' notes. Announced when they arrive, and kept in a short
 * list in the top bar until the agent opens the conversation they are about.
 */
import type { Author } from '@eyelevel/shared';

/** Older mentions beyond this many are dropped: the list is a to-do, not an archive. */
const MAX_MENTIONS = 30;

export interface Mention {
  readonly key: string;
  readonly conversationId: string;
  readonly seq: number;
  readonly from: Author;
  readonly at: number;
  readonly read: boolean;
}

export function addMention(
  mentions: readonly Mention[],
  notice: { conversationId: string; seq: number; from: Author },
  at: number,
): readonly Mention[] {
  const key = `${notice.conversationId}:${notice.seq}`;
  if (mentions.some((mention) => mention.key === key)) return mentions;
  return [{ key, ...notice, at, read: false }, ...mentions].slice(0, MAX_MENTIONS);
}

export function readMentionsOf(mentions: readonly Mention[], conversationId: string): readonly Mention[] {
  if (!mentions.some((mention) => mention.conversationId === conversationId && !mention.read)) return mentions;
  return mentions.map((mention) => (mention.conversationId === conversationId ? { ...mention, read: true } : mention));
}

export function unreadMentions(mentions: readonly Mention[]): number {
  return mentions.filter((mention) => !mention.read).length;
}
