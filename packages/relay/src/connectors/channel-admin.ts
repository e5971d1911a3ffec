/**
 * Connecting, changing and disconnecting channels (the admin API and the CLI call this).
 * Credentials come in once, are sealed with the relay's key before they touch storage, and no
 * view of a channel ever carries them back: an admin sees which ones are set, never their values.
 */
import { CHANNEL_CREDENTIALS, DEFAULT_SIGNATURE, type ChannelView, type NewChannel, type UpdateChannel } from '@eyelevel/shared';
import type { Storage } from '../storage/storage.js';
import type { ChannelRecord, ChannelSettings } from '../storage/channel-store.js';
import type { SecretBox } from '../security/secret-box.js';
import { RelayError } from '../errors.js';
import { newId } from '../ids.js';
import type { ChannelRuntime } from './channel-runtime.js';
import { credentialsContext } from './sealed-contexts.js';
import { requireAllowedDestination, type OutboundPolicy } from '../security/outbound-address.js';

export const DEFAULT_FLOOD_CAP = { perAuthor: 10, windowSeconds: 600 };
export const DEFAULT_POLL_SECONDS = 60;


export const webhookPath = (channel: Pick<ChannelRecord, 'id' | 'kind'>) =>
  channel.kind === 'x' || channel.kind === 'facebook' || channel.kind === 'webhook' ? `/api/channels/${channel.id}/webhook` : null;

/** X listens through filtered-stream rules, which take the app's bearer token (app-only). */
function requireListeningToken(kind: ChannelRecord['kind'], listen: string[], credentialNames: string[]): void {
  if (kind === 'x' && listen.length > 0 && !credentialNames.includes('bearerToken')) {
    throw new RelayError('BAD_REQUEST', 'listening on X needs the app’s bearerToken (OAuth 2.0 app-only) in the credentials');
  }
}

export class ChannelAdmin {
  constructor(
    private readonly storage: Storage,
    private readonly box: SecretBox | null,
    /** The running channels (the CLI, with no relay running, passes no-ops). */
    private readonly runtime: Pick<ChannelRuntime, 'reload' | 'pollNow' | 'retire'>,
    /** Tells the workspace's consoles (their directory lists channels). */
    private readonly changed: (workspaceId: string) => void,
    /** Which addresses a channel may be pointed at (checked again on every request). */
    private readonly outbound: OutboundPolicy,
  ) {}

  async list(workspaceId: string): Promise<ChannelView[]> {
    return (await this.storage.channels.list(workspaceId)).map((channel) => this.view(channel));
  }

  async get(workspaceId: string, channelId: string): Promise<ChannelView> {
    return this.view(await this.require(workspaceId, channelId));
  }

  async create(workspaceId: string, input: NewChannel): Promise<ChannelView> {
    const box = this.requireBox();
    if (input.teamId) await this.requireTeam(workspaceId, input.teamId);
    const id = newId();
    const settings: ChannelSettings = {
      signature: input.signature ?? DEFAULT_SIGNATURE,
      floodCap: input.floodCap ?? DEFAULT_FLOOD_CAP,
      pollSeconds: input.pollSeconds ?? DEFAULT_POLL_SECONDS,
      listen: input.listen ?? [],
      network: {},
    };
    let accountId: string | null = null;
    let handle: string | null = null;
    let baseUrl: string | null = null;
    switch (input.kind) {
      case 'x':
        ({ accountId, handle, baseUrl } = input);
        requireListeningToken('x', settings.listen ?? [], Object.keys(input.credentials));
        break;
      case 'facebook':
        // The page is the account: its own comments are echoes.
        ({ pageId: accountId, handle, baseUrl } = input);
        break;
      case 'mastodon':
        baseUrl = input.baseUrl;
        settings.network = { streaming: input.streaming };
        break;
      case 'bluesky':
        baseUrl = input.baseUrl;
        handle = input.credentials.identifier;
        break;
      case 'webhook':
        settings.network = { replyUrl: input.replyUrl, maxReplyLength: input.maxReplyLength };
        break;
    }
    for (const url of [baseUrl, settings.network.replyUrl]) if (typeof url === 'string') await requireAllowedDestination(url, this.outbound);
    const channel = await this.storage.channels.create(
      {
        id,
        workspaceId,
        kind: input.kind,
        name: input.name,
        handle,
        accountId,
        baseUrl,
        teamId: input.teamId ?? null,
        settings,
        sealedCredentials: box.seal(JSON.stringify(input.credentials), credentialsContext(id)),
      },
      Date.now(),
    );
    await this.runtime.reload(channel.id);
    this.changed(workspaceId);
    return this.view((await this.storage.channels.getById(channel.id)) ?? channel);
  }

  async update(workspaceId: string, channelId: string, input: UpdateChannel): Promise<ChannelView> {
    const channel = await this.require(workspaceId, channelId);
    if (input.teamId) await this.requireTeam(workspaceId, input.teamId);
    if (input.baseUrl !== undefined) await requireAllowedDestination(input.baseUrl, this.outbound);
    let sealedCredentials: string | undefined;
    let credentialNames = this.view(channel).credentialsSet;
    if (input.credentials) {
      const box = this.requireBox();
      const allowed: readonly string[] = CHANNEL_CREDENTIALS[channel.kind];
      const unknown = Object.keys(input.credentials).filter((name) => !allowed.includes(name));
      if (unknown.length > 0) throw new RelayError('BAD_REQUEST', `a ${channel.kind} channel has no credential ${unknown.join(', ')} (it takes ${allowed.join(', ')})`);
      // Rotating one secret keeps the others.
      const current = JSON.parse(box.open(channel.sealedCredentials, credentialsContext(channel.id))) as Record<string, string>;
      const merged = { ...current, ...input.credentials };
      credentialNames = Object.keys(merged);
      sealedCredentials = box.seal(JSON.stringify(merged), credentialsContext(channel.id));
    }
    const settings: ChannelSettings = {
      ...channel.settings,
      ...(input.signature !== undefined ? { signature: input.signature } : {}),
      ...(input.floodCap !== undefined ? { floodCap: input.floodCap } : {}),
      ...(input.pollSeconds !== undefined ? { pollSeconds: input.pollSeconds } : {}),
      ...(input.listen !== undefined ? { listen: input.listen } : {}),
    };
    requireListeningToken(channel.kind, settings.listen ?? [], credentialNames);
    await this.storage.channels.update(
      workspaceId,
      channelId,
      {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.teamId !== undefined ? { teamId: input.teamId } : {}),
        ...(input.baseUrl !== undefined ? { baseUrl: input.baseUrl } : {}),
        ...(input.paused !== undefined ? { status: input.paused ? 'paused' : 'active' } : {}),
        ...(sealedCredentials !== undefined ? { sealedCredentials } : {}),
        settings,
      },
      Date.now(),
    );
    await this.runtime.reload(channelId);
    this.changed(workspaceId);
    return this.get(workspaceId, channelId);
  }

  async remove(workspaceId: string, channelId: string): Promise<void> {
    await this.require(workspaceId, channelId);
    await this.runtime.retire(channelId);
    if (!(await this.storage.channels.remove(workspaceId, channelId, Date.now()))) throw new RelayError('NOT_FOUND', 'no such channel in this workspace');
    await this.runtime.reload(channelId);
    this.changed(workspaceId);
  }

  async pollNow(workspaceId: string, channelId: string): Promise<ChannelView> {
    await this.require(workspaceId, channelId);
    let failure: string | null = null;
    try {
      await this.runtime.pollNow(channelId);
    } catch (error) {
      failure = (error as Error).message;
    }
    const view = await this.get(workspaceId, channelId);
    // The poll's own outcome, whether or not its health report has reached storage yet.
    return failure === null ? view : { ...view, status: 'failing', lastError: failure };
  }

  private view(channel: ChannelRecord): ChannelView {
    let credentialsSet: string[] = [];
    if (this.box) {
      try {
        credentialsSet = Object.keys(JSON.parse(this.box.open(channel.sealedCredentials, credentialsContext(channel.id))) as object).sort();
      } catch {
        credentialsSet = [];
      }
    }
    return {
      id: channel.id,
      kind: channel.kind,
      name: channel.name,
      handle: channel.handle,
      teamId: channel.teamId,
      baseUrl: channel.baseUrl,
      signature: channel.settings.signature,
      floodCap: channel.settings.floodCap,
      pollSeconds: channel.settings.pollSeconds,
      listen: channel.settings.listen ?? [],
      status: channel.status,
      lastError: channel.lastError,
      webhookPath: webhookPath(channel),
      credentialsSet,
      createdAt: channel.createdAt,
    };
  }

  private async require(workspaceId: string, channelId: string): Promise<ChannelRecord> {
    const channel = await this.storage.channels.get(workspaceId, channelId);
    if (!channel) throw new RelayError('NOT_FOUND', 'no such channel in this workspace');
    return channel;
  }

  private async requireTeam(workspaceId: string, teamId: string): Promise<void> {
    const teams = await this.storage.routing.listTeams(workspaceId);
    if (!teams.some((team) => team.id === teamId)) throw new RelayError('NOT_FOUND', 'no such team in this workspace');
  }

  private requireBox(): SecretBox {
    if (!this.box) {
      throw new RelayError('UNAVAILABLE', 'set EYELEVEL_SECRET_KEY (32 bytes, e.g. `openssl rand -base64 32`) to connect channels: their credentials are stored encrypted with it');
    }
    return this.box;
  }
}
