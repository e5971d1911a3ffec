/**
 * X's OAuth 2.0 user tokens expire (two hours); with `offline.access` a refresh token gets a new
 * one, and X rotates the refresh token on every use. So the current pair lives sealed in the
 * channel's session (it outlives a restart), is refreshed when X answers 401 or the token is
 * about to expire, and one refresh at a time runs, because a rotated-away refresh token is dead.
 */
import { z } from 'zod';
import type { ConnectorContext } from '../connector.js';
import type { PlatformHttp } from '../shared/platform-http.js';

const tokenSchema = z.looseObject({
  access_token: z.string(),
  refresh_token: z.string().optional(),
  expires_in: z.number().optional(),
});

interface Tokens {
  accessToken: string;
  refreshToken: string | null;
  /** Epoch ms; 0 when unknown. */
  expiresAt: number;
}

const EARLY_MS = 60_000;

export class XTokens {
  private tokens: Tokens | null = null;
  private refreshing: Promise<Tokens> | null = null;

  constructor(
    private readonly context: ConnectorContext,
    private readonly http: PlatformHttp,
  ) {}

  async accessToken(): Promise<string> {
    const tokens = await this.current();
    if (tokens.expiresAt !== 0 && tokens.expiresAt - EARLY_MS < Date.now() && tokens.refreshToken) return (await this.refresh(tokens)).accessToken;
    return tokens.accessToken;
  }

  /** X said 401 with this token: refresh, if the channel can; false when it cannot. */
  async renew(rejected: string): Promise<boolean> {
    const tokens = await this.current();
    if (tokens.accessToken !== rejected) return true;
    if (!tokens.refreshToken || !this.context.credentials.clientId) return false;
    await this.refresh(tokens);
    return true;
  }

  private async current(): Promise<Tokens> {
    if (this.tokens) return this.tokens;
    const stored = await this.context.loadSession();
    if (stored?.accessToken) {
      this.tokens = { accessToken: stored.accessToken, refreshToken: stored.refreshToken || null, expiresAt: Number(stored.expiresAt) || 0 };
    } else {
      const { accessToken = '', refreshToken } = this.context.credentials;
      // Only a refresh token given: the first call refreshes.
      this.tokens = { accessToken, refreshToken: refreshToken ?? null, expiresAt: accessToken === '' ? 1 : 0 };
    }
    return this.tokens;
  }

  private refresh(from: Tokens): Promise<Tokens> {
    this.refreshing ??= (async () => {
      try {
        const { clientId = '', clientSecret } = this.context.credentials;
        const { data } = await this.http.request('POST', '/2/oauth2/token', {
          form: { grant_type: 'refresh_token', refresh_token: from.refreshToken ?? '', client_id: clientId },
          headers: clientSecret ? { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` } : {},
          schema: tokenSchema,
        });
        const tokens: Tokens = {
          accessToken: data.access_token,
          refreshToken: data.refresh_token ?? from.refreshToken,
          expiresAt: data.expires_in ? Date.now() + data.expires_in * 1000 : 0,
        };
        this.tokens = tokens;
        await this.context.saveSession({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken ?? '', expiresAt: String(tokens.expiresAt) });
        return tokens;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }
}
