/**
 * Issue 6 on two relay processes sharing one Postgres (and one Redis): two reviewers, one on
 * each node, approve the same draft of a Mastodon reply at the same moment; the conditional
 * update on the draft's row picks one winner, and FakeMastodon receives exactly one post, signed
 * with the author's initials. A lead on one node then switches crisis mode on, and a console on
 * the other node hears it at once and finds its next public reply held for a lead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { ConversationEvent } from '@eyelevel/shared';
import { REDIS_URL, withPostgres, withRedis } from '../support/services.js';
import { startCluster, type Cluster } from '../support/cluster.js';
import { connectAgent } from '../support/clients.js';
import { answerTo, conversationOn, eventOf, polledMastodonChannel } from '../support/channels.js';
import { ANN, FakeMastodon } from '../support/fake-platforms/mastodon.js';
import type { TestSocket } from '../support/test-socket.js';

const runs = (await withPostgres()) && (await withRedis());
const STATUSES = /^\/api\/v1\/statuses$/;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!runs)('four-eyes review across two relay processes', () => {
  let cluster: Cluster;
  let mastodon: FakeMastodon;

  beforeAll(async () => {
    mastodon = await new FakeMastodon().start();
    cluster = await startCluster({
      label: 'review_approvals',
      nodes: 2,
      redisUrl: REDIS_URL,
      env: { EYELEVEL_SECRET_KEY: randomBytes(32).toString('hex') },
    });
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
    await mastodon?.close();
  }, 60_000);

  async function adminCall(token: string, method: string, path: string, body?: unknown) {
    const response = await fetch(`${cluster.nodes[0]!.url}/api/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(response.status, `${method} ${path}`).toBeLessThan(300);
    return (await response.json()) as Record<string, unknown>;
  }

  const send = async (socket: TestSocket, conversationId: string, id: string, text: string) => {
    socket.send({ type: 'send', conversationId, id, text });
    const answer = await answerTo(socket, id);
    expect(answer).toMatchObject({ type: 'ack' });
    return answer.seq as number;
  };

  it('two reviewers on two nodes approve one draft at once: one wins, the network gets one post', async () => {
    const admin = await cluster.addAgent('adm', 5, 'admin');
    // Only the author takes cases, so routing hands the mention to them (or leaves it open).
    const ids = { author: await cluster.addAgent('ab'), b: await cluster.addAgent('bc', 0), c: await cluster.addAgent('cd', 0), lead: await cluster.addAgent('le', 0, 'lead') };
    await cluster.storage.reviews.setPolicy(cluster.workspaceId, 'workspace', '', { all: true, trainees: false, keywords: [], highReachAuthors: [] }, Date.now());
    const channel = await adminCall(admin.token, 'POST', '/channels', polledMastodonChannel(mastodon));
    const [node0, node1] = cluster.nodes;
    // The author and reviewer C on node 1, reviewer B and the lead on node 0.
    const author = (await connectAgent(node1!.wsUrl, ids.author.token)).socket;
    const reviewerB = (await connectAgent(node0!.wsUrl, ids.b.token)).socket;
    const reviewerC = (await connectAgent(node1!.wsUrl, ids.c.token)).socket;
    const lead = (await connectAgent(node0!.wsUrl, ids.lead.token)).socket;

    mastodon.mention(ANN, '<p>@brand where is my refund?</p>');
    await adminCall(admin.token, 'POST', `/channels/${String(channel.id)}/poll`);
    const conversationId = (await conversationOn(author, 'mastodon', 0)).id;

    const draftSeq = await send(author, conversationId, 'r1', 'Your refund left today.');
    // The draft reached the other node's console through the bus: both reviewers have it.
    for (const socket of [reviewerB, reviewerC]) {
      await socket.next((f) => f.type === 'event' && f.conversationId === conversationId && eventOf(f).seq === draftSeq, 10_000);
    }
    reviewerB.send({ type: 'review', conversationId, id: 'ok-b', draftSeq, decision: 'approve' });
    reviewerC.send({ type: 'review', conversationId, id: 'ok-c', draftSeq, decision: 'approve' });
    const answers = await Promise.all([answerTo(reviewerB, 'ok-b'), answerTo(reviewerC, 'ok-c')]);
    expect(answers.map((a) => a.type).sort()).toEqual(['ack', 'error']);
    expect(answers.find((a) => a.type === 'error')).toMatchObject({ code: 'CONFLICT' });

    const [post] = await mastodon.waitFor('POST', STATUSES, 1, 10_000);
    expect((post!.json as { status: string }).status).toBe('@ann@other.example Your refund left today. ^ab');
    // Give a wrongly second post time to arrive; there must be none.
    await sleep(1500);
    expect(mastodon.received('POST', STATUSES)).toHaveLength(1);
    const log = await cluster.storage.events.read(cluster.workspaceId, conversationId, 0, 200);
    expect(log.filter((e) => e.kind === 'review').map((e) => (e as Extract<ConversationEvent, { kind: 'review' }>).decision)).toEqual(['approved']);
    expect(log.filter((e) => e.kind === 'message' && e.author.kind === 'agent')).toHaveLength(1);
    expect(await cluster.storage.reviews.getDraft(cluster.workspaceId, conversationId, draftSeq)).toMatchObject({ status: 'approved' });

    // Crisis mode from a lead on node 0 reaches the consoles on node 1 and holds the next reply there for a lead.
    const from = author.frames.length;
    lead.send({ type: 'crisis', id: 'crisis-on', on: true });
    for (const socket of [author, reviewerC]) {
      const settings = await socket.next((f) => f.type === 'review_settings' && (f.crisis as { on: boolean }).on, 10_000, socket === author ? from : 0);
      expect(settings).toMatchObject({ crisis: { on: true, by: { initials: 'le' } } });
    }
    const held = await send(author, conversationId, 'after', 'We are on it.');
    const entry = (await cluster.storage.events.read(cluster.workspaceId, conversationId, held - 1, 1))[0];
    expect(entry).toMatchObject({ kind: 'draft', tier: 'lead' });
  });
});
