import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isPublicAddress, OutboundRefused, vetDestination } from './outbound-address.js';

const guarded = { allowPrivate: false };
const octet = fc.integer({ min: 0, max: 255 });
const hex = (n: number) => n.toString(16);

describe('isPublicAddress', () => {
  it('refuses the internal IPv4 ranges at their edges and lets the neighbours through', () => {
    const internal = [
      '0.0.0.0', '0.255.255.255', '10.0.0.0', '10.255.255.255', '100.64.0.0', '100.127.255.255', '127.0.0.1', '127.255.255.254',
      '169.254.0.1', '169.254.169.254', '172.16.0.0', '172.31.255.255', '192.0.0.8', '192.0.2.1', '192.168.0.1', '192.168.255.255',
      '198.18.0.1', '198.19.255.255', '198.51.100.7', '203.0.113.9', '224.0.0.1', '239.255.255.250', '240.0.0.1', '255.255.255.255',
    ];
    for (const address of internal) expect(isPublicAddress(address), address).toBe(false);
    const neighbours = ['1.1.1.1', '8.8.8.8', '9.255.255.255', '11.0.0.0', '100.63.255.255', '100.128.0.0', '126.255.255.255', '128.0.0.0',
      '169.253.255.255', '169.255.0.0', '172.15.255.255', '172.32.0.0', '192.167.255.255', '192.169.0.0', '198.17.255.255', '198.20.0.0', '223.255.255.255'];
    for (const address of neighbours) expect(isPublicAddress(address), address).toBe(true);
  });

  it('refuses loopback, unspecified, unique-local, link-local, multicast and IPv4-embedding IPv6', () => {
    const internal = [
      '::', '::1', 'fc00::1', 'fdff:ffff::1', 'fe80::1', 'febf::1', 'fec0::1', 'ff02::1', 'ff0e::1',
      '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:169.254.169.254', '::ffff:a9fe:a9fe', '::ffff:10.0.0.1', '::127.0.0.1',
      '64:ff9b::7f00:1', '64:ff9b::169.254.169.254', '2002:7f00:1::1', '2001::1', '2001:db8::1', '3fff::1', '100::1', '::ffff:0:7f00:1',
    ];
    for (const address of internal) expect(isPublicAddress(address), address).toBe(false);
    for (const address of ['2606:4700:4700::1111', '2001:4860:4860::8888', '2a00:1450:4001:80b::200e', '3ffe::1']) expect(isPublicAddress(address), address).toBe(true);
  });

  it('is false for anything that is not an address', () => {
    for (const value of ['', 'localhost', 'example.com', '1.2.3', '1.2.3.4.5', '256.1.1.1', '[::1]', '::1%lo', ' 8.8.8.8']) expect(isPublicAddress(value), value).toBe(false);
  });

  it('refuses every address of the private IPv4 blocks, in dotted and every IPv4-mapped IPv6 form', () => {
    const privateV4 = fc.oneof(
      fc.tuple(fc.constant(10), octet, octet, octet),
      fc.tuple(fc.constant(127), octet, octet, octet),
      fc.tuple(fc.constant(169), fc.constant(254), octet, octet),
      fc.tuple(fc.constant(172), fc.integer({ min: 16, max: 31 }), octet, octet),
      fc.tuple(fc.constant(192), fc.constant(168), octet, octet),
      fc.tuple(fc.constant(0), octet, octet, octet),
    );
    fc.assert(
      fc.property(privateV4, ([a, b, c, d]) => {
        const dotted = `${a}.${b}.${c}.${d}`;
        const mappedHex = `::ffff:${hex(a * 256 + b)}:${hex(c * 256 + d)}`;
        return !isPublicAddress(dotted) && !isPublicAddress(`::ffff:${dotted}`) && !isPublicAddress(mappedHex) && !isPublicAddress(`0:0:0:0:0:ffff:${dotted}`);
      }),
    );
  });

  it('never lets an IPv4-mapped address through, whatever the IPv4 address', () => {
    fc.assert(fc.property(fc.ipV4(), (v4) => !isPublicAddress(`::ffff:${v4}`) && !isPublicAddress(`64:ff9b::${v4}`)));
  });

  it('calls an IPv6 address public only inside global unicast 2000::/3', () => {
    fc.assert(
      fc.property(fc.ipV6(), (v6) => {
        if (!isPublicAddress(v6)) return true;
        const first = v6.startsWith('::') ? 0 : parseInt(v6.split(':')[0] ?? '0', 16);
        return first >= 0x2000 && first <= 0x3fff;
      }),
    );
  });
});

describe('vetDestination', () => {
  it('refuses literal internal addresses with a message naming the address and the setting', async () => {
    for (const url of ['http://127.0.0.1:8080/hook', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/', 'http://0.0.0.0/', 'http://2130706433/', 'http://0x7f.1/']) {
      const refused = vetDestination(url, guarded);
      await expect(refused, url).rejects.toBeInstanceOf(OutboundRefused);
      await expect(refused, url).rejects.toThrow(/private, loopback, link-local or reserved.*EYELEVEL_ALLOW_PRIVATE_DESTINATIONS/);
    }
  });

  it('refuses a name that resolves to loopback, saying what it resolved to', async () => {
    await expect(vetDestination('http://localhost:9/hook', guarded)).rejects.toThrow(/^localhost resolves to (127\.0\.0\.1|::1), which is a private/);
  });

  it('refuses a name if any one of its addresses is internal, and one that does not resolve', async () => {
    const mixed = async () => [{ address: '93.184.215.14', family: 4 as const }, { address: '10.0.0.7', family: 4 as const }];
    await expect(vetDestination('https://mixed.example/', guarded, mixed)).rejects.toThrow(/^mixed\.example resolves to 10\.0\.0\.7, which is a private/);
    const publicOnly = async () => [{ address: '93.184.215.14', family: 4 as const }, { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 as const }];
    expect(await vetDestination('https://public.example/', guarded, publicOnly)).toHaveLength(2);
    await expect(vetDestination('https://nowhere.invalid/', guarded)).rejects.toThrow(/^nowhere\.invalid cannot be resolved/);
  });

  it('refuses what is not http or https, even when private destinations are allowed', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://example.com/', 'gopher://127.0.0.1/']) {
      await expect(vetDestination(url, { allowPrivate: true }), url).rejects.toThrow(/only http and https/);
    }
  });

  it('lets a public literal through as the address to connect to, and internal ones when private destinations are allowed', async () => {
    expect(await vetDestination('https://8.8.8.8/x', guarded)).toEqual([{ address: '8.8.8.8', family: 4 }]);
    expect(await vetDestination('https://[2606:4700:4700::1111]/', guarded)).toEqual([{ address: '2606:4700:4700::1111', family: 6 }]);
    expect(await vetDestination('http://127.0.0.1:1/', { allowPrivate: true })).toEqual([{ address: '127.0.0.1', family: 4 }]);
  });
});
