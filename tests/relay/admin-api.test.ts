/**
 * Issue 4's admin REST API over real HTTP and a real SQLite file: only admins change things
 * (agents get 403, leads may read), another workspace's resources are 404, bodies are validated
 * with clear messages, a site's identity secret is shown once (on creation and rotation) and a
 * rotation makes the old one stop verifying; agents, teams and canned replies edited here reach
 * the consoles' directory; a deactivated agent can no longer sign in and their cases move on.
 */
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationEvent } from '@eyelevel/shared';
import { AGENT_PASSWORD, TEST_ORIGIN, startRelay, type RelayHarness } from '../support/relay-harness.js';
import { connectAgent, connectVisitor } from '../support/clients.js';

let harness: RelayHarness;
let admin: { id: string; email: string; token: string };

beforeEach(async () => {
  harness = await startRelay({ routing: { autoAssign: true, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 } });
  admin = await harness.addAgent(harness.tenant, { initials: 'ad', role: 'admin' });
});
afterEach(async () => {
  await harness?.close();
});

interface Answer {
  status: number;
  /** Parsed JSON; each test reads the fields it checks. */
  body: any;
}

async function api(token: string | null, method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${harness.url}/api/admin${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

describe('who may use the admin API', () => {
  it('needs a session, refuses agents and experts, lets leads read but not write', async () => {
    expect((await api(null, 'GET', '/agents')).status).toBe(401);
    expect((await api('at_forged', 'GET', '/agents')).status).toBe(401);
    const agent = await harness.login(harness.tenant.agentEmail);
    const refused = await api(agent, 'GET', '/agents');
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN', message: 'only admins and leads can see this' } } });
    expect((await api(agent, 'POST', '/teams', { name: 'Sneaky' })).status).toBe(403);
    const expert = await harness.addAgent(harness.tenant, { initials: 'ex', role: 'expert' });
    expect((await api(expert.token, 'GET', '/sites')).status).toBe(403);

    const lead = await harness.addAgent(harness.tenant, { initials: 'le', role: 'lead' });
    expect((await api(lead.token, 'GET', '/agents')).status).toBe(200);
    expect((await api(lead.token, 'GET', '/sites')).status).toBe(200);
    expect(await api(lead.token, 'POST', '/teams', { name: 'Leads only' })).toMatchObject({
      status: 403,
      body: { error: { message: 'only admins can change this' } },
    });
    expect((await api(lead.token, 'PATCH', `/agents/${lead.id}`, { capacity: 99 })).status).toBe(403);
  });

  it("answers 404 for another workspace's agents, teams, sites and canned replies, and never lists them", async () => {
    const other = await harness.addTenant('Other Co', ['https://other.example']);
    const otherAdmin = await harness.addAgent(other, { initials: 'oa', role: 'admin' });
    const team = (await api(otherAdmin.token, 'POST', '/teams', { name: 'Theirs' })).body;
    const reply = (await api(otherAdmin.token, 'POST', '/canned-replies', { shortcut: 'hi', title: 'Hi', body: 'Hi!' })).body;
    const site = (await api(otherAdmin.token, 'POST', '/sites', { name: 'Theirs', allowedOrigins: ['https://other.example'] })).body.site;

    for (const [method, path, body] of [
      ['PATCH', `/agents/${otherAdmin.id}`, { name: 'Hijacked' }],
      ['PATCH', `/teams/${team.id}`, { name: 'Hijacked' }],
      ['DELETE', `/teams/${team.id}`, undefined],
      ['GET', `/sites/${site.id}`, undefined],
      ['PATCH', `/sites/${site.id}`, { allowedOrigins: ['https://evil.example'] }],
      ['POST', `/sites/${site.id}/rotate-secret`, undefined],
      ['PATCH', `/canned-replies/${reply.id}`, { body: 'Hijacked' }],
      ['DELETE', `/canned-replies/${reply.id}`, undefined],
    ] as const) {
      const answer = await api(admin.token, method, path, body);
      expect({ method, path, status: answer.status, code: answer.body?.error?.code }).toEqual({ method, path, status: 404, code: 'NOT_FOUND' });
    }
    // A canned reply cannot be filed under another workspace's team either.
    expect((await api(admin.token, 'POST', '/canned-replies', { teamId: team.id, shortcut: 'x', title: 'X', body: 'x' })).status).toBe(400);
    const agents = (await api(admin.token, 'GET', '/agents')).body as Array<{ id: string }>;
    expect(agents.map((a) => a.id)).not.toContain(otherAdmin.id);
    expect((await api(admin.token, 'GET', '/sites')).body.map((s: { id: string }) => s.id)).not.toContain(site.id);
    expect((await harness.storage.admin.getAgentRecord(other.workspaceId, otherAdmin.id))!.name).not.toBe('Hijacked');
  });
});

describe('agents', () => {
  it('creates and edits agents with unique initials, and validates every field', async () => {
    const team = (await api(admin.token, 'POST', '/teams', { name: 'Customer Care' })).body;
    expect(team).toMatchObject({ slug: 'customer-care', name: 'Customer Care' });
    const created = await api(admin.token, 'POST', '/agents', {
      email: 'nora@example.com',
      name: 'Nora Berg',
      initials: 'NB',
      password: 'a long enough password',
      capacity: 3,
      teamIds: [team.id],
    });
    expect(created).toMatchObject({
      status: 201,
      body: { email: 'nora@example.com', initials: 'nb', role: 'agent', capacity: 3, teamIds: [team.id], active: true },
    });
    expect(JSON.stringify(created.body)).not.toContain('password');
    expect(await harness.login('nora@example.com', 'a long enough password')).toMatch(/^at_/);

    expect(await api(admin.token, 'POST', '/agents', { email: 'x@example.com', name: 'X', initials: 'nb', password: 'a long enough password' })).toMatchObject({
      status: 409,
      body: { error: { code: 'CONFLICT', message: 'initials "nb" are taken in this workspace' } },
    });
    const id = created.body.id as string;
    expect(await api(admin.token, 'PATCH', `/agents/${id}`, { initials: 'ab' })).toMatchObject({ status: 409 });
    expect(await api(admin.token, 'PATCH', `/agents/${id}`, { initials: 'n' })).toMatchObject({
      status: 400,
      body: { error: { code: 'BAD_REQUEST', message: 'initials: initials are 2 to 4 letters' } },
    });
    expect(await api(admin.token, 'PATCH', `/agents/${id}`, { capacity: -1 })).toMatchObject({ status: 400 });
    expect(await api(admin.token, 'PATCH', `/agents/${id}`, { avatarUrl: 'javascript:alert(1)' })).toMatchObject({ status: 400 });
    expect(await api(admin.token, 'PATCH', `/agents/${id}`, { role: 'owner' })).toMatchObject({ status: 400 });
    expect(await api(admin.token, 'PATCH', `/agents/${id}`, {})).toMatchObject({ status: 400, body: { error: { message: 'nothing to change' } } });
    expect(await api(admin.token, 'PATCH', `/agents/${id}`, '{"__proto__":{"role":"admin"}}')).toMatchObject({ status: 400 });
    expect(await api(admin.token, 'PATCH', `/agents/${id}`, 'not json')).toMatchObject({ status: 400 });

    const edited = await api(admin.token, 'PATCH', `/agents/${id}`, {
      name: 'Nora Lind',
      initials: 'nl',
      avatarUrl: 'https://cdn.example/nora.png',
      role: 'lead',
      capacity: 8,
      teamIds: [],
    });
    expect(edited).toMatchObject({
      status: 200,
      body: { name: 'Nora Lind', initials: 'nl', avatarUrl: 'https://cdn.example/nora.png', role: 'lead', capacity: 8, teamIds: [] },
    });
  });

  it('keeps one active admin, and refuses to deactivate yourself', async () => {
    const first = (await harness.storage.admin.listAgents(harness.tenant.workspaceId)).find((a) => a.initials === 'ab')!;
    expect(await api(admin.token, 'PATCH', `/agents/${admin.id}`, { role: 'agent' })).toMatchObject({
      status: 409,
      body: { error: { message: 'the workspace needs at least one active admin' } },
    });
    await api(admin.token, 'PATCH', `/agents/${first.id}`, { role: 'admin' });
    expect(await api(admin.token, 'PATCH', `/agents/${admin.id}`, { active: false })).toMatchObject({
      status: 409,
      body: { error: { message: 'you cannot deactivate yourself' } },
    });
    expect((await api(admin.token, 'PATCH', `/agents/${admin.id}`, { role: 'lead' })).status).toBe(200);
  });

  it('deactivates an agent: their console closes, they cannot sign in, their cases go to a colleague', async () => {
    const leaving = await harness.addAgent(harness.tenant, { initials: 'lv' });
    const leavingSocket = (await connectAgent(harness.wsUrl, leaving.token)).socket;
    const visitor = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    visitor.socket.send({ type: 'send', id: 'v1', text: 'help please' });
    const conversationId = (await visitor.socket.next((f) => f.type === 'ack')).conversationId as string;
    await expect.poll(async () => (await harness.storage.conversations.get(harness.tenant.workspaceId, conversationId))?.assignee?.id).toBe(leaving.id);

    const staying = await harness.addAgent(harness.tenant, { initials: 'st' });
    const stayingSocket = (await connectAgent(harness.wsUrl, staying.token)).socket;
    await stayingSocket.next((f) => f.type === 'directory');
    const from = stayingSocket.frames.length;
    expect((await api(admin.token, 'PATCH', `/agents/${leaving.id}`, { active: false })).body).toMatchObject({ active: false, presence: 'offline' });

    expect(await leavingSocket.closedPromise).toBe(4011);
    await expect(harness.login(leaving.email)).rejects.toThrow(/401/);
    await expect.poll(async () => (await harness.storage.conversations.get(harness.tenant.workspaceId, conversationId))?.assignee?.id).toBe(staying.id);
    const events = await harness.storage.events.read(harness.tenant.workspaceId, conversationId, 0, 100);
    expect(events.filter((e): e is Extract<ConversationEvent, { kind: 'status' }> => e.kind === 'status').map((e) => [e.change, e.note ?? null])).toEqual([
      ['opened', null],
      ['assigned', null],
      ['unassigned', 'Agent LV was deactivated'],
      ['assigned', null],
    ]);
    // Colleagues' directories no longer offer them.
    const directory = await stayingSocket.next((f) => f.type === 'directory', 5000, from);
    expect((directory.agents as Array<{ id: string }>).map((a) => a.id)).not.toContain(leaving.id);

    // Reactivated, they can sign in again (with their old password).
    await api(admin.token, 'PATCH', `/agents/${leaving.id}`, { active: true });
    expect(await harness.login(leaving.email, AGENT_PASSWORD)).toMatch(/^at_/);
  });

  it("sends every console the new directory when agents, teams, canned replies or the target change, and renames an agent's live session", async () => {
    const agent = await harness.addAgent(harness.tenant, { initials: 'rn' });
    const socket = (await connectAgent(harness.wsUrl, agent.token)).socket;
    await socket.next((f) => f.type === 'directory');
    let from = socket.frames.length;
    const team = (await api(admin.token, 'POST', '/teams', { name: 'Recruiting', slug: 'jobs' })).body;
    await socket.next((f) => f.type === 'directory' && JSON.stringify(f.teams).includes('jobs'), 5000, from);
    from = socket.frames.length;
    await api(admin.token, 'POST', '/canned-replies', { teamId: team.id, shortcut: 'Hello', title: 'Greeting', body: 'Hi {visitor.name}!' });
    const withReply = await socket.next((f) => f.type === 'directory' && (f.cannedReplies as unknown[]).length === 1, 5000, from);
    expect(withReply.cannedReplies).toMatchObject([{ teamId: team.id, shortcut: 'hello', title: 'Greeting', body: 'Hi {visitor.name}!' }]);
    from = socket.frames.length;
    expect((await api(admin.token, 'PATCH', '/workspace', { firstResponseTargetMinutes: 2 })).body).toMatchObject({ firstResponseTargetMinutes: 2 });
    await socket.next((f) => f.type === 'directory' && (f.workspace as { firstResponseTargetMs: number }).firstResponseTargetMs === 120_000, 5000, from);

    await api(admin.token, 'PATCH', `/agents/${agent.id}`, { name: 'Renata New' });
    await socket.next((f) => f.type === 'directory' && JSON.stringify(f.agents).includes('Renata New'), 5000, from);
    const visitor = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    visitor.socket.send({ type: 'send', id: 'v1', text: 'hi' });
    const conversationId = (await visitor.socket.next((f) => f.type === 'ack')).conversationId as string;
    socket.send({ type: 'send', conversationId, id: 'a1', text: 'Hello!' });
    const reply = await visitor.socket.next((f) => f.type === 'event' && (f.event as { text?: string }).text === 'Hello!');
    expect((reply.event as { author: { name: string } }).author.name).toBe('Renata New');
  });
});

describe('canned replies and teams', () => {
  it('keeps shortcuts unique, edits and deletes them, and deleting a team takes its replies along', async () => {
    const team = (await api(admin.token, 'POST', '/teams', { name: 'Support' })).body;
    expect((await api(admin.token, 'POST', '/teams', { name: 'Support' })).status).toBe(409);
    const reply = (await api(admin.token, 'POST', '/canned-replies', { teamId: team.id, shortcut: 'ship', title: 'Shipping', body: 'It ships today.' })).body;
    expect(await api(admin.token, 'POST', '/canned-replies', { shortcut: 'ship', title: 'Again', body: 'x' })).toMatchObject({
      status: 409,
      body: { error: { message: 'the shortcut /ship is taken in this workspace' } },
    });
    expect(await api(admin.token, 'POST', '/canned-replies', { shortcut: 'bad shortcut!', title: 'x', body: 'x' })).toMatchObject({ status: 400 });
    expect(await api(admin.token, 'POST', '/canned-replies', { shortcut: 'empty', title: 'x', body: '   ' })).toMatchObject({ status: 400 });
    expect(await api(admin.token, 'POST', '/canned-replies', { shortcut: 'long', title: 'x', body: 'x'.repeat(5001) })).toMatchObject({ status: 400 });
    expect((await api(admin.token, 'PATCH', `/canned-replies/${reply.id}`, { body: 'It ships tomorrow.' })).body).toMatchObject({
      body: 'It ships tomorrow.',
      shortcut: 'ship',
    });
    await api(admin.token, 'POST', '/canned-replies', { shortcut: 'hello', title: 'Hello', body: 'Hello!' });
    expect((await api(admin.token, 'DELETE', `/teams/${team.id}`)).status).toBe(204);
    expect((await api(admin.token, 'GET', '/canned-replies')).body.map((r: { shortcut: string }) => r.shortcut)).toEqual(['hello']);
    expect((await api(admin.token, 'GET', '/teams')).body).toEqual([]);
  });
});

describe('sites', () => {
  it('shows the identity secret once, on creation and on rotation; the old secret stops verifying', async () => {
    const created = await api(admin.token, 'POST', '/sites', {
      name: 'Careers',
      allowedOrigins: [TEST_ORIGIN],
      settings: { title: 'Talk to recruiting', prechat: { fields: ['name', 'email'], required: ['email'] } },
    });
    expect(created.status).toBe(201);
    const { site, identitySecret } = created.body as { site: { id: string; publicKey: string }; identitySecret: string };
    expect(identitySecret).toMatch(/^sk_/);
    expect(site).toMatchObject({ name: 'Careers', allowedOrigins: [TEST_ORIGIN], settings: { title: 'Talk to recruiting' } });

    // Never again: not in the list, not in the site, not in an edit's answer.
    const listed = await api(admin.token, 'GET', '/sites');
    const fetched = await api(admin.token, 'GET', `/sites/${site.id}`);
    const edited = await api(admin.token, 'PATCH', `/sites/${site.id}`, { name: 'Careers page' });
    for (const answer of [listed, fetched, edited]) {
      expect(answer.status).toBe(200);
      expect(JSON.stringify(answer.body)).not.toContain(identitySecret);
      expect(JSON.stringify(answer.body)).not.toContain('identitySecret');
    }

    const hmac = (id: string, key: string) => createHmac('sha256', key).update(id).digest('hex');
    const hello = async (key: string) =>
      (await connectVisitor(harness.wsUrl, site.publicKey, { hello: { identity: { id: 'user-7', hash: hmac('user-7', key) } } })).welcome;
    expect(await hello(identitySecret)).toMatchObject({ type: 'welcome', verified: true });

    const rotated = await api(admin.token, 'POST', `/sites/${site.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    const fresh = rotated.body.identitySecret as string;
    expect(fresh).toMatch(/^sk_/);
    expect(fresh).not.toBe(identitySecret);
    expect(await hello(identitySecret)).toMatchObject({ type: 'welcome', verified: false });
    expect(await hello(fresh)).toMatchObject({ type: 'welcome', verified: true });
  });

  it('validates origins and settings, and a changed allowlist applies to the next connection', async () => {
    expect(await api(admin.token, 'POST', '/sites', { name: 'x', allowedOrigins: ['https://shop.example/'] })).toMatchObject({
      status: 400,
      body: { error: { message: 'allowedOrigins.0: an origin is scheme://host[:port], e.g. https://www.example.com' } },
    });
    expect(await api(admin.token, 'POST', '/sites', { name: 'x', allowedOrigins: [] })).toMatchObject({ status: 400 });
    expect(await api(admin.token, 'POST', '/sites', { name: 'x', allowedOrigins: ['javascript:alert(1)'] })).toMatchObject({ status: 400 });
    expect(
      await api(admin.token, 'POST', '/sites', {
        name: 'x',
        allowedOrigins: [TEST_ORIGIN],
        settings: { businessHours: { timeZone: 'Mars/Olympus', weekly: [] } },
      }),
    ).toMatchObject({ status: 400 });
    const { site } = (await api(admin.token, 'POST', '/sites', { name: 'Shop', allowedOrigins: ['https://a.example'] })).body;
    await expect(connectVisitor(harness.wsUrl, site.publicKey, { origin: TEST_ORIGIN })).rejects.toThrow(/403/);
    await api(admin.token, 'PATCH', `/sites/${site.id}`, { allowedOrigins: ['https://a.example', TEST_ORIGIN] });
    expect((await connectVisitor(harness.wsUrl, site.publicKey, { origin: TEST_ORIGIN })).welcome.type).toBe('welcome');
  });
});
