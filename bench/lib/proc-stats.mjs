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

/** Bytes the process caused to be written to storage (/proc/<pid>/io write_bytes) and write syscalls. */
export function ioOf(pid) {
  const text = readFileSync(`/proc/${pid}/io`, 'utf8');
  const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return { writeBytes: field('write_bytes'), writeCalls: field('syscw') };
}

/** Starts an I/O measurement; calling the result with a message count gives per-message figures. */
export function ioMeter(pid) {
  const start = ioOf(pid);
  return (messages) => {
    const end = ioOf(pid);
    return {
      writeBytesPerMessage: (end.writeBytes - start.writeBytes) / Math.max(1, messages),
      writeCallsPerMessage: (end.writeCalls - start.writeCalls) / Math.max(1, messages),
    };
  };
}
