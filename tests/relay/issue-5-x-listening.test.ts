/**
 * Issue 5, item 9 on X: a channel's tracked keywords and hashtags become filtered-stream rules
 * on the app (tagged so only ours are touched; synced when the terms change; a sync that has
 * nothing to do sends nothing), and posts arriving on `GET /2/tweets/search/stream` (one JSON
 * object per line, blank keep-alive lines) open conversations flagged as listening results.
 * FakeX (tests/support/fake-platforms/x.ts) speaks the documented rules and stream endpoints
 * with payloads shaped like X's quickstart examples; the relay runs over real sockets on a real
 * SQLite file. What was posted while the stream was down is fetched with recent search.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRelay, type RelayHarness } from '../support/relay-harness.js';
import { connectAgent } from '../support/clients.js';
import { adminRequest, adminToken, conversationOn, createChannel } from '../support/channels.js';
import { FakeX, X_ANN, X_BRAND } from '../support/fake-platforms/x.js';
import { waitFor } from '../support/wait.js';

let harness: RelayHarness;
let x: FakeX;
let admin: string;

beforeEach(async () => {
  harness = await startRelay({ routing: { autoAssign: false, reassignAfterMs: 3_600_000, sweepIntervalMs: 3_600_000 } });
  x = await new FakeX().start();
  admin = await adminToken(harness);
});
afterEach(async () => {
  await harness?.close();
  await x?.close();
});

const OTHERS = { value: 'cats has:images', tag: 'someone else on this app' };

async function listeningChannel(listen: string[]) {
  return createChannel(harness, admin, {
    kind: 'x',
    name: 'X @brand',
    baseUrl: x.url,
    accountId: X_BRAND.id,
    handle: '@brand',
    pollSeconds: 3600,
    listen,
    credentials: { accessToken: x.token, bearerToken: x.appBearer },
  });
}

const texts = async (conversationId: string) =>
  (await harness.storage.events.read(harness.tenant.workspaceId, conversationId, 0, 200)).flatMap((e) => (e.kind === 'message' ? [e.text] : []));
const ruleChanges = () => x.received('POST', /^\/2\/tweets\/search\/stream\/rules$/);
const streamConnects = () => x.received('GET', /^\/2\/tweets\/search\/stream$/).length;
const ourRules = (channelId: string) => [...x.rules.values()].filter((rule) => rule.tag?.startsWith(`eyelevel:${channelId}:`));

describe('X listening through filtered-stream rules', () => {
  it('adds tagged rules, streams matching posts into the queue flagged with the term, and leaves other rules alone', async () => {
    x.rules.set('1', { id: '1', ...OTHERS });
    const agent = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    const channel = await listeningChannel(['#BrandRouter', 'brand router']);
    await waitFor(() => x.streamConnections === 1, 5000, 'the stream to connect');

    expect(ourRules(channel.id).map((rule) => [rule.value, rule.tag]).sort()).toEqual([
      [`"brand router" -is:retweet -from:${X_BRAND.id}`, `eyelevel:${channel.id}:brand router`],
      [`#BrandRouter -is:retweet -from:${X_BRAND.id}`, `eyelevel:${channel.id}:#BrandRouter`],
    ]);
    expect(x.rules.get('1')).toEqual({ id: '1', ...OTHERS });
    for (const request of [...x.received('GET', /stream\/rules$/), ...ruleChanges()]) expect(request.headers.authorization).toBe(`Bearer ${x.appBearer}`);
    // The stream asks for what a post needs to become a conversation (author, thread).
    const connect = x.received('GET', /^\/2\/tweets\/search\/stream$/)[0]!;
    expect(connect.query.get('expansions')).toBe('author_id');
    expect(connect.query.get('tweet.fields')).toContain('conversation_id');

    x.post(X_ANN, 'cats everywhere today'); // matches nobody's rule of ours
    x.post(X_ANN, 'my #BrandRouter keeps rebooting &amp; dropping wifi');
    const social = await conversationOn(agent.socket, 'x');
    expect(social.social).toMatchObject({ listening: '#BrandRouter', author: { handle: '@ann_example', name: 'Ann' } });
    expect(await texts(social.id)).toEqual(['my #BrandRouter keeps rebooting & dropping wifi']);

    // The brand's own posts with the term are not listened to (the rule excludes them).
    x.post(X_BRAND, 'New #BrandRouter firmware is out');
    const bo = { id: '999', username: 'bo', name: 'Bo' };
    x.users.set(bo.id, bo);
    const phrase = x.post(bo, 'Anyone else with a Brand Router from 2019?');
    await waitFor(async () => (await harness.storage.conversations.listQueue(harness.tenant.workspaceId, 10)).length === 2, 5000, 'the phrase match');
    const queue = await harness.storage.conversations.listQueue(harness.tenant.workspaceId, 10);
    const second = queue.find((c) => c.id !== social.id)!;
    expect(second.social).toMatchObject({ listening: 'brand router', author: { handle: '@bo' } });
    expect(await texts(second.id)).toEqual([phrase.text]);
    expect((await harness.storage.channels.findItem(channel.id, phrase.id, 'post'))?.platformId).toBe(phrase.id);
  });

  it('syncs the rules when the tracked terms change, sends nothing when nothing changed, and removes them with the channel, paused or not', async () => {
    const channel = await listeningChannel(['#BrandRouter', 'brand router']);
    await waitFor(() => x.streamConnections === 1, 5000, 'the stream to connect');
    const hashtagRule = ourRules(channel.id).find((rule) => rule.tag?.endsWith(':#BrandRouter'))!;
    const phraseRule = ourRules(channel.id).find((rule) => rule.tag?.endsWith(':brand router'))!;
    const changesAtStart = ruleChanges().length;
    expect(changesAtStart).toBe(1); // one add with both rules

    // A change elsewhere restarts the channel: the rules are read and left as they are.
    expect((await adminRequest(harness, admin, 'PATCH', `/channels/${channel.id}`, { name: 'X @brand (support)' })).status).toBe(200);
    await waitFor(() => streamConnects() === 2 && x.streamConnections === 1, 5000, 'the restarted stream');
    expect(ruleChanges()).toHaveLength(changesAtStart);

    const patched = await adminRequest(harness, admin, 'PATCH', `/channels/${channel.id}`, { listen: ['#BrandRouter', 'brand modem'] });
    expect(patched.json).toMatchObject({ listen: ['#BrandRouter', 'brand modem'] });
    await waitFor(() => streamConnects() === 3 && x.streamConnections === 1, 5000, 'the stream with the new rules');
    expect(ruleChanges().slice(changesAtStart).map((r) => r.json)).toEqual([
      { delete: { ids: [phraseRule.id] } },
      { add: [{ value: `"brand modem" -is:retweet -from:${X_BRAND.id}`, tag: `eyelevel:${channel.id}:brand modem` }] },
    ]);
    expect(ourRules(channel.id).map((rule) => rule.tag?.split(':').at(-1)).sort()).toEqual(['#BrandRouter', 'brand modem']);
    expect(x.rules.get(hashtagRule.id)).toEqual(hashtagRule);

    const agent = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    x.post(X_ANN, 'is the brand router down again?'); // the old phrase: no longer tracked
    x.post(X_ANN, 'my brand modem blinks red');
    const social = await conversationOn(agent.socket, 'x');
    expect(social.social).toMatchObject({ listening: 'brand modem' });
    expect(await texts(social.id)).toEqual(['my brand modem blinks red']);

    // No terms: our rules go and no stream stays open.
    await adminRequest(harness, admin, 'PATCH', `/channels/${channel.id}`, { listen: [] });
    await waitFor(() => ourRules(channel.id).length === 0 && x.streamConnections === 0, 5000, 'the rules removed');

    await adminRequest(harness, admin, 'PATCH', `/channels/${channel.id}`, { listen: ['#BrandRouter'] });
    await waitFor(() => ourRules(channel.id).length === 1 && x.streamConnections === 1, 5000, 'listening again');
    // Paused: the stream closes, the rules stay; disconnected (even while paused): they go.
    await adminRequest(harness, admin, 'PATCH', `/channels/${channel.id}`, { paused: true });
    await waitFor(() => x.streamConnections === 0, 5000, 'the stream closed by the pause');
    expect(ourRules(channel.id)).toHaveLength(1);
    expect((await adminRequest(harness, admin, 'DELETE', `/channels/${channel.id}`)).status).toBe(204);
    expect(ourRules(channel.id)).toEqual([]);
    expect(x.streamConnections).toBe(0);
  });

  it('reconnects when X ends the stream, skips keep-alives and notices, and stores a post seen twice once', async () => {
    x.keepAliveMs = 50;
    const agent = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    const channel = await listeningChannel(['#BrandRouter']);
    await waitFor(() => x.streamConnections === 1, 5000, 'the stream to connect');

    // X's documented notice before it closes a connection, then the close.
    x.writeToStreams(
      `${JSON.stringify({ errors: [{ title: 'operational-disconnect', disconnect_type: 'UpstreamOperationalDisconnect', detail: 'This stream has been disconnected upstream for operational reasons.', type: 'https://api.twitter.com/2/problems/operational-disconnect' }] })}\r\n`,
    );
    x.dropStreams();
    await waitFor(() => streamConnects() === 2 && x.streamConnections === 1, 10_000, 'the reconnect');
    // Reconnecting does not touch the rules again.
    expect(ruleChanges()).toHaveLength(1);

    // A post split across two writes is read whole.
    const post = x.post(X_ANN, 'offline: #BrandRouter');
    const rule = ourRules(channel.id)[0]!;
    const line = JSON.stringify({ data: { ...post, edit_history_tweet_ids: [post.id] }, includes: { users: [X_ANN] }, matching_rules: [{ id: rule.id, tag: rule.tag }] });
    x.writeToStreams(line.slice(0, 40));
    x.writeToStreams(`${line.slice(40)}\r\n\r\n`);
    const social = await conversationOn(agent.socket, 'x');
    expect(social.social).toMatchObject({ listening: '#BrandRouter' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await texts(social.id)).toEqual(['offline: #BrandRouter']);
  });

  it('fills the gap after the stream was down with recent search since the newest listened post', async () => {
    const agent = await connectAgent(harness.wsUrl, await harness.login(harness.tenant.agentEmail));
    const channel = await listeningChannel(['#BrandRouter']);
    await waitFor(() => x.streamConnections === 1, 5000, 'the stream to connect');
    const startedAt = (await harness.storage.channels.get(harness.tenant.workspaceId, channel.id))!.state.listenSinceId as string;
    // Listening starts at the first connect: an id from the clock, not the account's history.
    expect(BigInt(startedAt)).toBeGreaterThan(0n);

    x.streamRefused = true;
    x.dropStreams();
    const missed = x.post(X_ANN, 'posted while the stream was down #BrandRouter');
    await waitFor(() => streamConnects() >= 2, 10_000, 'a refused reconnect');
    x.streamRefused = false;
    await waitFor(() => x.streamConnections === 1, 15_000, 'the stream back');

    const social = await conversationOn(agent.socket, 'x');
    expect(social.social).toMatchObject({ listening: '#BrandRouter' });
    expect(await texts(social.id)).toEqual([missed.text]);
    const searches = x.received('GET', /^\/2\/tweets\/search\/recent$/);
    expect(searches.at(-1)!.query.get('query')).toBe(`#BrandRouter -is:retweet -from:${X_BRAND.id}`);
    expect(searches.at(-1)!.query.get('since_id')).toBe(startedAt);
    expect(searches.at(-1)!.headers.authorization).toBe(`Bearer ${x.appBearer}`);
    await waitFor(async () => (await harness.storage.channels.get(harness.tenant.workspaceId, channel.id))!.state.listenSinceId === missed.id, 5000, 'the cursor to move');
  });

  it('shows a rule X refused as the channel’s error, and retries the sync until X takes it', async () => {
    // X answers 200 with the refusal in `errors` (an invalid rule, a rule limit reached); twice,
    // so the first retry (after a second) fails too and the error is still there when we look.
    const refusal = {
      status: 200,
      json: {
        meta: { sent: new Date().toISOString(), summary: { created: 0, not_created: 1, valid: 0, invalid: 1 } },
        errors: [{ value: '#BrandRouter -is:retweet', details: ['Rule limit reached'], title: 'RulesCapExceeded', type: 'https://api.twitter.com/2/problems/streaming-rules-cap-exceeded' }],
      },
    };
    x.failNext('POST', /^\/2\/tweets\/search\/stream\/rules$/, refusal);
    x.failNext('POST', /^\/2\/tweets\/search\/stream\/rules$/, refusal);
    const channel = await listeningChannel(['#BrandRouter']);
    await waitFor(() => ruleChanges().length >= 1, 5000, 'the first sync');
    const failing = await adminRequest(harness, admin, 'POST', `/channels/${channel.id}/poll`);
    expect(failing.json).toMatchObject({ status: 'failing', lastError: expect.stringContaining('X refused a listening rule (#BrandRouter -is:retweet): RulesCapExceeded') });
    expect(x.streamConnections).toBe(0);

    await waitFor(() => x.streamConnections === 1, 15_000, 'the retried sync and the stream');
    expect(ourRules(channel.id)).toHaveLength(1);
    expect((await adminRequest(harness, admin, 'POST', `/channels/${channel.id}/poll`)).json).toMatchObject({ status: 'active', lastError: null });
  });

  it('refuses listening on X without the app’s bearer token', async () => {
    const created = await adminRequest(harness, admin, 'POST', '/channels', {
      kind: 'x',
      name: 'X @brand',
      baseUrl: x.url,
      accountId: X_BRAND.id,
      handle: '@brand',
      listen: ['#BrandRouter'],
      credentials: { accessToken: x.token },
    });
    expect(created.status).toBe(400);
    expect(created.text).toMatch(/bearerToken/);
    const channel = await createChannel(harness, admin, { kind: 'x', name: 'X @brand', baseUrl: x.url, accountId: X_BRAND.id, handle: '@brand', pollSeconds: 3600, credentials: { accessToken: x.token } });
    expect((await adminRequest(harness, admin, 'PATCH', `/channels/${channel.id}`, { listen: ['#BrandRouter'] })).status).toBe(400);
    const both = await adminRequest(harness, admin, 'PATCH', `/channels/${channel.id}`, { listen: ['#BrandRouter'], credentials: { bearerToken: x.appBearer } });
    expect(both.status).toBe(200);
    expect(both.json).toMatchObject({ credentialsSet: ['accessToken', 'bearerToken'] });
    expect(both.text).not.toContain(x.appBearer);
    await waitFor(() => x.streamConnections === 1, 5000, 'the stream to connect');
  });
});
