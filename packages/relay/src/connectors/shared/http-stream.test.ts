import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../logger.js';
import { HttpStream } from './http-stream.js';

// A real loopback server that writes, then goes silent without closing: only the watchdog can
// tell that connection is dead.
let server: ReturnType<typeof createServer>;
const open = new Set<ServerResponse>();
afterEach(async () => {
  for (const res of open) res.destroy();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

async function serve(handler: (res: ServerResponse, connection: number) => void): Promise<string> {
  let connections = 0;
  server = createServer((_req, res) => {
    open.add(res);
    res.on('close', () => open.delete(res));
    handler(res, ++connections);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('HttpStream', () => {
  it('reconnects a stream that went silent, and hands on text from each connection', async () => {
    const url = await serve((res, n) => {
      res.writeHead(200);
      res.write(`hello ${n}\n`); // then nothing, not even a keep-alive
    });
    const texts: string[] = [];
    let connects = 0;
    const stream = new HttpStream({
      open: (signal) => fetch(url, { signal }),
      onText: (text) => texts.push(text),
      onConnected: () => (connects += 1),
      log: silentLogger,
      idleMs: 150,
      firstRetryMs: 10,
    });
    stream.start();
    await until(() => connects >= 3);
    await stream.stop();
    expect(texts.slice(0, 3)).toEqual(['hello 1\n', 'hello 2\n', 'hello 3\n']);
    expect(stream.running).toBe(false);
  });

  it('keeps a stream that sends keep-alives, and stops cleanly mid-read', async () => {
    const url = await serve((res) => {
      res.writeHead(200);
      const timer = setInterval(() => res.write('\r\n'), 30);
      res.on('close', () => clearInterval(timer));
    });
    let connects = 0;
    let received = 0;
    const stream = new HttpStream({
      open: (signal) => fetch(url, { signal }),
      onText: () => (received += 1),
      onConnected: () => (connects += 1),
      log: silentLogger,
      idleMs: 150,
      firstRetryMs: 10,
    });
    stream.start();
    await until(() => received >= 15); // well past several idle windows
    await stream.stop();
    expect(connects).toBe(1);
  });

  it('retries a refused connection, setup failures included', async () => {
    const url = await serve((res, n) => {
      if (n === 1) res.writeHead(503).end('{"title":"Service Unavailable"}');
      else res.writeHead(200).write('ok\n');
    });
    let attempts = 0;
    const texts: string[] = [];
    const stream = new HttpStream({
      open: async (signal) => {
        attempts += 1;
        if (attempts === 1) throw new Error('rules could not be synced');
        return fetch(url, { signal });
      },
      onText: (text) => texts.push(text),
      onConnected: () => {},
      log: silentLogger,
      firstRetryMs: 10,
    });
    stream.start();
    await until(() => texts.length > 0);
    await stream.stop();
    expect(attempts).toBe(3);
    expect(texts).toEqual(['ok\n']);
  });
});
