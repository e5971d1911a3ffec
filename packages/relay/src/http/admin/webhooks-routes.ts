/**
 * Outbound webhooks of the workspace (issue 6): where its events (spike alerts) are POSTed,
 * signed. Admins add and remove them; the signing secret is in the creation answer only.
 */
import { Hono } from 'hono';
import { newOutboundWebhookSchema } from '@eyelevel/shared';
import type { OutboundWebhookAdmin } from '../../webhooks/outbound-webhook-admin.js';
import { readJson } from '../json-body.js';
import type { AdminEnv } from './admin-auth.js';

export function webhooksRoutes(webhooks: OutboundWebhookAdmin): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get('/', async (c) => c.json(await webhooks.list(c.var.agent.workspaceId)));

  app.post('/', async (c) => {
    const body = await readJson(c, newOutboundWebhookSchema);
    return c.json(await webhooks.create(c.var.agent.workspaceId, body), 201);
  });

  app.delete('/:id', async (c) => {
    await webhooks.remove(c.var.agent.workspaceId, c.req.param('id'));
    return c.body(null, 204);
  });

  return app;
}
