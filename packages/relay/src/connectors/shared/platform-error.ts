/**
 * A platform said no. Carries what it said (shown to agents on a failed reply, as text) and,
 * for rate limits, when to try again, so pollers back off and replies can be retried in time.
 */
export class PlatformError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryAt: number | null = null,
    /** A machine-readable error name, where the platform sends one (Bluesky's `ExpiredToken`). */
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'PlatformError';
  }

  get rateLimited(): boolean {
    return this.status === 429 || this.retryAt !== null;
  }
}

/** The human part of a platform's error body, whichever of the usual shapes it has. */
export function platformMessage(status: number, body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = null;
  }
  const pick = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);
  if (parsed && typeof parsed === 'object') {
    const o = parsed as Record<string, unknown>;
    const nested = o.error && typeof o.error === 'object' ? (o.error as Record<string, unknown>) : null;
    const first = Array.isArray(o.errors) && o.errors[0] && typeof o.errors[0] === 'object' ? (o.errors[0] as Record<string, unknown>) : null;
    // Facebook: error.message; X: detail / errors[0].message; Mastodon: error; Bluesky: message.
    const text = pick(nested?.message) ?? pick(o.detail) ?? pick(first?.message) ?? pick(o.message) ?? pick(o.error) ?? pick(o.title);
    if (text) return `${status}: ${text.slice(0, 500)}`;
  }
  const plain = body.trim().slice(0, 300);
  return plain ? `${status}: ${plain}` : `HTTP ${status}`;
}

/** The `error` name of an XRPC-style body (`{ "error": "ExpiredToken", "message": ... }`). */
export function platformCode(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    return typeof parsed.error === 'string' ? parsed.error : null;
  } catch {
    return null;
  }
}
