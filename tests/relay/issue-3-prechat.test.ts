/**
 * Issue 3, pre-chat form and consent over real sockets and a real SQLite file: the site's form
 * reaches the widget in `welcome`, the visitor's answers and consent are stored once however
 * often the widget retries, are acked after commit, and show to agents with the conversation.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationSummary } from '@eyelevel/shared';
import { startRelay, TEST_ORIGIN, type RelayHarness } from '../support/relay-harness.js';
import { connectAgent, connectVisitor } from '../support/clients.js';

let harness: RelayHarness;
let siteKey: string;

const PRECHAT = {
  fields: ['name', 'email', 'topic'] as Array<'name' | 'email' | 'topic'>,
  required: ['email'] as Array<'email'>,
  topics: ['Orders', 'Returns'],
  privacyText: 'I agree that Acme stores my details to answer me.',
  privacyUrl: 'https://shop.example/privacy',
};

beforeEach(async () => {
  harness = await startRelay({ routing: { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 } });
  const { site } = await harness.storage.tenants.createSite({
    workspaceId: harness.tenant.workspaceId,
    name: 'Shop with a form',
    allowedOrigins: [TEST_ORIGIN],
    settings: { prechat: PRECHAT },
  });
  siteKey = site.publicKey;
});
afterEach(async () => {
  await harness?.close();
});

describe('pre-chat form and consent', () => {
  it('sends the form in welcome and stores answers and consent once, however often they are retried', async () => {
    const { socket, welcome } = await connectVisitor(harness.wsUrl, siteKey);
    const prechat = (welcome.site as { prechat: typeof PRECHAT & { textVersion: string } }).prechat;
    expect(prechat).toMatchObject(PRECHAT);
    expect(prechat.textVersion).toMatch(/^[\w-]{12}$/);

    const profile = {
      type: 'profile',
      id: 'prechat-1',
      name: 'Dana',
      email: 'dana@example.com',
      topic: 'Returns',
      consent: { at: 1_700_000_000_000, textVersion: prechat.textVersion },
    };
    socket.send(profile);
    socket.send(profile);
    const acks = [
      await socket.next((f) => f.type === 'ack'),
      await socket.next((f) => f.type === 'ack', 5000, socket.frames.findIndex((f) => f.type === 'ack') + 1),
    ];
    expect(acks[0]!.seq).toBe(acks[1]!.seq);
    const conversationId = String(acks[0]!.conversationId);

    // A reconnecting widget resends its outbox with the same id: still one record.
    socket.close();
    const again = await connectVisitor(harness.wsUrl, siteKey, { token: String(welcome.token), lastSeq: 0 });
    again.socket.send(profile);
    const thirdAck = await again.socket.next((f) => f.type === 'ack');
    expect(thirdAck.seq).toBe(acks[0]!.seq);

    const log = await harness.storage.events.read(harness.tenant.workspaceId, conversationId, 0, 100);
    const records = log.filter((e) => e.kind === 'profile');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      name: 'Dana',
      email: 'dana@example.com',
      topic: 'Returns',
      consent: { at: 1_700_000_000_000, textVersion: prechat.textVersion, text: PRECHAT.privacyText },
      clientId: 'prechat-1',
    });
    // The visitor gets their own record back in the log.
    await again.socket.next((f) => f.type === 'event' && (f.event as { kind: string }).kind === 'profile');

    const { welcome: agentWelcome } = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    const summary = (agentWelcome.queue as ConversationSummary[]).find((c) => c.id === conversationId)!;
    expect(summary.prechat).toEqual({ name: 'Dana', email: 'dana@example.com', topic: 'Returns' });
    expect(summary.consent).toEqual({ at: 1_700_000_000_000, textVersion: prechat.textVersion, text: PRECHAT.privacyText });
    expect(summary.visitor).toMatchObject({ name: 'Dana', email: 'dana@example.com' });
    expect(summary.verified).toBe(false);
  });

  it('refuses a topic the site does not offer, and keeps consent to an outdated text without the text', async () => {
    const { socket } = await connectVisitor(harness.wsUrl, siteKey);
    socket.send({ type: 'profile', id: 'p1', topic: 'Something else' });
    const error = await socket.next((f) => f.type === 'error');
    expect(error).toMatchObject({ code: 'BAD_REQUEST', ref: 'p1' });
    socket.send({ type: 'profile', id: 'p2', email: 'x@example.com', consent: { at: 1, textVersion: 'old-version' } });
    const ack = await socket.next((f) => f.type === 'ack');
    const stored = await harness.storage.conversations.get(harness.tenant.workspaceId, String(ack.conversationId));
    expect(stored!.consent).toEqual({ at: 1, textVersion: 'old-version', text: null });
    socket.send({ type: 'profile', id: 'p3', name: '<b>x</b>'.repeat(30) });
    expect((await socket.next((f) => f.type === 'error' && f.ref === 'p3')).code).toBe('BAD_REQUEST');
  });
});
