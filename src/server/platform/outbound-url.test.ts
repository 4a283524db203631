import { describe, expect, it } from 'vitest';
import { assertPublicHost, nonPublicKind, OutboundAddressRefused } from './outbound-url.js';

// Pure classification: no address below is ever connected to.
describe('which addresses count as public', () => {
  it('should classify IPv4 special-purpose ranges, at their edges', () => {
    const cases: [string, string | null][] = [
      ['0.0.0.0', 'unspecified ("this network")'],
      ['10.0.0.0', 'private'],
      ['10.255.255.255', 'private'],
      ['11.0.0.1', null],
      ['100.63.255.255', null],
      ['100.64.0.0', 'shared (carrier-grade NAT)'],
      ['100.127.255.255', 'shared (carrier-grade NAT)'],
      ['100.128.0.0', null],
      ['127.0.0.1', 'loopback'],
      ['127.255.255.254', 'loopback'],
      ['169.254.169.254', 'link-local'],
      ['172.15.255.255', null],
      ['172.16.0.1', 'private'],
      ['172.31.255.255', 'private'],
      ['172.32.0.0', null],
      ['192.0.0.8', 'IETF protocol assignment'],
      ['192.0.2.1', 'documentation'],
      ['192.88.99.1', 'reserved (6to4 relay)'],
      ['192.168.0.1', 'private'],
      ['192.169.0.1', null],
      ['198.18.0.1', 'benchmarking'],
      ['198.19.255.255', 'benchmarking'],
      ['198.20.0.0', null],
      ['198.51.100.7', 'documentation'],
      ['203.0.113.7', 'documentation'],
      ['224.0.0.251', 'multicast'],
      ['239.255.255.250', 'multicast'],
      ['240.0.0.1', 'reserved'],
      ['255.255.255.255', 'broadcast'],
      ['8.8.8.8', null],
      ['1.1.1.1', null],
      ['223.255.255.255', null],
    ];
    expect(cases.map(([address]) => [address, nonPublicKind(address)])).toEqual(cases);
  });

  it('should classify IPv6, including the IPv4 address inside mapped and NAT64 forms', () => {
    const cases: [string, string | null][] = [
      ['::', 'unspecified'],
      ['::1', 'loopback'],
      ['0:0:0:0:0:0:0:1', 'loopback'],
      ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
      ['::ffff:7f00:1', 'IPv4-mapped loopback'],
      ['::FFFF:10.1.2.3', 'IPv4-mapped private'],
      ['::ffff:169.254.169.254', 'IPv4-mapped link-local'],
      ['::ffff:8.8.8.8', null],
      ['64:ff9b::192.168.1.1', 'NAT64 private'],
      ['64:ff9b::8.8.8.8', null],
      ['::127.0.0.1', 'reserved'], // deprecated IPv4-compatible form
      ['fc00::1', 'unique local'],
      ['fdff:ffff::1', 'unique local'],
      ['fe80::1', 'link-local'],
      ['fe80::1%eth0', 'link-local'],
      ['febf::1', 'link-local'],
      ['fec0::1', 'site-local'],
      ['ff02::1', 'multicast'],
      ['100::1', 'reserved'],
      ['2001::1', 'IETF protocol assignment (Teredo, benchmarking, ORCHID)'],
      ['2001:1ff::1', 'IETF protocol assignment (Teredo, benchmarking, ORCHID)'],
      ['2001:200::1', null],
      ['2001:db8::1', 'documentation'],
      ['2002:c0a8:101::1', '6to4'],
      ['3fff::1', 'documentation'],
      ['2606:4700:4700::1111', null],
      ['2a00:1450:4001:80b::200e', null],
    ];
    expect(cases.map(([address]) => [address, nonPublicKind(address)])).toEqual(cases);
  });

  it('should refuse a name when any of its addresses is not public, and take a public literal as it is', async () => {
    // localhost resolves from the hosts file: no DNS query leaves the machine.
    const refused = await assertPublicHost('localhost').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OutboundAddressRefused);
    expect((refused as OutboundAddressRefused).message).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), which is not a public address \(loopback\)$/);
    await expect(assertPublicHost('169.254.169.254')).rejects.toThrow('169.254.169.254 is not a public address (link-local)');
    await expect(assertPublicHost('8.8.8.8')).resolves.toBeUndefined();
    expect(nonPublicKind('localhost')).toBe('not an IP address');
  });
});
