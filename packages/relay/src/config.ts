/**
 * The relay's configuration, read from the environment once, in main, and validated so a typo
 * stops the start with a message that names the variable.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { parseSecretKey } from './security/secret-box.js';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  /** Loopback by default: the demo prints credentials, so exposing it is an explicit choice. */
  HOST: z.string().min(1).default('127.0.0.1'),
  EYELEVEL_DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The URL people reach the relay at, when behind a proxy; used for printed links. */
  PUBLIC_URL: z.url().optional(),
  /**
   * 32 bytes (64 hex digits or base64) sealing social channels' credentials at rest (issue 5).
   * Without it the relay runs, but channels cannot be connected.
   */
  EYELEVEL_SECRET_KEY: z
    .string()
    .optional()
    .refine((value) => {
      if (value === undefined || value === '') return true;
      try {
        parseSecretKey(value);
        return true;
      } catch {
        return false;
      }
    }, 'must be 32 bytes: 64 hex digits or base64 (openssl rand -base64 32)'),
});

export interface RelayConfig {
  port: number;
  host: string;
  dataDir: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  publicUrl: string | null;
  /** The key channel credentials are sealed with; null when not configured. */
  secretKey: Buffer | null;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv): RelayConfig {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const value = result.data;
  return {
    port: value.PORT,
    host: value.HOST,
    dataDir: resolve(value.EYELEVEL_DATA_DIR),
    logLevel: value.LOG_LEVEL,
    publicUrl: value.PUBLIC_URL ?? null,
    secretKey: value.EYELEVEL_SECRET_KEY ? parseSecretKey(value.EYELEVEL_SECRET_KEY) : null,
  };
}
