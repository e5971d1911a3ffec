/**
 * Picks the bus from the configuration: Redis when REDIS_URL is set (several nodes), with the
 * storage catch-up that covers Redis outages; otherwise the in-process bus of a single node.
 */
import type { Logger } from 'pino';
import type { Storage } from '../storage/storage.js';
import type { Bus } from './bus.js';
import { MemoryBus } from './memory-bus.js';
import { RedisBus } from './redis-bus.js';
import { StorageCatchUp } from './storage-catch-up.js';

export interface BusConfig {
  redisUrl: string | null;
  nodeId: string;
  /** Poll interval while Redis is down (ms). */
  catchUpIntervalMs?: number;
  prefix?: string;
}

export function openBus(config: BusConfig, storage: Storage, log: Logger): Bus {
  const onHandlerError = (error: unknown) => log.error({ err: error }, 'bus handler failed');
  if (config.redisUrl === null) return new MemoryBus(onHandlerError);
  const bus = new RedisBus({
    url: config.redisUrl,
    nodeId: config.nodeId,
    log: log.child({ part: 'bus' }),
    onHandlerError,
    ...(config.prefix ? { prefix: config.prefix } : {}),
  });
  const catchUp = new StorageCatchUp({
    bus,
    storage,
    log: log.child({ part: 'bus-catch-up' }),
    ...(config.catchUpIntervalMs ? { intervalMs: config.catchUpIntervalMs } : {}),
  });
  catchUp.start();
  bus.onClose(() => catchUp.stop());
  return bus;
}
