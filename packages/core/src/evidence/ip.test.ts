import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalIp,
  cidrContains,
  ipv4ToInt,
  ipv6ToBigInt,
  isCgnatIp,
  isInternalIp,
  normaliseMac,
  parseCidr,
} from './ip.js';

describe('ip', () => {
  it('parses dotted quads and rejects near misses', () => {
    expect(ipv4ToInt('10.1.1.164')).toBe(10 * 2 ** 24 + 1 * 2 ** 16 + 1 * 2 ** 8 + 164);
    expect(ipv4ToInt('255.255.255.255')).toBe(2 ** 32 - 1);
    for (const bad of ['256.1.1.1', '1.2.3', '1.2.3.4.5', '1..2.3', 'a.b.c.d', '1.2.3.4 '])
      expect(ipv4ToInt(bad), bad).toBeNull();
  });

  it('writes IPv6 in RFC 5952 form', () => {
    expect(canonicalIp('FE80:0000:0000:0000:0202:B3FF:FE1E:8329')).toBe('fe80::202:b3ff:fe1e:8329');
    expect(canonicalIp('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(ipv6ToBigInt('1::2::3')).toBeNull();
  });

  it('round-trips any IPv6 address through its canonical form', () => {
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        const c = canonicalIp(ip);
        expect(ipv6ToBigInt(c)).toBe(ipv6ToBigInt(ip));
        expect(canonicalIp(c)).toBe(c);
      }),
    );
  });

  it('classifies RFC 1918, loopback, link-local and ULA as internal, carrier NAT as external', () => {
    for (const ip of [
      '10.0.0.1',
      '172.31.255.255',
      '192.168.86.1',
      '127.0.0.1',
      '169.254.1.1',
      'fd00::1',
      'fe80::1',
      '255.255.255.255',
    ])
      expect(isInternalIp(ip), ip).toBe(true);
    for (const ip of ['172.32.0.1', '8.8.8.8', '89.160.20.156', '100.64.1.1', '2001:4860::8888'])
      expect(isInternalIp(ip), ip).toBe(false);
    expect(isCgnatIp('100.127.255.254')).toBe(true);
    expect(isCgnatIp('100.128.0.1')).toBe(false);
  });

  it('matches CIDR ranges for both versions', () => {
    const c = parseCidr('60.10.1.0/24');
    expect(c).not.toBeNull();
    expect(cidrContains(c!, '60.10.1.121')).toBe(true);
    expect(cidrContains(c!, '60.10.2.1')).toBe(false);
    const v6 = parseCidr('2001:db8::/32');
    expect(cidrContains(v6!, '2001:db8:ffff::1')).toBe(true);
    expect(cidrContains(v6!, '2001:db9::1')).toBe(false);
    expect(parseCidr('10.0.0.0/33')).toBeNull();
  });

  it('normalises MAC addresses', () => {
    expect(normaliseMac('00-0C-BE-04-F3-0A')).toBe('00:0c:be:04:f3:0a');
    expect(normaliseMac('00:0c:be:04:f3')).toBeNull();
  });
});
