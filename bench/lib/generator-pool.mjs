/**
 * The load-generator processes, forked from run.mjs. Commands go to all of them at once and
 * their answers come back as one array, so phases start together across processes.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { track, stop } from './children.mjs';

const ENTRY = fileURLToPath(new URL('../load-generator.mjs', import.meta.url));
const COMMAND_TIMEOUT_MS = 10 * 60_000;

export class GeneratorPool {
  constructor(count) {
    this.children = Array.from({ length: count }, () =>
      track(fork(ENTRY, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })),
    );
  }

  get pids() {
    return this.children.map((child) => child.pid);
  }

  /** Sends `makeCommand(index)` to every generator and resolves with their answers in order. */
  all(makeCommand) {
    return Promise.all(this.children.map((child, index) => ask(child, makeCommand(index))));
  }

  async close() {
    await this.all(() => ({ cmd: 'close' })).catch(() => undefined);
    await Promise.all(this.children.map((child) => stop(child, 2000)));
  }
}

function ask(child, command) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`generator ${child.pid}: ${command.cmd} timed out`)), COMMAND_TIMEOUT_MS);
    const onMessage = (answer) => done(answer.ok ? null : new Error(answer.error), answer);
    const onExit = (code) => done(new Error(`generator ${child.pid} exited (${code}) during ${command.cmd}`));
    function done(error, answer) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(answer);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send(command);
  });
}
