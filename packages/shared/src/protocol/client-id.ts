/**
 * Client-chosen message ids: the key that makes a resent frame idempotent on the relay.
 *
 * The id begins with its creation time, so the relay's idempotency index (which leads with the
 * client id) grows at its right edge and a group commit's entries share its pages instead of
 * each dirtying a random one (docs/benchmarks.md). The random tail keeps ids unguessable and
 * unique across tabs. `crypto.randomUUID` exists only in secure contexts, and widgets and
 * consoles also run on plain-http pages, so the tail comes from `getRandomValues`.
 */
export function newClientId(prefix: string, now: number = Date.now()): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let id = `${prefix}-${now.toString(36)}-`;
  for (const byte of bytes) id += (byte % 36).toString(36);
  return id;
}
