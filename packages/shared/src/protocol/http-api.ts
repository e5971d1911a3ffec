/**
 * Request and response bodies of the relay's HTTP API, validated at the edge like frames.
 */
import { z } from 'zod';
import { LIMITS } from './limits.js';
import { ERROR_CODE_NAMES } from './error-codes.js';
import { agentProfileSchema } from './agent-frames.js';
import { emailSchema, tokenSchema } from './primitives.js';

export const loginRequestSchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1).max(LIMITS.maxPasswordLength),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const loginResponseSchema = z.strictObject({
  token: tokenSchema,
  agent: agentProfileSchema,
  expiresAt: z.number().int(),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const httpErrorSchema = z.strictObject({
  error: z.strictObject({ code: z.enum(ERROR_CODE_NAMES), message: z.string() }),
});
export type HttpError = z.infer<typeof httpErrorSchema>;
