/**
 * Spike alert rules of the workspace (issue 6): window, baseline, cooldown, severity levels and
 * whether a critical alert switches crisis mode on. Admins and leads change these; the recent
 * alerts are readable here too (the console also gets them over its socket).
 */
import { Hono } from 'hono';
import { spikeRuleInputSchema } from '@eyelevel/shared';
import { RelayError } from '../../errors.js';
import { newId } from '../../ids.js';
import { readJson } from '../json-body.js';
import type { AdminEnv } from './admin-auth.js';
import type { AdminDeps } from './admin-deps.js';

/** Rules per workspace: each is evaluated for every series on every tick. */
const MAX_RULES = 20;

export function spikeRulesRoutes(deps: AdminDeps): Hono<AdminEnv> {
  const { storage } = deps;
  const now = deps.now ?? Date.now;
  const app = new Hono<AdminEnv>();

  app.get('/', async (c) => c.json(await storage.alerts.listRules(c.var.agent.workspaceId)));

  app.post('/', async (c) => {
    const workspaceId = c.var.agent.workspaceId;
    const settings = await readJson(c, spikeRuleInputSchema);
    if ((await storage.alerts.listRules(workspaceId)).length >= MAX_RULES) throw new RelayError('CONFLICT', `a workspace has at most ${MAX_RULES} spike rules`);
    return c.json(await storage.alerts.createRule(workspaceId, newId(), settings, now()), 201);
  });

  app.put('/:id', async (c) => {
    const settings = await readJson(c, spikeRuleInputSchema);
    const rule = await storage.alerts.updateRule(c.var.agent.workspaceId, c.req.param('id'), settings, now());
    if (!rule) throw new RelayError('NOT_FOUND', 'no such spike rule in this workspace');
    return c.json(rule);
  });

  app.delete('/:id', async (c) => {
    if (!(await storage.alerts.deleteRule(c.var.agent.workspaceId, c.req.param('id')))) throw new RelayError('NOT_FOUND', 'no such spike rule in this workspace');
    return c.body(null, 204);
  });

  return app;
}
