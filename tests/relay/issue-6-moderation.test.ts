/**
 * Issue 6, moderation and escalation decisions, over real sockets, a real SQLite file and the
 * fake Facebook: every action (hide, unhide, delete, warn, block, unblock, decide) leaves an audit
 * entry with actor, reason and time, and refuses to act without a reason; a web chat's hidden or
 * deleted message leaves the widget but stays stored for agents; a social post is hidden and
 * deleted on the platform; a blocked visitor's or author's new messages are held, not queued;
 * leads search the audit log, agents cannot, and nothing can change or remove an entry; a lead's
 * decision records the time since the escalation.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditPage, AuditQuery, ConversationEvent } from '@eyelevel/shared';
import { startRelay, type RelayHarness } from '../support/relay-harness.js';
import { connectAgent, connectVisitor } from '../support/clients.js';
import { adminRequest, adminToken, answerTo, conversationOn, createChannel, eventOf, summaryOf } from '../support/channels.js';
import { FB_ANN, FakeFacebook, PAGE, commentChange } from '../support/fake-platforms/facebook.js';
import type { TestSocket } from '../support/test-socket.js';

let harness: RelayHarness;

/** The storage's own query builder, reached past its interface to try what no API offers. */
interface RawDb {
  updateTable(table: 'audit_log'): { set(values: { reason: string }): { where(column: 'id', op: '=', value: string): { execute(): Promise<unknown> } } };
  deleteFrom(table: 'audit_log'): { execute(): Promise<unknown> };
}

beforeEach(async () => {
  harness = await startRelay({ routing: { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 } });
});
afterEach(async () => {
  await harness?.close();
});

const workspace = () => harness.tenant.workspaceId;
const log = (conversationId: string) => harness.storage.events.read(workspace(), conversationId, 0, 200);
const audit = async (query: AuditQuery = {}) => (await harness.storage.moderation.searchAudit(workspace(), query)).entries;

/** A web visitor who wrote once, the default agent (^ab) and a lead (^ld), all connected. */
async function webChat() {
  const agent = (await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail))).socket;
  const leadAccount = await harness.addAgent(harness.tenant, { initials: 'ld', role: 'lead' });
  const lead = (await connectAgent(harness.wsUrl, leadAccount.token)).socket;
  const { socket: visitor } = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
  visitor.send({ type: 'send', id: 'v1', text: 'You are all idiots' });
  const ack = await visitor.next((f) => f.type === 'ack' && f.id === 'v1');
  const conversation = await conversationOn(agent, 'web');
  return { agent, lead, leadId: leadAccount.id, leadToken: leadAccount.token, visitor, conversationId: conversation.id, messageSeq: ack.seq as number };
}

async function act(socket: TestSocket, frame: Record<string, unknown>) {
  socket.send(frame);
  return answerTo(socket, frame.id as string);
}

describe('moderation actions leave an audit trail', () => {
  it('hides and deletes a web chat message: gone from the widget, stored and marked for agents, audited', async () => {
    const { agent, lead, visitor, conversationId, messageSeq } = await webChat();
    const before = Date.now();

    const hidden = await act(agent, { type: 'moderate', conversationId, id: 'h1', action: 'hide', targetSeq: messageSeq, reason: 'insult' });
    expect(hidden.type).toBe('ack');
    // The widget is told to take the message away, without the reason.
    const seen = await visitor.next((f) => f.type === 'event' && eventOf(f).kind === 'moderation');
    expect(eventOf(seen)).toMatchObject({ kind: 'moderation', action: 'hidden', targetSeq: messageSeq, note: null, author: { kind: 'system' } });

    // Deleting is for leads.
    expect(await act(agent, { type: 'moderate', conversationId, id: 'd1', action: 'delete', targetSeq: messageSeq, reason: 'insult' })).toMatchObject({ type: 'error', code: 'FORBIDDEN' });
    expect((await act(lead, { type: 'moderate', conversationId, id: 'd2', action: 'delete', targetSeq: messageSeq, reason: 'defamatory' })).type).toBe('ack');
    // A deletion is not undone, and nothing hides or deletes it again.
    for (const action of ['unhide', 'hide', 'delete']) {
      expect(await act(lead, { type: 'moderate', conversationId, id: `x-${action}`, action, targetSeq: messageSeq, reason: 'again' })).toMatchObject({ type: 'error', code: 'CONFLICT' });
    }

    // Nothing disappears: the message is still in the log, followed by who did what and why.
    const entries = await log(conversationId);
    expect(entries.find((e) => e.seq === messageSeq)).toMatchObject({ kind: 'message', text: 'You are all idiots' });
    const lines = entries.flatMap((e) => (e.kind === 'moderation' ? [[e.action, e.author.initials, e.note, e.targetSeq]] : []));
    expect(lines).toEqual([
      ['hidden', 'ab', 'insult', messageSeq],
      ['deleted', 'ld', 'defamatory', messageSeq],
    ]);

    const rows = await audit({ conversation: conversationId });
    expect(rows.map((r) => [r.action, r.actor.initials, r.reason, r.target])).toEqual([
      ['delete', 'ld', 'defamatory', { kind: 'message', id: conversationId, seq: messageSeq }],
      ['hide', 'ab', 'insult', { kind: 'message', id: conversationId, seq: messageSeq }],
    ]);
    for (const row of rows) expect(row.at).toBeGreaterThanOrEqual(before);
    expect(rows.map((r) => r.entrySeq)).toEqual(entries.filter((e) => e.kind === 'moderation').map((e) => e.seq).reverse());
  });

  it('refuses every moderation frame without a reason, with an error that says so, and writes nothing', async () => {
    const { agent, conversationId, messageSeq } = await webChat();
    const frames = [
      { type: 'moderate', conversationId, id: 'n1', action: 'hide', targetSeq: messageSeq },
      { type: 'moderate', conversationId, id: 'n2', action: 'hide', targetSeq: messageSeq, reason: '   ' },
      { type: 'warn', conversationId, id: 'n3', template: 'tone' },
      { type: 'block', conversationId, id: 'n4' },
      { type: 'unblock', conversationId, id: 'n5', reason: '' },
    ];
    for (const frame of frames) {
      agent.send(frame);
      const error = await agent.next((f) => f.type === 'error' && f.code === 'BAD_REQUEST', 5000, agent.frames.length - 1);
      expect(error.message).toContain('needs a reason');
    }
    expect(await audit()).toEqual([]);
    expect((await log(conversationId)).filter((e) => e.kind === 'moderation' || (e.kind === 'message' && e.author.kind === 'agent'))).toEqual([]);
  });

  it('warns from a template through the reply path, with the reason in the log and the audit', async () => {
    const { agent, visitor, conversationId, messageSeq } = await webChat();
    const directory = agent.frames.find((f) => f.type === 'directory')!;
    expect((directory.warnTemplates as Array<{ key: string }>).map((t) => t.key)).toEqual(['tone', 'personal-data', 'final-warning']);

    const ack = await act(agent, { type: 'warn', conversationId, id: 'w1', template: 'final-warning', targetSeq: messageSeq, reason: 'second insult' });
    expect(ack.type).toBe('ack');
    const warning = await visitor.next((f) => f.type === 'event' && eventOf(f).kind === 'message' && eventOf(f).author.kind === 'agent');
    expect((eventOf(warning) as { text: string }).text).toMatch(/^Hi there, this is a final warning/);
    expect(eventOf(warning).seq).toBe(ack.seq);
    const entry = (await log(conversationId)).find((e) => e.kind === 'moderation')!;
    expect(entry).toMatchObject({ action: 'warned', targetSeq: messageSeq, note: 'second insult', author: { initials: 'ab' } });
    expect(await audit({ action: 'warn' })).toMatchObject([{ actor: { initials: 'ab', role: 'agent' }, reason: 'second insult', target: { kind: 'message', seq: messageSeq }, entrySeq: entry.seq }]);
    // The visitor never sees the reason line.
    const internal = await visitor.next((f) => f.type === 'event' && eventOf(f).seq === entry.seq);
    expect(eventOf(internal).kind).toBe('internal');

    // An admin's own templates replace the defaults; an unknown key is refused.
    const admin = await adminToken(harness);
    const templates = [{ key: 'calm', title: 'Calm down', text: 'Dear {name}, please keep it civil.', visibility: 'public' }];
    expect((await adminRequest(harness, admin, 'PUT', '/moderation/warn-templates', { templates })).status).toBe(200);
    expect(await act(agent, { type: 'warn', conversationId, id: 'w2', template: 'tone', reason: 'again' })).toMatchObject({ type: 'error', code: 'NOT_FOUND' });
    expect((await act(agent, { type: 'warn', conversationId, id: 'w3', template: 'calm', text: 'Please keep it civil, thanks.', reason: 'again' })).type).toBe('ack');
    expect((await log(conversationId)).filter((e) => e.kind === 'message' && e.author.kind === 'agent').map((e) => (e as { text: string }).text).at(-1)).toBe('Please keep it civil, thanks.');
  });

  it('holds a blocked visitor’s new messages out of the queue until unblocked', async () => {
    const { agent, visitor, conversationId } = await webChat();
    expect((await act(agent, { type: 'block', conversationId, id: 'b1', reason: 'threats' })).type).toBe('ack');
    expect(await act(agent, { type: 'block', conversationId, id: 'b2', reason: 'threats again' })).toMatchObject({ type: 'error', code: 'CONFLICT' });
    expect((await act(agent, { type: 'status', conversationId, id: 's1', status: 'resolved' })).type).toBe('ack');

    visitor.send({ type: 'send', id: 'v2', text: 'I know where you live' });
    const ack = await visitor.next((f) => f.type === 'ack' && f.id === 'v2');
    // The visitor sees their message as sent; agents see it held; the case stays resolved.
    const own = await visitor.next((f) => f.type === 'event' && eventOf(f).seq === ack.seq);
    expect(eventOf(own)).toMatchObject({ kind: 'message', text: 'I know where you live' });
    const entries = await log(conversationId);
    expect(entries.at(-1)).toMatchObject({ kind: 'held', text: 'I know where you live', author: { kind: 'visitor' } });
    const conversation = await harness.storage.conversations.get(workspace(), conversationId);
    expect(conversation).toMatchObject({ status: 'resolved' });
    const queued = await harness.storage.conversations.listQueue(workspace(), 50);
    expect(queued.find((c) => c.id === conversationId)?.waitingSince ?? null).toBeNull();
    expect(await harness.storage.routing.unassignedWaiting(workspace(), null, 50)).toEqual([]);
    // A retry of the held message is stored once.
    visitor.send({ type: 'send', id: 'v2', text: 'I know where you live' });
    expect((await visitor.next((f) => f.type === 'ack' && f.id === 'v2', 5000, visitor.frames.length - 1)).seq).toBe(ack.seq);

    expect((await act(agent, { type: 'unblock', conversationId, id: 'u1', reason: 'apologised by phone' })).type).toBe('ack');
    visitor.send({ type: 'send', id: 'v3', text: 'Sorry about that' });
    await visitor.next((f) => f.type === 'ack' && f.id === 'v3');
    expect((await log(conversationId)).filter((e) => e.kind === 'message' && e.author.kind === 'visitor').map((e) => (e as { text: string }).text)).toEqual(['You are all idiots', 'Sorry about that']);
    expect(await harness.storage.conversations.get(workspace(), conversationId)).toMatchObject({ status: 'open' });
    expect((await audit()).map((r) => [r.action, r.target.kind, r.reason])).toEqual([
      ['unblock', 'visitor', 'apologised by phone'],
      ['block', 'visitor', 'threats'],
    ]);
  });
});

describe('social posts', () => {
  let facebook: FakeFacebook;
  afterEach(async () => facebook?.close());

  it('hides and deletes on the platform, and holds a blocked author’s new comment instead of queueing it', async () => {
    facebook = await new FakeFacebook().start();
    const admin = await adminToken(harness);
    const channel = await createChannel(harness, admin, {
      kind: 'facebook',
      name: 'Facebook page',
      baseUrl: facebook.url,
      pageId: PAGE.id,
      handle: PAGE.name,
      credentials: { pageAccessToken: facebook.pageToken, appSecret: facebook.appSecret, verifyToken: 'verify-me-please' },
    });
    const deliver = async (d: { body: string; signature: string }) =>
      (await fetch(`${harness.url}${channel.webhookPath}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': d.signature }, body: d.body })).status;
    const agent = (await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail))).socket;
    const lead = await harness.addAgent(harness.tenant, { initials: 'ld', role: 'lead' });
    const leadSocket = (await connectAgent(harness.wsUrl, lead.token)).socket;

    expect(await deliver(facebook.delivery([{ values: [commentChange(FB_ANN, '1164870100259578_111', 'You are frauds')] }]))).toBe(200);
    const social = await conversationOn(agent, 'facebook');
    const post = (await log(social.id)).find((e) => e.kind === 'message')!;

    expect((await act(agent, { type: 'moderate', conversationId: social.id, id: 'h1', action: 'hide', targetSeq: post.seq, reason: 'insult' })).type).toBe('ack');
    expect(facebook.hidden.get('1164870100259578_111')).toBe(true);
    expect((await act(leadSocket, { type: 'moderate', conversationId: social.id, id: 'd1', action: 'delete', targetSeq: post.seq, reason: 'defamation' })).type).toBe('ack');
    expect(facebook.deleted).toEqual(['1164870100259578_111']);

    expect((await act(agent, { type: 'block', conversationId: social.id, id: 'b1', reason: 'repeated defamation' })).type).toBe('ack');
    // A new top-level comment: a new thread, which would open a new case; held in the blocked conversation instead.
    expect(await deliver(facebook.delivery([{ values: [commentChange(FB_ANN, '1164870100259578_130', 'Frauds, all of you')] }]))).toBe(200);
    const held = await agent.next((f) => f.type === 'event' && eventOf(f).kind === 'held');
    expect(held.conversationId).toBe(social.id);
    expect(eventOf(held)).toMatchObject({ text: 'Frauds, all of you', platformId: '1164870100259578_130' });
    const queue = await harness.storage.conversations.listQueue(workspace(), 50);
    expect(queue.map((c) => c.id)).toEqual([social.id]);
    expect(await harness.storage.channels.findItem(channel.id, '1164870100259578_130', 'post')).toMatchObject({ status: 'held' });

    expect((await audit()).map((r) => [r.action, r.actor.initials, r.reason, r.target.kind])).toEqual([
      ['block', 'ab', 'repeated defamation', 'social_author'],
      ['delete', 'ld', 'defamation', 'message'],
      ['hide', 'ab', 'insult', 'message'],
    ]);
    // A private warning cannot reach a social author.
    expect(await act(agent, { type: 'warn', conversationId: social.id, id: 'w1', template: 'final-warning', reason: 'x' })).toMatchObject({ type: 'error', code: 'BAD_REQUEST' });

    // A public warning is a public reply: a review policy holds it as a draft, nothing is posted.
    await harness.storage.reviews.setPolicy(workspace(), 'workspace', '', { all: true, trainees: false, keywords: [], highReachAuthors: [] }, Date.now());
    const warned = await act(agent, { type: 'warn', conversationId: social.id, id: 'w2', template: 'tone', reason: 'insults in public' });
    expect(warned.type).toBe('ack');
    const after = await log(social.id);
    expect(after.find((e) => e.seq === warned.seq)).toMatchObject({ kind: 'draft', text: expect.stringMatching(/^Hi @?Ann/) });
    expect(after.at(-1)).toMatchObject({ kind: 'moderation', action: 'warned', note: 'insults in public' });
    expect(facebook.comments).toEqual([]);
    expect((await audit({ action: 'warn' }))[0]).toMatchObject({ reason: 'insults in public', target: { kind: 'social_author' } });
  });
});

describe('the audit log', () => {
  async function threeActions() {
    const chat = await webChat();
    await act(chat.agent, { type: 'moderate', conversationId: chat.conversationId, id: 'a1', action: 'hide', targetSeq: chat.messageSeq, reason: 'Insult in German' });
    await act(chat.lead, { type: 'moderate', conversationId: chat.conversationId, id: 'a2', action: 'unhide', targetSeq: chat.messageSeq, reason: 'context: a quote' });
    await act(chat.lead, { type: 'block', conversationId: chat.conversationId, id: 'a3', reason: 'spam wave' });
    return chat;
  }

  it('is searchable by leads and admins with filters and pages; agents get 403', async () => {
    const { leadToken, leadId, conversationId } = await threeActions();
    const get = async (token: string, query: string) => {
      const response = await fetch(`${harness.url}/api/admin/audit${query}`, { headers: { authorization: `Bearer ${token}` } });
      return { status: response.status, body: (await response.json()) as AuditPage & { error?: { code: string } } };
    };
    const all = await get(leadToken, '');
    expect(all.status).toBe(200);
    expect(all.body.entries.map((e) => e.action)).toEqual(['block', 'unhide', 'hide']);
    expect((await get(leadToken, `?actor=${leadId}`)).body.entries.map((e) => e.action)).toEqual(['block', 'unhide']);
    expect((await get(leadToken, '?action=hide')).body.entries.map((e) => e.reason)).toEqual(['Insult in German']);
    expect((await get(leadToken, '?q=INSULT')).body.entries).toHaveLength(1);
    expect((await get(leadToken, '?q=%25')).body.entries).toHaveLength(0);
    expect((await get(leadToken, `?conversation=${conversationId}`)).body.entries).toHaveLength(3);
    const oldest = all.body.entries.at(-1)!.at;
    expect((await get(leadToken, `?to=${oldest}`)).body.entries.map((e) => e.action)).toEqual(['hide']);
    expect((await get(leadToken, `?from=${Date.now() + 60_000}`)).body.entries).toEqual([]);

    const pages: AuditEntry[][] = [];
    let cursor = '';
    for (;;) {
      const page = await get(leadToken, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(page.body.entries);
      if (!page.body.next) break;
      cursor = encodeURIComponent(page.body.next);
    }
    expect(pages.map((p) => p.length)).toEqual([2, 1]);
    expect(pages.flat().map((e) => e.id)).toEqual(all.body.entries.map((e) => e.id));

    expect((await get(leadToken, '?limit=0')).status).toBe(400);
    expect((await get(leadToken, '?action=erase')).status).toBe(400);
    const agentToken = await harness.login(harness.tenant.agentEmail);
    expect(await get(agentToken, '')).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    // Another workspace's lead sees none of it.
    const other = await harness.addTenant('Other');
    const otherLead = await harness.addAgent(other, { initials: 'ol', role: 'lead' });
    expect((await get(otherLead.token, '')).body.entries).toEqual([]);
  });

  it('cannot be changed or emptied through the HTTP API, agent frames or the database', async () => {
    const { agent, lead } = await threeActions();
    const before = await audit();
    const admin = await adminToken(harness);
    const id = before[0]!.id;
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      for (const path of ['/audit', `/audit/${id}`]) {
        const response = await adminRequest(harness, admin, method, path, method === 'DELETE' ? undefined : { reason: 'rewritten' });
        expect([404, 405]).toContain(response.status);
      }
    }
    // No agent frame edits the log: unknown types are refused at the edge.
    for (const type of ['audit', 'audit_update', 'audit_delete', 'unaudit']) {
      for (const socket of [agent, lead]) {
        socket.send({ type, id: `x-${type}`, entryId: id, reason: 'rewritten' });
        expect((await socket.next((f) => f.type === 'error', 5000, socket.frames.length - 1)).code).toBe('BAD_REQUEST');
      }
    }
    // Even storage code cannot: the database refuses UPDATE and DELETE on audit_log.
    const db = (harness.storage as unknown as { db: RawDb }).db;
    await expect(db.updateTable('audit_log').set({ reason: 'rewritten' }).where('id', '=', id).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    expect(await audit()).toEqual(before);
  });
});

describe('escalations: decided by a lead, with the time it took', () => {
  it('records the decision once, with its time since the escalation, and only from a lead', async () => {
    const { agent, lead, conversationId } = await webChat();
    expect((await act(agent, { type: 'escalate', conversationId, id: 'e1', reason: 'threatens to sue' })).type).toBe('ack');
    const escalated = await harness.storage.conversations.get(workspace(), conversationId);
    expect(escalated).toMatchObject({ escalationDecidedAt: null });
    expect(escalated!.escalatedAt).not.toBeNull();

    expect(await act(agent, { type: 'decide', conversationId, id: 'x1', note: 'fine' })).toMatchObject({ type: 'error', code: 'FORBIDDEN' });
    expect(await act(lead, { type: 'decide', conversationId, id: 'x2' })).toMatchObject({ type: 'error', code: 'BAD_REQUEST' });
    const from = lead.frames.length;
    expect((await act(lead, { type: 'decide', conversationId, id: 'x3', note: 'Offer a refund; legal is informed' })).type).toBe('ack');
    const row = await lead.next((f) => f.type === 'conversation' && summaryOf(f).id === conversationId && summaryOf(f).escalationDecidedAt != null, 5000, from);
    const decided = await harness.storage.conversations.get(workspace(), conversationId);
    expect(summaryOf(row).escalationDecidedAt).toBe(decided!.escalationDecidedAt);
    const entry = (await log(conversationId)).find((e): e is Extract<ConversationEvent, { kind: 'status' }> => e.kind === 'status' && e.change === 'decided')!;
    expect(entry).toMatchObject({ note: 'Offer a refund; legal is informed', author: { initials: 'ld' } });
    expect(entry.decisionMs).toBe(decided!.escalationDecidedAt! - escalated!.escalatedAt!);
    // A second lead a moment later finds it decided.
    expect(await act(lead, { type: 'decide', conversationId, id: 'x4', note: 'me too' })).toMatchObject({ type: 'error', code: 'CONFLICT' });
    expect(await audit({ action: 'decide' })).toMatchObject([{ reason: 'Offer a refund; legal is informed', target: { kind: 'conversation', id: conversationId } }]);

    // A new escalation waits for a new decision; a lead resolving it decides it.
    await act(agent, { type: 'escalate', conversationId, id: 'e2', reason: 'again' });
    expect(await harness.storage.conversations.get(workspace(), conversationId)).toMatchObject({ escalationDecidedAt: null });
    expect((await act(lead, { type: 'status', conversationId, id: 'r1', status: 'resolved' })).type).toBe('ack');
    const resolved = await harness.storage.conversations.get(workspace(), conversationId);
    expect(resolved).toMatchObject({ status: 'resolved' });
    expect(resolved!.escalationDecidedAt).not.toBeNull();
    expect((await log(conversationId)).filter((e) => e.kind === 'status' && e.change === 'decided')).toHaveLength(2);
  });
});
