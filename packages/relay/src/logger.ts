/**
 * Structured JSON logs (pino) to stdout, one object per line, for any log collector.
 */
import { pino, type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'eyelevel-relay' } });
}

/** For tests and tools that want no output. */
export const silentLogger: Logger = pino({ level: 'silent' });
