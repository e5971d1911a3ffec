import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createOutboundFetch } from './outbound-fetch.js';
import type { VettedAddress } from './outbound-address.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

interface Seen {
  method: string;
  url: string;
  host: string;
  body: string;
}

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ port: number; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', host: req.headers.host ?? '', body });
      handler(req, res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, seen };
}

/** A resolver that answers 127.0.0.1 once and then something else: a rebinding name in reverse. */
function resolverOnce(first: VettedAddress[]) {
  const calls: string[] = [];
  const resolve = async (host: string) => {
    calls.push(host);
    return calls.length === 1 ? first : [{ address: '10.9.9.9', family: 4 as const }];
  };
  return { resolve, calls };
}

describe('createOutboundFetch', () => {
  it('connects to the address it vetted, resolving the name once (the system resolver never sees it)', async () => {
    const { port, seen } = await serve((_req, res) => res.end('pinned'));
    const { resolve, calls } = resolverOnce([{ address: '127.0.0.1', family: 4 }]);
    const fetch = createOutboundFetch({ allowPrivate: true }, resolve);
    // .invalid never resolves in DNS: reaching the server proves the vetted address was used.
    const response = await fetch(`http://rebind.invalid:${port}/x?y=1`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'héllo' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('pinned');
    expect(calls).toEqual(['rebind.invalid']);
    expect(seen).toEqual([{ method: 'POST', url: '/x?y=1', host: `rebind.invalid:${port}`, body: 'héllo' }]);
  });

  it('refuses before connecting when the guard is on and the name resolves to an internal address', async () => {
    const { port, seen } = await serve((_req, res) => res.end('should not happen'));
    const { resolve } = resolverOnce([{ address: '127.0.0.1', family: 4 }]);
    const fetch = createOutboundFetch({ allowPrivate: false }, resolve);
    await expect(fetch(`http://rebind.invalid:${port}/`)).rejects.toThrow(/rebind\.invalid resolves to 127\.0\.0\.1, which is a private/);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow(/127\.0\.0\.1 is a private/);
    expect(seen).toEqual([]);
  });

  it('answers like fetch: status and headers, no body for 204, redirects not followed', async () => {
    const { port } = await serve((req, res) => {
      if (req.url === '/empty') res.writeHead(204, { 'x-rate-limit-remaining': '7' }).end();
      else res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
    });
    const fetch = createOutboundFetch({ allowPrivate: true });
    const empty = await fetch(`http://127.0.0.1:${port}/empty`);
    expect([empty.status, empty.ok, empty.headers.get('x-rate-limit-remaining'), empty.body]).toEqual([204, true, '7', null]);
    const moved = await fetch(`http://127.0.0.1:${port}/moved`);
    expect([moved.status, moved.ok, moved.headers.get('location')]).toEqual([302, false, 'http://169.254.169.254/']);
  });

  it('streams a body as it arrives, and an abort ends it', async () => {
    let open: ServerResponse | null = null;
    const { port } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: one\n\n');
      open = res;
    });
    const controller = new AbortController();
    const response = await createOutboundFetch({ allowPrivate: true })(`http://127.0.0.1:${port}/stream`, { signal: controller.signal });
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('event: one\n\n');
    controller.abort();
    await expect(reader.read()).rejects.toThrow();
    (open as ServerResponse | null)?.destroy();
  });

  it('gives up waiting for a name that takes too long to resolve when the caller aborts', async () => {
    const controller = new AbortController();
    let answer: (addresses: VettedAddress[]) => void = () => {};
    const pending = createOutboundFetch({ allowPrivate: true }, () => {
      controller.abort();
      return new Promise<VettedAddress[]>((resolve) => (answer = resolve));
    })('http://slow-dns.invalid/', { signal: controller.signal });
    await expect(pending).rejects.toThrow(/abort/i);
    answer([]);
  });

  it('rejects when aborted before the answer', async () => {
    const controller = new AbortController();
    // The server never answers; the request is aborted once the server has it.
    const { port } = await serve(() => controller.abort());
    const pending = createOutboundFetch({ allowPrivate: true })(`http://127.0.0.1:${port}/slow`, { signal: controller.signal });
    await expect(pending).rejects.toThrow(/abort/i);
    for (const server of servers) server.closeAllConnections();
  });
});
