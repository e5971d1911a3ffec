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
import { SYSTEM_AUTHOR } from '../storage/kysely/conversation-store.js';

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

/** Asks the visitor to rate the conversation: a `csat_requested` entry right after `resolved`. */
export async function requestCsat(conversations: ConversationService, workspaceId: string, conversationId: string) {
  return conversations.append(workspaceId, conversationId, SYSTEM_AUTHOR, null, {
    kind: 'status',
    change: 'csat_requested',
    status: 'resolved',
    assignee: null,
  });
}

/** How far after a rating request the relay looks for an earlier rating of it. */
const RATING_LOOKAHEAD = 500;

/**
 * The visitor's rating of a `csat_requested` entry (`frame.seq`). One rating per request: a
 * retry with the same client id gets the stored one back, another id is refused.
 */
export async function recordCsat(
  deps: VisitorRecordDeps,
  visitor: Visitor,
  conversationId: string,
  frame: Frame<'csat'>,
): Promise<AppendedEvent> {
  const [request, ...after] = await deps.conversations.readLog(visitor.workspaceId, conversationId, frame.seq - 1, RATING_LOOKAHEAD);
  if (!request || request.seq !== frame.seq || request.kind !== 'status' || request.change !== 'csat_requested') {
    throw new RelayError('BAD_REQUEST', 'seq: not a rating request of this conversation');
  }
  const earlier = after.find((event) => event.kind === 'csat' && event.requestSeq === frame.seq);
  if (earlier && earlier.kind === 'csat' && earlier.clientId !== frame.id) {
    throw new RelayError('CONFLICT', 'this conversation was already rated');
  }
  const appended = await deps.conversations.append(visitor.workspaceId, conversationId, visitorAuthor(visitor), frame.id, {
    kind: 'csat',
    rating: frame.rating,
    comment: frame.comment ?? null,
    requestSeq: frame.seq,
  });
  if (!appended.duplicate) await deps.conversations.announceConversation(visitor.workspaceId, conversationId);
  return appended;
}
