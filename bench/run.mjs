/**
 * `pnpm bench`: runs the relay, the protocol's floor (bench/fanout-server.mjs) and a bare-ws echo
 * server one after the other, each in its own process, drives them with the same load-generator
 * processes on loopback, and prints the Markdown table that docs/benchmarks.md records. See
 * `node bench/run.mjs --help`.
 */
import { mkdtemp, rm, readdir, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { killAll, stop, track } from './lib/children.mjs';
import { parseOptions, HELP } from './lib/options.mjs';
import { seed, loginAgents, startRelay, freePort, BENCH_ORIGIN } from './lib/relay-server.mjs';
import { runScenario } from './lib/scenario.mjs';
import { formatReport } from './lib/report.mjs';
import { hotSpots } from './lib/profile-summary.mjs';

const ECHO_SERVER = fileURLToPath(new URL('./echo-server.mjs', import.meta.url));
const FLOOR_SERVER = fileURLToPath(new URL('./fanout-server.mjs', import.meta.url));
const log = (line) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

async function main() {
  const options = parseOptions();
  if (options.help) return console.log(HELP);
  const startedAt = new Date();
  const loadAtStart = loadavg();
  const workDir = await mkdtemp(join(tmpdir(), 'eyelevel-bench-'));
  log(`options ${JSON.stringify(options)}; data in ${workDir}`);
  try {
    const groups = options.relay ? await seedGroups(workDir, options) : bareGroups(options);
    const relay = options.relay ? await benchRelay(workDir, groups, options) : null;
    const floor = options.floor ? await benchBareServer(FLOOR_SERVER, 'floor', bareGroups(options), options) : null;
    const baseline = options.baseline ? await benchBareServer(ECHO_SERVER, 'echo', groups, options) : null;
    const report = relay && formatReport({ options, relay, floor, baseline, startedAt, loadAtStart });
    if (report) console.log(`\n${report}\n`);
    if (options.out) {
      await writeFile(options.out, JSON.stringify({ startedAt, loadAtStart, options, relay, floor, baseline }, jsonArrays, 2));
      log(`results written to ${options.out}`);
    }
  } finally {
    if (!options.profile) await rm(workDir, { recursive: true, force: true });
  }
}

async function seedGroups(workDir, options) {
  const started = performance.now();
  const groups = await seed(join(workDir, 'data'), options.workspaces, options.agents);
  for (const group of groups) {
    group.visitors = Math.floor(options.visitors / options.workspaces) + (group.index < options.visitors % options.workspaces ? 1 : 0);
  }
  log(`seeded ${groups.length} workspaces and ${options.agents} agents in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return groups;
}

/**
 * The servers without storage need nothing seeded: the same split of visitors and agents, with
 * made-up site keys and agent tokens that name the workspace (the floor server routes by them).
 */
function bareGroups(options) {
  return Array.from({ length: options.workspaces }, (_, index) => ({
    index,
    siteKey: `w${index}:site`,
    agents: Array.from({ length: Math.floor(options.agents / options.workspaces) + (index < options.agents % options.workspaces ? 1 : 0) }, (_, agent) => ({ token: `w${index}:agent${agent}` })),
    visitors: Math.floor(options.visitors / options.workspaces) + (index < options.visitors % options.workspaces ? 1 : 0),
  }));
}

async function benchRelay(workDir, groups, options) {
  const profileDir = options.profile ? join(workDir, 'profile') : undefined;
  const relay = await startRelay(join(workDir, 'data'), { profileDir });
  try {
    await loginAgents(relay.url, groups);
    const result = await runScenario({
      mode: 'relay',
      pid: relay.child.pid,
      wsBase: relay.url.replace('http:', 'ws:'),
      origin: BENCH_ORIGIN,
      groups,
      options,
      log,
    });
    return result;
  } finally {
    await stop(relay.child, 30_000);
    if (profileDir) await reportProfile(profileDir);
  }
}

/** A storage-free server in its own process: the echo baseline, or the protocol's floor. */
async function benchBareServer(script, mode, groups, options) {
  const port = await freePort();
  const child = track(spawn(process.execPath, [script], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] }));
  await new Promise((resolve, reject) => {
    child.stdout.once('data', resolve);
    child.once('exit', (code) => reject(new Error(`${mode} server exited (${code})`)));
  });
  try {
    return await runScenario({ mode, pid: child.pid, wsBase: `ws://127.0.0.1:${port}`, origin: undefined, groups, options, log });
  } finally {
    await stop(child);
  }
}

async function reportProfile(profileDir) {
  const files = (await readdir(profileDir).catch(() => [])).filter((name) => name.endsWith('.cpuprofile'));
  for (const file of files) {
    log(`relay CPU profile ${join(profileDir, file)}; top self time:`);
    for (const { name, share } of hotSpots(join(profileDir, file))) log(`  ${(share * 100).toFixed(1).padStart(5)} %  ${name}`);
  }
}

/** Latency arrays are summarized already; keep the JSON file small. */
function jsonArrays(key, value) {
  return ArrayBuffer.isView(value) ? undefined : value;
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    killAll();
    process.exit(1);
  },
);
