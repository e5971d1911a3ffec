/**
 * Canned replies in the composer: `/shortcut` at the start of a line offers the team's replies,
 * and picking one puts its text in the draft with the variables filled in, so the agent sees
 * (and can still edit) exactly what the visitor will read. Text only: the result goes through the
 * same composer and rendering as anything typed.
 */
import type { CannedReply } from '@eyelevel/shared';

export interface CannedValues {
  readonly visitorName: string | null;
  readonly visitorEmail: string | null;
  readonly agentName: string;
  readonly agentInitials: string;
}

export interface SlashQuery {
  readonly prefix: string;
  /** Where the `/` is. */
  readonly start: number;
}

/** The `/word` the caret is in, when it starts a line. */
export function slashAt(text: string, caret: number): SlashQuery | null {
  const match = /(^|\n)\/([a-z0-9_-]{0,32})$/i.exec(text.slice(0, caret));
  if (!match) return null;
  const prefix = (match[2] ?? '').toLowerCase();
  return { prefix, start: caret - prefix.length - 1 };
}

/** Replies for this conversation's team (and every team's), best match first. */
export function cannedCandidates(replies: readonly CannedReply[], prefix: string, teamId: string | null, limit = 8): CannedReply[] {
  const usable = replies.filter((reply) => reply.teamId === null || reply.teamId === teamId);
  const byShortcut = usable.filter((reply) => reply.shortcut.startsWith(prefix));
  const byTitle = usable.filter(
    (reply) => !byShortcut.includes(reply) && prefix !== '' && reply.title.toLowerCase().includes(prefix),
  );
  return [...byShortcut, ...byTitle].slice(0, limit);
}

/**
 * Fills in `{visitor.name}`, `{visitor.email}`, `{agent.name}` and `{agent.initials}`. An unknown
 * visitor name leaves no hole: "Hi {visitor.name}," becomes "Hi,". Anything else in braces stays.
 */
export function expandCanned(body: string, values: CannedValues): string {
  const table: Record<string, string> = {
    'visitor.name': values.visitorName?.trim() ?? '',
    'visitor.email': values.visitorEmail ?? '',
    'agent.name': values.agentName,
    'agent.initials': values.agentInitials,
  };
  return body
    .replace(/\{\s*(visitor\.name|visitor\.email|agent\.name|agent\.initials)\s*\}/g, (_, key: string) => table[key] ?? '')
    .replace(/[ \t]+([,.!?;:])/g, '$1')
    .replace(/[ \t]{2,}/g, ' ');
}

export function insertCanned(text: string, query: SlashQuery, expanded: string): { text: string; caret: number } {
  const end = query.start + 1 + query.prefix.length;
  return { text: text.slice(0, query.start) + expanded + text.slice(end), caret: query.start + expanded.length };
}
