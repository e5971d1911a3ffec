/**
 * Assembles one relay node from its parts: storage, bus, the conversation service, the HTTP app
 * and the WebSocket gateway on one Node HTTP server. It opens no port itself; `listen` is
 * called by main (or by a test), and `close` is the graceful shutdown.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Logger } from 'pino';
import type { Storage } from './storage/storage.js';
import { topics, type Bus } from './bus/bus.js';
import { ConversationService } from './conversations/conversation-service.js';
import { Gateway } from './gateway/gateway.js';
import type { RateLimit } from './gateway/rate-limiter.js';
import { createApp } from './http/app.js';
import { DEFAULT_ROUTING, Router, type RoutingOptions } from './routing/router.js';
import { PresenceTracker } from './gateway/presence-tracker.js';
import { CallbackTasks } from './routing/callback-tasks.js';
import { Availability } from './availability/availability.js';
import { QueueStates } from './routing/queue-states.js';
import type { AssetDirs } from './http/static-routes.js';
import { Channels } from './connectors/channels.js';
import type { ConnectorFactory } from './connectors/connector.js';
import { SecretBox } from './security/secret-box.js';
import { LeasedSingletons } from './cluster/singletons.js';
import { SpikeMonitor, type CrisisSwitch } from './alerts/spike-monitor.js';
import { WebhookDeliverer, DEFAULT_DELIVERY_POLICY, type DeliveryPolicy } from './webhooks/webhook-deliverer.js';
import { OutboundWebhookAdmin } from './webhooks/outbound-webhook-admin.js';
import type { OutboundPolicy } from './security/outbound-address.js';
import { createOutboundFetch } from './security/outbound-fetch.js';
import { Blocks } from './moderation/blocks.js';
import { ModerationActions } from './moderation/moderation-actions.js';
import { EscalationDecisions } from './moderation/escalation-decisions.js';
import { Reviews } from './review/reviews.js';
import { DraftExpiry } from './review/draft-expiry.js';
import { setCrisisMode } from './review/crisis-mode.js';
import { SYSTEM_AUTHOR } from './storage/kysely/conversation-store.js';

export interface RelayDeps {
  storage: Storage;
  bus: Bus;
  log: Logger;
  assets?: AssetDirs;
  demoSiteKey?: () => string | null;
  rateLimits?: { visitor: RateLimit; agent: RateLimit };
  routing?: RoutingOptions;
  /** Social channels (issue 5): the key their credentials are sealed with, and (tests) connectors. */
  channels?: { secretKey: Buffer | null; connectors?: Partial<Record<string, ConnectorFactory>> };
  /**
   * Several nodes on one database (issue 7): this node's id, and how long a lease outlives a
   * node that stopped renewing it. Channel polls then run on one node at a time. Left out, this
   * node is the only one.
   */
  cluster?: { nodeId: string; leaseTtlMs?: number };
  /**
   * Spike alerts and outbound webhooks (issue 6): the clock they read (tests move a fake one),
   * how often (real time) counts are written and rules evaluated (0: only on `spikes.tick()`),
   * the webhook retry policy, and what switches crisis mode on.
   */
  alerts?: { now?: () => number; tickMs?: number; delivery?: Partial<DeliveryPolicy>; crisis?: CrisisSwitch };
  /** Four-eyes review (issue 6): how often this node looks for expired drafts. */
  review?: { expirySweepMs?: number };
  /**
   * Which addresses webhooks and channels may call (security/outbound-address.ts). Left out,
   * internal addresses are refused; self-hosters and tests with local fakes allow them.
   */
  outbound?: OutboundPolicy;
}

export const DEFAULT_RATE_LIMITS = {
  visitor: { burst: 40, perSecond: 10 },
  agent: { burst: 400, perSecond: 200 },
} as const;

export interface Relay {
  readonly app: Hono;
  readonly server: Server;
  readonly gateway: Gateway;
  readonly conversations: ConversationService;
  readonly router: Router;
  readonly queueStates: QueueStates;
  readonly channels: Channels;
  /** Spike alerts (issue 6); tests call `tick()` after moving the clock. */
  readonly spikes: SpikeMonitor;
  /** Outbound webhook deliveries (issue 6). */
  readonly webhooks: WebhookDeliverer;
  listen(port: number, host?: string): Promise<AddressInfo>;
  /** Stops accepting, closes sockets with 1012, finishes pending commits, closes storage. */
  close(): Promise<void>;
}

export function createRelay(deps: RelayDeps): Relay {
  let shuttingDown = false;
  const conversations = new ConversationService(deps.storage, deps.bus);
  const router = new Router(deps.storage, conversations, deps.log, deps.routing ?? DEFAULT_ROUTING);
  router.start();
  const routing = deps.routing ?? DEFAULT_ROUTING;
  const queueStates = new QueueStates(deps.storage, conversations, router, deps.log, routing.sweepIntervalMs);
  queueStates.start();
  const availability = new Availability(deps.storage, deps.bus, deps.log);
  const secretKey = deps.channels?.secretKey ?? null;
  const box = secretKey ? new SecretBox(secretKey) : null;
  const alertClock = deps.alerts?.now ?? Date.now;
  const outbound: OutboundPolicy = deps.outbound ?? { allowPrivate: false };
  const outboundFetch = createOutboundFetch(outbound);
  const webhooks = new WebhookDeliverer(deps.storage, box, outboundFetch, deps.log.child({ part: 'webhooks' }), alertClock, {
    ...DEFAULT_DELIVERY_POLICY,
    ...deps.alerts?.delivery,
  });
  webhooks.start();
  const spikes = new SpikeMonitor({
    storage: deps.storage,
    bus: deps.bus,
    log: deps.log.child({ part: 'spikes' }),
    now: alertClock,
    onRaised: () => void webhooks.kick(),
    // A critical alert of a rule that asks for it switches crisis mode on, the system as actor.
    crisis:
      deps.alerts?.crisis ??
      (async (workspaceId, reason) => {
        await setCrisisMode(deps, workspaceId, true, { ...SYSTEM_AUTHOR, name: reason.slice(0, 200) });
      }),
    ...(deps.alerts?.tickMs !== undefined ? { tickMs: deps.alerts.tickMs } : {}),
  });
  spikes.start();
  const blocks = new Blocks(deps.storage, deps.bus);
  blocks.start();
  const channels = new Channels({
    storage: deps.storage,
    bus: deps.bus,
    conversations,
    router,
    queueStates,
    log: deps.log,
    box,
    blocks,
    secretKey,
    outbound,
    outboundFetch,
    spikes,
    ...(deps.channels?.connectors ? { connectors: deps.channels.connectors } : {}),
    ...(deps.cluster
      ? {
          singletons: new LeasedSingletons({
            leases: deps.storage.leases,
            nodeId: deps.cluster.nodeId,
            ttlMs: deps.cluster.leaseTtlMs ?? 15_000,
            log: deps.log.child({ part: 'leases' }),
          }),
        }
      : {}),
  });
  void channels.start().catch((error: unknown) => deps.log.error({ err: error }, 'starting channels failed'));
  const presence = new PresenceTracker(
    deps.storage,
    deps.bus,
    deps.cluster ? { nodeId: deps.cluster.nodeId, ttlMs: deps.cluster.leaseTtlMs ?? 15_000, log: deps.log.child({ part: 'presence' }) } : undefined,
  );
  presence.start();
  const reviews = new Reviews(deps.storage, conversations, channels.replies);
  const draftExpiry = new DraftExpiry(reviews, deps.log.child({ part: 'review' }), deps.review?.expirySweepMs);
  draftExpiry.start();
  const gateway = new Gateway({
    storage: deps.storage,
    bus: deps.bus,
    conversations,
    router,
    queueStates,
    callbacks: new CallbackTasks(deps.storage, conversations),
    availability,
    presence,
    log: deps.log,
    rateLimits: deps.rateLimits ?? DEFAULT_RATE_LIMITS,
    channels,
    spikes,
    moderation: {
      actions: new ModerationActions(deps.storage, conversations, blocks, channels.moderation),
      decisions: new EscalationDecisions(deps.storage, conversations),
      blocks,
    },
    reviews,
  });
  const unsubscribeSessions = deps.bus.subscribe(topics.sessions, (message) => {
    if (message.type === 'session-revoked') gateway.revokeAgentSession(message.tokenHash);
  });
  const app = createApp({
    storage: deps.storage,
    log: deps.log,
    assets: deps.assets ?? { widget: null, console: null },
    demoSiteKey: deps.demoSiteKey ?? (() => null),
    // Through the bus: the session's sockets may be on any node (this one hears it at once).
    onSessionRevoked: (tokenHash) => deps.bus.publish(topics.sessions, { type: 'session-revoked', tokenHash }),
    admin: {
      bus: deps.bus,
      handOver: (workspaceId, agentId, reason) => router.handOver(workspaceId, agentId, reason),
      channels: channels.admin,
      webhooks: new OutboundWebhookAdmin(deps.storage, box, outbound, alertClock),
      now: alertClock,
    },
    channels: channels.runtime,
    isShuttingDown: () => shuttingDown,
    busDegraded: () => deps.bus.up === false,
  });
  const server = createServer(getRequestListener(app.fetch));
  server.on('upgrade', (request, socket, head) => gateway.handleUpgrade(request, socket, head));

  return {
    app,
    server,
    gateway,
    conversations,
    router,
    queueStates,
    channels,
    spikes,
    webhooks,
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      });
    },
    async close() {
      if (shuttingDown) return;
      shuttingDown = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      router.stop();
      queueStates.stop();
      draftExpiry.stop();
      availability.stop();
      await channels.stop();
      await spikes.stop();
      await webhooks.stop();
      unsubscribeSessions();
      blocks.stop();
      gateway.closeAll();
      server.closeIdleConnections();
      // While storage and bus are still open: this node's consoles stop counting.
      await presence.stop().catch((error: unknown) => deps.log.warn({ err: error }, 'presence at shutdown failed'));
      await conversations.commits.drain();
      await stopped;
      await deps.bus.close();
      await deps.storage.close();
    },
  };
}
