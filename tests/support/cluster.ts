/**
 * Several built relays as real processes on one Postgres (a schema of the test's own) and one
 * Redis, for the multi-node tests of issue 7. The test process keeps its own storage handle on
 * the same schema, to seed tenants and to check afterwards what was stored.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgresStorage, TenantAdmin, type Storage } from '@eyelevel/relay';
import { createTestSchema, type TestSchema } from './postgres-schema.js';
import { freePort, spawnRelay, type RelayProcess } from './relay-process.js';
import { AGENT_PASSWORD, TEST_ORIGIN } from './relay-harness.js';

export interface ClusterNode {
  index: number;
  port: number;
  process: RelayProcess | null;
  url: string;
  wsUrl: string;
}

export interface Cluster {
  schema: TestSchema;
  storage: Storage;
  nodes: ClusterNode[];
  workspaceId: string;
  siteId: string;
  siteKey: string;
  /** Creates an agent (capacity as given) and logs them in through node 0. */
  addAgent(initials: string, capacity?: number, role?: 'agent' | 'lead' | 'admin'): Promise<{ id: string; token: string }>;
  kill(index: number): Promise<void>;
  start(index: number): Promise<void>;
  close(): Promise<void>;
}

export async function startCluster(options: { label: string; nodes: number; redisUrl: string; env?: Record<string, string> }): Promise<Cluster> {
  const schema = await createTestSchema(options.label);
  const storage = openPostgresStorage({ url: schema.url, poolSize: 4 });
  await storage.migrate();
  const admin = new TenantAdmin(storage);
  const workspace = await admin.createWorkspace({ name: 'Cluster Co' });
  const { site } = await admin.createSite(workspace.id, { name: 'Cluster web', allowedOrigins: [TEST_ORIGIN] });
  const dataDir = mkdtempSync(join(tmpdir(), 'eyelevel-cluster-'));

  const nodes: ClusterNode[] = [];
  for (let index = 0; index < options.nodes; index += 1) {
    const port = await freePort();
    nodes.push({ index, port, process: null, url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}` });
  }
  const start = async (index: number) => {
    const node = nodes[index]!;
    node.process = await spawnRelay(join(dataDir, `node${index}`), node.port, [], {
      DATABASE_URL: schema.url,
      DATABASE_POOL_SIZE: '6',
      REDIS_URL: options.redisUrl,
      EYELEVEL_NODE_ID: `${options.label}-node${index}`,
      ...options.env,
    });
  };
  // Started together: the migrator's lock must let concurrent starts through, once.
  await Promise.all(nodes.map((node) => start(node.index)));

  const cluster: Cluster = {
    schema,
    storage,
    nodes,
    workspaceId: workspace.id,
    siteId: site.id,
    siteKey: site.publicKey,
    async addAgent(initials, capacity = 5, role = 'agent') {
      const email = `${initials}-${workspace.id.toLowerCase()}@example.com`;
      const agent = await admin.createAgent(workspace.id, { email, name: `Agent ${initials.toUpperCase()}`, initials, role, password: AGENT_PASSWORD });
      await storage.routing.setCapacity(workspace.id, agent.id, capacity);
      const response = await fetch(`${nodes[0]!.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: AGENT_PASSWORD }),
      });
      if (!response.ok) throw new Error(`login failed: ${response.status}`);
      return { id: agent.id, token: ((await response.json()) as { token: string }).token };
    },
    async kill(index) {
      const node = nodes[index]!;
      const running = node.process;
      node.process = null;
      if (!running || running.child.exitCode !== null) return;
      running.child.kill('SIGKILL');
      await running.exited;
    },
    start,
    async close() {
      await Promise.all(
        nodes.map(async (node) => {
          const running = node.process;
          if (!running || running.child.exitCode !== null) return;
          running.child.kill('SIGTERM');
          await running.exited;
        }),
      );
      await storage.close();
      await schema.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return cluster;
}
