// The address guard on every IPv6 spelling that carries an IPv4 address: each form of each
// refused IPv4 range is refused, and the same forms carrying a public address are judged as that
// public address (where the form itself is not refused).
import { describe, expect, it } from 'vitest';
import { createAddressGuard, embeddedV4, ipv6Groups } from '../../src/fetch/guard.ts';

const guard = createAddressGuard();

// [IPv6 address, the IPv4 address it carries]
const REFUSED: [string, string][] = [
  ['::ffff:127.0.0.1', '127.0.0.1'],
  ['::ffff:7f00:1', '127.0.0.1'],
  ['::ffff:0:7f00:1', '127.0.0.1'],
  ['::ffff:0:127.0.0.1', '127.0.0.1'],
  ['::7f00:1', '127.0.0.1'],
  ['::127.0.0.1', '127.0.0.1'],
  ['::a9fe:a9fe', '169.254.169.254'],
  ['::ffff:a9fe:a9fe', '169.254.169.254'],
  ['::ffff:10.0.0.1', '10.0.0.1'],
  ['::c0a8:101', '192.168.1.1'],
  ['64:ff9b::7f00:1', '127.0.0.1'],
  ['64:ff9b::a9fe:a9fe', '169.254.169.254'],
  ['64:ff9b::10.1.2.3', '10.1.2.3'],
  ['64:ff9b:1::a9fe:a9fe', '169.254.169.254'],
  ['64:ff9b:1:7f00:0:100::', '127.0.0.1'],
  ['2002:a9fe:a9fe::1', '169.254.169.254'],
  ['2002:7f00:1::', '127.0.0.1'],
  ['2002:c0a8:101:5::9', '192.168.1.1'],
  ['2002:6464:64c8::1', '100.100.100.200'],
  ['2001:0:7f00:1::1', '127.0.0.1'],
  ['2001:0:5db8:d822:0:fbff:80ff:fffe', '127.0.0.1'],
  ['2001::8000:ffff:5601:5601', '169.254.169.254'],
  ['[::ffff:127.0.0.2]', '127.0.0.2'],
  ['0:0:0:0:0:ffff:7f00:0001', '127.0.0.1'],
];

describe('address guard: IPv6 forms that embed an IPv4 address', () => {
  it.each(REFUSED)('refuses %s (carries %s)', (address, v4) => {
    expect(guard.refusal(address), address).not.toBeNull();
    const groups = ipv6Groups(address.replace(/^\[|\]$/g, ''));
    expect(groups).not.toBeNull();
    expect(embeddedV4(groups!).map((e) => e.v4)).toContain(v4);
  });

  it.each([['::ffff:93.184.216.34'], ['::ffff:5db8:d822'], ['2002:5db8:d822::1'], ['2001:0:5db8:d822:0:fbff:a247:27dd'], ['2606:4700:4700::1111']])('lets %s through: it carries only public addresses', (address) => {
    expect(guard.refusal(address)).toBeNull();
  });

  it('refuses the NAT64 prefixes themselves, whatever they carry', () => {
    expect(guard.refusal('64:ff9b::5db8:d822')).toBe('NAT64');
    expect(guard.refusal('64:ff9b:1:5db8:d8:2200::')).toMatch(/NAT64/);
  });

  it('names the embedded address in the reason', () => {
    expect(guard.refusal('2002:a9fe:a9fe::1')).toMatch(/169\.254\.169\.254 inside 6to4/);
    expect(guard.refusal('::7f00:1')).toMatch(/loopback.*IPv4-compatible/);
  });

  it('an operator allowing an IPv4 address allows its mapped spelling too, and nothing more', () => {
    const some = createAddressGuard(['127.0.0.1']);
    expect(some.refusal('::ffff:127.0.0.1')).toBeNull();
    expect(some.refusal('::ffff:127.0.0.2')).not.toBeNull();
  });

  it('refuses a literal in a URL host written in any of these forms', () => {
    for (const [address] of REFUSED) {
      const host = new URL(`http://[${address.replace(/^\[|\]$/g, '')}]/`).hostname;
      expect(() => guard.checkLiteral(host), host).toThrow(/refused to connect/);
    }
  });

  it('rejects what is not an IPv6 address', () => {
    for (const text of ['1::2::3', '12345::', '::ffff:300.1.1.1', '1:2:3:4:5:6:7:8:9', 'g::1']) expect(ipv6Groups(text), text).toBeNull();
  });
});
