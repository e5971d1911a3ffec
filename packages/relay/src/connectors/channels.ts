/**
 * Social channels as the rest of the relay sees them (issue 5): one object the relay builds,
 * the gateway asks about replies, retries and moderation, the HTTP layer hands webhook
 * deliveries to, and the admin API configures channels through.
 */
import type { Logger } from 'pino';
import type { Storage } from '../storage/storage.js';
import type { Bus } from '../bus/bus.js';
import { topics } from '../bus/bus.js';
import type { ConversationService } from '../conversations/conversation-service.js';
import type { Router } from '../routing/router.js';
import type { QueueStates } from '../routing/queue-states.js';
import type { SecretBox } from '../security/secret-box.js';
import type { ConnectorFactory } from './connector.js';
import type { ChannelRecord } from '../storage/channel-store.js';
import { ChannelRuntime } from './channel-runtime.js';
import { Ingest } from './inbound/ingest.js';
import { Replies } from './outbound/replies.js';
import { Moderation } from './outbound/moderation.js';
import { ChannelAdmin } from './channel-admin.js';
import { PrivateLinks } from './private-link/private-links.js';
import { CONNECTORS } from './registry.js';
import type { Singletons } from '../cluster/singletons.js';
import type { SpikeMonitor } from '../alerts/spike-monitor.js';
import type { Blocks } from '../moderation/blocks.js';
import type { OutboundPolicy } from '../security/outbound-address.js';
import type { OutboundFetch } from '../security/outbound-fetch.js';

export interface ChannelsDeps {
  storage: Storage;
  bus: Bus;
  conversations: ConversationService;
  router: Router;
  queueStates: QueueStates;
  log: Logger;
  /** Null: channels cannot be connected (their credentials could not be stored encrypted). */
  box: SecretBox | null;
  /** EYELEVEL_SECRET_KEY; private links (item 10) sign with a key derived from it. */
  secretKey?: Buffer | null;
  /** Tests swap a network's connector; the real ones by default. */
  connectors?: Partial<Record<ChannelRecord['kind'], ConnectorFactory>>;
  /** Who is blocked (issue 6): their posts are held, not queued. */
  blocks: Blocks;
  /** Where polls and streams run (issue 7): on this node, or on one node of a cluster under a lease. */
  singletons?: Singletons;
  /** Spike alerts (issue 6) count the posts that reach the queue. */
  spikes?: Pick<SpikeMonitor, 'recordMention'>;
  /** Which addresses admins may point channels at, and the fetch that enforces it per request. */
  outbound: OutboundPolicy;
  outboundFetch: OutboundFetch;
}

export class Channels {
  readonly runtime: ChannelRuntime;
  readonly replies: Replies;
  readonly moderation: Moderation;
  readonly admin: ChannelAdmin;
  /** From public to private: signed links into a site's widget (item 10). */
  readonly privateLinks: PrivateLinks;

  constructor(deps: ChannelsDeps) {
    const log = deps.log.child({ part: 'channels' });
    const ingest = new Ingest(deps.storage, deps.conversations, deps.router, deps.queueStates, log, deps.blocks, deps.spikes);
    // A channel's limits or status changed: every console gets the directory (with channels) again.
    const changed = (workspaceId: string) => deps.bus.publish(topics.workspace(workspaceId), { type: 'directory', workspaceId });
    this.runtime = new ChannelRuntime(deps.storage, deps.box, ingest, { ...CONNECTORS, ...deps.connectors }, log, changed, deps.outboundFetch, deps.singletons);
    this.privateLinks = new PrivateLinks(deps.storage, deps.conversations, deps.secretKey ?? null);
    this.replies = new Replies(deps.storage, deps.conversations, this.runtime, log, this.privateLinks);
    this.moderation = new Moderation(deps.storage, deps.conversations, this.runtime);
    this.admin = new ChannelAdmin(deps.storage, deps.box, this.runtime, changed, deps.outbound);
  }

  async start(): Promise<void> {
    await this.runtime.start();
    await this.replies.recover();
  }

  async stop(): Promise<void> {
    this.replies.stop();
    await this.runtime.stop();
  }
}
