/**
 * The admin REST API under `/api/admin` (issue 4): one authentication and role check for all
 * of it, then one small router per resource. Bodies are validated with the shared schemas in
 * `admin-api.ts`; errors are `{ error: { code, message } }` like the rest of the HTTP API.
 */
import { Hono } from 'hono';
import { adminAuth, type AdminEnv } from './admin-auth.js';
import type { AdminDeps } from './admin-deps.js';
import { agentsRoutes } from './agents-routes.js';
import { teamsRoutes } from './teams-routes.js';
import { sitesRoutes } from './sites-routes.js';
import { cannedRepliesRoutes } from './canned-replies-routes.js';
import { workspaceRoutes } from './workspace-routes.js';
import { channelsRoutes } from './channels-routes.js';
import { reviewPoliciesRoutes } from './review-policies-routes.js';
import { traineesRoutes } from './trainees-routes.js';
import { spikeRulesRoutes } from './spike-rules-routes.js';
import { webhooksRoutes } from './webhooks-routes.js';

/** What leads run, and so may change as well as read (issue 6). */
const LEAD_RUN = /^\/api\/admin\/(review-policies|trainees|spike-rules)(\/|$)/;
import { auditRoutes, warnTemplatesRoutes } from './moderation-routes.js';

export function adminRoutes(deps: AdminDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.use('*', adminAuth(deps.storage, (path) => LEAD_RUN.test(path)));
  app.route('/workspace', workspaceRoutes(deps));
  app.route('/agents', agentsRoutes(deps));
  app.route('/teams', teamsRoutes(deps));
  app.route('/sites', sitesRoutes(deps));
  app.route('/canned-replies', cannedRepliesRoutes(deps));
  if (deps.channels) app.route('/channels', channelsRoutes(deps.channels));
  app.route('/review-policies', reviewPoliciesRoutes(deps));
  app.route('/trainees', traineesRoutes(deps));
  app.route('/spike-rules', spikeRulesRoutes(deps));
  if (deps.webhooks) app.route('/webhooks', webhooksRoutes(deps.webhooks));
  app.route('/audit', auditRoutes(deps));
  app.route('/moderation/warn-templates', warnTemplatesRoutes(deps));
  return app;
}
