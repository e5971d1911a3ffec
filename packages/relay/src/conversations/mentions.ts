/**
 * @mentions in notes: agents are addressed by the initials they sign with (`@an`).
 */
const MENTION = /(?:^|[\s(])@([a-z]{2,4})\b/gi;

export function mentionedInitials(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(MENTION)) found.add(match[1]!.toLowerCase());
  return [...found];
}
