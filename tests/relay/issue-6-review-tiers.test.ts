/**
 * Issue 6, the second slice of four-eyes review, over real sockets, a real SQLite file and the
 * fake Mastodon: the lead tier (a rule says so, or a colleague escalates), draft expiry, the
 * author asked after a supersede (resend or drop), the pending-draft counts on queue rows, and
 * crisis mode (switched by a lead or by the relay itself; every public reply then waits for a
 * lead; web chat is left alone).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationSummary, ReviewRules } from '@eyelevel/shared';
import { SYSTEM_AUTHOR, setCrisisMode } from '@eyelevel/relay';
import { startRelay, type HarnessOptions, type RelayHarness } from '../support/relay-harness.js';
import { connectAgent, connectVisitor } from '../support/clients.js';
import { adminToken, answerTo, conversationOn, eventOf, mastodonMentionInQueue, summaryOf } from '../support/channels.js';
import { FakeMastodon } from '../support/fake-platforms/mastodon.js';
import type { Frame, TestSocket } from '../support/test-socket.js';

let harness: RelayHarness;
let mastodon: FakeMastodon;

const NONE: ReviewRules = { all: false, trainees: false, keywords: [], highReachAuthors: [] };
const STATUSES = /^\/api\/v1\/statuses$/;
const ROUTING = { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 };

afterEach(async () => {
  await harness?.close();
  await mastodon?.close();
});

/** A Mastodon mention in the queue; the author (^ab), a colleague (^bc) and a lead (^le). */
async function setUp(rules: Partial<ReviewRules> | null, options: HarnessOptions = {}) {
  harness = await startRelay({ routing: ROUTING, ...options });
  mastodon = await new FakeMastodon().start();
  const admin = await adminToken(harness);
  if (rules) await harness.storage.reviews.setPolicy(harness.tenant.workspaceId, 'workspace', '', { ...NONE, ...rules }, Date.now());
  const author = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
  const colleague = await connectAgent(harness.wsUrl, (await harness.addAgent(harness.tenant, { initials: 'bc' })).token);
  const lead = await connectAgent(harness.wsUrl, (await harness.addAgent(harness.tenant, { initials: 'le', role: 'lead' })).token);
  const conversation = await mastodonMentionInQueue(harness, admin, mastodon, author.socket, '<p>@brand your app deleted my photos!</p>');
  return { author: author.socket, colleague: colleague.socket, lead: lead.socket, conversationId: conversation.id };
}

async function write(socket: TestSocket, conversationId: string, id: string, text: string) {
  socket.send({ type: 'send', conversationId, id, text });
  const answer = await answerTo(socket, id);
  expect(answer).toMatchObject({ type: 'ack' });
  return answer.seq as number;
}

function review(socket: TestSocket, conversationId: string, id: string, draftSeq: number, decision: 'approve' | 'reject' | 'escalate', extra: { text?: string; note?: string } = {}) {
  socket.send({ type: 'review', conversationId, id, draftSeq, decision, ...extra });
  return answerTo(socket, id);
}

const log = () => harness.storage.events.read(harness.tenant.workspaceId, conversationIdOf(), 0, 200);
let current = '';
const conversationIdOf = () => current;
const entryAt = async (seq: number) => (await log()).find((e) => e.seq === seq)!;
const reviewEntry = (socket: TestSocket, decision: string, draftSeq: number, from = 0) =>
  socket.next((f) => f.type === 'event' && eventOf(f).kind === 'review' && (eventOf(f) as { decision?: string; draftSeq?: number }).decision === decision && (eventOf(f) as { draftSeq?: number }).draftSeq === draftSeq, 8000, from);
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
const postedTexts = () => mastodon.received('POST', STATUSES).map((r) => (r.json as { status: string }).status);

/** The latest queue row of the conversation this socket was sent, once it matches. */
function rowWhere(socket: TestSocket, conversationId: string, match: (row: ConversationSummary) => boolean, from = 0) {
  return socket.next((f: Frame) => f.type === 'conversation' && summaryOf(f).id === conversationId && match(summaryOf(f)), 8000, from);
}

describe('the second tier', () => {
  it('a rule sends high-stakes replies to the leads: a colleague cannot approve them, a lead can', async () => {
    const { author, colleague, lead, conversationId } = await setUp({ keywords: ['refund', 'delete'], leadFor: ['keywords'] });
    current = conversationId;
    const draftSeq = await write(author, conversationId, 'r1', 'We will delete nothing else and refund you.');
    expect(await entryAt(draftSeq)).toMatchObject({ kind: 'draft', tier: 'lead' });
    // The queue row says a lead is needed, for every console.
    await rowWhere(colleague, conversationId, (row) => row.pendingDrafts === 1 && row.pendingLeadDrafts === 1);

    expect(await review(colleague, conversationId, 'c1', draftSeq, 'approve')).toMatchObject({ type: 'error', code: 'FORBIDDEN' });
    expect(await review(colleague, conversationId, 'c2', draftSeq, 'reject', { note: 'no' })).toMatchObject({ type: 'error', code: 'FORBIDDEN' });
    expect(await review(lead, conversationId, 'l1', draftSeq, 'approve')).toMatchObject({ type: 'ack' });
    await mastodon.waitFor('POST', STATUSES);
    expect(postedTexts()).toEqual(['@ann@other.example We will delete nothing else and refund you. ^ab']);
    await rowWhere(author, conversationId, (row) => row.pendingDrafts === 0 && row.pendingLeadDrafts === 0);
  });

  it('a colleague escalates a draft instead of approving it; then only a lead decides', async () => {
    const { author, colleague, lead, conversationId } = await setUp({ all: true });
    current = conversationId;
    const draftSeq = await write(author, conversationId, 'r1', 'Sorry Ann, we are restoring your photos.');
    expect(await entryAt(draftSeq)).not.toHaveProperty('tier');

    expect(await review(colleague, conversationId, 'no-reason', draftSeq, 'escalate')).toMatchObject({ type: 'error', code: 'BAD_REQUEST' });
    expect(await review(author, conversationId, 'own', draftSeq, 'escalate', { note: 'please' })).toMatchObject({ type: 'error', code: 'FORBIDDEN' });
    const escalated = await review(colleague, conversationId, 'esc', draftSeq, 'escalate', { note: 'Data loss: legal must see this.' });
    expect(escalated).toMatchObject({ type: 'ack' });
    expect(await entryAt(escalated.seq as number)).toMatchObject({ kind: 'review', decision: 'escalated', draftSeq, note: 'Data loss: legal must see this.', author: { initials: 'bc' } });
    await rowWhere(lead, conversationId, (row) => row.pendingLeadDrafts === 1);
    expect(await review(colleague, conversationId, 'esc2', draftSeq, 'escalate', { note: 'again' })).toMatchObject({ type: 'error', code: 'CONFLICT' });
    expect(await review(colleague, conversationId, 'c1', draftSeq, 'approve')).toMatchObject({ type: 'error', code: 'FORBIDDEN' });
    await settle();
    expect(postedTexts()).toEqual([]);

    expect(await review(lead, conversationId, 'l1', draftSeq, 'approve', { text: 'Sorry Ann, we are restoring your photos today.' })).toMatchObject({ type: 'ack' });
    await mastodon.waitFor('POST', STATUSES);
    expect(postedTexts()).toEqual(['@ann@other.example Sorry Ann, we are restoring your photos today. ^ab']);
  });
});

describe('draft expiry', () => {
  it('a draft nobody decided on in time is marked expired in the log and can no longer be approved', async () => {
    const { author, colleague, lead, conversationId } = await setUp({ all: true }, { review: { expirySweepMs: 50 } });
    current = conversationId;
    // A lead sets the lifetime in minutes; the store keeps milliseconds, which lets the test use a short one.
    lead.send({ type: 'review_settings', id: 'ttl', draftExpiryMinutes: 90 });
    await colleague.next((f) => f.type === 'review_settings' && f.draftExpiryMinutes === 90);
    colleague.send({ type: 'review_settings', id: 'ttl-no', draftExpiryMinutes: 5 });
    expect(await answerTo(colleague, 'ttl-no')).toMatchObject({ type: 'error', code: 'FORBIDDEN' });
    expect((await harness.storage.reviewSettings.get(harness.tenant.workspaceId)).draftExpiryMs).toBe(90 * 60_000);

    await harness.storage.reviewSettings.update(harness.tenant.workspaceId, { draftExpiryMs: 200 }, Date.now());
    const draftSeq = await write(author, conversationId, 'r1', 'We are on it.');
    const expired = await reviewEntry(colleague, 'expired', draftSeq);
    expect(eventOf(expired).author.kind).toBe('system');
    expect(await review(colleague, conversationId, 'late', draftSeq, 'approve')).toMatchObject({ type: 'error', code: 'CONFLICT' });
    expect(await harness.storage.reviews.getDraft(harness.tenant.workspaceId, conversationId, draftSeq)).toMatchObject({ status: 'expired' });
    expect((await log()).filter((e) => e.kind === 'review').map((e) => (e as { decision: string }).decision)).toEqual(['expired']);
    await rowWhere(author, conversationId, (row) => row.pendingDrafts === 0);
    await settle();
    expect(postedTexts()).toEqual([]);
  });

  it('a reviewer acting on a draft past its time finds it expired, even before a sweep ran', async () => {
    const { author, colleague, conversationId } = await setUp({ all: true });
    current = conversationId;
    await harness.storage.reviewSettings.update(harness.tenant.workspaceId, { draftExpiryMs: 1 }, Date.now());
    const draftSeq = await write(author, conversationId, 'r1', 'We are on it.');
    await settle();
    const late = await review(colleague, conversationId, 'late', draftSeq, 'approve');
    expect(late).toMatchObject({ type: 'error', code: 'CONFLICT' });
    expect(late.message).toContain('expired');
    await reviewEntry(colleague, 'expired', draftSeq);
    expect(postedTexts()).toEqual([]);
  });
});

describe('supersede asks the author', () => {
  it('a colleague’s answer supersedes the draft at once; its author resends it (reviewed again) or drops another', async () => {
    const { author, colleague, lead, conversationId } = await setUp({ keywords: ['photos'] });
    current = conversationId;
    const first = await write(author, conversationId, 'r1', 'Your photos are safe.');
    const second = await write(author, conversationId, 'r2', 'We back up photos daily.');
    await write(colleague, conversationId, 'direct', 'Looking into it, Ann.');
    // Nothing of the drafts is sent; the author's console hears that they were overtaken.
    await reviewEntry(author, 'superseded', first);
    await reviewEntry(author, 'superseded', second);
    await rowWhere(lead, conversationId, (row) => row.pendingDrafts === 0);
    await mastodon.waitFor('POST', STATUSES);

    author.send({ type: 'draft_resend', conversationId, id: 'not-mine', draftSeq: first, action: 'resend' });
    colleague.send({ type: 'draft_resend', conversationId, id: 'other', draftSeq: first, action: 'resend' });
    expect(await answerTo(colleague, 'other')).toMatchObject({ type: 'error', code: 'FORBIDDEN' });
    const resent = await answerTo(author, 'not-mine');
    expect(resent).toMatchObject({ type: 'ack' });
    // The policy still catches it: a fresh draft, pending review.
    expect(await entryAt(resent.seq as number)).toMatchObject({ kind: 'draft', text: 'Your photos are safe.' });
    await reviewEntry(author, 'resent', first);
    author.send({ type: 'draft_resend', conversationId, id: 'again', draftSeq: first, action: 'drop' });
    expect(await answerTo(author, 'again')).toMatchObject({ type: 'error', code: 'CONFLICT' });

    author.send({ type: 'draft_resend', conversationId, id: 'drop', draftSeq: second, action: 'drop' });
    const dropped = await answerTo(author, 'drop');
    expect(await entryAt(dropped.seq as number)).toMatchObject({ kind: 'review', decision: 'dropped', draftSeq: second });
    expect(await review(lead, conversationId, 'ok', resent.seq as number, 'approve')).toMatchObject({ type: 'ack' });
    await mastodon.waitFor('POST', STATUSES, 2);
    expect(postedTexts()).toEqual(['@ann@other.example Looking into it, Ann. ^bc', '@ann@other.example Your photos are safe. ^ab']);
  });

  it('a resent draft no policy catches any more goes straight out', async () => {
    const { author, colleague, conversationId } = await setUp({ keywords: ['photos'] });
    current = conversationId;
    const draftSeq = await write(author, conversationId, 'r1', 'Your photos are safe.');
    await write(colleague, conversationId, 'direct', 'Looking into it, Ann.');
    await reviewEntry(author, 'superseded', draftSeq);
    await harness.storage.reviews.setPolicy(harness.tenant.workspaceId, 'workspace', '', null, Date.now());
    author.send({ type: 'draft_resend', conversationId, id: 'resend', draftSeq, action: 'resend' });
    const sent = await answerTo(author, 'resend');
    expect(await entryAt(sent.seq as number)).toMatchObject({ kind: 'message', text: 'Your photos are safe.', author: { initials: 'ab' } });
    await mastodon.waitFor('POST', STATUSES, 2);
    expect(postedTexts()[1]).toBe('@ann@other.example Your photos are safe. ^ab');
  });
});

describe('pending drafts on queue rows', () => {
  it('a console that connects later sees which conversations wait for review, without loading their logs', async () => {
    const { author, colleague, conversationId } = await setUp({ all: true });
    current = conversationId;
    const draftSeq = await write(author, conversationId, 'r1', 'Sorry, Ann.');
    const late = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    const row = (late.welcome.queue as ConversationSummary[]).find((c) => c.id === conversationId);
    expect(row).toMatchObject({ pendingDrafts: 1, pendingLeadDrafts: 0 });
    expect(await review(colleague, conversationId, 'ok', draftSeq, 'approve')).toMatchObject({ type: 'ack' });
    await rowWhere(late.socket, conversationId, (r) => r.pendingDrafts === 0);
    const again = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    expect((again.welcome.queue as ConversationSummary[]).find((c) => c.id === conversationId)).toMatchObject({ pendingDrafts: 0 });
  });
});

describe('crisis mode', () => {
  it('a lead switches it on: every console hears it at once and every public reply waits for a lead', async () => {
    const { author, colleague, lead, conversationId } = await setUp(null);
    current = conversationId;
    // Sent after welcome: off by default, with a default holding statement.
    const initial = await author.next((f) => f.type === 'review_settings');
    expect(initial).toMatchObject({ crisis: { on: false, since: null, by: null }, draftExpiryMinutes: 24 * 60 });
    expect(initial.holdingStatement).not.toBe('');

    colleague.send({ type: 'crisis', id: 'no', on: true });
    expect(await answerTo(colleague, 'no')).toMatchObject({ type: 'error', code: 'FORBIDDEN' });
    lead.send({ type: 'review_settings', id: 'hs', holdingStatement: 'We know, and we are fixing it. Updates here.' });
    const from = author.frames.length;
    lead.send({ type: 'crisis', id: 'on', on: true });
    for (const socket of [author, colleague, lead]) {
      const frame = await socket.next((f) => f.type === 'review_settings' && (f.crisis as { on: boolean }).on, 5000, socket === author ? from : 0);
      expect(frame).toMatchObject({ crisis: { on: true, by: { initials: 'le' } }, holdingStatement: 'We know, and we are fixing it. Updates here.' });
    }

    // No policy at all, yet the holding statement waits for a lead, as a lead-tier draft.
    const draftSeq = await write(author, conversationId, 'hold', 'We know, and we are fixing it. Updates here.');
    expect(await entryAt(draftSeq)).toMatchObject({ kind: 'draft', tier: 'lead' });
    expect(await review(colleague, conversationId, 'c1', draftSeq, 'approve')).toMatchObject({ type: 'error', code: 'FORBIDDEN' });
    // A lead's own reply waits for another lead (still four eyes).
    const leadDraft = await write(lead, conversationId, 'lead-own', 'A lead writes too.');
    expect(await entryAt(leadDraft)).toMatchObject({ kind: 'draft', tier: 'lead' });
    await settle();
    expect(postedTexts()).toEqual([]);
    expect(await review(lead, conversationId, 'l1', draftSeq, 'approve')).toMatchObject({ type: 'ack' });
    await mastodon.waitFor('POST', STATUSES);
    expect(postedTexts()).toEqual(['@ann@other.example We know, and we are fixing it. Updates here. ^ab']);

    // Web chat is private: crisis mode leaves it alone.
    const { socket: visitor } = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    visitor.send({ type: 'send', id: 'v1', text: 'Hello' });
    const web = await conversationOn(author, 'web');
    current = web.id;
    expect((await entryAt(await write(author, web.id, 'w1', 'Hi!'))).kind).toBe('message');

    const offFrom = colleague.frames.length;
    lead.send({ type: 'crisis', id: 'off', on: false });
    await colleague.next((f) => f.type === 'review_settings' && !(f.crisis as { on: boolean }).on, 5000, offFrom);
    current = conversationId;
    expect((await entryAt(await write(author, conversationId, 'after', 'Back to normal.'))).kind).toBe('message');
  });

  it('the relay switches it on itself (an alert rule): stored, broadcast, and forced review at once', async () => {
    const { author, colleague, conversationId } = await setUp(null);
    current = conversationId;
    const { changed } = await setCrisisMode({ storage: harness.storage, bus: harness.bus }, harness.tenant.workspaceId, true, SYSTEM_AUTHOR);
    expect(changed).toBe(true);
    await colleague.next((f) => f.type === 'review_settings' && (f.crisis as { on: boolean }).on);
    const again = await setCrisisMode({ storage: harness.storage, bus: harness.bus }, harness.tenant.workspaceId, true, SYSTEM_AUTHOR);
    expect(again.changed).toBe(false);
    expect((await harness.storage.reviewSettings.get(harness.tenant.workspaceId)).crisis).toMatchObject({ on: true, by: { kind: 'system' } });
    const draftSeq = await write(author, conversationId, 'r1', 'Sorry, Ann.');
    expect(await entryAt(draftSeq)).toMatchObject({ kind: 'draft', tier: 'lead' });
  });
});
