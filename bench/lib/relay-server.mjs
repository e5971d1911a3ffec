/**
 * The system under test: the built relay started from its CLI on a fresh data folder, seeded
 * with one site and agent per workspace through the same CLI an operator would use.
 */
import { spawn, execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { track } from './children.mjs';

export const CLI = fileURLToPath(new URL('../../packages/relay/dist/cli.js', import.meta.url));
export const BENCH_ORIGIN = 'http://bench.eyelevel.invalid';
const PASSWORD = 'bench-password-not-secret';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function cli(dataDir, args) {
  const { stdout } = await promisify(execFile)(process.execPath, [CLI, ...args], {
    env: { ...process.env, EYELEVEL_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    timeout: 60_000,
  });
  return JSON.parse(stdout);
}

/** Creates `workspaces` workspaces, each with one site and `agentsPer[i]` agents. */
export async function seed(dataDir, workspaces, agents) {
  await cli(dataDir, ['migrate']).catch(() => undefined); // output format is not JSON for all versions
  const groups = [];
  for (let w = 0; w < workspaces; w++) groups.push({ index: w, agents: [] });
  // Parallel CLI calls share the SQLite file (WAL, busy_timeout); a few at a time is enough.
  await mapLimit(groups, 4, async (group) => {
    const workspace = await cli(dataDir, ['workspace', 'create', '--name', `bench-${group.index}`]);
    const site = await cli(dataDir, [
      'site', 'create', '--workspace', workspace.id, '--name', `bench-site-${group.index}`, '--origin', BENCH_ORIGIN,
    ]);
    group.workspaceId = workspace.id;
    group.siteKey = site.publicKey ?? site.site?.publicKey;
    if (!group.siteKey) throw new Error(`site create printed no public key: ${JSON.stringify(site)}`);
  });
  const agentSlots = [];
  for (let a = 0; a < agents; a++) agentSlots.push({ a, group: groups[a % workspaces] });
  await mapLimit(agentSlots, 4, async ({ a, group }) => {
    const email = `agent-${a}@bench.invalid`;
    await cli(dataDir, [
      'agent', 'create', '--workspace', group.workspaceId, '--email', email, '--name', `Agent ${a}`,
      '--initials', 'AB', '--password', PASSWORD,
    ]);
    group.agents.push({ email });
  });
  return groups;
}

/** Logs every seeded agent in over HTTP; the token goes into the agent socket's hello. */
export async function loginAgents(url, groups) {
  for (const group of groups) {
    for (const agent of group.agents) {
      const response = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: agent.email, password: PASSWORD }),
      });
      if (!response.ok) throw new Error(`login ${agent.email}: ${response.status} ${await response.text()}`);
      agent.token = (await response.json()).token;
    }
  }
}

export async function startRelay(dataDir, { profileDir } = {}) {
  const port = await freePort();
  const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = track(
    spawn(process.execPath, [...nodeArgs, CLI, 'start'], {
      env: { ...process.env, EYELEVEL_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let output = '';
  const keep = (chunk) => (output = (output + chunk.toString()).slice(-8000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`relay exited early: ${output}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`relay did not become ready: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, port, url, output: () => output };
}

async function mapLimit(items, limit, fn) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  });
  await Promise.all(workers);
}
