/**
 * A workspace's outbound webhooks (issue 6): created with a fresh signing secret that the admin
 * sees once; the secret is sealed with the relay's key (AES-256-GCM, as channel credentials are)
 * because the relay must sign with it later, so it cannot be stored as a hash.
 */
import { randomBytes } from 'node:crypto';
import type { CreatedOutboundWebhook, NewOutboundWebhook, OutboundWebhook } from '@eyelevel/shared';
import { newOutboundWebhookSchema } from '@eyelevel/shared';
import type { Storage } from '../storage/storage.js';
import type { WebhookRecord } from '../storage/webhook-store.js';
import type { SecretBox } from '../security/secret-box.js';
import { RelayError } from '../errors.js';
import { newId } from '../ids.js';
import { requireAllowedDestination, type OutboundPolicy } from '../security/outbound-address.js';

/** What a webhook's sealed secret is bound to (AES-GCM additional data). */
export const webhookSecretContext = (webhookId: string) => `outbound-webhook:${webhookId}:secret`;

/** A workspace's webhooks are few; this bounds what one admin can make the relay post to. */
const MAX_WEBHOOKS = 20;

export class OutboundWebhookAdmin {
  constructor(
    private readonly storage: Storage,
    private readonly box: SecretBox | null,
    private readonly outbound: OutboundPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  async list(workspaceId: string): Promise<OutboundWebhook[]> {
    const [hooks, last] = await Promise.all([this.storage.webhooks.list(workspaceId), this.storage.webhooks.lastDeliveries(workspaceId)]);
    return hooks.map((hook) => view(hook, last.get(hook.id) ?? null));
  }

  async create(workspaceId: string, input: NewOutboundWebhook): Promise<CreatedOutboundWebhook> {
    const box = this.box;
    if (!box) {
      throw new RelayError('UNAVAILABLE', 'set EYELEVEL_SECRET_KEY (32 bytes, e.g. `openssl rand -base64 32`) to add webhooks: their signing secrets are stored encrypted with it');
    }
    const parsed = newOutboundWebhookSchema.parse(input);
    await requireAllowedDestination(parsed.url, this.outbound);
    if ((await this.storage.webhooks.list(workspaceId)).length >= MAX_WEBHOOKS) {
      throw new RelayError('CONFLICT', `a workspace has at most ${MAX_WEBHOOKS} webhooks`);
    }
    const id = newId();
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const record: WebhookRecord = {
      id,
      workspaceId,
      url: parsed.url,
      description: parsed.description,
      events: [...new Set(parsed.events)],
      sealedSecret: box.seal(secret, webhookSecretContext(id)),
      createdAt: this.now(),
    };
    await this.storage.webhooks.create(record);
    return { webhook: view(record, null), secret };
  }

  async remove(workspaceId: string, webhookId: string): Promise<void> {
    if (!(await this.storage.webhooks.remove(workspaceId, webhookId))) throw new RelayError('NOT_FOUND', 'no such webhook in this workspace');
  }
}

function view(hook: WebhookRecord, lastDelivery: OutboundWebhook['lastDelivery']): OutboundWebhook {
  return { id: hook.id, url: hook.url, description: hook.description, events: hook.events, createdAt: hook.createdAt, lastDelivery };
}
