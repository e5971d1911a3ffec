/**
 * One load-generator process, driven over IPC by run.mjs. It owns whole workspaces (their
 * visitors and agents), so visitor→agent latency is measured on one process's monotonic clock.
 * Sending is open-loop: messages go out on schedule whether or not earlier ones were answered,
 * so a slow relay shows up as latency and backlog, not as a politely slower generator.
 *
 * Commands: connect, warmup, run, close. Each is answered with one message.
 */
import * as relayClients from './lib/relay-clients.mjs';
import * as echoClients from './lib/echo-clients.mjs';
import { PhaseRecorder, messageId } from './lib/phase-recorder.mjs';

const DRAIN_MS = 3_000;
const PING_EVERY_MS = 20_000;
const PING_SLICES = PING_EVERY_MS / 1000;
const TEXT = 'Hello, I have a question about my order';

const sink = { recorder: new PhaseRecorder('idle', 16) };
let visitors = []; // { client, expected } where expected = deliveries one send should produce
let agents = [];
let counter = 0;
let pinger = null;
let pingSlice = 0;

process.on('message', (command) => {
  handle(command).then(
    (result) => process.send({ ok: true, ...result }),
    (error) => process.send({ ok: false, error: String(error?.stack ?? error) }),
  );
});
process.on('disconnect', () => process.exit(0));

async function handle(command) {
  switch (command.cmd) {
    case 'connect':
      return connect(command);
    case 'warmup':
      return warmup(command.concurrency);
    case 'run':
      return run(command.phase, command.rate, command.durationMs);
    case 'quiesce':
      return quiesce(command.timeoutMs);
    case 'close':
      clearInterval(pinger);
      for (const { client } of [...visitors, ...agents]) client.ws.terminate();
      setTimeout(() => process.exit(0), 50);
      return {};
    default:
      throw new Error(`unknown command ${command.cmd}`);
  }
}

async function connect({ mode, wsBase, origin, groups, concurrency }) {
  const clients = mode === 'echo' ? echoClients : relayClients;
  const started = performance.now();
  // Agents first: they must be listening before the first conversation exists.
  for (const group of groups) {
    for (const token of group.agentTokens) agents.push({ client: await clients.connectAgent(wsBase, token, sink) });
  }
  const jobs = [];
  for (const group of groups) {
    const expected = mode === 'echo' ? 1 : group.agentTokens.length;
    for (let i = 0; i < group.visitors; i++) jobs.push({ siteKey: group.siteKey, expected });
  }
  let failed = 0;
  let firstError = null;
  await pool(jobs, concurrency, async (job) => {
    try {
      const client = await clients.connectVisitor(wsBase, job.siteKey, origin, sink);
      visitors.push({ client, expected: job.expected, lastSentAt: performance.now() });
    } catch (error) {
      failed++;
      firstError ??= String(error);
    }
  });
  // Interleave workspaces so round-robin sending spreads load over all of them.
  visitors.sort(() => Math.random() - 0.5);
  pinger = setInterval(pingIdle, 1000);
  return { visitors: visitors.length, agents: agents.length, failed, firstError, ms: performance.now() - started };
}

/** One message per visitor, so conversations exist before anything is measured. */
async function warmup(concurrency) {
  const started = performance.now();
  const recorder = new PhaseRecorder('warm', visitors.length);
  sink.recorder = recorder;
  let next = 0;
  const deadline = Date.now() + 120_000;
  while (recorder.acked < visitors.length && Date.now() < deadline) {
    while (next < visitors.length && recorder.sent - recorder.acked < concurrency) {
      const visitor = visitors[next++];
      visitor.lastSentAt = performance.now();
      visitor.client.send(messageId('warm', counter++, visitor.lastSentAt), TEXT);
      recorder.sent++;
    }
    await sleep(2);
  }
  return { sent: recorder.sent, acked: recorder.acked, errors: recorder.errors, ms: performance.now() - started };
}

async function run(phase, rate, durationMs) {
  const total = Math.round((rate * durationMs) / 1000);
  const recorder = new PhaseRecorder(phase, total);
  sink.recorder = recorder;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let rr = 0;
  let maxGap = 0;
  let lastTick = started;
  while (recorder.sent < total) {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - lastTick);
    lastTick = now;
    const due = Math.min(total, Math.floor(((now - started) * rate) / 1000));
    while (recorder.sent < due) {
      const visitor = visitors[rr++ % visitors.length];
      visitor.lastSentAt = performance.now();
      visitor.client.send(messageId(phase, counter++, visitor.lastSentAt), TEXT);
      recorder.expectedDeliveries += visitor.expected;
      recorder.sent++;
    }
    await sleep(1);
  }
  const sendEnded = performance.now();
  while (!recorder.complete && performance.now() - sendEnded < DRAIN_MS) await sleep(5);
  const cpu = process.cpuUsage(cpuBefore);
  const ended = performance.now();
  return {
    phase,
    sent: recorder.sent,
    acked: recorder.acked,
    delivered: recorder.delivered,
    expectedDeliveries: recorder.expectedDeliveries,
    errors: recorder.errors,
    sendSeconds: (sendEnded - started) / 1000,
    deliverySeconds: ((recorder.lastDeliveryAt || ended) - started) / 1000,
    maxTickGapMs: maxGap,
    cpuShare: (cpu.user + cpu.system) / 1000 / (ended - started),
    ackLatency: recorder.ackLatency.slice(0, recorder.acked),
    deliveryLatency: recorder.deliveryLatency.slice(0, recorder.delivered),
  };
}

/**
 * Keeps sockets under the relay's idle timeout the way a widget would: only sockets that have
 * sent nothing lately ping, one slice per second, so pings never arrive as one burst that
 * would show up in the latency figures.
 */
function pingIdle() {
  const cutoff = performance.now() - PING_EVERY_MS;
  const slice = pingSlice++ % PING_SLICES;
  for (let i = slice; i < visitors.length; i += PING_SLICES) {
    const visitor = visitors[i];
    if (visitor.lastSentAt > cutoff) continue;
    visitor.client.ping();
    visitor.lastSentAt = performance.now();
  }
  if (slice === 0) for (const { client } of agents) client.ping();
}

/**
 * Waits until the last phase's backlog has arrived, so a phase the server could not keep up
 * with does not leave its queue in front of the next phase's messages.
 */
async function quiesce(timeoutMs) {
  const started = performance.now();
  const recorder = sink.recorder;
  while (!recorder.complete && performance.now() - started < timeoutMs) await sleep(20);
  return { complete: recorder.complete, ms: performance.now() - started };
}

async function pool(items, limit, fn) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
