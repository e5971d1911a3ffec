/**
 * Serves the built widget at /widget/* (to any origin: host pages load it cross-origin, and its
 * lazy chunk is a module import that needs CORS) and the console at /console/* (a single-page
 * app, so unknown paths fall back to its index.html).
 */
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';

export interface AssetDirs {
  widget: string | null;
  console: string | null;
}

export function staticRoutes(assets: AssetDirs): Hono {
  const app = new Hono();
  const widgetDir = assets.widget;
  if (widgetDir && existsSync(widgetDir)) {
    app.use('/widget/*', async (c, next) => {
      await next();
      c.header('Access-Control-Allow-Origin', '*');
      c.header('Cross-Origin-Resource-Policy', 'cross-origin');
      // Hashed chunks never change; the loader's own name is stable, so keep it short-lived.
      c.header('Cache-Control', c.req.path.endsWith('/loader.js') ? 'public, max-age=300' : 'public, max-age=31536000, immutable');
    });
    app.use('/widget/*', serveStatic({ root: widgetDir, rewriteRequestPath: (path) => path.slice('/widget'.length) }));
  }
  const consoleDir = assets.console;
  if (consoleDir && existsSync(consoleDir)) {
    app.get('/console', (c) => c.redirect('/console/'));
    app.use('/console/*', serveStatic({ root: consoleDir, rewriteRequestPath: (path) => path.slice('/console'.length) }));
    app.get('/console/*', serveStatic({ path: join(consoleDir, 'index.html') }));
  }
  return app;
}
