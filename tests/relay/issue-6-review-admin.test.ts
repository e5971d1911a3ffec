/**
 * Issue 6, the admin API for four-eyes review, over real HTTP, real sockets and a real SQLite
 * file: admins and leads set review policies per scope (workspace, channel, team, site) and the
 * "in training" flag; agents get 403; a scope id or agent of another workspace is 404; bodies
 * are validated strictly. And it matters: with a site policy for trainees, a trainee's web chat
 * reply waits as a draft, and once the flag is cleared the next reply goes out at once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReviewPolicyView, ReviewRules } from '@eyelevel/shared';
import { startRelay, type RelayHarness } from '../support/relay-harness.js';
import { connectAgent, connectVisitor } from '../support/clients.js';
import { adminRequest, adminToken, answerTo, createChannel } from '../support/channels.js';

const NONE: ReviewRules = { all: false, trainees: false, keywords: [], highReachAuthors: [] };

let harness: RelayHarness;
let admin: string;

beforeEach(async () => {
  harness = await startRelay({ routing: { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 } });
  admin = await adminToken(harness);
});
afterEach(async () => {
  await harness?.close();
});

describe('review policies through the admin API', () => {
  it('admins and leads set them per scope, agents may not; scopes of other workspaces are 404; bodies are strict', async () => {
    const agent = await harness.login(harness.tenant.agentEmail);
    expect((await adminRequest(harness, agent, 'GET', '/review-policies')).status).toBe(403);
    expect((await adminRequest(harness, agent, 'PUT', '/review-policies/workspace', { ...NONE, all: true })).status).toBe(403);
    const lead = (await harness.addAgent(harness.tenant, { initials: 'le', role: 'lead' })).token;

    expect(await adminRequest(harness, lead, 'PUT', '/review-policies/workspace', { ...NONE, keywords: ['refund'] })).toMatchObject({
      status: 200,
      json: { scope: 'workspace', scopeId: null, rules: { keywords: ['refund'] } },
    });
    const channel = await createChannel(harness, admin, { kind: 'webhook', name: 'Forum', credentials: { signingSecret: 'whsec-review-admin-0123' } });
    const team = (await adminRequest(harness, admin, 'POST', '/teams', { name: 'Social care' })).json as { id: string };
    expect((await adminRequest(harness, lead, 'PUT', `/review-policies/channel/${channel.id}`, { ...NONE, all: true })).status).toBe(200);
    expect((await adminRequest(harness, admin, 'PUT', `/review-policies/team/${team.id}`, { ...NONE, highReachAuthors: ['@bigname'] })).status).toBe(200);
    expect((await adminRequest(harness, admin, 'PUT', `/review-policies/site/${harness.tenant.siteId}`, { ...NONE, trainees: true })).status).toBe(200);

    const listed = (await adminRequest(harness, lead, 'GET', '/review-policies')).json as unknown as ReviewPolicyView[];
    expect(listed.map((p) => [p.scope, p.label]).sort()).toEqual([
      ['channel', 'Forum'],
      ['site', 'Acme web'],
      ['team', 'Social care'],
      ['workspace', 'Whole workspace'],
    ]);
    // The stored policies are what the relay applies.
    expect(await harness.storage.reviews.policies(harness.tenant.workspaceId)).toHaveLength(4);

    const other = await harness.addTenant('Other');
    expect(await adminRequest(harness, admin, 'PUT', `/review-policies/site/${other.siteId}`, NONE)).toMatchObject({ status: 404 });
    expect(await adminRequest(harness, admin, 'PUT', `/review-policies/galaxy/${team.id}`, NONE)).toMatchObject({ status: 404 });
    const unknownKey = await adminRequest(harness, admin, 'PUT', '/review-policies/workspace', { ...NONE, everything: true });
    expect(unknownKey.status).toBe(400);
    const missing = await adminRequest(harness, admin, 'PUT', '/review-policies/workspace', { all: true });
    expect(missing.status).toBe(400);
    expect((await adminRequest(harness, admin, 'PUT', '/review-policies/workspace', { ...NONE, keywords: [''] })).status).toBe(400);

    expect((await adminRequest(harness, lead, 'DELETE', `/review-policies/channel/${channel.id}`)).status).toBe(204);
    expect((await adminRequest(harness, lead, 'DELETE', '/review-policies/workspace')).status).toBe(204);
    const after = (await adminRequest(harness, admin, 'GET', '/review-policies')).json as unknown as ReviewPolicyView[];
    expect(after.map((p) => p.scope).sort()).toEqual(['site', 'team']);
  });

  it('the training flag: set by a lead, a trainee’s web reply waits for review; cleared, replies go out at once', async () => {
    const lead = (await harness.addAgent(harness.tenant, { initials: 'le', role: 'lead' })).token;
    const trainee = await harness.addAgent(harness.tenant, { initials: 'tr' });
    expect((await adminRequest(harness, trainee.token, 'PUT', `/trainees/${trainee.id}`, { inTraining: false })).status).toBe(403);
    expect((await adminRequest(harness, lead, 'PUT', `/review-policies/site/${harness.tenant.siteId}`, { ...NONE, trainees: true })).status).toBe(200);
    const flagged = await adminRequest(harness, lead, 'PUT', `/trainees/${trainee.id}`, { inTraining: true });
    expect(flagged).toMatchObject({ status: 200, json: { agentId: trainee.id, inTraining: true } });
    expect((await adminRequest(harness, lead, 'GET', '/trainees')).json).toEqual([{ agentId: trainee.id, since: expect.any(Number) }]);

    const { socket: visitor } = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    visitor.send({ type: 'send', id: 'v1', text: 'Hello?' });
    const ack = await visitor.next((f) => f.type === 'ack' && f.id === 'v1');
    const { socket: agent } = await connectAgent(harness.wsUrl, trainee.token);
    const conversationId = ack.conversationId as string;

    agent.send({ type: 'send', conversationId, id: 'r1', text: 'Hi, how can I help?' });
    const held = await answerTo(agent, 'r1');
    const log = () => harness.storage.events.read(harness.tenant.workspaceId, conversationId, 0, 100);
    expect((await log()).find((e) => e.seq === held.seq)).toMatchObject({ kind: 'draft' });

    expect(await adminRequest(harness, lead, 'PUT', `/trainees/${trainee.id}`, { inTraining: false })).toMatchObject({ status: 200, json: { inTraining: false, since: null } });
    agent.send({ type: 'send', conversationId, id: 'r2', text: 'Hi again!' });
    const sent = await answerTo(agent, 'r2');
    expect((await log()).find((e) => e.seq === sent.seq)).toMatchObject({ kind: 'message', text: 'Hi again!' });

    const other = await harness.addTenant('Other');
    const stranger = await harness.addAgent(other, { initials: 'st' });
    expect((await adminRequest(harness, lead, 'PUT', `/trainees/${stranger.id}`, { inTraining: true })).status).toBe(404);
    expect((await adminRequest(harness, lead, 'PUT', `/trainees/${trainee.id}`, { inTraining: 'yes' })).status).toBe(400);
    visitor.close();
    agent.close();
  });
});
