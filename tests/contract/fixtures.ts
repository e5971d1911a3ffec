/**
 * Seeding for the contract suite, straight through the Storage interface (no HTTP, no password
 * hashing): workspaces with a site, visitors, agents with a capacity, conversations.
 */
import type { Author } from '@eyelevel/shared';
import type { Agent, Storage, Visitor } from '@eyelevel/relay';
import { randomBytes } from 'node:crypto';

const unique = () => randomBytes(4).toString('hex');

export interface World {
  workspaceId: string;
  siteId: string;
  visitor: Visitor;
}

export async function seedWorkspace(storage: Storage, name = 'Acme'): Promise<World> {
  const workspace = await storage.tenants.createWorkspace(name);
  const { site } = await storage.tenants.createSite({ workspaceId: workspace.id, name: `${name} web`, allowedOrigins: ['https://shop.example'] });
  const visitor = await storage.sessions.createVisitor({
    workspaceId: workspace.id,
    siteId: site.id,
    tokenHash: `token-${unique()}`,
    name: 'Vera',
    email: null,
  });
  return { workspaceId: workspace.id, siteId: site.id, visitor };
}

export async function seedAgent(storage: Storage, world: World, initials: string, capacity = 5, role: Agent['role'] = 'agent'): Promise<Agent> {
  const agent = await storage.tenants.createAgent({
    workspaceId: world.workspaceId,
    email: `${initials}-${unique()}@example.com`,
    passwordHash: 'not-a-real-hash',
    name: `Agent ${initials}`,
    initials,
    role,
  });
  await storage.routing.setCapacity(world.workspaceId, agent.id, capacity);
  await storage.routing.setPresence(world.workspaceId, agent.id, 'online');
  return { ...agent, capacity };
}

export async function seedConversation(storage: Storage, world: World): Promise<string> {
  const { conversation } = await storage.conversations.create({
    workspaceId: world.workspaceId,
    siteId: world.siteId,
    visitor: world.visitor,
    channel: 'web',
    page: null,
    at: Date.now(),
  });
  return conversation.id;
}

export function visitorAuthorOf(visitor: Visitor): Author {
  return { kind: 'visitor', id: visitor.id, name: visitor.name, initials: null, avatarUrl: null, role: null };
}

export function agentAuthorOf(agent: Agent): Author & { id: string } {
  return { kind: 'agent', id: agent.id, name: agent.name, initials: agent.initials, avatarUrl: agent.avatarUrl, role: agent.role };
}
