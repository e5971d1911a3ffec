/**
 * Starts a real relay in this process for a test: a fresh SQLite file in a temp folder, real
 * HTTP and WebSockets on a random loopback port, and a seeded workspace with one site and one
 * agent. Tests talk to it only over the network, like real clients.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createRelay,
  MemoryBus,
  openSqliteStorage,
  silentLogger,
  TenantAdmin,
  type Relay,
  type RelayDeps,
  type Storage,
  type Bus,
  findAssetDirs,
} from '@eyelevel/relay';

export const TEST_ORIGIN = 'https://shop.example';
export const AGENT_PASSWORD = 'correct horse battery';

export interface Tenant {
  workspaceId: string;
  siteKey: string;
  siteId: string;
  agentEmail: string;
}

export interface RelayHarness {
  relay: Relay;
  storage: Storage;
  /** The relay's bus, for what other parts of the relay publish (e.g. crisis mode from an alert). */
  bus: Bus;
  dataDir: string;
  /** http://127.0.0.1:port */
  url: string;
  /** ws://127.0.0.1:port */
  wsUrl: string;
  tenant: Tenant;
  /** Creates another workspace with its own site and agent. */
  addTenant(name: string, origins?: string[]): Promise<Tenant>;
  /** Creates another agent in a tenant and logs them in. */
  addAgent(tenant: Tenant, agent: { initials: string; role?: 'agent' | 'expert' | 'lead' | 'admin'; capacity?: number }): Promise<{ id: string; email: string; token: string }>;
  /** Logs an agent in over HTTP and returns the session token. */
  login(email: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Extra origins allowed for the first tenant's site (e.g. a test page server). */
  origins?: string[];
  /** Reuse a data folder (to restart on the same database). */
  dataDir?: string;
  rateLimits?: RelayDeps['rateLimits'];
  /** Four-eyes review: a short expiry sweep for the draft-expiry tests. */
  review?: RelayDeps['review'];
  /** Serve /demo for the first tenant's site, with the relay's own origin allowed. */
  demo?: boolean;
  routing?: RelayDeps['routing'];
  /** Social channels (issue 5): the sealing key (a fresh one by default) and connector overrides. */
  channels?: Partial<NonNullable<RelayDeps['channels']>>;
  /** Spike alerts and outbound webhooks (issue 6): a fake clock, ticks only when the test asks. */
  alerts?: RelayDeps['alerts'];
  /**
   * Which addresses webhooks and channels may call. Tests allow private ones, because the
   * fake platforms listen on 127.0.0.1; tests/relay/outbound-destinations.test.ts turns the guard on.
   */
  outbound?: RelayDeps['outbound'];
}

let tenantCount = 0;

export async function startRelay(options: HarnessOptions = {}): Promise<RelayHarness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'eyelevel-test-'));
  const storage = openSqliteStorage(dataDir);
  await storage.migrate();
  const admin = new TenantAdmin(storage);

  const addTenant = async (name: string, origins: string[] = [TEST_ORIGIN]): Promise<Tenant> => {
    tenantCount += 1;
    const workspace = await admin.createWorkspace({ name });
    const { site } = await admin.createSite(workspace.id, { name: `${name} web`, allowedOrigins: origins });
    const agentEmail = `agent${tenantCount}-${workspace.id.toLowerCase().replace(/[^a-z0-9]/g, '')}@example.com`;
    await admin.createAgent(workspace.id, {
      email: agentEmail,
      name: `Agent ${name}`,
      initials: 'ab',
      role: 'agent',
      password: AGENT_PASSWORD,
    });
    return { workspaceId: workspace.id, siteKey: site.publicKey, siteId: site.id, agentEmail };
  };

  const tenant = await addTenant('Acme', [TEST_ORIGIN, ...(options.origins ?? [])]);
  const bus = new MemoryBus();
  const relay = createRelay({
    storage,
    bus,
    log: silentLogger,
    assets: findAssetDirs(),
    demoSiteKey: () => (options.demo ? tenant.siteKey : null),
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    ...(options.routing ? { routing: options.routing } : {}),
    ...(options.review ? { review: options.review } : {}),
    channels: { secretKey: randomBytes(32), ...options.channels },
    ...(options.alerts ? { alerts: options.alerts } : {}),
    outbound: options.outbound ?? { allowPrivate: true },
  });
  const { port } = await relay.listen(0);
  const url = `http://127.0.0.1:${port}`;
  if (options.demo) {
    await storage.tenants.setSiteOrigins(tenant.workspaceId, tenant.siteId, [TEST_ORIGIN, url, ...(options.origins ?? [])]);
  }

  const harness: RelayHarness = {
    relay,
    storage,
    bus,
    dataDir,
    url,
    wsUrl: `ws://127.0.0.1:${port}`,
    tenant,
    addTenant,
    async addAgent(tenant, agent) {
      const email = `${agent.initials}-${tenant.workspaceId.toLowerCase().replace(/[^a-z0-9]/g, '')}@example.com`;
      const created = await admin.createAgent(tenant.workspaceId, {
        email,
        name: `Agent ${agent.initials.toUpperCase()}`,
        initials: agent.initials,
        role: agent.role ?? 'agent',
        password: AGENT_PASSWORD,
      });
      if (agent.capacity !== undefined) await storage.routing.setCapacity(tenant.workspaceId, created.id, agent.capacity);
      return { id: created.id, email, token: await harness.login(email) };
    },
    async login(email, password = AGENT_PASSWORD) {
      const response = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { token: string }).token;
    },
    async close() {
      await relay.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}
