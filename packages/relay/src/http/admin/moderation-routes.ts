/**
 * Moderation in the admin API (issue 6): the audit log, searchable by leads and admins (agents
 * get 403 from the admin API's role check), and the workspace's warn templates (admins write
 * them). The audit log has only a GET here: no route updates or deletes an entry, and the
 * database refuses it anyway.
 */
import { Hono } from 'hono';
import { auditQuerySchema, validate, warnTemplatesRequestSchema } from '@eyelevel/shared';
import { RelayError } from '../../errors.js';
import { readJson } from '../json-body.js';
import type { AdminEnv } from './admin-auth.js';
import { announceDirectory, type AdminDeps } from './admin-deps.js';
import { warnTemplatesOf } from '../../moderation/warn-templates.js';

export function auditRoutes(deps: AdminDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.get('/', async (c) => {
    const query = validate(auditQuerySchema, c.req.query());
    if (!query.ok) throw new RelayError(query.code, query.message);
    return c.json(await deps.storage.moderation.searchAudit(c.var.agent.workspaceId, query.value));
  });
  return app;
}

export function warnTemplatesRoutes(deps: AdminDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.get('/', async (c) => c.json({ templates: await warnTemplatesOf(deps.storage, c.var.agent.workspaceId) }));
  app.put('/', async (c) => {
    const workspaceId = c.var.agent.workspaceId;
    const body = await readJson(c, warnTemplatesRequestSchema);
    await deps.storage.moderation.setWarnTemplates(workspaceId, body.templates, Date.now());
    announceDirectory(deps, workspaceId);
    return c.json({ templates: body.templates });
  });
  return app;
}
