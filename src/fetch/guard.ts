// The address guard: a fetch made on behalf of a feed or a user-submitted URL must not reach
// the machine itself, the private network it sits in, or a cloud metadata service. Checked on
// the addresses DNS returns (so a public name pointing inward is caught) and on every redirect
// hop; the operator may allow chosen addresses or ranges (DATELINE_ALLOW_PRIVATE_ADDRESSES).
import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup } from 'node:dns';

// Ranges no fetch may reach unless allowed. Metadata services live in link-local
// (169.254.169.254, fe80::) or unique-local (fd00:ec2::254) space, or CGNAT (100.100.100.200).
const FORBIDDEN_V4: [string, number, string][] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared (CGNAT)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local / metadata'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];
const FORBIDDEN_V6: [string, number, string][] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fc00::', 7, 'unique-local'],
  ['fe80::', 10, 'link-local'],
  ['ff00::', 8, 'multicast'],
  ['64:ff9b::', 96, 'NAT64'],
  ['2001:db8::', 32, 'documentation'],
];

export class AddressRefusedError extends Error {
  readonly code = 'ADDRESS_REFUSED';
  constructor(readonly host: string, readonly address: string, readonly reason: string) {
    super(`refused to connect to ${host} (${address}): ${reason} address; allow it with DATELINE_ALLOW_PRIVATE_ADDRESSES`);
  }
}

export interface AddressGuard {
  /** Why this address may not be reached, or null when it may. */
  refusal(address: string): string | null;
  /** Throws AddressRefusedError when `host` is an IP literal the guard refuses. */
  checkLiteral(host: string): void;
  /** A `dns.lookup`-shaped function that only ever yields allowed addresses. */
  lookup: typeof dnsLookup;
}

/** `allow`: addresses or CIDR ranges ("127.0.0.1", "10.1.0.0/16"), or "all" to switch the guard off. */
export function createAddressGuard(allow: string[] = []): AddressGuard {
  const allowAll = allow.some((entry) => /^(all|true|\*)$/i.test(entry));
  const allowed = new BlockList();
  for (const entry of allow) {
    if (allowAll) break;
    const [address, prefix] = entry.split('/');
    const family = isIP(address ?? '');
    if (!family) throw new Error(`DATELINE_ALLOW_PRIVATE_ADDRESSES: ${JSON.stringify(entry)} is not an IP address or CIDR range`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) allowed.addAddress(address!, type);
    else allowed.addSubnet(address!, Number(prefix), type);
  }

  const refusal = (input: string): string | null => {
    if (allowAll) return null;
    const address = unmapV4(stripBrackets(input));
    const family = isIP(address);
    if (!family) return 'unparsable';
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (allowed.check(address, type)) return null;
    for (const [net, prefix, reason] of family === 6 ? FORBIDDEN_V6 : FORBIDDEN_V4) {
      const list = new BlockList();
      list.addSubnet(net, prefix, type);
      if (list.check(address, type)) return reason;
    }
    return null;
  };

  const lookup = ((hostname: string, options: unknown, callback: unknown) => {
    const cb = (typeof options === 'function' ? options : callback) as (...args: unknown[]) => void;
    const opts = (typeof options === 'object' && options ? options : {}) as { all?: boolean; family?: number };
    dnsLookup(hostname, { all: true, family: opts.family ?? 0 }, (error, addresses) => {
      if (error) return cb(error);
      const usable = addresses.filter((a) => refusal(a.address) === null);
      if (!usable.length) {
        const first = addresses[0];
        return cb(new AddressRefusedError(hostname, first?.address ?? '?', first ? refusal(first.address)! : 'no'));
      }
      if (opts.all) cb(null, usable);
      else cb(null, usable[0]!.address, usable[0]!.family);
    });
  }) as unknown as typeof dnsLookup;

  return {
    refusal,
    checkLiteral(host: string) {
      const bare = stripBrackets(host);
      if (!isIP(bare)) return;
      const reason = refusal(bare);
      if (reason) throw new AddressRefusedError(host, bare, reason);
    },
    lookup,
  };
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

// "::ffff:127.0.0.1" is 127.0.0.1 to the kernel: judge it as IPv4.
// The URL parser writes it as "::ffff:7f00:1", so both spellings are unmapped.
function unmapV4(address: string): string {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (dotted) return dotted[1]!;
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return address;
  const high = parseInt(hex[1]!, 16);
  const low = parseInt(hex[2]!, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}
