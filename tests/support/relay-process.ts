/**
 * Runs the built relay (`packages/relay/dist/cli.js`) as a real child process, for tests that
 * must kill it (SIGKILL) or signal it (SIGTERM) and start it again on the same data folder.
 * Requires `pnpm build` first; the root `pnpm test` does that.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const CLI = fileURLToPath(new URL('../../packages/relay/dist/cli.js', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The fake platforms and webhook receivers listen on 127.0.0.1, which the relay refuses by default. */
const TEST_ENV = { EYELEVEL_ALLOW_PRIVATE_DESTINATIONS: 'true' };

/** Runs one CLI command against a data folder (or `env`'s DATABASE_URL) and parses its JSON output. */
export async function cli<T>(dataDir: string, args: string[], env: Record<string, string> = {}): Promise<T> {
  const { stdout } = await promisify(execFile)(process.execPath, [CLI, ...args], {
    env: { ...process.env, EYELEVEL_DATA_DIR: dataDir, ...TEST_ENV, ...env },
  });
  return JSON.parse(stdout) as T;
}

export interface RelayProcess {
  child: ChildProcess;
  url: string;
  wsUrl: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `env` adds to the relay's environment (DATABASE_URL, REDIS_URL for multi-node tests). */
export async function spawnRelay(dataDir: string, port: number, args: string[] = [], env: Record<string, string> = {}): Promise<RelayProcess> {
  const child = spawn(process.execPath, [CLI, 'start', ...args], {
    env: { ...process.env, EYELEVEL_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...TEST_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`relay exited early: ${output}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`relay did not become ready: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, url, wsUrl: `ws://127.0.0.1:${port}`, output: () => output, exited };
}
