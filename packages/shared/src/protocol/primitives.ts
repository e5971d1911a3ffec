/**
 * Field schemas reused by every frame. Keeping them in one place means a limit changes once and
 * both directions, visitor and agent, follow.
 */
import { z } from 'zod';
import { LIMITS } from './limits.js';
import { AGENT_ROLES } from '../domain/roles.js';
import {
  AUTHOR_KINDS,
  CHANNEL_KINDS,
  CONVERSATION_STATUSES,
  STATUS_CHANGES,
} from '../domain/conversation.js';

/** A sequence number in a conversation's log: 1, 2, 3, ... with no gaps. 0 means "nothing yet". */
export const seqSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** Ids the relay hands out (nanoid alphabet). */
export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'ids contain only letters, digits, _ and -');

/** Client-chosen message id: the key that makes a retried send idempotent. */
export const clientIdSchema = z
  .string()
  .min(1)
  .max(LIMITS.maxClientIdLength)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'client ids contain only letters, digits and _ . : -');

/** A host site's own user id (identity verification): printable, no control characters. */
export const externalIdSchema = z
  .string()
  .min(1)
  .max(LIMITS.maxExternalIdLength)
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'ids contain no control characters');

/** A phone number as people type it: digits with an optional leading +, spaces and ()-./ */
export const phoneSchema = z
  .string()
  .trim()
  .max(LIMITS.maxPhoneLength)
  .regex(/^\+?[0-9 ()./-]+$/, 'a phone number has digits, an optional leading + and spaces or ()-./')
  .refine((phone) => phone.replace(/\D/g, '').length >= 5, 'a phone number has at least 5 digits');

export const tokenSchema = z.string().min(1).max(LIMITS.maxTokenLength);

/** Message text: never empty, never longer than the limit; rendered as text everywhere. */
/** A NUL or an unpaired UTF-16 surrogate: neither is text a person typed, and databases refuse both. */
const NOT_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const messageTextSchema = z
  .string()
  .max(LIMITS.maxMessageLength, `messages are at most ${LIMITS.maxMessageLength} characters`)
  .refine((text) => text.trim().length > 0, 'message text must not be empty')
  .refine((text) => !NOT_TEXT.test(text), 'message text must not contain NUL characters or unpaired surrogates');

export const nameSchema = z.string().trim().min(1).max(LIMITS.maxNameLength);
export const emailSchema = z.email().max(LIMITS.maxEmailLength);
export const timestampSchema = z.number().int().nonnegative();

export const roleSchema = z.enum(AGENT_ROLES);
export const channelSchema = z.enum(CHANNEL_KINDS);
export const statusSchema = z.enum(CONVERSATION_STATUSES);
export const statusChangeSchema = z.enum(STATUS_CHANGES);
export const authorKindSchema = z.enum(AUTHOR_KINDS);
