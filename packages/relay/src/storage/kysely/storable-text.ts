/**
 * Text as both databases can store it. Postgres refuses a NUL character in text and cannot
 * decode an unpaired surrogate from JSON; one such entry in a batched append would fail the
 * whole batch (its neighbours then retry one by one). The edge already refuses both in message
 * text (`messageTextSchema`); this guard covers text that arrives any other way (a social
 * network's post, a webhook), so SQLite and Postgres store the same replacement character.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function storableText(text: string): string {
  return text.replace(UNSTORABLE, '\uFFFD');
}
