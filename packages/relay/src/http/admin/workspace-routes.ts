/**
 * The admin's workspace itself: its name and the first-response target the queue's due times
 * are measured against.
 */
import { Hono } from 'hono';
import { updateWorkspaceRequestSchema, type WorkspaceSettings } from '@eyelevel/shared';
import { RelayError } from '../../errors.js';
import { readJson } from '../json-body.js';
import type { AdminEnv } from './admin-auth.js';
import { announceDirectory, type AdminDeps } from './admin-deps.js';

export function workspaceRoutes(deps: AdminDeps): Hono<AdminEnv> {
  const { storage } = deps;
  const app = new Hono<AdminEnv>();

  const settings = async (workspaceId: string): Promise<WorkspaceSettings> => {
    const workspace = await storage.admin.workspace(workspaceId);
    if (!workspace) throw new RelayError('NOT_FOUND', 'no such workspace');
    return { id: workspace.id, name: workspace.name, firstResponseTargetMinutes: Math.round(workspace.firstResponseTargetMs / 60_000) };
  };

  app.get('/', async (c) => c.json(await settings(c.var.agent.workspaceId)));

  app.patch('/', async (c) => {
    const workspaceId = c.var.agent.workspaceId;
    const body = await readJson(c, updateWorkspaceRequestSchema);
    await storage.admin.updateWorkspace(workspaceId, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.firstResponseTargetMinutes !== undefined ? { firstResponseTargetMs: body.firstResponseTargetMinutes * 60_000 } : {}),
    });
    announceDirectory(deps, workspaceId);
    return c.json(await settings(workspaceId));
  });

  return app;
}
