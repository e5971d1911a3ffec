/**
 * Which destinations the relay may call on behalf of a workspace admin (outbound webhooks, a
 * channel's base or reply URL). On a hosted relay one tenant's admin must not be able to make it
 * call the relay's own network: loopback, private ranges, link-local (the cloud metadata service
 * at 169.254.169.254), and every other address that is not plainly on the public internet.
 * The decision is made on every address a host resolves to, and outbound-fetch.ts connects to
 * exactly those addresses, so a name cannot resolve to a public address for the check and to an
 * internal one for the connection (DNS rebinding).
 */
import { BlockList, isIP } from 'node:net';
import { lookup } from 'node:dns/promises';
import { RelayError } from '../errors.js';

/** The operator's choice (EYELEVEL_ALLOW_PRIVATE_DESTINATIONS): self-hosters, and tests' local fakes. */
export interface OutboundPolicy {
  allowPrivate: boolean;
}

export interface VettedAddress {
  address: string;
  family: 4 | 6;
}

/** A destination the policy refuses; the message is meant for the admin who chose it. */
export class OutboundRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboundRefused';
  }
}

// IANA's special-purpose IPv4 registry: nothing in these ranges is a public web server.
const IPV4_INTERNAL: ReadonlyArray<readonly [string, number]> = [
  ['0.0.0.0', 8], // "this network", including the unspecified 0.0.0.0
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, including broadcast
];

// IPv6 is decided the other way round: only global unicast (2000::/3) can be public, which
// already leaves out ::, ::1, fc00::/7, fe80::/10, ff00::/8 and every form that embeds an IPv4
// address (mapped ::ffff:0:0/96, compatible ::/96, NAT64 64:ff9b::/96). Within it, these are not.
const IPV6_INTERNAL: ReadonlyArray<readonly [string, number]> = [
  ['2001::', 23], // IETF protocol assignments (Teredo, benchmarking, ORCHID)
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: embeds an IPv4 address
  ['3fff::', 20], // documentation
];

const ipv4Internal = new BlockList();
for (const [net, prefix] of IPV4_INTERNAL) ipv4Internal.addSubnet(net, prefix, 'ipv4');
const ipv6GlobalUnicast = new BlockList();
ipv6GlobalUnicast.addSubnet('2000::', 3, 'ipv6');
const ipv6Internal = new BlockList();
for (const [net, prefix] of IPV6_INTERNAL) ipv6Internal.addSubnet(net, prefix, 'ipv6');

/** True only for an IP address on the public internet; anything else (or not an address) is false. */
export function isPublicAddress(address: string): boolean {
  switch (isIP(address)) {
    case 4:
      return !ipv4Internal.check(address, 'ipv4');
    case 6:
      return ipv6GlobalUnicast.check(address, 'ipv6') && !ipv6Internal.check(address, 'ipv6');
    default:
      return false;
  }
}

const ALLOW_HINT = 'an operator who wants that sets EYELEVEL_ALLOW_PRIVATE_DESTINATIONS=true';

/** How a host name becomes addresses: the system resolver (tests pass their own). */
export type ResolveHost = (host: string) => Promise<VettedAddress[]>;

export const systemResolve: ResolveHost = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((one) => ({ address: one.address, family: one.family === 6 ? 6 : 4 }));

function parseDestination(url: string | URL): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new OutboundRefused(`${String(url).slice(0, 200)} is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new OutboundRefused(`only http and https destinations are allowed, not ${parsed.protocol}`);
  return parsed;
}

/**
 * The addresses a request to `url` may connect to, or OutboundRefused when the policy does not
 * allow one of them. The host is resolved once, here; the connection must use these addresses.
 */
export async function vetDestination(url: string | URL, policy: OutboundPolicy, resolve: ResolveHost = systemResolve): Promise<VettedAddress[]> {
  const parsed = parseDestination(url);
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: VettedAddress[];
  const family = isIP(host);
  if (family === 4 || family === 6) {
    addresses = [{ address: host, family }];
  } else {
    try {
      addresses = await resolve(host);
    } catch (error) {
      throw new OutboundRefused(`${host} cannot be resolved (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  if (addresses.length === 0) throw new OutboundRefused(`${host} resolves to no address`);
  const internal = policy.allowPrivate ? undefined : addresses.find((one) => !isPublicAddress(one.address));
  if (internal) {
    const what = internal.address === host ? host : `${host} resolves to ${internal.address}, which`;
    throw new OutboundRefused(`${what} is a private, loopback, link-local or reserved address: the relay does not call those (${ALLOW_HINT})`);
  }
  return addresses;
}

/**
 * For the admin API: a destination being saved must be allowed now (it is vetted again per
 * request). Where private destinations are allowed, a name need not resolve yet.
 */
export async function requireAllowedDestination(url: string, policy: OutboundPolicy): Promise<void> {
  try {
    if (policy.allowPrivate) parseDestination(url);
    else await vetDestination(url, policy);
  } catch (error) {
    if (error instanceof OutboundRefused) throw new RelayError('BAD_REQUEST', `${url.slice(0, 200)} is not allowed: ${error.message}`);
    throw error;
  }
}
