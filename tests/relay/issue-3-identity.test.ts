/**
 * Issue 3, identity verification over real sockets and a real SQLite file: a visitor the host
 * site vouched for (HMAC of the id, or an HS256 JWT) becomes a verified contact the agents see
 * as such; a bad hash, an expired token or another algorithm leaves the visitor anonymous; and
 * an unverified visitor never gets into a verified contact's conversation.
 */
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationSummary } from '@eyelevel/shared';
import { startRelay, type RelayHarness } from '../support/relay-harness.js';
import { connectAgent, connectVisitor } from '../support/clients.js';
import type { TestSocket } from '../support/test-socket.js';

let harness: RelayHarness;
let secret: string;

beforeEach(async () => {
  harness = await startRelay({ routing: { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 } });
  secret = (await harness.storage.contacts.identitySecret(harness.tenant.workspaceId, harness.tenant.siteId))!;
});
afterEach(async () => {
  await harness?.close();
});

const hmac = (id: string, key = secret) => createHmac('sha256', key).update(id).digest('hex');
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
function jwt(claims: object, { alg = 'HS256', key = secret } = {}): string {
  const head = b64({ alg, typ: 'JWT' });
  const body = b64(claims);
  return `${head}.${body}.${createHmac('sha256', key).update(`${head}.${body}`).digest('base64url')}`;
}
const inFiveMinutes = () => Math.floor(Date.now() / 1000) + 300;

/** A visitor says hello with an identity and writes once; returns welcome, ack and socket. */
async function visitorWith(identity: Record<string, unknown> | undefined, token?: string) {
  const { socket, welcome } = await connectVisitor(harness.wsUrl, harness.tenant.siteKey, {
    ...(token ? { token } : {}),
    hello: identity ? { identity } : {},
  });
  return { socket, welcome };
}

async function write(socket: TestSocket, id: string, text: string) {
  socket.send({ type: 'send', id, text });
  return socket.next((f) => (f.type === 'ack' && f.id === id) || f.type === 'error');
}

async function summaryAtAgent(conversationId: string): Promise<ConversationSummary> {
  const { welcome } = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
  const summary = (welcome.queue as ConversationSummary[]).find((c) => c.id === conversationId);
  if (!summary) throw new Error('conversation not in the agent queue');
  return summary;
}

describe('identity verification', () => {
  it('a correct HMAC makes a verified contact the agent sees with the host site user id', async () => {
    const { socket, welcome } = await visitorWith({ id: 'user-1042', name: 'Dana Schmidt', email: 'dana@example.com', hash: hmac('user-1042') });
    expect(welcome).toMatchObject({ type: 'welcome', verified: true });
    const ack = await write(socket, 'm1', 'Hello, I am signed in');
    const summary = await summaryAtAgent(String(ack.conversationId));
    expect(summary.verified).toBe(true);
    expect(summary.identity).toEqual({ id: 'user-1042', name: 'Dana Schmidt', email: 'dana@example.com', verifiedBy: 'hash' });
    expect(summary.visitor.name).toBe('Dana Schmidt');
  });

  it('a valid HS256 JWT verifies too, and its signed claims win over the fields beside it', async () => {
    const token = jwt({ sub: 'user-7', name: 'Signed Name', email: 'signed@example.com', exp: inFiveMinutes() });
    const { socket, welcome } = await visitorWith({ id: 'user-7', name: 'Typed Name', jwt: token });
    expect(welcome.verified).toBe(true);
    const ack = await write(socket, 'm1', 'hi');
    const summary = await summaryAtAgent(String(ack.conversationId));
    expect(summary.identity).toEqual({ id: 'user-7', name: 'Signed Name', email: 'signed@example.com', verifiedBy: 'jwt' });
  });

  it.each([
    ['a bad hash', () => ({ id: 'user-1042', name: 'Mallory', hash: hmac('user-1042', 'sk_wrong') })],
    ['a hash of another id', () => ({ id: 'user-1042', hash: hmac('user-1043') })],
    ['an expired JWT', () => ({ id: 'user-1042', jwt: jwt({ sub: 'user-1042', exp: Math.floor(Date.now() / 1000) - 3600 }) })],
    ['a JWT with alg none', () => ({ id: 'user-1042', jwt: `${b64({ alg: 'none' })}.${b64({ sub: 'user-1042', exp: inFiveMinutes() })}.x` })],
    ['a JWT with alg HS512', () => ({ id: 'user-1042', jwt: jwt({ sub: 'user-1042', exp: inFiveMinutes() }, { alg: 'HS512' }) })],
    ['a JWT signed with another key', () => ({ id: 'user-1042', jwt: jwt({ sub: 'user-1042', exp: inFiveMinutes() }, { key: 'sk_other' }) })],
    ['a JWT for another subject', () => ({ id: 'user-1042', jwt: jwt({ sub: 'user-9', exp: inFiveMinutes() }) })],
    ['a JWT without exp', () => ({ id: 'user-1042', jwt: jwt({ sub: 'user-1042' }) })],
    ['no proof at all', () => ({ id: 'user-1042', name: 'Mallory' })],
  ])('%s leaves the visitor anonymous and unverified', async (_name, identity) => {
    const { socket, welcome } = await visitorWith(identity());
    expect(welcome).toMatchObject({ type: 'welcome', verified: false });
    const ack = await write(socket, 'm1', 'let me in');
    const summary = await summaryAtAgent(String(ack.conversationId));
    expect(summary.verified).toBe(false);
    expect(summary.identity).toBeNull();
  });

  it('an unverified visitor claiming a verified id is never merged into that contact', async () => {
    const real = await visitorWith({ id: 'user-1042', name: 'Dana', hash: hmac('user-1042') });
    const realAck = await write(real.socket, 'm1', 'my private order question');
    real.socket.close();

    const fake = await visitorWith({ id: 'user-1042', name: 'Dana', hash: hmac('user-1042', 'sk_guess') });
    expect(fake.welcome.verified).toBe(false);
    // A new anonymous visitor: not the contact's visitor, no conversation, no replay of Dana's.
    expect(fake.welcome.visitorId).not.toBe(real.welcome.visitorId);
    expect(fake.welcome.conversationId).toBeNull();
    const fakeAck = await write(fake.socket, 'm1', 'show me her messages');
    expect(fakeAck.conversationId).not.toBe(realAck.conversationId);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const texts = fake.socket.ofType('event').map((f) => (f.event as { text?: string }).text);
    expect(texts).not.toContain('my private order question');

    // Dana again, from another device: the same contact, the same conversation.
    const again = await visitorWith({ id: 'user-1042', hash: hmac('user-1042') });
    expect(again.welcome).toMatchObject({ verified: true, visitorId: real.welcome.visitorId, conversationId: realAck.conversationId });
    expect(typeof again.welcome.token).toBe('string');
  });

  it("a verified session's token alone is refused, so a signed-out browser starts over", async () => {
    const dana = await visitorWith({ id: 'user-1042', hash: hmac('user-1042') });
    await write(dana.socket, 'm1', 'hello');
    dana.socket.close();
    const token = String(dana.welcome.token);
    const withoutProof = await visitorWith(undefined, token);
    expect(withoutProof.welcome).toMatchObject({ type: 'error', code: 'UNAUTHORIZED' });
    expect(await withoutProof.socket.closedPromise).toBe(4001);
    const withProof = await visitorWith({ id: 'user-1042', hash: hmac('user-1042') }, token);
    expect(withProof.welcome).toMatchObject({ type: 'welcome', verified: true, token: null, visitorId: dana.welcome.visitorId });
  });

  it('identify after hello moves an anonymous visitor to the contact, leaving the anonymous chat behind', async () => {
    const { socket, welcome } = await visitorWith(undefined);
    const anonymousAck = await write(socket, 'a1', 'before signing in');
    socket.send({ type: 'identify', id: 'user-55', name: 'Sam', hash: hmac('user-55') });
    const second = await socket.next((f) => f.type === 'welcome' && f !== welcome);
    expect(second).toMatchObject({ verified: true, conversationId: null });
    expect(second.visitorId).not.toBe(welcome.visitorId);
    expect(typeof second.token).toBe('string');
    const verifiedAck = await write(socket, 'v1', 'after signing in');
    expect(verifiedAck.conversationId).not.toBe(anonymousAck.conversationId);
    const summary = await summaryAtAgent(String(verifiedAck.conversationId));
    expect(summary.identity?.id).toBe('user-55');
    const anonymous = await summaryAtAgent(String(anonymousAck.conversationId));
    expect(anonymous.verified).toBe(false);
  });

  it('refuses malformed identities at the edge', async () => {
    const { socket } = await visitorWith(undefined);
    socket.send({ type: 'identify', id: 'u1', hash: 'not-hex' });
    const error = await socket.next((f) => f.type === 'error');
    expect(error.code).toBe('BAD_REQUEST');
    socket.send({ type: 'identify', id: 'u1\u0000', hash: hmac('u1') });
    await socket.next((f) => f.type === 'error' && f !== error);
  });
});
