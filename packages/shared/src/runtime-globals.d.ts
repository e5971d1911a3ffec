/**
 * Shared code runs in browsers and in Node, so it is compiled with neither's types. Both
 * runtimes provide WHATWG URL; this declares the part of it shared code uses.
 */
declare class URL {
  constructor(url: string, base?: string);
  readonly origin: string;
  readonly protocol: string;
  readonly host: string;
  readonly href: string;
}

/** Web Crypto's random source, in browsers (secure contexts or not) and in Node >= 19. */
declare const crypto: { getRandomValues<T extends Uint8Array>(array: T): T };
