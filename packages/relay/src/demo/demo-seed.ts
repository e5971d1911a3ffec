/**
 * The demo workspace for `pnpm start`: one site whose origin is the relay itself, one admin
 * agent with a generated password, two teams and a few canned replies. Created once and remembered in the data folder, so a second start
 * keeps the data and prints the same credentials.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Storage } from '../storage/storage.js';
import { TenantAdmin } from '../tenants/tenant-admin.js';

const demoFileSchema = z.object({
  workspaceId: z.string(),
  siteId: z.string(),
  siteKey: z.string(),
  agentEmail: z.string(),
  agentPassword: z.string(),
});
export type DemoInfo = z.infer<typeof demoFileSchema>;

export const DEMO_FILE_NAME = 'demo.json';
export const DEMO_AGENT_EMAIL = 'demo@eyelevel.example';

export async function ensureDemo(storage: Storage, dataDir: string, origins: string[]): Promise<DemoInfo> {
  const file = join(dataDir, DEMO_FILE_NAME);
  if (existsSync(file)) {
    const demo = demoFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    // The port may differ from the last start; the demo page must still be allowed.
    await storage.tenants.setSiteOrigins(demo.workspaceId, demo.siteId, origins);
    return demo;
  }
  const admin = new TenantAdmin(storage);
  const workspace = await admin.createWorkspace({ name: 'Demo Company' });
  const { site } = await admin.createSite(workspace.id, { name: 'Demo shop', allowedOrigins: origins });
  const agentPassword = randomBytes(9).toString('base64url');
  const dana = await admin.createAgent(workspace.id, {
    email: DEMO_AGENT_EMAIL,
    name: 'Dana Demo',
    initials: 'dd',
    role: 'admin',
    password: agentPassword,
  });
  await seedQueueSetup(storage, workspace.id, dana.id);
  const demo: DemoInfo = {
    workspaceId: workspace.id,
    siteId: site.id,
    siteKey: site.publicKey,
    agentEmail: DEMO_AGENT_EMAIL,
    agentPassword,
  };
  writeFileSync(file, `${JSON.stringify(demo, null, 2)}\n`, { mode: 0o600 });
  return demo;
}

/** Teams and canned replies, so the demo shows transfers and `/` in the composer at once. */
async function seedQueueSetup(storage: Storage, workspaceId: string, adminId: string): Promise<void> {
  const support = await storage.routing.createTeam(workspaceId, 'support', 'Support');
  await storage.routing.createTeam(workspaceId, 'recruiting', 'Recruiting');
  await storage.routing.addTeamMember(workspaceId, support.id, adminId);
  await storage.admin.createCannedReply(workspaceId, {
    teamId: null,
    shortcut: 'hello',
    title: 'Greeting',
    body: 'Hi {visitor.name}, {agent.name} here. How can I help?',
  });
  await storage.admin.createCannedReply(workspaceId, {
    teamId: support.id,
    shortcut: 'thanks',
    title: 'Thanks and goodbye',
    body: 'Thanks for writing, {visitor.name}! ^{agent.initials}',
  });
}

/** The origins a browser uses for the relay on this host and port. */
export function relayOrigins(host: string, port: number, publicUrl: string | null): string[] {
  const origins = new Set<string>();
  if (publicUrl) origins.add(new URL(publicUrl).origin);
  const local = host === '0.0.0.0' || host === '::' || host === '127.0.0.1' || host === 'localhost';
  if (local) {
    origins.add(`http://localhost:${port}`);
    origins.add(`http://127.0.0.1:${port}`);
  } else {
    origins.add(`http://${host.includes(':') ? `[${host}]` : host}:${port}`);
  }
  return [...origins];
}
