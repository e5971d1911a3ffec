/**
 * @mentions in private notes: colleagues are named by their initials (`@an`), which the relay
 * resolves and notifies. While the agent types `@a…` the composer offers matching colleagues;
 * picking one puts their initials in the text.
 */
import type { DirectoryAgent } from '@eyelevel/shared';

export interface MentionQuery {
  /** What follows the `@` so far. */
  readonly prefix: string;
  /** Where the `@` is in the text. */
  readonly start: number;
}

/** The `@word` the caret is in, if any. */
export function mentionAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const match = /(^|[\s(])@([a-zA-Z]{0,4})$/.exec(before);
  if (!match) return null;
  const prefix = match[2] ?? '';
  return { prefix: prefix.toLowerCase(), start: caret - prefix.length - 1 };
}

export function mentionCandidates(agents: Iterable<DirectoryAgent>, prefix: string, selfId: string | null, limit = 6): DirectoryAgent[] {
  const lower = prefix.toLowerCase();
  const found: DirectoryAgent[] = [];
  for (const agent of agents) {
    if (agent.id === selfId) continue;
    if (agent.initials.startsWith(lower) || agent.name.toLowerCase().split(/\s+/).some((word) => word.startsWith(lower))) {
      found.push(agent);
    }
  }
  return found.sort((a, b) => a.initials.localeCompare(b.initials)).slice(0, limit);
}

/** The text with the `@prefix` at `query` replaced by `@initials `, and where the caret goes. */
export function insertMention(text: string, query: MentionQuery, initials: string): { text: string; caret: number } {
  const end = query.start + 1 + query.prefix.length;
  const inserted = `@${initials} `;
  return { text: text.slice(0, query.start) + inserted + text.slice(end), caret: query.start + inserted.length };
}
