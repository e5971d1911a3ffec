/**
 * The Postgres and Redis that tests of the scale-out drivers run against: the services this
 * machine runs (DESIGN.md section 8: real components, no mocks), at the addresses below unless
 * EYELEVEL_TEST_DATABASE_URL / EYELEVEL_TEST_REDIS_URL say otherwise.
 *
 * In CI (CI=true) a service that cannot be reached fails the run: those tests must not pass by
 * skipping. On a developer's machine without them, the tests that need them skip with a message.
 */
import { connect } from 'node:net';
import { spawnSync } from 'node:child_process';
import pg from 'pg';

export const POSTGRES_URL = process.env.EYELEVEL_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.EYELEVEL_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let postgres: Promise<string | null> | null = null;
let redis: Promise<string | null> | null = null;

/** Null when Postgres answers a query; otherwise why not. */
function postgresProblem(): Promise<string | null> {
  postgres ??= (async () => {
    const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('select 1');
      return null;
    } catch (error) {
      return (error as Error).message;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return postgres;
}

/** Null when Redis answers PING; otherwise why not. */
function redisProblem(): Promise<string | null> {
  redis ??= new Promise((resolve) => {
    const url = new URL(REDIS_URL);
    const socket = connect({ host: url.hostname, port: Number(url.port || 6379) });
    const done = (problem: string | null) => {
      socket.destroy();
      resolve(problem);
    };
    socket.setTimeout(3000, () => done('timed out'));
    socket.once('error', (error) => done(error.message));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG') ? null : `unexpected answer ${JSON.stringify(data.toString())}`));
  });
  return redis;
}

async function decide(name: string, address: string, problem: string | null): Promise<boolean> {
  if (problem === null) return true;
  const message = `${name} is not reachable at ${address} (${problem})`;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(`${message}: CI must run the ${name} tests; start the service or set the test URL`);
  }
  console.warn(`skipping ${name} tests: ${message}`);
  return false;
}

/** True when the Postgres tests can run; throws in CI when they cannot. */
export async function withPostgres(): Promise<boolean> {
  return decide('Postgres', POSTGRES_URL, await postgresProblem());
}

/** True when the Redis tests can run; throws in CI when they cannot. */
export async function withRedis(): Promise<boolean> {
  return decide('Redis', REDIS_URL, await redisProblem());
}

/**
 * True when tests can run a Redis server of their own (to stop and start it under running
 * relays): Redis is reachable and the `redis-server` program is installed.
 */
export async function withOwnRedis(): Promise<boolean> {
  if (!(await withRedis())) return false;
  const version = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return decide('redis-server', 'PATH', version.status === 0 ? null : (version.error?.message ?? `exit ${version.status}`));
}
