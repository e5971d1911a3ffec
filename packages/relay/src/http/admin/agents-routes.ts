/**
 * Agents of the admin's workspace: list, create, edit (name, initials, avatar, role, capacity,
 * teams, password) and deactivate or reactivate. Initials stay unique per workspace (CONFLICT).
 * A workspace always keeps one active admin, so nobody can lock everyone out by mistake.
 */
import { Hono } from 'hono';
import { createAgentRequestSchema, updateAgentRequestSchema } from '@eyelevel/shared';
import { RelayError } from '../../errors.js';
import { hashPassword } from '../../security/password.js';
import { TenantAdmin } from '../../tenants/tenant-admin.js';
import { toAdminAgent } from '../../tenants/admin-views.js';
import { readJson } from '../json-body.js';
import type { AdminEnv } from './admin-auth.js';
import { announceDirectory, type AdminDeps } from './admin-deps.js';

export function agentsRoutes(deps: AdminDeps): Hono<AdminEnv> {
  const { storage } = deps;
  const app = new Hono<AdminEnv>();
  const tenants = new TenantAdmin(storage);

  const requireAgent = async (workspaceId: string, agentId: string) => {
    const agent = await storage.admin.getAgentRecord(workspaceId, agentId);
    if (!agent) throw new RelayError('NOT_FOUND', 'no such agent in this workspace');
    return agent;
  };

  app.get('/', async (c) => {
    const agents = await storage.admin.listAgents(c.var.agent.workspaceId);
    return c.json(agents.map(toAdminAgent));
  });

  app.post('/', async (c) => {
    const workspaceId = c.var.agent.workspaceId;
    const body = await readJson(c, createAgentRequestSchema);
    const { capacity, teamIds, ...input } = body;
    const created = await tenants.createAgent(workspaceId, input);
    if (capacity !== undefined) await storage.routing.setCapacity(workspaceId, created.id, capacity);
    if (teamIds) await storage.admin.setAgentTeams(workspaceId, created.id, teamIds);
    announceDirectory(deps, workspaceId);
    return c.json(toAdminAgent(await requireAgent(workspaceId, created.id)), 201);
  });

  app.patch('/:id', async (c) => {
    const workspaceId = c.var.agent.workspaceId;
    const body = await readJson(c, updateAgentRequestSchema);
    const agent = await requireAgent(workspaceId, c.req.param('id'));
    const losesAdmin =
      agent.role === 'admin' && agent.active && ((body.role !== undefined && body.role !== 'admin') || body.active === false);
    if (losesAdmin && (await countActiveAdmins(deps, workspaceId)) <= 1) {
      throw new RelayError('CONFLICT', 'the workspace needs at least one active admin');
    }
    if (body.active === false && agent.id === c.var.agent.id) {
      throw new RelayError('CONFLICT', 'you cannot deactivate yourself');
    }
    await storage.admin.updateAgent(workspaceId, agent.id, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.initials !== undefined ? { initials: body.initials } : {}),
      ...(body.avatarUrl !== undefined ? { avatarUrl: body.avatarUrl } : {}),
      ...(body.role !== undefined ? { role: body.role } : {}),
      ...(body.capacity !== undefined ? { capacity: body.capacity } : {}),
      ...(body.password !== undefined ? { passwordHash: await hashPassword(body.password) } : {}),
    });
    if (body.teamIds) await storage.admin.setAgentTeams(workspaceId, agent.id, body.teamIds);
    const now = Date.now();
    if (body.password !== undefined) await storage.sessions.revokeAllAgentSessions(workspaceId, agent.id, now);
    if (body.active !== undefined && body.active !== agent.active) {
      await storage.admin.setAgentActive(workspaceId, agent.id, body.active, now);
      if (!body.active) {
        // Their consoles close (directory refresh sees the deactivation), their sessions end, and
        // the visitors they were helping go to someone else.
        await storage.sessions.revokeAllAgentSessions(workspaceId, agent.id, now);
        await deps.handOver(workspaceId, agent.id, `${agent.name} was deactivated`);
      }
    }
    announceDirectory(deps, workspaceId);
    return c.json(toAdminAgent(await requireAgent(workspaceId, agent.id)));
  });

  return app;
}

async function countActiveAdmins(deps: AdminDeps, workspaceId: string): Promise<number> {
  const agents = await deps.storage.admin.listAgents(workspaceId);
  return agents.filter((agent) => agent.role === 'admin' && agent.active).length;
}
