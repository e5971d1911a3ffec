/**
 * The relay's session with a Bluesky PDS. createSession is rate-limited hard (per account, per
 * few minutes and per day), so a session is created once, kept sealed in the channel row across
 * restarts, refreshed with its refresh token when the access token expires, and only created
 * again when the refresh token is gone too.
 */
import type { ConnectorContext } from '../connector.js';
import { PlatformHttp } from '../shared/platform-http.js';
import { PlatformError } from '../shared/platform-error.js';
import { sessionSchema, type BlueskySession } from './bluesky-schemas.js';

export class BlueskySessions {
  private session: BlueskySession | null = null;
  private pending: Promise<BlueskySession> | null = null;

  constructor(
    private readonly context: ConnectorContext,
    private readonly http: PlatformHttp,
  ) {}

  /** The current session: from memory, from storage, or a new one. */
  async current(): Promise<BlueskySession> {
    if (this.session) return this.session;
    return this.once(async () => {
      const stored = await this.context.loadSession();
      const parsed = sessionSchema.safeParse(stored);
      return parsed.success ? parsed.data : this.create();
    });
  }

  /** The access token expired: refresh, or log in again when the refresh token is no good. */
  async renew(expired: BlueskySession): Promise<BlueskySession> {
    if (this.session && this.session.accessJwt !== expired.accessJwt) return this.session;
    return this.once(async () => {
      try {
        const { data } = await this.http.request('POST', '/xrpc/com.atproto.server.refreshSession', {
          headers: { authorization: `Bearer ${expired.refreshJwt}` },
          schema: sessionSchema,
        });
        return data;
      } catch (error) {
        if (error instanceof PlatformError && (error.status === 400 || error.status === 401)) return this.create();
        throw error;
      }
    });
  }

  private async create(): Promise<BlueskySession> {
    const { data } = await this.http.request('POST', '/xrpc/com.atproto.server.createSession', {
      json: { identifier: this.context.credentials.identifier, password: this.context.credentials.appPassword },
      schema: sessionSchema,
    });
    return data;
  }

  private once(obtain: () => Promise<BlueskySession>): Promise<BlueskySession> {
    this.pending ??= (async () => {
      try {
        const session = await obtain();
        this.session = session;
        await this.context.saveSession({ accessJwt: session.accessJwt, refreshJwt: session.refreshJwt, did: session.did, handle: session.handle });
        await this.context.setAccount({ id: session.did, handle: `@${session.handle}` });
        return session;
      } finally {
        this.pending = null;
      }
    })();
    return this.pending;
  }
}
