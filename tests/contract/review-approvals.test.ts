/**
 * Contract: review approvals (four-eyes, DESIGN.md section 2) are decided once across nodes.
 * The store's `decide` is the one place that picks a winner; the relay-level rules (no
 * self-approval, superseding, sending through the outbound path) are shown over real sockets
 * in tests/relay/issue-6-review.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '@eyelevel/relay';
import { DRIVERS, type DriverDatabase } from './drivers.js';
import { agentAuthorOf, seedAgent, seedConversation, seedWorkspace, type World } from './fixtures.js';

describe.each(DRIVERS)('review approvals ($name)', (driver) => {
  let database: DriverDatabase;
  let nodes: Storage[];
  let world: World;

  beforeAll(async () => {
    if (!driver.available) return;
    database = await driver.open('review_approvals');
    nodes = [await database.node(), await database.node(), await database.node()];
    world = await seedWorkspace(nodes[0]!);
  });
  afterAll(async () => database?.close());

  /** A conversation with a draft entry in its log and its pending row. */
  async function draft(text: string) {
    const author = await seedAgent(nodes[0]!, world, `a${Math.floor(Math.random() * 1e6)}`.slice(0, 6));
    const conversationId = await seedConversation(nodes[0]!, world);
    const [appended] = await nodes[0]!.events.append([
      { workspaceId: world.workspaceId, conversationId, author: agentAuthorOf(author), clientId: 'd1', body: { kind: 'draft', text }, at: Date.now() },
    ]);
    if (!appended?.ok) throw new Error('draft not appended');
    const draftSeq = appended.event.seq;
    await nodes[0]!.reviews.recordDraft({ workspaceId: world.workspaceId, conversationId, draftSeq, authorId: author.id, text, createdAt: Date.now(), tier: 'colleague', expiresAt: null });
    return { conversationId, draftSeq };
  }

  it.skipIf(!driver.available)('two approvals of one draft racing on several nodes: approved once', async () => {
    const { conversationId, draftSeq } = await draft('Your refund left today.');
    // Recording it again (a node repairing a missing row) changes nothing.
    await nodes[1]!.reviews.recordDraft({ workspaceId: world.workspaceId, conversationId, draftSeq, authorId: 'other', text: 'other', createdAt: 0, tier: 'colleague', expiresAt: null });
    const outcomes = await Promise.all(
      nodes.map((node, i) =>
        node.reviews.decide(world.workspaceId, conversationId, draftSeq, 'approved', { reviewerId: `r${i}`, finalText: `text ${i}`, note: null, at: Date.now() }),
      ),
    );
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const winner = outcomes.indexOf(true);
    expect(await nodes[2]!.reviews.getDraft(world.workspaceId, conversationId, draftSeq)).toMatchObject({
      status: 'approved',
      reviewerId: `r${winner}`,
      finalText: `text ${winner}`,
      text: 'Your refund left today.',
    });
    expect((await nodes[0]!.events.read(world.workspaceId, conversationId, draftSeq - 1, 1))[0]).toMatchObject({ kind: 'draft', text: 'Your refund left today.' });
  });

  it.skipIf(!driver.available)('a rejected or superseded draft cannot be approved; pending lists only undecided drafts', async () => {
    const rejected = await draft('Not our problem.');
    const superseded = await draft('Late answer.');
    const open = await draft('Still waiting.');
    const decide = (d: { conversationId: string; draftSeq: number }, to: 'approved' | 'rejected' | 'superseded') =>
      nodes[1]!.reviews.decide(world.workspaceId, d.conversationId, d.draftSeq, to, { reviewerId: null, finalText: null, note: 'n', at: Date.now() });
    expect(await decide(rejected, 'rejected')).toBe(true);
    expect(await decide(superseded, 'superseded')).toBe(true);
    expect(await decide(rejected, 'approved')).toBe(false);
    expect(await decide(superseded, 'approved')).toBe(false);
    const pending = await nodes[2]!.reviews.pending(world.workspaceId, 100);
    expect(pending.map((d) => d.conversationId)).toContain(open.conversationId);
    expect(pending.map((d) => d.conversationId)).not.toContain(rejected.conversationId);
  });

  it.skipIf(!driver.available)('expiry: every node sweeps, one expires each draft; an escalation moves a pending draft to the leads once', async () => {
    // A draft without an expiry (written before drafts expired) never comes due.
    const timeless = await draft('No expiry.');
    const rows = await Promise.all(nodes.map((node) => node.reviews.dueForExpiry(Date.now(), 1000)));
    for (const list of rows) expect(list.map((d) => d.conversationId)).not.toContain(timeless.conversationId);

    const past = Date.now() - 1;
    const expiring = await draftExpiringAt(past, 'Expired draft.');
    const found = await Promise.all(nodes.map((node) => node.reviews.dueForExpiry(Date.now(), 1000)));
    for (const list of found) expect(list.map((d) => d.conversationId)).toContain(expiring.conversationId);
    const outcomes = await Promise.all(
      nodes.map((node) => node.reviews.decide(world.workspaceId, expiring.conversationId, expiring.draftSeq, 'expired', { reviewerId: null, finalText: null, note: null, at: Date.now() })),
    );
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(await nodes[1]!.reviews.decide(world.workspaceId, expiring.conversationId, expiring.draftSeq, 'approved', { reviewerId: 'r', finalText: 't', note: null, at: Date.now() })).toBe(false);
    expect((await nodes[2]!.reviews.dueForExpiry(Date.now(), 1000)).map((d) => d.conversationId)).not.toContain(expiring.conversationId);

    const open = await draftExpiringAt(Date.now() + 60_000, 'Needs a lead.');
    const escalations = await Promise.all(nodes.map((node) => node.reviews.escalate(world.workspaceId, open.conversationId, open.draftSeq)));
    expect(escalations.filter(Boolean)).toHaveLength(1);
    expect(await nodes[0]!.reviews.getDraft(world.workspaceId, open.conversationId, open.draftSeq)).toMatchObject({ status: 'pending', tier: 'lead' });
  });

  it.skipIf(!driver.available)('crisis mode switches once when two nodes switch it at the same moment; settings default until changed', async () => {
    const workspaceId = world.workspaceId;
    const fresh = await nodes[2]!.reviewSettings.get(workspaceId);
    expect(fresh).toMatchObject({ crisis: { on: false, since: null, by: null }, draftExpiryMs: 24 * 60 * 60 * 1000 });
    const lead = { kind: 'agent' as const, id: 'lead', name: 'Lea', initials: 'le', avatarUrl: null, role: 'lead' as const };
    const switched = await Promise.all(nodes.map((node, i) => node.reviewSettings.setCrisis(workspaceId, true, { ...lead, id: `lead${i}` }, Date.now())));
    expect(switched.filter(Boolean)).toHaveLength(1);
    const on = await nodes[1]!.reviewSettings.get(workspaceId);
    expect(on.crisis).toMatchObject({ on: true, by: { id: `lead${switched.indexOf(true)}` } });
    await nodes[0]!.reviewSettings.update(workspaceId, { holdingStatement: 'We are on it.', draftExpiryMs: 90 * 60_000 }, Date.now());
    expect(await nodes[2]!.reviewSettings.get(workspaceId)).toMatchObject({ crisis: { on: true }, holdingStatement: 'We are on it.', draftExpiryMs: 90 * 60_000 });
    expect(await nodes[2]!.reviewSettings.setCrisis(workspaceId, false, lead, Date.now())).toBe(true);
    expect((await nodes[0]!.reviewSettings.get(workspaceId)).crisis.on).toBe(false);
  });

  /** A draft whose row expires at `expiresAt`. */
  async function draftExpiringAt(expiresAt: number, text: string) {
    const author = await seedAgent(nodes[0]!, world, `e${Math.floor(Math.random() * 1e6)}`.slice(0, 6));
    const conversationId = await seedConversation(nodes[0]!, world);
    const [appended] = await nodes[0]!.events.append([
      { workspaceId: world.workspaceId, conversationId, author: agentAuthorOf(author), clientId: 'd1', body: { kind: 'draft', text }, at: Date.now() },
    ]);
    if (!appended?.ok) throw new Error('draft not appended');
    const draftSeq = appended.event.seq;
    await nodes[0]!.reviews.recordDraft({ workspaceId: world.workspaceId, conversationId, draftSeq, authorId: author.id, text, createdAt: Date.now(), tier: 'colleague', expiresAt });
    return { conversationId, draftSeq };
  }
});
