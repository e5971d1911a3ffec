/**
 * The HTTP side of the relay as a pure factory: everything it needs comes in `deps`, so tests
 * drive it in-process with `app.request()` and `main` is the only place that reads the
 * environment or opens ports.
 */
import { Hono } from 'hono';
import type { Logger } from 'pino';
import type { Storage } from '../storage/storage.js';
import { isRelayError } from '../errors.js';
import { authRoutes } from './auth-routes.js';
import { healthRoutes } from './health-routes.js';
import { staticRoutes, type AssetDirs } from './static-routes.js';
import { demoRoutes } from './demo-page.js';
import { adminRoutes } from './admin/admin-routes.js';
import type { AdminDeps } from './admin/admin-deps.js';
import type { ChannelRuntime } from '../connectors/channel-runtime.js';
import { channelWebhookRoutes } from './channel-webhook-routes.js';

export interface AppDeps {
  storage: Storage;
  log: Logger;
  assets: AssetDirs;
  /** Public key of the demo site, when running with --demo. */
  demoSiteKey: () => string | null;
  onSessionRevoked: (tokenHash: string) => void;
  isShuttingDown: () => boolean;
  /** True while the cross-node bus is down (readiness reports it; the node still serves). */
  busDegraded?: () => boolean;
  /** The admin API (`/api/admin`); left out, the relay serves none. */
  admin?: Omit<AdminDeps, 'storage'>;
  /** Social channels' webhook deliveries (`/api/channels/:id/webhook`, issue 5). */
  channels?: ChannelRuntime;
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();

  app.onError((error, c) => {
    if (isRelayError(error)) {
      return c.json({ error: { code: error.code, message: error.message } }, error.httpStatus as 400);
    }
    deps.log.error({ err: error, path: c.req.path }, 'request failed');
    return c.json({ error: { code: 'INTERNAL', message: 'internal error' } }, 500);
  });
  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: `no route for ${c.req.method} ${c.req.path}` } }, 404));

  app.route('/', healthRoutes(deps.storage, deps.isShuttingDown, deps.busDegraded));
  app.route('/api/auth', authRoutes({ storage: deps.storage, onSessionRevoked: deps.onSessionRevoked }));
  if (deps.admin) app.route('/api/admin', adminRoutes({ storage: deps.storage, ...deps.admin }));
  if (deps.channels) app.route('/api/channels', channelWebhookRoutes(deps.channels, deps.log));
  app.route('/', staticRoutes(deps.assets));
  app.route('/', demoRoutes({ siteKey: deps.demoSiteKey }));
  return app;
}
