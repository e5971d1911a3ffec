#!/usr/bin/env node
/**
 * CI's check that the Postgres and Redis the scale-out tests need (issue 7) answer, before the
 * tests run: in CI those tests must run, not skip. Speaks just enough of each wire protocol to
 * know a real server is there (Postgres answers an SSLRequest with one byte, Redis answers PING),
 * so it needs no installed packages. The tests themselves fail too when CI=true and a service
 * is missing (tests/support/services.ts); this names the problem up front.
 */
import { connect } from 'node:net';

const postgresUrl = new URL(process.env.EYELEVEL_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
const redisUrl = new URL(process.env.EYELEVEL_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');

function ask(host, port, request, accept) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (problem) => {
      socket.destroy();
      resolve(problem);
    };
    socket.setTimeout(3000, () => done('no answer within 3 s'));
    socket.once('error', (error) => done(error.message));
    socket.once('connect', () => socket.write(request));
    socket.once('data', (data) => done(accept(data) ? null : `unexpected answer ${JSON.stringify(data.toString('latin1').slice(0, 40))}`));
  });
}

// SSLRequest: length 8, code 80877103; a Postgres server answers 'S' or 'N'.
const sslRequest = Buffer.alloc(8);
sslRequest.writeInt32BE(8, 0);
sslRequest.writeInt32BE(80877103, 4);

const checks = [
  ['Postgres', postgresUrl, await ask(postgresUrl.hostname, Number(postgresUrl.port || 5432), sslRequest, (d) => d.length >= 1 && (d[0] === 0x53 || d[0] === 0x4e))],
  ['Redis', redisUrl, await ask(redisUrl.hostname, Number(redisUrl.port || 6379), 'PING\r\n', (d) => d.toString().startsWith('+PONG'))],
];
let failed = false;
for (const [name, url, problem] of checks) {
  if (problem === null) continue;
  failed = true;
  url.password = url.password ? '***' : '';
  console.log(`${name} cannot be reached at ${url} (${problem}): CI runs the Postgres and Redis tests and fails without them`);
}
process.exit(failed ? 1 : 0);
