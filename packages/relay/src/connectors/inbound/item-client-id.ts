/**
 * The idempotency key an inbound post is appended with. Platform ids can be long or contain
 * characters client ids do not allow (Bluesky's `at://` URIs), so the key is a digest of the
 * channel, the platform id and the event: a redelivery after a crash finds the first copy.
 */
import { createHash } from 'node:crypto';

export function itemClientId(channelId: string, platformId: string, event: string): string {
  const digest = createHash('sha256').update(`${channelId}\n${platformId}\n${event}`).digest('base64url');
  return `in:${digest.slice(0, 40)}`;
}
