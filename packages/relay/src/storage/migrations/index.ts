/**
 * Versioned migrations, in order. Names sort lexically, so keep the four-digit prefix; never
 * edit a migration that has shipped, add a new one.
 */
import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial.js';
import * as queueRouting from './0002-queue-routing.js';
import * as queueAdmin from './0004-queue-admin.js';
import * as visitorContext from './0003-visitor-context.js';
import * as leanSendPath from './0005-lean-send-path.js';
import * as channels from './0006-channels.js';
import * as leases from './0007-leases.js';
import * as review from './0008-review.js';
import * as postgresHotUpdates from './0009-postgres-hot-updates.js';
import * as agentConsoles from './0010-agent-consoles.js';
import * as privateLinks from './0011-private-links.js';
import * as reviewTiers from './0012-review-tiers.js';
import * as spikeAlerts from './0014-spike-alerts.js';
import * as moderation from './0013-moderation.js';
import * as timeOrderedIdempotencyKeys from './0015-time-ordered-idempotency-keys.js';

const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-queue-routing': queueRouting,
  '0004-queue-admin': queueAdmin,
  '0003-visitor-context': visitorContext,
  '0005-lean-send-path': leanSendPath,
  '0006-channels': channels,
  '0007-leases': leases,
  '0008-review': review,
  '0009-postgres-hot-updates': postgresHotUpdates,
  '0010-agent-consoles': agentConsoles,
  '0011-private-links': privateLinks,
  '0012-review-tiers': reviewTiers,
  '0014-spike-alerts': spikeAlerts,
  '0013-moderation': moderation,
  '0015-time-ordered-idempotency-keys': timeOrderedIdempotencyKeys,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
