/**
 * What `hello` tells the relay about the visitor: the page they are on, the context a careers
 * page set (team and job), and who the host site says they are (identity, with the site's proof
 * when it gave one). Values that would make the relay's strict schema refuse the whole `hello`
 * (too long, not an e-mail, a malformed proof) are left out instead.
 */
import { LIMITS } from '@eyelevel/shared';
import type { VisitorContext, VisitorHello, VisitorIdentity } from '@eyelevel/shared';
import type { WidgetContext, WidgetIdentity } from '../core/options.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const HASH = /^[0-9a-fA-F]{64}$/;
const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/;
const TEAM = /^[\w-]{1,64}$/;

const text = (value: unknown, max: number): string | undefined => {
  const trimmed = typeof value === 'string' ? value.trim().slice(0, max) : '';
  return trimmed || undefined;
};

/** The identity as the relay accepts it, or undefined when there is no usable user id. */
export function identityFrame(identity: WidgetIdentity | undefined): VisitorIdentity | undefined {
  const id = typeof identity?.id === 'string' ? identity.id : '';
  if (!id || id.length > LIMITS.maxExternalIdLength || /[\u0000-\u001f\u007f]/.test(id)) return undefined;
  const out: VisitorIdentity = { id };
  const name = text(identity!.name, LIMITS.maxNameLength);
  const email = text(identity!.email, LIMITS.maxEmailLength);
  if (name) out.name = name;
  if (email && EMAIL.test(email)) out.email = email;
  if (typeof identity!.hash === 'string' && HASH.test(identity!.hash)) out.hash = identity!.hash;
  const jwt = identity!.jwt;
  if (typeof jwt === 'string' && jwt.length <= LIMITS.maxJwtLength && JWT.test(jwt)) out.jwt = jwt;
  return out;
}

export function contextFrame(context: WidgetContext | undefined): VisitorContext {
  const out: VisitorContext = {};
  if (typeof context?.team === 'string' && TEAM.test(context.team)) out.team = context.team;
  const jobId = text(context?.jobId, LIMITS.maxJobIdLength);
  const jobTitle = text(context?.jobTitle, LIMITS.maxTopicLength);
  if (jobId) out.jobId = jobId;
  if (jobTitle) out.jobTitle = jobTitle;
  return out;
}

export function helloExtras(
  locale: string,
  identity: WidgetIdentity | undefined,
  context?: WidgetContext,
): Pick<VisitorHello, 'page' | 'identity' | 'context'> {
  const extras: Pick<VisitorHello, 'page' | 'identity' | 'context'> = {
    page: {
      url: location.href.slice(0, LIMITS.maxUrlLength),
      title: document.title.slice(0, LIMITS.maxTitleLength),
      locale: (navigator.language || locale).slice(0, 35),
    },
  };
  const who = identityFrame(identity);
  if (who) extras.identity = who;
  const where = contextFrame(context);
  if (Object.keys(where).length) extras.context = where;
  return extras;
}
