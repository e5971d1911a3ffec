/**
 * Light, hand-written checks for frames from the relay. The relay is trusted to speak the
 * protocol (it validates with zod on its side), but the widget still refuses anything that would
 * make it render garbage or crash. Importing zod here would cost more than the whole panel's
 * budget allows, so only types come from `@eyelevel/shared`.
 */
import type { Author, ConversationEvent, VisitorServerFrame } from '@eyelevel/shared';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isStrOrNull = (v: unknown): boolean => v === null || isStr(v);

export function isAuthor(v: unknown): v is Author {
  return (
    isObj(v) &&
    isStr(v.kind) &&
    isStrOrNull(v.id) &&
    isStrOrNull(v.name) &&
    isStrOrNull(v.initials) &&
    isStrOrNull(v.avatarUrl) &&
    isStrOrNull(v.role)
  );
}

export function isEvent(v: unknown): v is ConversationEvent {
  if (!isObj(v) || !isNum(v.seq) || v.seq < 1 || !isNum(v.at) || !isAuthor(v.author)) return false;
  if (v.kind === 'message') return isStr(v.text) && isStrOrNull(v.clientId);
  if (v.kind === 'status') {
    return isStr(v.change) && isStr(v.status) && (v.assignee === null || isAuthor(v.assignee));
  }
  // The visitor's own records (issue 3): checked as far as the panel shows them.
  if (v.kind === 'profile') return isStrOrNull(v.clientId);
  if (v.kind === 'callback') return isStr(v.phone) && isStrOrNull(v.preferredTime) && isStrOrNull(v.clientId);
  if (v.kind === 'csat') return isNum(v.rating) && isNum(v.requestSeq) && isStrOrNull(v.clientId);
  // Agents-only entries (notes) reach visitors as bare `internal` seqs, and a newer relay may
  // add kinds this widget does not know. Either way the seq is kept, so the log stays gap-free
  // and resume does not ask for it forever; only messages and status changes are ever shown.
  return isStr(v.kind);
}

const isStrList = (v: unknown): boolean => Array.isArray(v) && v.every(isStr);
const isPrechat = (v: unknown): boolean =>
  isObj(v) &&
  isStrList(v.fields) &&
  isStrList(v.required) &&
  (v.topics === undefined || isStrList(v.topics)) &&
  (v.privacyText === undefined || isStr(v.privacyText)) &&
  (v.privacyUrl === undefined || isStr(v.privacyUrl)) &&
  isStrOrNull(v.textVersion);

const isAvailability = (v: unknown): boolean =>
  isObj(v) && typeof v.online === 'boolean' && (v.nextOpenAt === undefined || isNum(v.nextOpenAt));

const isTeam = (v: unknown): boolean =>
  isObj(v) && isStr(v.name) && Array.isArray(v.members) && v.members.every(isAuthor);

function isValid(f: Obj): boolean {
  switch (f.type) {
    case 'welcome':
      return (
        isStrOrNull(f.token) &&
        isStr(f.visitorId) &&
        isStrOrNull(f.conversationId) &&
        isNum(f.lastSeq) &&
        isNum(f.agentReadSeq) &&
        isObj(f.site) &&
        isStr(f.site.name) &&
        (f.site.team === undefined || isTeam(f.site.team)) &&
        (f.site.prechat === undefined || isPrechat(f.site.prechat)) &&
        (f.site.availability === undefined || isAvailability(f.site.availability)) &&
        (f.verified === undefined || typeof f.verified === 'boolean')
      );
    case 'ack':
      return isStr(f.id) && isNum(f.seq) && isNum(f.at) && isStr(f.conversationId);
    case 'event':
      return isEvent(f.event);
    case 'gap':
      return isNum(f.from) && isNum(f.to) && f.from <= f.to;
    case 'typing':
      return typeof f.on === 'boolean' && isAuthor(f.author);
    case 'read':
      return isNum(f.seq);
    case 'error':
      return isStr(f.code) && isStr(f.message) && isStrOrNull(f.ref ?? null);
    case 'pong':
      return true;
    case 'availability':
      return isAvailability(f);
    default:
      return false;
  }
}

/** Parse one text frame; `null` for anything that is not a well-formed relay frame. */
export function readServerFrame(text: unknown): VisitorServerFrame | null {
  if (!isStr(text)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  return isObj(raw) && isValid(raw) ? (raw as VisitorServerFrame) : null;
}
