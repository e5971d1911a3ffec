#!/usr/bin/env node
/**
 * The `eyelevel` command: start the relay, run migrations, and create workspaces, sites and
 * agents without a UI (for first setup and for scripts).
 */
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { newChannelSchema, validate } from '@eyelevel/shared';
import { loadConfig, ConfigError } from './config.js';
import { openStorage } from './storage/open-storage.js';
import { TenantAdmin } from './tenants/tenant-admin.js';
import { isRelayError } from './errors.js';
import { main } from './main.js';
import { ChannelAdmin } from './connectors/channel-admin.js';
import { SecretBox } from './security/secret-box.js';
import { copySqliteToPostgres, CopyRefused } from './storage/copy-to-postgres.js';

const USAGE = `usage: eyelevel <command> [options]

  start [--demo]                       start the relay (with --demo: a demo workspace, site and agent)
  migrate                              apply pending database migrations
  workspace create --name NAME         create a workspace
  workspace list                       list workspaces
  site create --workspace ID --name NAME --origin URL [--origin URL ...]
                                       create a site; prints its public key and identity secret (once)
  agent create --workspace ID --email EMAIL --name NAME --initials XX [--role agent|expert|lead|admin]
               [--password PASSWORD]   create an agent; without --password one is generated and printed

  channel create --workspace ID --file CHANNEL.json
                                       connect a social channel (docs/channels.md; the file holds its
                                       credentials: keep it out of shell history, delete it after)
  channel list --workspace ID          list a workspace's channels (never their credentials)

  copy-to-postgres --to postgres://…   copy the embedded database (EYELEVEL_DATA_DIR) into an empty
                                       Postgres database, to move to several nodes (stop the relay first)

Environment: PORT (8787), HOST (127.0.0.1), EYELEVEL_DATA_DIR (./data), LOG_LEVEL (info), PUBLIC_URL,
EYELEVEL_SECRET_KEY (32 bytes; seals channel credentials), DATABASE_URL (postgres://…; unset: the
embedded SQLite), REDIS_URL (redis://…; for several nodes). See docs/deploy.md.`;

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

class UsageError extends Error {}

async function withStorage<T>(run: (admin: TenantAdmin, storage: ReturnType<typeof openStorage>) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env);
  const storage = openStorage(config);
  try {
    await storage.migrate();
    return await run(new TenantAdmin(storage), storage);
  } finally {
    await storage.close();
  }
}

function channelAdmin(storage: ReturnType<typeof openStorage>): ChannelAdmin {
  const { secretKey, allowPrivateDestinations } = loadConfig(process.env);
  const idle = { reload: async () => {}, pollNow: async () => {}, retire: async () => {} };
  return new ChannelAdmin(storage, secretKey ? new SecretBox(secretKey) : null, idle, () => {}, { allowPrivate: allowPrivateDestinations });
}

async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      demo: { type: 'boolean' },
      name: { type: 'string' },
      workspace: { type: 'string' },
      origin: { type: 'string', multiple: true },
      email: { type: 'string' },
      initials: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
      file: { type: 'string' },
      to: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals.join(' ');
  if (values.help || command === '' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  switch (command) {
    case 'start':
      return main({ demo: values.demo === true });
    case 'migrate':
      return withStorage(async () => print({ migrated: true }));
    case 'workspace create':
      return withStorage(async (admin) => print(await admin.createWorkspace({ name: required(values, 'name') })));
    case 'workspace list':
      return withStorage(async (_admin, storage) => print(await storage.tenants.listWorkspaces()));
    case 'site create':
      return withStorage(async (admin) => {
        const { site, identitySecret } = await admin.createSite(required(values, 'workspace'), {
          name: required(values, 'name'),
          allowedOrigins: values.origin ?? [],
        });
        print({ ...site, identitySecret });
      });
    case 'agent create':
      return withStorage(async (admin) => {
        const generated = values.password === undefined;
        const password = values.password ?? randomBytes(12).toString('base64url');
        const agent = await admin.createAgent(required(values, 'workspace'), {
          email: required(values, 'email'),
          name: required(values, 'name'),
          initials: required(values, 'initials'),
          role: (values.role ?? 'agent') as 'agent',
          password,
        });
        print(generated ? { ...agent, password } : agent);
      });
    case 'channel create':
      return withStorage(async (_admin, storage) => {
        const parsed = validate(newChannelSchema, JSON.parse(readFileSync(required(values, 'file'), 'utf8')) as unknown);
        if (!parsed.ok) throw new UsageError(`the channel file is not valid: ${parsed.message}`);
        // A running relay picks the channel up when it next starts (or at once, via the admin API).
        print(await channelAdmin(storage).create(required(values, 'workspace'), parsed.value));
      });
    case 'channel list':
      return withStorage(async (_admin, storage) => print(await channelAdmin(storage).list(required(values, 'workspace'))));
    case 'copy-to-postgres': {
      const to = required(values, 'to');
      if (!/^postgres(ql)?:\/\//.test(to)) throw new UsageError('--to takes a postgres://… URL');
      return print(await copySqliteToPostgres(loadConfig({ ...process.env, DATABASE_URL: undefined }).dataDir, to));
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`eyelevel: ${error.message}\n\n${USAGE}\n`);
  } else if (error instanceof ConfigError || error instanceof CopyRefused || isRelayError(error)) {
    process.stderr.write(`eyelevel: ${error.message}\n`);
  } else {
    process.stderr.write(`eyelevel: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
