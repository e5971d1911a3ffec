/**
 * Teams of the admin's workspace (e.g. Support, Recruiting): each has its own queue, members and
 * canned replies. Deleting a team leaves its conversations in the workspace's general queue.
 */
import { Hono } from 'hono';
import { teamRequestSchema, updateTeamRequestSchema } from '@eyelevel/shared';
import { RelayError } from '../../errors.js';
import { isUniqueViolation } from '../../storage/kysely/unique-violation.js';
import { readJson } from '../json-body.js';
import type { AdminEnv } from './admin-auth.js';
import { announceDirectory, type AdminDeps } from './admin-deps.js';

/** "Customer Care" becomes "customer-care". */
export function slugFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return slug || 'team';
}

export function teamsRoutes(deps: AdminDeps): Hono<AdminEnv> {
  const { storage } = deps;
  const app = new Hono<AdminEnv>();

  app.get('/', async (c) => {
    const teams = await storage.routing.listTeams(c.var.agent.workspaceId);
    return c.json(teams.map((team) => ({ id: team.id, slug: team.slug, name: team.name })));
  });

  app.post('/', async (c) => {
    const workspaceId = c.var.agent.workspaceId;
    const body = await readJson(c, teamRequestSchema);
    const slug = body.slug ?? slugFromName(body.name);
    try {
      const team = await storage.routing.createTeam(workspaceId, slug, body.name);
      announceDirectory(deps, workspaceId);
      return c.json({ id: team.id, slug: team.slug, name: team.name }, 201);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new RelayError('CONFLICT', `a team with the key "${slug}" exists`, { cause: error });
    }
  });

  app.patch('/:id', async (c) => {
    const workspaceId = c.var.agent.workspaceId;
    const body = await readJson(c, updateTeamRequestSchema);
    if (!(await storage.admin.renameTeam(workspaceId, c.req.param('id'), body.name))) {
      throw new RelayError('NOT_FOUND', 'no such team in this workspace');
    }
    announceDirectory(deps, workspaceId);
    const team = (await storage.routing.listTeams(workspaceId)).find((t) => t.id === c.req.param('id'))!;
    return c.json({ id: team.id, slug: team.slug, name: team.name });
  });

  app.delete('/:id', async (c) => {
    const workspaceId = c.var.agent.workspaceId;
    if (!(await storage.admin.deleteTeam(workspaceId, c.req.param('id')))) {
      throw new RelayError('NOT_FOUND', 'no such team in this workspace');
    }
    announceDirectory(deps, workspaceId);
    return c.body(null, 204);
  });

  return app;
}
