/**
 * Helpers for the social-channel flows (issue 5): an admin to connect channels through the real
 * admin API, and shorthands for what the agent's socket receives about social conversations.
 */
import type { ConversationEvent, ConversationSummary } from '@eyelevel/shared';
import type { RelayHarness } from './relay-harness.js';
import type { Frame, TestSocket } from './test-socket.js';
import { ANN, type FakeMastodon } from './fake-platforms/mastodon.js';

export async function adminToken(harness: RelayHarness): Promise<string> {
  return (await harness.addAgent(harness.tenant, { initials: 'adm', role: 'admin' })).token;
}

export async function adminRequest(harness: RelayHarness, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${harness.url}/api/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

export async function createChannel(harness: RelayHarness, token: string, body: Record<string, unknown>): Promise<{ id: string; webhookPath: string | null }> {
  const created = await adminRequest(harness, token, 'POST', '/channels', body);
  if (created.status !== 201) throw new Error(`creating the channel failed: ${created.status} ${created.text}`);
  return created.json as { id: string; webhookPath: string | null };
}

export const eventOf = (frame: Frame) => frame.event as ConversationEvent;
export const summaryOf = (frame: Frame) => frame.conversation as ConversationSummary;

/** The queue row of the first conversation of this channel kind the agent hears about. */
export async function conversationOn(socket: TestSocket, channel: string, from = 0): Promise<ConversationSummary> {
  const frame = await socket.next((f) => f.type === 'conversation' && summaryOf(f).channel === channel, 5000, from);
  return summaryOf(frame);
}

/** A Mastodon channel on the fake, polled only when a test asks (so nothing arrives unbidden). */
export const polledMastodonChannel = (mastodon: FakeMastodon) => ({
  kind: 'mastodon' as const,
  name: 'Mastodon @brand',
  baseUrl: mastodon.url,
  streaming: false,
  pollSeconds: 3600,
  credentials: { accessToken: mastodon.token },
});

/**
 * A polled Mastodon channel with Ann's mention (`html`) in the queue, as `socket` (an agent's)
 * hears it: where the review tests start.
 */
export async function mastodonMentionInQueue(harness: RelayHarness, token: string, mastodon: FakeMastodon, socket: TestSocket, html: string): Promise<ConversationSummary> {
  const channel = await createChannel(harness, token, polledMastodonChannel(mastodon));
  mastodon.mention(ANN, html);
  await adminRequest(harness, token, 'POST', `/channels/${channel.id}/poll`);
  return conversationOn(socket, 'mastodon');
}

/** The `social` log entry of a given action in a conversation. */
export function socialEntry(socket: TestSocket, conversationId: string, action: string, from = 0) {
  return socket.next(
    (f) => f.type === 'event' && f.conversationId === conversationId && eventOf(f).kind === 'social' && (eventOf(f) as { action?: string }).action === action,
    5000,
    from,
  );
}

/** The ack (or error) answering a frame id. */
export function answerTo(socket: TestSocket, id: string, from = 0) {
  return socket.next((f) => (f.type === 'ack' && f.id === id) || (f.type === 'error' && f.ref === id), 8000, from);
}
