/**
 * Starts a relay node: the only code that reads the environment, opens the data folder and
 * listens on a port. SIGTERM and SIGINT shut it down gracefully (stop accepting, close sockets
 * with 1012, finish writes, exit 0).
 */
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { describeStorage, openStorage } from './storage/open-storage.js';
import { openBus } from './bus/open-bus.js';
import { createRelay } from './relay.js';
import { findAssetDirs } from './assets.js';
import { ensureDemo, relayOrigins, type DemoInfo } from './demo/demo-seed.js';

export async function main(options: { demo: boolean }): Promise<void> {
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel);
  const storage = openStorage(config, log);
  // Every node runs this on start; the migrator's lock makes concurrent starts apply each migration once.
  await storage.migrate();

  let demo: DemoInfo | null = null;
  if (options.demo) demo = await ensureDemo(storage, config.dataDir, relayOrigins(config.host, config.port, config.publicUrl));

  const bus = openBus(config, storage, log);
  if (!config.secretKey) log.warn('EYELEVEL_SECRET_KEY is not set: social channels cannot be connected (docs/channels.md)');
  const relay = createRelay({
    storage,
    bus,
    log,
    assets: findAssetDirs(),
    demoSiteKey: () => demo?.siteKey ?? null,
    channels: { secretKey: config.secretKey },
    outbound: { allowPrivate: config.allowPrivateDestinations },
    // On Postgres any number of nodes may share the database: polls run under leases.
    ...(config.databaseUrl ? { cluster: { nodeId: config.nodeId, leaseTtlMs: config.leaseTtlMs } } : {}),
  });
  const address = await relay.listen(config.port, config.host);
  log.info({ host: address.address, port: address.port, storage: describeStorage(config), nodeId: config.nodeId }, 'relay listening');

  const base = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${address.port}`;
  if (demo) {
    process.stdout.write(
      [
        '',
        '  eyelevel relay is running (' + describeStorage(config) + ')',
        '',
        `  Demo page     ${base}/demo`,
        `  Agent console ${base}/console/`,
        `  Log in as     ${demo.agentEmail}`,
        `  Password      ${demo.agentPassword}`,
        '',
        '  Stop with Ctrl+C.',
        '',
      ].join('\n') + '\n',
    );
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    relay.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
