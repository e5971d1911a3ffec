/**
 * The checkpoint thread is background work: on Linux it must run at a lower CPU priority than
 * the event loop and the append worker, which serve sockets and commits (docs/benchmarks.md).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Checkpointer } from './checkpointer.js';

/** Nice value of each thread of this process (field 19 of /proc/<pid>/task/<tid>/stat). */
function threadNiceness(): number[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // The command name in parentheses may hold spaces; fields after it start at field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[19 - 3]);
  });
}

let checkpointer: Checkpointer | null = null;
afterEach(async () => {
  await checkpointer?.close();
  checkpointer = null;
});

describe.runIf(process.platform === 'linux')('the SQLite checkpointer', () => {
  it('runs its thread at niceness 10 while the rest of the relay keeps its priority', async () => {
    const before = threadNiceness();
    checkpointer = new Checkpointer(join(mkdtempSync(join(tmpdir(), 'eyelevel-checkpointer-')), 'db.sqlite'), () => {});
    await expect.poll(() => threadNiceness().filter((nice) => nice === 10).length, { timeout: 5000 }).toBe(1);
    expect(before.every((nice) => nice === 0)).toBe(true);
    expect(threadNiceness().filter((nice) => nice !== 10).every((nice) => nice === 0)).toBe(true);
  });
});
