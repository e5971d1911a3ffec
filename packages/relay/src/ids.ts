/**
 * Identifiers the relay hands out. Ids are nanoids (URL-safe, 21 characters); public site keys
 * carry a prefix so they are recognisable in snippets and support tickets.
 */
import { nanoid } from 'nanoid';

export const newId = (): string => nanoid();
export const newSitePublicKey = (): string => `pk_${nanoid(24)}`;
