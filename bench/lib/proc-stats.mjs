/**
 * Reads another process's memory and CPU from /proc, so the relay is measured from outside
 * without instrumenting it.
 */
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** Resident set size in bytes (VmRSS). */
export function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS for ${pid}`);
  return Number(match[1]) * 1024;
}

/** User + system CPU time in seconds. */
export function cpuSecondsOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is parenthesised and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / TICKS_PER_SECOND;
}

/** Starts a CPU measurement; calling the result gives the busy share of one core (1 = 100 %). */
export function cpuMeter(pid) {
  const startCpu = cpuSecondsOf(pid);
  const startAt = performance.now();
  return () => (cpuSecondsOf(pid) - startCpu) / ((performance.now() - startAt) / 1000);
}
