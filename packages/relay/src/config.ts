/**
 * The relay's configuration, read from the environment once, in main, and validated so a typo
 * stops the start with a message that names the variable.
 */
import { resolve } from 'node:path';
import { hostname } from 'node:os';
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
  /** Scale-out (issue 7): Postgres instead of the embedded SQLite file; every node points at one database. */
  DATABASE_URL: z
    .string()
    .optional()
    .refine((value) => !value || /^postgres(ql)?:\/\//i.test(value), 'must be a postgres:// URL (unset for the embedded SQLite)'),
  /** Postgres connections per node; all nodes together must stay under the server's max_connections. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  /** Scale-out: Redis pub/sub carries events between nodes; unset for a single node. */
  REDIS_URL: z
    .string()
    .optional()
    .refine((value) => !value || /^rediss?:\/\//i.test(value), 'must be a redis:// or rediss:// URL'),
  /** This node's name in leases and logs; host name and process id by default. */
  EYELEVEL_NODE_ID: z.string().min(1).max(100).optional(),
  /** How long a dead node's channel polls wait before another node takes them over. */
  EYELEVEL_LEASE_TTL_MS: z.coerce.number().int().min(1_000).max(600_000).default(15_000),
  /**
   * Let admins point webhooks and channels at private, loopback or link-local addresses. Off by
   * default: on a shared relay that would let one tenant reach the relay's own network.
   */
  EYELEVEL_ALLOW_PRIVATE_DESTINATIONS: z
    .enum(['true', 'false', '1', '0', ''])
    .default('false')
    .transform((value) => value === 'true' || value === '1'),
});

export interface RelayConfig {
  port: number;
  host: string;
  dataDir: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  publicUrl: string | null;
  /** The key channel credentials are sealed with; null when not configured. */
  secretKey: Buffer | null;
  /** Postgres URL; null for the embedded SQLite in dataDir. */
  databaseUrl: string | null;
  databasePoolSize: number;
  /** Redis URL for cross-node fan-out; null for a single node (in-process bus). */
  redisUrl: string | null;
  nodeId: string;
  leaseTtlMs: number;
  /** Admins may choose internal addresses for webhooks and channels (self-hosted, tests). */
  allowPrivateDestinations: boolean;
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
    databaseUrl: value.DATABASE_URL || null,
    databasePoolSize: value.DATABASE_POOL_SIZE,
    redisUrl: value.REDIS_URL || null,
    nodeId: value.EYELEVEL_NODE_ID ?? `${hostname()}-${process.pid}`,
    leaseTtlMs: value.EYELEVEL_LEASE_TTL_MS,
    allowPrivateDestinations: value.EYELEVEL_ALLOW_PRIVATE_DESTINATIONS,
  };
}
