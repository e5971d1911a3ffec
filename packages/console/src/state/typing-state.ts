/**
 * Who is typing where. A `typing on` can be the last thing a peer sends before its socket dies,
 * so every entry expires by itself instead of waiting for an `off` that may never come.
 */
import type { Author } from '@eyelevel/shared';

/** How long a `typing on` counts without being repeated. */
export const TYPING_TTL_MS = 6000;
/** How long a colleague counts as viewing without repeating it (consoles repeat every 30 s). */
export const VIEWING_TTL_MS = 75_000;
/** How often a console repeats which conversation it shows. */
export const VIEWING_REPEAT_MS = 30_000;

export interface TypingEntry {
  readonly key: string;
  readonly author: Author;
  readonly until: number;
}

export type TypingState = ReadonlyMap<string, readonly TypingEntry[]>;

export const emptyTyping: TypingState = new Map();

export function authorKey(author: Author): string {
  return `${author.kind}:${author.id ?? ''}`;
}

export function setTyping(
  typing: TypingState,
  conversationId: string,
  author: Author,
  on: boolean,
  now: number,
  /** How long `on` lasts unrepeated; viewers (collision) use the same map with a longer one. */
  ttlMs: number = TYPING_TTL_MS,
): TypingState {
  const key = authorKey(author);
  const others = (typing.get(conversationId) ?? []).filter((entry) => entry.key !== key);
  const entries = on ? [...others, { key, author, until: now + ttlMs }] : others;
  const next = new Map(typing);
  if (entries.length > 0) next.set(conversationId, entries);
  else next.delete(conversationId);
  return next;
}

/** Drop entries whose time ran out; returns `typing` itself when none did. */
export function expireTyping(typing: TypingState, now: number): TypingState {
  let next: Map<string, readonly TypingEntry[]> | null = null;
  for (const [conversationId, entries] of typing) {
    const alive = entries.filter((entry) => entry.until > now);
    if (alive.length === entries.length) continue;
    next ??= new Map(typing);
    if (alive.length > 0) next.set(conversationId, alive);
    else next.delete(conversationId);
  }
  return next ?? typing;
}
