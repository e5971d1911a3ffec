/**
 * Review policies of the workspace (issue 6): which public replies wait for a colleague, per
 * scope — the workspace, a social channel, a team, or a site's web chat. `PUT` sets a scope's
 * rules (all off means "none" but keeps the row visible), `DELETE` removes the scope's policy.
 * Admins and leads change these.
 */
import { Hono, type Context } from 'hono';
import { REVIEW_SCOPES, setReviewPolicyRequestSchema, type ReviewPolicyView, type ReviewScope } from '@eyelevel/shared';
import { RelayError } from '../../errors.js';
import type { Storage } from '../../storage/storage.js';
import { readJson } from '../json-body.js';
import type { AdminEnv } from './admin-auth.js';
import type { AdminDeps } from './admin-deps.js';

type ScopedScope = Exclude<ReviewScope, 'workspace'>;

export function reviewPoliciesRoutes(deps: AdminDeps): Hono<AdminEnv> {
  const { storage } = deps;
  const now = deps.now ?? Date.now;
  const app = new Hono<AdminEnv>();

  app.get('/', async (c) => {
    const workspaceId = c.var.agent.workspaceId;
    const [policies, names] = await Promise.all([storage.reviews.policies(workspaceId), scopeNames(storage, workspaceId)]);
    const views: ReviewPolicyView[] = policies.map((policy) => ({
      scope: policy.scope,
      scopeId: policy.scope === 'workspace' ? null : policy.scopeId,
      rules: policy.rules,
      label: policy.scope === 'workspace' ? 'Whole workspace' : (names.get(`${policy.scope}:${policy.scopeId}`) ?? '(removed)'),
    }));
    return c.json(views);
  });

  app.put('/workspace', async (c) => {
    const rules = await readJson(c, setReviewPolicyRequestSchema);
    await storage.reviews.setPolicy(c.var.agent.workspaceId, 'workspace', '', rules, now());
    return c.json({ scope: 'workspace', scopeId: null, rules, label: 'Whole workspace' } satisfies ReviewPolicyView);
  });

  app.delete('/workspace', async (c) => {
    await storage.reviews.setPolicy(c.var.agent.workspaceId, 'workspace', '', null, now());
    return c.body(null, 204);
  });

  app.put('/:scope/:id', async (c) => {
    const { scope, id, label } = await target(c, storage);
    const rules = await readJson(c, setReviewPolicyRequestSchema);
    await storage.reviews.setPolicy(c.var.agent.workspaceId, scope, id, rules, now());
    return c.json({ scope, scopeId: id, rules, label } satisfies ReviewPolicyView);
  });

  app.delete('/:scope/:id', async (c) => {
    const { scope, id } = await target(c, storage);
    await storage.reviews.setPolicy(c.var.agent.workspaceId, scope, id, null, now());
    return c.body(null, 204);
  });

  return app;
}

/** The scope and id of the path, checked to name a channel, team or site of this workspace. */
async function target(c: Context<AdminEnv>, storage: Storage): Promise<{ scope: ScopedScope; id: string; label: string }> {
  const scope = c.req.param('scope') ?? '';
  const id = c.req.param('id') ?? '';
  if (!(REVIEW_SCOPES as readonly string[]).includes(scope) || scope === 'workspace') {
    throw new RelayError('NOT_FOUND', 'a review policy’s scope is workspace, channel, team or site');
  }
  const label = (await scopeNames(storage, c.var.agent.workspaceId)).get(`${scope}:${id}`);
  if (label === undefined) throw new RelayError('NOT_FOUND', `no such ${scope} in this workspace`);
  return { scope: scope as ScopedScope, id, label };
}

async function scopeNames(storage: Storage, workspaceId: string): Promise<Map<string, string>> {
  const [channels, teams, sites] = await Promise.all([
    storage.channels.list(workspaceId),
    storage.routing.listTeams(workspaceId),
    storage.tenants.listSites(workspaceId),
  ]);
  return new Map([
    ...channels.map((channel) => [`channel:${channel.id}`, channel.name] as const),
    ...teams.map((team) => [`team:${team.id}`, team.name] as const),
    ...sites.map((site) => [`site:${site.id}`, site.name] as const),
  ]);
}
