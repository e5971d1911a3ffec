/**
 * What `hello` tells the agents about the visitor: the page they are on and, once the host site
 * identified them, their name and e-mail. Values that would make the relay's strict schema refuse
 * the whole `hello` (too long, not an e-mail) are left out instead.
 */
import { LIMITS } from '@eyelevel/shared';
import type { VisitorHello } from '@eyelevel/shared';
import type { WidgetIdentity } from '../core/options.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function helloExtras(
  locale: string,
  identity: WidgetIdentity | undefined,
): Pick<VisitorHello, 'page' | 'profile'> {
  const page = {
    url: location.href.slice(0, LIMITS.maxUrlLength),
    title: document.title.slice(0, LIMITS.maxTitleLength),
    locale: (navigator.language || locale).slice(0, 35),
  };
  const name = identity?.name?.trim().slice(0, LIMITS.maxNameLength);
  const email = identity?.email?.trim();
  const profile: NonNullable<VisitorHello['profile']> = {};
  if (name) profile.name = name;
  if (email && email.length <= LIMITS.maxEmailLength && EMAIL.test(email)) profile.email = email;
  return Object.keys(profile).length ? { page, profile } : { page };
}
