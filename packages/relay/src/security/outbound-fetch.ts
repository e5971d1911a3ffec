/**
 * The one way the relay makes HTTP requests to URLs that workspace admins chose (webhooks,
 * channels' base and reply URLs, the streams those lead to). Every request is vetted by
 * outbound-address.ts at the time it is made, and the connection is pinned to the addresses that
 * were vetted through node:http's `lookup` hook (the global fetch offers no such hook on this
 * Node), so a name that changes its answer between check and connect still cannot reach an
 * internal address. Redirects are never followed: the caller sees the 3xx as a failure, and a
 * redirect cannot lead around the check. The answer is a standard Response, bodies streamed.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import { systemResolve, vetDestination, type OutboundPolicy, type ResolveHost, type VettedAddress } from './outbound-address.js';

export interface OutboundInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export type OutboundFetch = (url: string | URL, init?: OutboundInit) => Promise<Response>;

const NULL_BODY_STATUS = new Set([101, 204, 205, 304]);

export function createOutboundFetch(policy: OutboundPolicy, resolve: ResolveHost = systemResolve): OutboundFetch {
  return async (input, init = {}) => {
    const url = new URL(input);
    // Resolved and pinned whatever the policy, so the suite (which allows private) runs this path.
    const vetted = await untilAborted(vetDestination(url, policy, resolve), init.signal);
    const method = (init.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = { ...init.headers };
    if (init.body !== undefined) headers['content-length'] = String(Buffer.byteLength(init.body));
    return new Promise<Response>((resolve, reject) => {
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(url, {
        method,
        headers,
        // A connection of its own: a pooled socket could have been opened to another answer.
        agent: false,
        ...(init.signal ? { signal: init.signal } : {}),
        lookup: pinnedLookup(vetted),
      });
      req.on('error', reject);
      req.on('response', (res) => {
        try {
          resolve(toResponse(res, method, init.signal));
        } catch (error) {
          res.destroy();
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      req.end(init.body);
    });
  };
}

/** A lookup cannot be cancelled, but the caller's timeout still ends the wait for it. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    const settle = () => signal.removeEventListener('abort', abort);
    work.then(
      (value) => (settle(), resolve(value)),
      (error: unknown) => (settle(), reject(error instanceof Error ? error : new Error(String(error)))),
    );
    if (signal.aborted) abort();
    else signal.addEventListener('abort', abort, { once: true });
  });
}

/** Answers the socket's lookup with the vetted addresses only (literal IPs never get here). */
function pinnedLookup(addresses: VettedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const wanted = options.family === 4 || options.family === 6 ? addresses.filter((one) => one.family === options.family) : addresses;
    const usable = wanted.length > 0 ? wanted : addresses;
    if (options.all) {
      (callback as unknown as (error: null, addresses: VettedAddress[]) => void)(null, usable);
      return;
    }
    const first = usable[0] as VettedAddress;
    callback(null, first.address, first.family);
  };
}

function toResponse(res: IncomingMessage, method: string, signal: AbortSignal | undefined): Response {
  const status = res.statusCode ?? 0;
  if (status < 200 || status > 599) throw new Error(`unexpected HTTP status ${status}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (Array.isArray(value)) for (const one of value) headers.append(name, one);
    else if (value !== undefined) headers.set(name, value);
  }
  // An abort after the headers must end the body too (streams stop reading that way).
  signal?.addEventListener('abort', () => res.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted')), { once: true });
  if (NULL_BODY_STATUS.has(status) || method === 'HEAD') {
    res.resume();
    return new Response(null, { status, statusText: res.statusMessage ?? '', headers });
  }
  return new Response(Readable.toWeb(res) as ReadableStream<Uint8Array>, { status, statusText: res.statusMessage ?? '', headers });
}
