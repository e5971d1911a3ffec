/**
 * Issue 2: hostile or broken input gets a clear error frame or HTTP 4xx and never crashes the
 * relay or corrupts what is stored. After each case the relay must still serve a normal send.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, PROTOCOL_VERSION } from '@eyelevel/shared';
import { startRelay, type RelayHarness } from '../support/relay-harness.js';
import { connectVisitor } from '../support/clients.js';

let harness: RelayHarness;

beforeAll(async () => {
  harness = await startRelay();
});
afterAll(async () => {
  await harness.close();
});

async function helloedVisitor() {
  const visitor = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
  expect(visitor.welcome.type).toBe('welcome');
  return visitor.socket;
}

/** The relay still works: a fresh visitor can send and gets an ack. */
async function expectRelayHealthy() {
  const socket = await helloedVisitor();
  socket.send({ type: 'send', id: 'health', text: 'still there?' });
  await socket.next((f) => f.type === 'ack' && f.id === 'health');
  socket.close();
  const health = await fetch(`${harness.url}/healthz`);
  expect(health.status).toBe(200);
}

describe('WebSocket frames', () => {
  it('closes a frame over the size limit with 1009 without reading it', async () => {
    const socket = await helloedVisitor();
    socket.sendRaw('x'.repeat(LIMITS.maxFrameBytes + 1));
    expect(await socket.closedPromise).toBe(1009);
    await expectRelayHealthy();
  });

  it('answers invalid JSON with a BAD_REQUEST error frame', async () => {
    const socket = await helloedVisitor();
    socket.sendRaw('{"type":"send",');
    const error = await socket.next((f) => f.type === 'error');
    expect(error).toMatchObject({ code: 'BAD_REQUEST', message: 'frame is not valid JSON' });
    await expectRelayHealthy();
  });

  it('refuses binary frames', async () => {
    const socket = await helloedVisitor();
    socket.sendRaw(Buffer.from(JSON.stringify({ type: 'ping' })), true);
    const error = await socket.next((f) => f.type === 'error');
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/binary/);
  });

  it('refuses an unknown frame type', async () => {
    const socket = await helloedVisitor();
    socket.send({ type: 'delete_everything' });
    const error = await socket.next((f) => f.type === 'error');
    expect(error.code).toBe('BAD_REQUEST');
  });

  it('refuses extra keys', async () => {
    const socket = await helloedVisitor();
    socket.send({ type: 'send', id: 'k1', text: 'hi', admin: true });
    const error = await socket.next((f) => f.type === 'error');
    expect(error).toMatchObject({ code: 'BAD_REQUEST', ref: 'k1' });
    expect(error.message).toMatch(/admin/);
  });

  it('refuses __proto__ keys', async () => {
    const socket = await helloedVisitor();
    socket.sendRaw('{"type":"send","id":"p1","text":"hi","__proto__":{"polluted":true}}');
    const error = await socket.next((f) => f.type === 'error');
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
    expect(error.message).toMatch(/__proto__/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a message over the length limit with MESSAGE_TOO_LONG and stores nothing', async () => {
    const socket = await helloedVisitor();
    socket.send({ type: 'send', id: 'long', text: 'a'.repeat(LIMITS.maxMessageLength + 1) });
    const error = await socket.next((f) => f.type === 'error');
    expect(error).toMatchObject({ code: 'MESSAGE_TOO_LONG', ref: 'long' });
    expect(socket.ofType('ack')).toEqual([]);
  });

  it('refuses a NUL character or an unpaired surrogate in a message with a clear error, and stores nothing', async () => {
    const socket = await helloedVisitor();
    socket.send({ type: 'send', id: 'nul', text: 'a \u0000 b' });
    socket.send({ type: 'send', id: 'lone', text: 'a \uD800 b' });
    for (const ref of ['nul', 'lone']) {
      const error = await socket.next((f) => f.type === 'error' && f.ref === ref);
      expect(error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('unpaired surrogates') });
    }
    expect(socket.ofType('ack')).toEqual([]);
  });

  it('refuses an empty message', async () => {
    const socket = await helloedVisitor();
    socket.send({ type: 'send', id: 'empty', text: '   ' });
    const error = await socket.next((f) => f.type === 'error');
    expect(error).toMatchObject({ code: 'BAD_REQUEST', ref: 'empty' });
  });

  it('answers a hello with an unknown site key with UNKNOWN_SITE and closes 4004', async () => {
    const { TestSocket } = await import('../support/test-socket.js');
    const socket = new TestSocket(`${harness.wsUrl}/ws/visitor?site=${harness.tenant.siteKey}`, {
      origin: 'https://shop.example',
    });
    await socket.opened;
    socket.send({ type: 'hello', v: PROTOCOL_VERSION, siteKey: 'pk_unknown' });
    const error = await socket.next((f) => f.type === 'error');
    expect(error.code).toBe('UNKNOWN_SITE');
    expect(await socket.closedPromise).toBe(4004);
  });

  it('requires hello before anything else', async () => {
    const { TestSocket } = await import('../support/test-socket.js');
    const socket = new TestSocket(`${harness.wsUrl}/ws/visitor?site=${harness.tenant.siteKey}`, {
      origin: 'https://shop.example',
    });
    await socket.opened;
    socket.send({ type: 'send', id: 'early', text: 'hi' });
    const error = await socket.next((f) => f.type === 'error');
    expect(error.code).toBe('HELLO_REQUIRED');
    expect(await socket.closedPromise).toBe(4002);
  });

  it('refuses an unsupported protocol version', async () => {
    const { TestSocket } = await import('../support/test-socket.js');
    const socket = new TestSocket(`${harness.wsUrl}/ws/visitor?site=${harness.tenant.siteKey}`, {
      origin: 'https://shop.example',
    });
    await socket.opened;
    socket.send({ type: 'hello', v: 99, siteKey: harness.tenant.siteKey });
    expect((await socket.next((f) => f.type === 'error')).code).toBe('UNSUPPORTED_VERSION');
    expect(await socket.closedPromise).toBe(4010);
  });

  it('survives all of the above and still serves normal traffic', async () => {
    await expectRelayHealthy();
  });
});

describe('HTTP', () => {
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${harness.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('answers a malformed login body with 400 and a message', async () => {
    const response = await post('/api/auth/login', '{"email":');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'BAD_REQUEST', message: 'request body is not valid JSON' } });
  });

  it('answers extra keys and __proto__ in a login body with 400', async () => {
    const extra = await post('/api/auth/login', JSON.stringify({ email: 'a@b.co', password: 'x', role: 'admin' }));
    expect(extra.status).toBe(400);
    const proto = await post('/api/auth/login', '{"email":"a@b.co","password":"x","__proto__":{}}');
    expect(proto.status).toBe(400);
  });

  it('answers a wrong password and an unknown e-mail the same way, with 401', async () => {
    const wrong = await post('/api/auth/login', JSON.stringify({ email: harness.tenant.agentEmail, password: 'wrong password' }));
    const unknown = await post('/api/auth/login', JSON.stringify({ email: 'nobody@example.com', password: 'wrong password' }));
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('answers an oversized body with 413', async () => {
    const response = await post('/api/auth/login', JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(LIMITS.maxFrameBytes) }));
    expect(response.status).toBe(413);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await fetch(`${harness.url}/api/nope`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });
});
