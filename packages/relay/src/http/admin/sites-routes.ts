/**
 * Sites of the admin's workspace: name, exact-origin allowlist, widget settings (pre-chat form,
 * business hours, title). The identity secret is in the answer to creating a site and to
 * rotating its secret, and nowhere else; rotating makes the old secret stop verifying at once.
 */
import { Hono } from 'hono';
import { createSiteRequestSchema, updateSiteRequestSchema, type SiteSecretResponse } from '@eyelevel/shared';
import { RelayError } from '../../errors.js';
import { toAdminSite } from '../../tenants/admin-views.js';
import { readJson } from '../json-body.js';
import type { AdminEnv } from './admin-auth.js';
import { announceDirectory, type AdminDeps } from './admin-deps.js';

export function sitesRoutes(deps: AdminDeps): Hono<AdminEnv> {
  const { storage } = deps;
  const app = new Hono<AdminEnv>();

  const requireSite = async (workspaceId: string, siteId: string) => {
    const site = await storage.admin.getSite(workspaceId, siteId);
    if (!site) throw new RelayError('NOT_FOUND', 'no such site in this workspace');
    return site;
  };

  app.get('/', async (c) => {
    const sites = await storage.tenants.listSites(c.var.agent.workspaceId);
    return c.json(sites.map(toAdminSite));
  });

  app.get('/:id', async (c) => c.json(toAdminSite(await requireSite(c.var.agent.workspaceId, c.req.param('id')))));

  app.post('/', async (c) => {
    const workspaceId = c.var.agent.workspaceId;
    const body = await readJson(c, createSiteRequestSchema);
    const { site, identitySecret } = await storage.tenants.createSite({
      workspaceId,
      name: body.name,
      allowedOrigins: body.allowedOrigins,
      ...(body.settings ? { settings: body.settings } : {}),
    });
    const answer: SiteSecretResponse = { site: toAdminSite(site), identitySecret };
    // Consoles list the sites a private link can lead to.
    announceDirectory(deps, workspaceId);
    return c.json(answer, 201);
  });

  app.patch('/:id', async (c) => {
    const workspaceId = c.var.agent.workspaceId;
    const body = await readJson(c, updateSiteRequestSchema);
    const updated = await storage.admin.updateSite(workspaceId, c.req.param('id'), {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.allowedOrigins !== undefined ? { allowedOrigins: body.allowedOrigins } : {}),
      ...(body.settings !== undefined ? { settings: body.settings } : {}),
    });
    if (!updated) throw new RelayError('NOT_FOUND', 'no such site in this workspace');
    if (body.name !== undefined) announceDirectory(deps, workspaceId);
    return c.json(toAdminSite(await requireSite(workspaceId, c.req.param('id'))));
  });

  app.post('/:id/rotate-secret', async (c) => {
    const workspaceId = c.var.agent.workspaceId;
    const identitySecret = await storage.admin.rotateSiteSecret(workspaceId, c.req.param('id'));
    if (identitySecret === null) throw new RelayError('NOT_FOUND', 'no such site in this workspace');
    const answer: SiteSecretResponse = { site: toAdminSite(await requireSite(workspaceId, c.req.param('id'))), identitySecret };
    return c.json(answer);
  });

  return app;
}
