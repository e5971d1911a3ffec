/**
 * What a visitor records besides messages (issue 3): pre-chat answers with consent, callback
 * requests and CSAT ratings. Each is checked against the site's settings and the log here,
 * then appended like a message — with the visitor's client id, so a retry is stored once and
 * acknowledged with the same seq — and the agents' queue row is refreshed.
 */
import { createHash } from 'node:crypto';
import type { VisitorClientFrame } from '@eyelevel/shared';
import type { Storage } from '../storage/storage.js';
import type { Site, Visitor } from '../storage/records.js';
import type { AppendedEvent, ConversationService } from './conversation-service.js';
import { visitorAuthor } from './authors.js';
import { RelayError } from '../errors.js';

type Frame<T extends VisitorClientFrame['type']> = Extract<VisitorClientFrame, { type: T }>;

export interface VisitorRecordDeps {
  storage: Storage;
  conversations: ConversationService;
}

/** Names the privacy text (and its link) a visitor consented to; changes when either changes. */
export function privacyTextVersion(site: Site): string | null {
  const prechat = site.settings.prechat;
  if (!prechat?.privacyText) return null;
  return createHash('sha256').update(`${prechat.privacyText}\n${prechat.privacyUrl ?? ''}`).digest('base64url').slice(0, 12);
}

/** Pre-chat answers and consent; the visitor's name and e-mail follow (unless verified). */
export async function recordProfile(
  deps: VisitorRecordDeps,
  site: Site,
  visitor: Visitor,
  conversationId: string,
  frame: Frame<'profile'>,
): Promise<AppendedEvent> {
  const topics = site.settings.prechat?.topics;
  if (frame.topic !== undefined && topics?.length && !topics.includes(frame.topic)) {
    throw new RelayError('BAD_REQUEST', 'topic: not one of the site\'s topics');
  }
  const version = privacyTextVersion(site);
  const consent = frame.consent
    ? {
        at: frame.consent.at,
        textVersion: frame.consent.textVersion,
        // The text itself, so the record still says what was agreed after the site changes it.
        text: frame.consent.textVersion === version ? (site.settings.prechat?.privacyText ?? null) : null,
      }
    : null;
  const appended = await deps.conversations.append(visitor.workspaceId, conversationId, visitorAuthor(visitor), frame.id, {
    kind: 'profile',
    name: frame.name ?? null,
    email: frame.email ?? null,
    topic: frame.topic ?? null,
    consent,
  });
  if (!appended.duplicate) {
    await deps.storage.contacts.setVisitorProfile(visitor.workspaceId, visitor.id, {
      ...(frame.name !== undefined ? { name: frame.name } : {}),
      ...(frame.email !== undefined ? { email: frame.email } : {}),
    });
    await deps.conversations.announceConversation(visitor.workspaceId, conversationId);
  }
  return appended;
}

/** A callback request: its log entry and its task, in one transaction (see callback-store.ts). */
export async function recordCallback(
  deps: VisitorRecordDeps,
  visitor: Visitor,
  conversationId: string,
  frame: Frame<'callback'>,
): Promise<AppendedEvent> {
  const result = await deps.storage.callbacks.request({
    workspaceId: visitor.workspaceId,
    conversationId,
    author: visitorAuthor(visitor),
    clientId: frame.id,
    phone: frame.phone,
    preferredTime: frame.preferredTime ?? null,
    note: frame.note ?? null,
    at: Date.now(),
  });
  if (!result.ok) throw new RelayError('NOT_FOUND', 'no such conversation');
  if (!result.duplicate) {
    deps.conversations.announce(visitor.workspaceId, conversationId, result.event);
    await deps.conversations.announceConversation(visitor.workspaceId, conversationId);
  }
  return { event: result.event, duplicate: result.duplicate };
}
