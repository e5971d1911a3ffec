/**
 * Agents flagged as in training (issue 6): their public replies wait for a colleague where a
 * review policy says "trainees". Admins and leads set and clear the flag.
 */
import { Hono } from 'hono';
import { setTrainingRequestSchema, type Trainee } from '@eyelevel/shared';
import { RelayError } from '../../errors.js';
import { readJson } from '../json-body.js';
import type { AdminEnv } from './admin-auth.js';
import type { AdminDeps } from './admin-deps.js';

export function traineesRoutes(deps: AdminDeps): Hono<AdminEnv> {
  const { storage } = deps;
  const now = deps.now ?? Date.now;
  const app = new Hono<AdminEnv>();

  app.get('/', async (c) => c.json((await storage.reviews.trainees(c.var.agent.workspaceId)) satisfies Trainee[]));

  app.put('/:agentId', async (c) => {
    const workspaceId = c.var.agent.workspaceId;
    const agentId = c.req.param('agentId');
    const { inTraining } = await readJson(c, setTrainingRequestSchema);
    if (!(await storage.tenants.getAgent(workspaceId, agentId))) throw new RelayError('NOT_FOUND', 'no such agent in this workspace');
    await storage.reviews.setTraining(workspaceId, agentId, inTraining, now());
    const trainee = (await storage.reviews.trainees(workspaceId)).find((t) => t.agentId === agentId);
    return c.json({ agentId, inTraining, since: trainee?.since ?? null });
  });

  return app;
}
