/**
 * Social channels of the admin's workspace (issue 5): connect X, Facebook pages, Mastodon,
 * Bluesky or a generic webhook, change a channel's signature, team, flood cap or credentials,
 * pause it, check it now, disconnect it. Credentials are accepted here and never returned.
 */
import { Hono } from 'hono';
import { newChannelSchema, updateChannelSchema } from '@eyelevel/shared';
import type { ChannelAdmin } from '../../connectors/channel-admin.js';
import { readJson } from '../json-body.js';
import type { AdminEnv } from './admin-auth.js';

export function channelsRoutes(channels: ChannelAdmin): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get('/', async (c) => c.json(await channels.list(c.var.agent.workspaceId)));

  app.post('/', async (c) => {
    const body = await readJson(c, newChannelSchema);
    return c.json(await channels.create(c.var.agent.workspaceId, body), 201);
  });

  app.get('/:id', async (c) => c.json(await channels.get(c.var.agent.workspaceId, c.req.param('id'))));

  app.patch('/:id', async (c) => {
    const body = await readJson(c, updateChannelSchema);
    return c.json(await channels.update(c.var.agent.workspaceId, c.req.param('id'), body));
  });

  /** Poll now (where the channel polls) and return its state: the admin's "check connection". */
  app.post('/:id/poll', async (c) => c.json(await channels.pollNow(c.var.agent.workspaceId, c.req.param('id'))));

  app.delete('/:id', async (c) => {
    await channels.remove(c.var.agent.workspaceId, c.req.param('id'));
    return c.body(null, 204);
  });

  return app;
}
