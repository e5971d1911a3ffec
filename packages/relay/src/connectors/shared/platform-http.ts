/**
 * The one way connectors call a platform: a configurable base URL (the real API by default, a
 * local fake in tests, a self-hoster's proxy), JSON in and out, responses validated with zod at
 * the edge like every inbound payload, a timeout, and rate limits honoured: after a 429 or an
 * exhausted window, calls wait for the reset instead of hammering the platform.
 */
import type { z } from 'zod';
import { PlatformError, platformCode, platformMessage } from './platform-error.js';
import { exhausted, retryAtFrom } from './rate-limit.js';
import type { OutboundFetch } from '../../security/outbound-fetch.js';

export interface RequestOptions<S extends z.ZodType> {
  query?: Record<string, string | string[] | undefined>;
  json?: unknown;
  /** JSON already serialised (when its exact bytes were signed). */
  rawJson?: string;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  schema: S;
  /** Absolute URL instead of base URL + path (Mastodon's streaming host, for instance). */
  absolute?: boolean;
}

const TIMEOUT_MS = 15_000;

export class PlatformHttp {
  /** No call before this time (a rate-limit window the platform told us about). */
  private blockedUntil = 0;

  constructor(
    /** The connector context's fetch: every call is vetted against the operator's policy. */
    private readonly fetch: OutboundFetch,
    readonly baseUrl: string,
    private readonly authHeaders: () => Promise<Record<string, string>> | Record<string, string> = () => ({}),
    private readonly now: () => number = Date.now,
  ) {}

  url(path: string, query?: RequestOptions<z.ZodType>['query']): URL {
    const url = new URL(this.baseUrl.replace(/\/+$/, '') + path);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) url.searchParams.append(key, one);
    }
    return url;
  }

  async request<S extends z.ZodType>(method: string, path: string, options: RequestOptions<S>): Promise<{ data: z.infer<S>; headers: Headers }> {
    const now = this.now();
    if (now < this.blockedUntil) {
      throw new PlatformError(`rate limited by the platform until ${new Date(this.blockedUntil).toISOString()}`, 429, this.blockedUntil);
    }
    const url = options.absolute ? new URL(path) : this.url(path, options.query);
    const headers: Record<string, string> = { accept: 'application/json', ...(await this.authHeaders()), ...options.headers };
    let body: string | undefined;
    if (options.rawJson !== undefined) {
      headers['content-type'] = 'application/json';
      body = options.rawJson;
    } else if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    }
    let response: Response;
    try {
      response = await this.fetch(url, { method, headers, ...(body !== undefined ? { body } : {}), signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      throw new PlatformError(`could not reach ${url.host}: ${(error as Error).message}`, null);
    }
    const text = await response.text();
    const retryAt = retryAtFrom(response.headers, this.now());
    if (response.status === 429 || exhausted(response.headers)) {
      this.blockedUntil = Math.max(this.blockedUntil, retryAt ?? this.now() + 60_000);
    }
    if (!response.ok) {
      throw new PlatformError(
        platformMessage(response.status, text),
        response.status,
        response.status === 429 ? (retryAt ?? this.blockedUntil) : null,
        platformCode(text),
      );
    }
    let raw: unknown = null;
    if (text.trim() !== '') {
      try {
        raw = JSON.parse(text);
      } catch {
        throw new PlatformError(`${url.host} answered with something that is not JSON`, response.status);
      }
    }
    const parsed = options.schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new PlatformError(`${url.host} answered in an unexpected shape (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`, response.status);
    }
    return { data: parsed.data, headers: response.headers };
  }
}
