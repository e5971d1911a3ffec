/**
 * Every error the relay reports, as one const map, so the widget, the console and the HTTP API
 * speak the same words. Each code has the HTTP status used by the REST API and the WebSocket
 * close code used when the error ends a connection (4000-4999 are ours, per RFC 6455).
 */
export const ERROR_CODES = {
  /** The frame or body is not valid JSON or does not match its schema. */
  BAD_REQUEST: { http: 400, close: 4000 },
  /** The client speaks a protocol version this relay does not. */
  UNSUPPORTED_VERSION: { http: 400, close: 4010 },
  /** A frame arrived before `hello`, or a second `hello`. */
  HELLO_REQUIRED: { http: 400, close: 4002 },
  /** No or wrong credentials (agent token, visitor session token, password). */
  UNAUTHORIZED: { http: 401, close: 4001 },
  /** Authenticated, but not allowed to do this. */
  FORBIDDEN: { http: 403, close: 4003 },
  /** The page's origin is not on the site's allowlist. */
  ORIGIN_NOT_ALLOWED: { http: 403, close: 4003 },
  /** No site has this public key. */
  UNKNOWN_SITE: { http: 404, close: 4004 },
  NOT_FOUND: { http: 404, close: 4004 },
  /** A unique value (e-mail, initials) is taken. */
  CONFLICT: { http: 409, close: 4009 },
  /** The frame or body is larger than the limit. */
  TOO_LARGE: { http: 413, close: 1009 },
  /** A message is longer than `LIMITS.maxMessageLength`. */
  MESSAGE_TOO_LONG: { http: 413, close: 4013 },
  /** Too many frames or requests; slow down. */
  RATE_LIMITED: { http: 429, close: 4029 },
  /** Storage is unreachable; the send was not stored and must be retried. */
  UNAVAILABLE: { http: 503, close: 1013 },
  /** A bug on our side; the message was not stored. */
  INTERNAL: { http: 500, close: 1011 },
} as const satisfies Record<string, { http: number; close: number }>;

export type ErrorCode = keyof typeof ERROR_CODES;
export const ERROR_CODE_NAMES = Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]];

/** WebSocket close codes that are not errors of a single request. */
export const CLOSE_CODES = {
  /** Normal close. */
  NORMAL: 1000,
  /** The relay is shutting down or restarting: reconnect (to another node) and resume. */
  SERVICE_RESTART: 1012,
  /** No heartbeat within `LIMITS.idleTimeoutSeconds`. */
  IDLE: 4008,
  /** The agent's session was revoked (logout elsewhere, password change, admin action). */
  SESSION_REVOKED: 4011,
} as const;
