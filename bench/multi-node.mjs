/**
 * The multi-node benchmark (issue 7), separate from `pnpm bench`: two built relays on one
 * Postgres schema and one Redis, visitors on node A, and in every workspace one agent on node A
 * and one on node B. Each message therefore reaches a same-node and a cross-node agent in the
 * same run, and their latencies (send → event on the agent socket, one clock: this process) are
 * compared. Then the persisted-messages/s figure: sends kept outstanding through one node's
 * commit queue on Postgres (the relay's own group commit, saturated), with one and with two
 * appending nodes.
 *
 *   node bench/multi-node.mjs [--workspaces 20] [--visitors 5] [--rate 200] [--seconds 20]
 *
 * Needs the build (`pnpm build`), Postgres and Redis: BENCH_DATABASE_URL
 * (postgres://postgres@127.0.0.1:5432/test) and BENCH_REDIS_URL (redis://127.0.0.1:6379).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadavg, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import WebSocket from 'ws';
import { CommitQueue, openPostgresStorage, TenantAdmin } from '@eyelevel/relay';
import { CLI, freePort } from './lib/relay-server.mjs';
import { killAll, stop, track } from './lib/children.mjs';
import { summarize } from './lib/stats.mjs';

const { values } = parseArgs({
  options: {
    workspaces: { type: 'string', default: '20' },
    visitors: { type: 'string', default: '5' },
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '20' },
    batches: { type: 'string', default: '40' },
  },
});
const WORKSPACES = Number(values.workspaces);
const VISITORS_PER_WORKSPACE = Number(values.visitors);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const APPEND_BATCHES = Number(values.batches);
const BATCH = 500;
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ORIGIN = 'http://bench.eyelevel.invalid';
const PASSWORD = 'bench-password-not-secret';
const log = (line) => console.error(`[multi-node ${new Date().toISOString().slice(11, 19)}] ${line}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function sqlOnce(text) {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function schemaUrl(schema) {
  const url = new URL(DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

async function startNode(url, name) {
  const port = await freePort();
  const child = track(
    spawn(process.execPath, [CLI, 'start'], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: url, REDIS_URL, EYELEVEL_NODE_ID: name },
      stdio: ['ignore', 'inherit', 'inherit'],
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries += 1) {
    if (child.exitCode !== null) throw new Error(`${name} exited`);
    if (await fetch(`${base}/readyz`).then((r) => r.ok, () => false)) break;
    if (tries > 600) throw new Error(`${name} did not become ready`);
    await sleep(50);
  }
  return { child, base, ws: base.replace('http:', 'ws:') };
}

function open(url, headers, onFrame) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.on('message', (data) => onFrame(JSON.parse(data.toString())));
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

async function main() {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  await sqlOnce(`create schema ${schema}`);
  const url = schemaUrl(schema);
  const storage = openPostgresStorage({ url, poolSize: 4 });
  const nodes = [];
  try {
    await storage.migrate();
    log(`seeding ${WORKSPACES} workspaces in schema ${schema}`);
    const admin = new TenantAdmin(storage);
    const groups = [];
    for (let w = 0; w < WORKSPACES; w += 1) {
      const workspace = await admin.createWorkspace({ name: `bench ${w}` });
      const { site } = await admin.createSite(workspace.id, { name: `site ${w}`, allowedOrigins: [ORIGIN] });
      const agents = [];
      for (const side of ['a', 'b']) {
        const email = `agent-${side}-${w}@bench.invalid`;
        const agent = await admin.createAgent(workspace.id, { email, name: `Agent ${side}${w}`, initials: side === 'a' ? 'aa' : 'bb', role: 'agent', password: PASSWORD });
        await storage.routing.setCapacity(workspace.id, agent.id, 1000);
        agents.push({ email, side });
      }
      groups.push({ workspaceId: workspace.id, siteKey: site.publicKey, agents });
    }

    nodes.push(await startNode(url, 'bench-node-a'), await startNode(url, 'bench-node-b'));
    const [a, b] = nodes;
    const sentAt = new Map();
    const latency = { same: [], cross: [], ack: [] };
    let measuring = false;
    const onAgentFrame = (side) => (frame) => {
      if (frame.type !== 'event' || frame.event.kind !== 'message' || !measuring) return;
      const started = sentAt.get(frame.event.clientId);
      if (started !== undefined) latency[side === 'a' ? 'same' : 'cross'].push(performance.now() - started);
    };
    for (const group of groups) {
      for (const agent of group.agents) {
        const node = agent.side === 'a' ? a : b;
        const response = await fetch(`${node.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: agent.email, password: PASSWORD }) });
        const { token } = await response.json();
        const socket = await open(`${node.ws}/ws/agent`, {}, onAgentFrame(agent.side));
        socket.send(JSON.stringify({ type: 'hello', v: 1, token }));
      }
    }

    const visitors = [];
    let acked = 0;
    for (const group of groups) {
      for (let v = 0; v < VISITORS_PER_WORKSPACE; v += 1) {
        const socket = await open(`${a.ws}/ws/visitor?site=${group.siteKey}`, { origin: ORIGIN }, (frame) => {
          if (frame.type !== 'ack') return;
          acked += 1;
          const started = sentAt.get(frame.id);
          if (started !== undefined && measuring) latency.ack.push(performance.now() - started);
        });
        socket.send(JSON.stringify({ type: 'hello', v: 1, siteKey: group.siteKey }));
        visitors.push(socket);
      }
    }
    await sleep(500);
    let counter = 0;
    const send = (socket) => {
      const id = `m${++counter}`;
      sentAt.set(id, performance.now());
      socket.send(JSON.stringify({ type: 'send', id, text: `benchmark message ${counter}` }));
    };
    // Every visitor writes once, so every conversation exists (and is assigned) before measuring.
    for (const socket of visitors) send(socket);
    while (acked < visitors.length) await sleep(50);
    await sleep(1000);

    log(`measuring: ${visitors.length} visitors on node A, ${groups.length * 2} agents (A and B), ${RATE} msg/s for ${SECONDS} s`);
    measuring = true;
    const total = RATE * SECONDS;
    const begin = performance.now();
    for (let i = 0; i < total; i += 1) {
      const due = begin + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      send(visitors[i % visitors.length]);
    }
    await sleep(3000);
    measuring = false;
    const same = summarize(latency.same);
    const cross = summarize(latency.cross);
    const ack = summarize(latency.ack);

    log(`appending ${APPEND_BATCHES * BATCH} messages through the commit queue on Postgres, one node and then two`);
    const persisted = await appendRate(url, groups[0]);

    const fmt = (ms) => (ms === null ? '–' : `${ms.toFixed(2)} ms`);
    const load = loadavg().map((n) => n.toFixed(2)).join(' / ');
    console.log(`
#### Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC

Machine: ${cpus().length} cores, Node ${process.version}; load average after the run ${load}.
Parameters: 2 relay nodes (Postgres schema, Redis pub/sub), ${visitors.length} visitors on node A, ${groups.length} workspaces with one agent on A and one on B, ${RATE} msg/s for ${SECONDS} s.

| | same node (visitor and agent on A) | across nodes (visitor on A, agent on B) | difference |
|---|---|---|---|
| delivered | ${same.count} | ${cross.count} | |
| visitor → agent p50 | ${fmt(same.p50)} | ${fmt(cross.p50)} | ${fmt(cross.p50 - same.p50)} |
| visitor → agent p99 | ${fmt(same.p99)} | ${fmt(cross.p99)} | ${fmt(cross.p99 - same.p99)} |
| visitor → agent max | ${fmt(same.max)} | ${fmt(cross.max)} | |
| ack (commit on Postgres) p50 / p99 | ${fmt(ack.p50)} / ${fmt(ack.p99)} | | |

| persisted on Postgres through the commit queue (batches of up to ${BATCH}, two committing at once) | messages/s |
|---|---|
| one node appending | ${persisted.one.toLocaleString('en-US')} |
| two nodes appending at once, together | ${persisted.two.toLocaleString('en-US')} (${Math.round(persisted.two / 2).toLocaleString('en-US')} per node) |
`);
  } finally {
    for (const node of nodes) await stop(node.child, 10_000);
    await storage.close();
    await sqlOnce(`drop schema if exists ${schema} cascade`);
  }
}

/**
 * Persisted messages/s as the relay's commit queue writes them under saturation: 4,000 sends
 * kept outstanding over 2,000 conversations, so the queue always has full batches of 500 and
 * two batches committing at once. `messages` sends in all, after as many for warming up.
 */
async function appendRate(url, group) {
  const writers = [openPostgresStorage({ url, poolSize: 4 }), openPostgresStorage({ url, poolSize: 4 })];
  try {
    const storage = writers[0];
    const visitor = await storage.sessions.createVisitor({ workspaceId: group.workspaceId, siteId: (await storage.tenants.findSiteByPublicKey(group.siteKey)).id, tokenHash: randomBytes(8).toString('hex'), name: null, email: null });
    const author = { kind: 'visitor', id: visitor.id, name: null, initials: null, avatarUrl: null, role: null };
    const conversations = [];
    for (let i = 0; i < 4 * BATCH; i += 1) {
      const { conversation } = await storage.conversations.create({ workspaceId: group.workspaceId, siteId: visitor.siteId, visitor, channel: 'web', page: null, at: Date.now() });
      conversations.push(conversation.id);
    }
    let n = 0;
    const messages = APPEND_BATCHES * BATCH;
    /** Sends `count` messages through one node's commit queue, `OUTSTANDING` at a time; messages/s. */
    const saturate = async (writer, ids, count) => {
      const queue = new CommitQueue(writer.events);
      const OUTSTANDING = 8 * BATCH;
      let next = 0;
      const started = performance.now();
      const sender = async () => {
        while (next < count) {
          const id = ids[next++ % ids.length];
          const result = await queue.append({ workspaceId: group.workspaceId, conversationId: id, author, clientId: `p${++n}`, body: { kind: 'message', text: 'a message of typical length, about sixty characters long..' }, at: Date.now() });
          if (!result.ok) throw new Error(`append refused: ${result.reason}`);
        }
      };
      await Promise.all(Array.from({ length: OUTSTANDING }, sender));
      return count / ((performance.now() - started) / 1000);
    };
    const half = conversations.length / 2;
    await saturate(storage, conversations, messages); // warm up
    const one = Math.round(await saturate(storage, conversations, messages));
    const rates = await Promise.all([saturate(writers[0], conversations.slice(0, half), messages), saturate(writers[1], conversations.slice(half), messages)]);
    const two = Math.round(rates[0] + rates[1]);
    return { one, two };
  } finally {
    await Promise.all(writers.map((writer) => writer.close()));
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    killAll();
    process.exit(1);
  },
);
