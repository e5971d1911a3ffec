/**
 * The base of every fake platform: a real node:http server on a loopback port that records
 * each request (method, path, query, headers, raw body) and answers from a small route table.
 * Tests then assert on what the relay actually sent over the wire, and can make the next
 * answers fail (a rejected reply, a rate limit) to drive the relay's error paths.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  /** The body parsed as JSON (or as a form), when it is one. */
  json: unknown;
}

export interface FakeAnswer {
  status?: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

type Handler = (request: RecordedRequest, params: Record<string, string>) => FakeAnswer | Promise<FakeAnswer>;

/** A handler for a streaming response (server-sent events): it writes until the test ends. */
type StreamHandler = (request: RecordedRequest, response: ServerResponse) => void;

export class FakeServer {
  readonly requests: RecordedRequest[] = [];
  private readonly routes: Array<{ method: string; pattern: RegExp; keys: string[]; handler: Handler }> = [];
  private readonly streams: Array<{ method: string; pattern: RegExp; handler: StreamHandler }> = [];
  /** Answers queued to override the route table, one per matching request (failures). */
  private readonly overrides: Array<{ method: string; path: RegExp; answer: FakeAnswer }> = [];
  private readonly server: Server;
  private readonly open = new Set<ServerResponse>();
  url = '';

  constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const res of this.open) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** `path` may contain `:name` segments. */
  on(method: string, path: string, handler: Handler): this {
    const keys: string[] = [];
    const pattern = new RegExp(
      '^' + path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_m, key: string) => (keys.push(key), '([^/]+)')) + '$',
    );
    this.routes.push({ method, pattern, keys, handler });
    return this;
  }

  stream(method: string, path: string, handler: StreamHandler): this {
    this.streams.push({ method, pattern: new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`), handler });
    return this;
  }

  /** The next request matching method and path gets this answer instead of the route's. */
  failNext(method: string, path: RegExp, answer: FakeAnswer): void {
    this.overrides.push({ method, path, answer });
  }

  received(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  /** Waits until a request matching method and path has arrived. */
  async waitFor(method: string, path: RegExp, count = 1, timeoutMs = 5000): Promise<RecordedRequest[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received(method, path);
      if (found.length >= count) return found;
      if (Date.now() > deadline) throw new Error(`fake platform: no ${method} ${path} after ${timeoutMs} ms; got ${this.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    let json: unknown = null;
    try {
      json = body ? JSON.parse(body) : null;
    } catch {
      json = req.headers['content-type']?.includes('form') ? Object.fromEntries(new URLSearchParams(body)) : null;
    }
    const request: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body, json };
    this.requests.push(request);

    const stream = this.streams.find((s) => s.method === request.method && s.pattern.test(request.path));
    if (stream) {
      this.open.add(res);
      res.on('close', () => this.open.delete(res));
      stream.handler(request, res);
      return;
    }
    const overrideIndex = this.overrides.findIndex((o) => o.method === request.method && o.path.test(request.path));
    let answer: FakeAnswer;
    if (overrideIndex >= 0) {
      answer = this.overrides[overrideIndex]!.answer;
      this.overrides.splice(overrideIndex, 1);
    } else {
      const route = this.routes.find((r) => r.method === request.method && r.pattern.test(request.path));
      if (!route) {
        answer = { status: 404, json: { error: `fake: no route for ${request.method} ${request.path}` } };
      } else {
        const match = route.pattern.exec(request.path)!;
        const params = Object.fromEntries(route.keys.map((key, i) => [key, decodeURIComponent(match[i + 1] ?? '')]));
        answer = await route.handler(request, params);
      }
    }
    const text = answer.text ?? (answer.json === undefined ? '' : JSON.stringify(answer.json));
    res.writeHead(answer.status ?? 200, {
      'content-type': answer.text !== undefined ? 'text/plain' : 'application/json',
      ...answer.headers,
    });
    res.end(text);
  }
}
