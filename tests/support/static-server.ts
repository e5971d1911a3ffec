/**
 * Serves test pages from a different origin than the relay, the way a customer's website
 * embeds the widget. Pages are given as strings (with optional response headers, e.g. a CSP).
 */
import { createServer, type Server } from 'node:http';

export interface TestPage {
  body: string;
  headers?: Record<string, string>;
}

export interface StaticServer {
  origin: string;
  setPage(path: string, page: TestPage): void;
  close(): Promise<void>;
}

export async function startStaticServer(): Promise<StaticServer> {
  const pages = new Map<string, TestPage>();
  const server: Server = createServer((request, response) => {
    const page = pages.get(new URL(request.url ?? '/', 'http://x').pathname);
    if (!page) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...page.headers }).end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    // "localhost" rather than 127.0.0.1 so the page's origin differs from the relay's.
    origin: `http://localhost:${port}`,
    setPage: (path, page) => pages.set(path, page),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
