/**
 * Client-chosen message ids: the key that makes a resent message idempotent on the relay.
 * `crypto.randomUUID` exists only in secure contexts, and widgets also run on plain-http pages,
 * so the id is built from `getRandomValues`, which exists everywhere.
 */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let id = 'w-' + Date.now().toString(36) + '-';
  for (const byte of bytes) id += (byte % 36).toString(36);
  return id;
}
