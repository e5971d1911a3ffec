/**
 * Issue 6, four-eyes review of public replies, over real sockets, a real SQLite file and the
 * fake Mastodon: a reply a policy catches is a draft (the network receives nothing), its author
 * cannot approve it, two colleagues approving at the same moment post it once, a rejection
 * keeps it unsent with the note, an edit keeps both texts, and a draft overtaken by a
 * colleague's answer is superseded rather than sent.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationEvent, ReviewRules } from '@eyelevel/shared';
import { startRelay, type RelayHarness } from '../support/relay-harness.js';
import { connectAgent, connectVisitor } from '../support/clients.js';
import { adminToken, answerTo, conversationOn, eventOf, mastodonMentionInQueue, socialEntry } from '../support/channels.js';
import { FakeMastodon } from '../support/fake-platforms/mastodon.js';
import type { TestSocket } from '../support/test-socket.js';

let harness: RelayHarness;
let mastodon: FakeMastodon;

const NONE: ReviewRules = { all: false, trainees: false, keywords: [], highReachAuthors: [] };
const STATUSES = /^\/api\/v1\/statuses$/;

beforeEach(async () => {
  harness = await startRelay({ routing: { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 } });
  mastodon = await new FakeMastodon().start();
});
afterEach(async () => {
  await harness?.close();
  await mastodon?.close();
});

/** A Mastodon mention in the queue, and three agents: the author (^ab) and two reviewers. */
async function setUp(rules: Partial<ReviewRules> = { all: true }) {
  const admin = await adminToken(harness);
  await harness.storage.reviews.setPolicy(harness.tenant.workspaceId, 'workspace', '', { ...NONE, ...rules }, Date.now());
  const author = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
  const b = await harness.addAgent(harness.tenant, { initials: 'bc' });
  const c = await harness.addAgent(harness.tenant, { initials: 'cd' });
  const reviewerB = await connectAgent(harness.wsUrl, b.token);
  const reviewerC = await connectAgent(harness.wsUrl, c.token);
  const conversation = await mastodonMentionInQueue(harness, admin, mastodon, author.socket, '<p>@brand where is my refund?</p>');
  return { author: author.socket, b: reviewerB.socket, c: reviewerC.socket, conversationId: conversation.id };
}

async function write(socket: TestSocket, conversationId: string, id: string, text: string) {
  socket.send({ type: 'send', conversationId, id, text });
  const answer = await answerTo(socket, id);
  expect(answer.type).toBe('ack');
  return answer.seq as number;
}

function review(socket: TestSocket, conversationId: string, id: string, draftSeq: number, decision: 'approve' | 'reject', extra: { text?: string; note?: string } = {}) {
  socket.send({ type: 'review', conversationId, id, draftSeq, decision, ...extra });
  return answerTo(socket, id);
}

const log = (conversationId: string) => harness.storage.events.read(harness.tenant.workspaceId, conversationId, 0, 200);
const entryAt = async (conversationId: string, seq: number) => (await log(conversationId)).find((e) => e.seq === seq)!;
const draftRow = (conversationId: string, seq: number) => harness.storage.reviews.getDraft(harness.tenant.workspaceId, conversationId, seq);
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('four-eyes review of public replies', () => {
  it('holds a caught reply as a draft; the author cannot approve it; two simultaneous approvals post it once', async () => {
    const { author, b, c, conversationId } = await setUp();
    const draftSeq = await write(author, conversationId, 'r1', 'Your refund left today.');
    expect(await entryAt(conversationId, draftSeq)).toMatchObject({ kind: 'draft', text: 'Your refund left today.', author: { initials: 'ab' } });
    // The team sees the draft as it is written.
    const seen = await b.next((f) => f.type === 'event' && f.conversationId === conversationId && eventOf(f).kind === 'draft');
    expect(eventOf(seen).seq).toBe(draftSeq);
    await settle();
    expect(mastodon.received('POST', STATUSES)).toHaveLength(0);

    const own = await review(author, conversationId, 'self', draftSeq, 'approve');
    expect(own).toMatchObject({ type: 'error', code: 'FORBIDDEN' });
    expect((await draftRow(conversationId, draftSeq))?.status).toBe('pending');

    const [first, second] = await Promise.all([
      review(b, conversationId, 'ok-b', draftSeq, 'approve'),
      review(c, conversationId, 'ok-c', draftSeq, 'approve'),
    ]);
    const outcomes = [first.type, second.type].sort();
    expect(outcomes).toEqual(['ack', 'error']);
    expect([first, second].find((f) => f.type === 'error')).toMatchObject({ code: 'CONFLICT' });

    const [post] = await mastodon.waitFor('POST', STATUSES);
    expect((post!.json as { status: string }).status).toBe('@ann@other.example Your refund left today. ^ab');
    await socialEntry(author, conversationId, 'reply_posted');
    await settle();
    expect(mastodon.received('POST', STATUSES)).toHaveLength(1);

    const entries = await log(conversationId);
    expect(entries.filter((e) => e.kind === 'review')).toHaveLength(1);
    const sent = entries.filter((e): e is Extract<ConversationEvent, { kind: 'message' }> => e.kind === 'message' && e.author.kind === 'agent');
    expect(sent.map((e) => [e.text, e.author.initials])).toEqual([['Your refund left today.', 'ab']]);
    expect(await draftRow(conversationId, draftSeq)).toMatchObject({ status: 'approved', finalText: 'Your refund left today.' });
  });

  it('a rejection keeps the draft unsent, with the reviewer’s note; nobody can approve it afterwards', async () => {
    const { author, b, c, conversationId } = await setUp();
    const draftSeq = await write(author, conversationId, 'r1', 'Not our problem.');

    const noNote = await review(b, conversationId, 'no-note', draftSeq, 'reject');
    expect(noNote).toMatchObject({ type: 'error', code: 'BAD_REQUEST' });
    const rejected = await review(b, conversationId, 'no', draftSeq, 'reject', { note: 'Too curt; apologise first.' });
    expect(rejected.type).toBe('ack');
    expect(await entryAt(conversationId, rejected.seq as number)).toMatchObject({
      kind: 'review',
      decision: 'rejected',
      draftSeq,
      note: 'Too curt; apologise first.',
      author: { initials: 'bc' },
    });
    expect(await review(c, conversationId, 'late', draftSeq, 'approve')).toMatchObject({ type: 'error', code: 'CONFLICT' });

    await settle();
    expect(mastodon.received('POST', STATUSES)).toHaveLength(0);
    expect(await entryAt(conversationId, draftSeq)).toMatchObject({ kind: 'draft', text: 'Not our problem.' });
    expect((await log(conversationId)).some((e) => e.kind === 'message' && e.author.kind === 'agent')).toBe(false);
    expect(await draftRow(conversationId, draftSeq)).toMatchObject({ status: 'rejected', note: 'Too curt; apologise first.' });
  });

  it('edit and approve sends the reviewer’s text under the author’s signature and keeps both texts', async () => {
    const { author, b, conversationId } = await setUp({ keywords: ['REFUND'] });
    const draftSeq = await write(author, conversationId, 'r1', 'refund is coming');
    const approved = await review(b, conversationId, 'edit', draftSeq, 'approve', { text: 'Sorry for the wait, Ann: your refund left today.' });
    expect(approved.type).toBe('ack');

    const [post] = await mastodon.waitFor('POST', STATUSES);
    expect((post!.json as { status: string }).status).toBe('@ann@other.example Sorry for the wait, Ann: your refund left today. ^ab');
    expect(await entryAt(conversationId, draftSeq)).toMatchObject({ kind: 'draft', text: 'refund is coming' });
    expect(await entryAt(conversationId, approved.seq as number)).toMatchObject({
      kind: 'review',
      decision: 'approved',
      text: 'Sorry for the wait, Ann: your refund left today.',
    });
    expect(await draftRow(conversationId, draftSeq)).toMatchObject({
      text: 'refund is coming',
      finalText: 'Sorry for the wait, Ann: your refund left today.',
    });
  });

  it('a draft overtaken by a colleague’s answer is superseded, not sent', async () => {
    // Only replies mentioning a refund are reviewed: the colleague's answer goes straight out.
    const { author, b, c, conversationId } = await setUp({ keywords: ['refund'] });
    const draftSeq = await write(author, conversationId, 'r1', 'Your refund is on its way.');
    await write(b, conversationId, 'direct', 'We are looking into it, Ann.');
    await mastodon.waitFor('POST', STATUSES);

    const late = await review(c, conversationId, 'late', draftSeq, 'approve');
    expect(late).toMatchObject({ type: 'error', code: 'CONFLICT' });
    const entries = await log(conversationId);
    expect(entries.filter((e) => e.kind === 'review')).toMatchObject([{ kind: 'review', decision: 'superseded', draftSeq }]);
    expect(await draftRow(conversationId, draftSeq)).toMatchObject({ status: 'superseded' });
    await settle();
    expect(mastodon.received('POST', STATUSES).map((r) => (r.json as { status: string }).status)).toEqual([
      '@ann@other.example We are looking into it, Ann. ^bc',
    ]);
  });

  it('web chat is reviewed only where its site asks for it, and trainees only where a policy flags them', async () => {
    await harness.storage.reviews.setPolicy(harness.tenant.workspaceId, 'workspace', '', { ...NONE, all: true }, Date.now());
    const agent = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    const agentId = (agent.welcome.agent as { id: string }).id;
    const { socket: visitor } = await connectVisitor(harness.wsUrl, harness.tenant.siteKey);
    visitor.send({ type: 'send', id: 'v1', text: 'Hello' });
    const web = await conversationOn(agent.socket, 'web');

    const direct = await write(agent.socket, web.id, 'w1', 'Hi there!');
    expect((await entryAt(web.id, direct)).kind).toBe('message');

    await harness.storage.reviews.setPolicy(harness.tenant.workspaceId, 'site', harness.tenant.siteId, { ...NONE, trainees: true }, Date.now());
    expect((await entryAt(web.id, await write(agent.socket, web.id, 'w2', 'Still direct')) ).kind).toBe('message');
    await harness.storage.reviews.setTraining(harness.tenant.workspaceId, agentId, true, Date.now());
    const held = await write(agent.socket, web.id, 'w3', 'Held for review');
    expect((await entryAt(web.id, held)).kind).toBe('draft');
    // The visitor gets a bare seq in its place, never the draft's text.
    const placeholder = await visitor.next((f) => f.type === 'event' && eventOf(f).seq === held);
    expect(eventOf(placeholder).kind).toBe('internal');
  });
});
