/**
 * The running side of channels: one connector per connected channel, started with the relay
 * (polls, streams), reloaded when an admin changes the channel, stopped on shutdown. It opens
 * the sealed credentials for the connector and nobody else, answers webhook deliveries, and
 * remembers which conversations are social (so an agent's send in a web chat costs one lookup,
 * once).
 *
 * With several relay nodes (issue 7) every node keeps a connector for replies and webhooks, but a
 * channel's poll or stream runs on one node only, under the lease `channel:<id>`; the node that
 * takes it over reads the channel's cursors from storage first, and a holder notices an admin's
 * change made on another node at its next renewal.
 */
import type { Logger } from 'pino';
import type { Storage } from '../storage/storage.js';
import type { ChannelRecord } from '../storage/channel-store.js';
import type { SecretBox } from '../security/secret-box.js';
import type { Connector, ConnectorContext, ConnectorFactory, WebhookAnswer, WebhookRequest } from './connector.js';
import type { Ingest } from './inbound/ingest.js';
import { credentialsContext, sessionContext } from './sealed-contexts.js';
import { InProcessSingletons, type Singletons } from '../cluster/singletons.js';
import type { OutboundFetch } from '../security/outbound-fetch.js';

const THREAD_CACHE_SIZE = 20_000;

interface Running {
  channel: ChannelRecord;
  connector: Connector;
}

export class ChannelRuntime {
  private readonly running = new Map<string, Running>();
  private readonly threads = new Map<string, { channelId: string; threadKey: string } | null>();
  private stopped = false;
  private rescan: NodeJS.Timeout | null = null;

  constructor(
    private readonly storage: Storage,
    private readonly box: SecretBox | null,
    private readonly ingest: Ingest,
    private readonly factories: Record<ChannelRecord['kind'], ConnectorFactory>,
    private readonly log: Logger,
    /** Consoles must learn a channel changed (a new character limit, a pause). */
    private readonly onChanged: (workspaceId: string) => void,
    /** How connectors reach the platforms: only destinations the operator's policy allows. */
    private readonly fetch: OutboundFetch,
    /** Where polls and streams run: here (one node), or on the lease holder (a cluster). */
    private readonly singletons: Singletons = new InProcessSingletons(),
  ) {}

  async start(): Promise<void> {
    for (const channel of await this.storage.channels.listAll()) await this.load(channel);
    // In a cluster a channel may be connected through another node; its poll may fall to this one.
    if (this.singletons.rescanMs !== null && !this.stopped) {
      this.rescan = setInterval(() => void this.loadNew().catch((error: unknown) => this.log.warn({ err: error }, 'looking for new channels failed')), this.singletons.rescanMs);
      this.rescan.unref();
    }
  }

  private async loadNew(): Promise<void> {
    for (const channel of await this.storage.channels.listAll()) {
      if (!this.running.has(channel.id)) await this.load(channel);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.rescan) clearInterval(this.rescan);
    await this.singletons.endAll();
    const all = [...this.running.values()];
    this.running.clear();
    await Promise.all(all.map((entry) => entry.connector.stop?.().catch(() => {})));
  }

  /** Picks up an admin's change (or a removal) of one channel. */
  async reload(channelId: string): Promise<void> {
    const current = this.running.get(channelId);
    this.running.delete(channelId);
    await this.singletons.end(leaseName(channelId));
    await current?.connector.stop?.().catch(() => {});
    const channel = await this.storage.channels.getById(channelId);
    if (channel) await this.load(channel);
  }

  /**
   * Before a channel is removed: its connector undoes what it set up on the platform. Best effort
   * (the platform may be down); the removal goes ahead either way.
   */
  async retire(channelId: string): Promise<void> {
    const channel = await this.storage.channels.getById(channelId);
    // A paused channel runs no connector: open one just to clean up.
    const entry = this.running.get(channelId) ?? (channel ? await this.open(channel) : null);
    await this.singletons.end(leaseName(channelId));
    try {
      await entry?.connector.retire?.();
    } catch (error) {
      this.log.warn({ err: error, channelId }, 'undoing the channel’s setup on the platform failed; remove it there by hand');
    }
  }

  /** The channel as the runtime has it (its state is current here), loading it if another node created it. */
  async channel(channelId: string): Promise<ChannelRecord | null> {
    return this.running.get(channelId)?.channel ?? (await this.storage.channels.getById(channelId));
  }

  async connector(channelId: string): Promise<Connector | null> {
    if (!this.running.has(channelId)) {
      const channel = await this.storage.channels.getById(channelId);
      if (channel) await this.load(channel);
    }
    return this.running.get(channelId)?.connector ?? null;
  }

  async threadOf(workspaceId: string, conversationId: string) {
    if (this.threads.has(conversationId)) return this.threads.get(conversationId) ?? null;
    const thread = await this.storage.channels.threadOf(workspaceId, conversationId);
    if (this.threads.size >= THREAD_CACHE_SIZE) this.threads.delete(this.threads.keys().next().value!);
    this.threads.set(conversationId, thread);
    return thread;
  }

  async webhook(channelId: string, request: WebhookRequest): Promise<WebhookAnswer> {
    const connector = await this.connector(channelId);
    const entry = this.running.get(channelId);
    if (!connector?.webhook || !entry) return { status: 404, body: 'no such webhook' };
    const outcome = await connector.webhook(request);
    if (outcome.kind === 'answer') return outcome.answer;
    // Acknowledged only once stored: a platform that gets no 200 delivers again, and dedupe
    // makes that harmless.
    await this.ingest.ingest(entry.channel, outcome.posts);
    return { status: 200, body: 'EVENT_RECEIVED', contentType: 'text/plain' };
  }

  async pollNow(channelId: string): Promise<void> {
    const connector = await this.connector(channelId);
    if (!connector?.pollNow) return;
    await connector.pollNow();
  }

  private async load(channel: ChannelRecord): Promise<void> {
    if (this.stopped || channel.status === 'paused' || this.running.has(channel.id)) return;
    const entry = await this.open(channel);
    if (!entry || this.running.has(channel.id)) return;
    this.running.set(channel.id, entry);
    if (!entry.connector.start) return;
    await this.singletons.run(leaseName(channel.id), {
      start: async () => {
        // Taken over from another node: its cursors are in storage, newer than ours.
        const fresh = await this.storage.channels.getById(channel.id);
        if (fresh) entry.channel = fresh;
        try {
          await entry.connector.start?.();
        } catch (error) {
          this.log.warn({ err: error, channelId: channel.id }, 'channel start failed; it retries on its own schedule');
          await this.health(entry, (error as Error).message);
        }
      },
      stop: async () => entry.connector.stop?.().catch(() => {}),
      stillWanted: async () => {
        // An admin changed or paused the channel through another node: load it as it is now.
        const fresh = await this.storage.channels.getById(channel.id);
        if (!fresh || !sameConfiguration(fresh, entry.channel)) setImmediate(() => void this.reload(channel.id));
        return true;
      },
    });
  }

  /** A channel's connector with its credentials opened, not started; null when they cannot be opened. */
  private async open(channel: ChannelRecord): Promise<Running | null> {
    if (!this.box) {
      this.log.warn({ channelId: channel.id }, 'EYELEVEL_SECRET_KEY is not set: channel credentials cannot be opened, the channel stays off');
      return null;
    }
    let credentials: Record<string, string>;
    try {
      credentials = JSON.parse(this.box.open(channel.sealedCredentials, credentialsContext(channel.id))) as Record<string, string>;
    } catch (error) {
      this.log.error({ err: error, channelId: channel.id }, 'channel credentials do not open with this key; the channel stays off');
      await this.storage.channels.setHealth(channel.id, 'failing', 'credentials do not open with the configured EYELEVEL_SECRET_KEY', Date.now());
      return null;
    }
    const entry: Running = { channel, connector: null as unknown as Connector };
    entry.connector = this.factories[channel.kind](this.context(entry, credentials));
    return entry;
  }

  private context(entry: Running, credentials: Record<string, string>): ConnectorContext {
    const channels = this.storage.channels;
    const box = this.box!;
    return {
      get channel() {
        return entry.channel;
      },
      credentials,
      log: this.log.child({ channelId: entry.channel.id, network: entry.channel.kind }),
      ingest: (posts) => this.ingest.ingest(entry.channel, posts),
      saveState: async (patch) => {
        const state = { ...entry.channel.state, ...patch };
        const limitsChanged = patch.maxCharacters !== undefined && patch.maxCharacters !== entry.channel.state.maxCharacters;
        entry.channel = { ...entry.channel, state };
        await channels.saveState(entry.channel.id, state, Date.now());
        if (limitsChanged) this.onChanged(entry.channel.workspaceId);
      },
      loadSession: async () => {
        const fresh = await channels.getById(entry.channel.id);
        if (!fresh?.sealedSession) return null;
        try {
          return JSON.parse(box.open(fresh.sealedSession, sessionContext(entry.channel.id))) as Record<string, string>;
        } catch {
          return null;
        }
      },
      saveSession: async (session) => {
        const sealed = session ? box.seal(JSON.stringify(session), sessionContext(entry.channel.id)) : null;
        await channels.saveSession(entry.channel.id, sealed, Date.now());
      },
      setAccount: async (account) => {
        if (entry.channel.accountId === account.id && entry.channel.handle === account.handle) return;
        entry.channel = { ...entry.channel, accountId: account.id, handle: account.handle };
        await channels.update(entry.channel.workspaceId, entry.channel.id, { accountId: account.id, handle: account.handle }, Date.now());
        this.onChanged(entry.channel.workspaceId);
      },
      reportHealth: (error) => void this.health(entry, error),
      fetch: this.fetch,
    };
  }

  private async health(entry: Running, error: string | null): Promise<void> {
    const status = error === null ? 'active' : 'failing';
    if (entry.channel.status === status && entry.channel.lastError === error) return;
    entry.channel = { ...entry.channel, status, lastError: error };
    await this.storage.channels.setHealth(entry.channel.id, status, error, Date.now()).catch(() => {});
    this.onChanged(entry.channel.workspaceId);
  }
}

const leaseName = (channelId: string) => `channel:${channelId}`;

/** What an admin sets (the connector itself changes state, handle and account as it runs). */
function sameConfiguration(a: ChannelRecord, b: ChannelRecord): boolean {
  return (
    (a.status === 'paused') === (b.status === 'paused') &&
    a.sealedCredentials === b.sealedCredentials &&
    a.baseUrl === b.baseUrl &&
    a.teamId === b.teamId &&
    JSON.stringify(a.settings) === JSON.stringify(b.settings)
  );
}
