/**
 * Canned replies of the admin's workspace, per team or for every team. Shortcuts are unique per
 * workspace so `/thanks` always means one reply. Agents receive them in the `directory` frame.
 */
import { Hono } from 'hono';
import { cannedReplyInputSchema, updateCannedReplyRequestSchema } from '@eyelevel/shared';
import { RelayError } from '../../errors.js';
import { readJson } from '../json-body.js';
import type { AdminEnv } from './admin-auth.js';
import { announceDirectory, type AdminDeps } from './admin-deps.js';

export function cannedRepliesRoutes(deps: AdminDeps): Hono<AdminEnv> {
  const { storage } = deps;
  const app = new Hono<AdminEnv>();

  app.get('/', async (c) => c.json(await storage.admin.listCannedReplies(c.var.agent.workspaceId)));

  app.post('/', async (c) => {
    const workspaceId = c.var.agent.workspaceId;
    const body = await readJson(c, cannedReplyInputSchema);
    const reply = await storage.admin.createCannedReply(workspaceId, body);
    announceDirectory(deps, workspaceId);
    return c.json(reply, 201);
  });

  app.patch('/:id', async (c) => {
    const workspaceId = c.var.agent.workspaceId;
    const body = await readJson(c, updateCannedReplyRequestSchema);
    const reply = await storage.admin.updateCannedReply(workspaceId, c.req.param('id'), {
      ...(body.teamId !== undefined ? { teamId: body.teamId } : {}),
      ...(body.shortcut !== undefined ? { shortcut: body.shortcut } : {}),
      ...(body.title !== undefined ? { title: body.title } : {}),
      ...(body.body !== undefined ? { body: body.body } : {}),
    });
    if (!reply) throw new RelayError('NOT_FOUND', 'no such canned reply in this workspace');
    announceDirectory(deps, workspaceId);
    return c.json(reply);
  });

  app.delete('/:id', async (c) => {
    const workspaceId = c.var.agent.workspaceId;
    if (!(await storage.admin.deleteCannedReply(workspaceId, c.req.param('id')))) {
      throw new RelayError('NOT_FOUND', 'no such canned reply in this workspace');
    }
    announceDirectory(deps, workspaceId);
    return c.body(null, 204);
  });

  return app;
}
