/**
 * Liveness and readiness for load balancers and orchestrators: /healthz says the process
 * answers, /readyz says it can also reach storage (and so can accept sends). A node whose bus to
 * the other nodes is down stays ready: it still stores and delivers, only later across nodes
 * (issue 7), so readiness reports it as `bus: degraded` without sending traffic elsewhere.
 */
import { Hono } from 'hono';
import type { Storage } from '../storage/storage.js';

export function healthRoutes(storage: Storage, isShuttingDown: () => boolean, busDegraded: () => boolean = () => false): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    if (isShuttingDown()) return c.json({ status: 'shutting-down' }, 503);
    try {
      await storage.ping();
      return c.json({ status: 'ready', storage: 'ok', ...(busDegraded() ? { bus: 'degraded' } : {}) });
    } catch {
      return c.json({ status: 'not-ready', storage: 'unreachable' }, 503);
    }
  });
  return app;
}
