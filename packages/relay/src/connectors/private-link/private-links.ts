/**
 * From public to private (issue 5, item 10). An agent asks for a link for a social conversation
 * and a site; the person who wrote publicly opens it and the site's widget follows that same
 * conversation: they see the public history and write privately into it, and the agents'
 * replies stay in the widget from then on (see outbound/replies.ts).
 *
 * The link is the site's first allowed origin with `#eyelevel-continue=<token>`: a fragment never
 * reaches the host's server logs, and the widget removes it from the address bar. The token is
 * checked at the widget's `hello` (signature, expiry, site and workspace, each compare
 * constant-time) and works once.
 */
import type { ConversationEvent } from '@eyelevel/shared';
import type { Agent, Conversation, Site, Visitor } from '../../storage/records.js';
import { agentAuthor } from '../../conversations/authors.js';
import type { Storage } from '../../storage/storage.js';
import type { ConversationService } from '../../conversations/conversation-service.js';
import { SYSTEM_AUTHOR } from '../../storage/kysely/conversation-store.js';
import { RelayError } from '../../errors.js';
import { newId } from '../../ids.js';
import { constantTimeEqual } from '../../security/tokens.js';
import { privateLinkKey, readPrivateLink, signPrivateLink } from './private-link-token.js';

/** Long enough for someone to read the public reply the same day, short enough to go stale. */
export const PRIVATE_LINK_TTL_MS = 24 * 60 * 60_000;
export const CONTINUE_PARAMETER = 'eyelevel-continue';

export type Redeemed = { ok: true; conversation: Conversation } | { ok: false; message: string };

export class PrivateLinks {
  private readonly key: Buffer | null;

  constructor(
    private readonly storage: Storage,
    private readonly conversations: ConversationService,
    secretKey: Buffer | null,
    private readonly now: () => number = Date.now,
  ) {
    this.key = secretKey ? privateLinkKey(secretKey) : null;
  }

  /**
   * Mints a link and writes it into the log as the agent's note (agents only), so every console
   * shows it ready to copy; a retried frame (same client id) gets the same note back.
   */
  async mint(agent: Agent, conversationId: string, siteId: string, clientId: string): Promise<ConversationEvent> {
    if (!this.key) throw new RelayError('UNAVAILABLE', 'private links need EYELEVEL_SECRET_KEY on the relay');
    const conversation = await this.storage.conversations.get(agent.workspaceId, conversationId);
    if (!conversation) throw new RelayError('NOT_FOUND', 'no such conversation');
    if (conversation.channel === 'web') throw new RelayError('BAD_REQUEST', 'a web chat is private already');
    const site = (await this.storage.tenants.listSites(agent.workspaceId)).find((s) => s.id === siteId);
    if (!site) throw new RelayError('NOT_FOUND', 'no such site in this workspace');
    const origin = site.allowedOrigins[0];
    if (!origin) throw new RelayError('BAD_REQUEST', 'the site has no allowed origin to link to');
    const expiresAt = this.now() + PRIVATE_LINK_TTL_MS;
    const token = signPrivateLink(this.key, { id: newId(), workspaceId: agent.workspaceId, conversationId, siteId, expiresAt });
    const url = `${origin}/#${CONTINUE_PARAMETER}=${token}`;
    const { event } = await this.conversations.append(agent.workspaceId, conversationId, agentAuthor(agent), clientId, {
      kind: 'note',
      text: `Private link to continue on ${site.name} (single use, valid until ${new Date(expiresAt).toISOString()}): ${url}`,
      mentions: [],
    });
    return event;
  }

  /**
   * Checks a token a visitor's widget presented on `site` and, when it holds, records it as used
   * and notes in the conversation's log that the person moved to the private chat.
   */
  async redeem(site: Site, visitor: Visitor, token: string): Promise<Redeemed> {
    const claims = this.key ? readPrivateLink(this.key, token) : null;
    if (!claims) return { ok: false, message: 'this private link is not valid (altered, or not from this relay)' };
    if (claims.expiresAt <= this.now()) return { ok: false, message: 'this private link has expired; ask for a new one' };
    // Both compared whatever the first says, so the answer's timing does not tell which differed.
    const sameSite = constantTimeEqual(claims.siteId, site.id);
    const sameWorkspace = constantTimeEqual(claims.workspaceId, site.workspaceId);
    if (!sameSite || !sameWorkspace) return { ok: false, message: 'this private link belongs to another site' };
    const conversation = await this.storage.conversations.get(site.workspaceId, claims.conversationId);
    if (!conversation) return { ok: false, message: 'the conversation of this private link no longer exists' };
    const first = await this.storage.privateLinks.redeem({
      id: claims.id,
      workspaceId: site.workspaceId,
      conversationId: conversation.id,
      siteId: site.id,
      visitorId: visitor.id,
      usedAt: this.now(),
    });
    if (!first) return { ok: false, message: 'this private link was used already; ask for a new one' };
    await this.conversations.append(site.workspaceId, conversation.id, SYSTEM_AUTHOR, `private-link:${claims.id}`, {
      kind: 'note',
      text: `The person moved to the private chat on ${site.name}; replies here now go to the website widget, not the network.`,
      mentions: [],
    });
    return { ok: true, conversation: (await this.storage.conversations.get(site.workspaceId, conversation.id)) ?? conversation };
  }

  /** The social conversation this visitor continues privately, unless a newer web chat replaced it. */
  async continuedBy(visitor: Visitor, latestWeb: Conversation | null): Promise<Conversation | null> {
    const link = await this.storage.privateLinks.latestForVisitor(visitor.workspaceId, visitor.id);
    if (!link || (latestWeb && latestWeb.createdAt > link.usedAt)) return null;
    return this.storage.conversations.get(visitor.workspaceId, link.conversationId);
  }

  /** Whether agents' replies in this conversation stay private (someone continued it in a widget). */
  isPrivate(workspaceId: string, conversationId: string): Promise<boolean> {
    return this.storage.privateLinks.isContinued(workspaceId, conversationId);
  }
}
