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
  // NAT64 as a whole: the 64:ff9b::/96 prefix and the local-use 64:ff9b:1::/48, whose translator
  // sits inside the network and whose IPv4 part may sit at any RFC 6052 offset.
  ['64:ff9b::', 96, 'NAT64'],
  ['64:ff9b:1::', 48, 'local-use NAT64'],
  ['2001:db8::', 32, 'documentation'],
];

export class AddressRefusedError extends Error {
  readonly code = 'ADDRESS_REFUSED';
  constructor(
    readonly host: string,
    readonly address: string,
    readonly reason: string,
  ) {
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

  const judge = (address: string, family: 4 | 6): string | null => {
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (allowed.check(address, type)) return null;
    for (const [net, prefix, reason] of family === 6 ? FORBIDDEN_V6 : FORBIDDEN_V4) {
      const list = new BlockList();
      list.addSubnet(net, prefix, type);
      if (list.check(address, type)) return reason;
    }
    return null;
  };

  const refusal = (input: string): string | null => {
    if (allowAll) return null;
    const address = stripBrackets(input);
    const family = isIP(address);
    if (!family) return 'unparsable';
    if (family === 4) return judge(address, 4);
    // An IPv6 address that carries an IPv4 one reaches that IPv4 host: judge each it may carry.
    const groups = ipv6Groups(address);
    if (!groups) return 'unparsable';
    for (const { v4, form } of embeddedV4(groups)) {
      const reason = judge(v4, 4);
      if (reason) return `${reason} (IPv4 ${v4} inside ${form})`;
    }
    return judge(address, 6);
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

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 part allowed), or null. */
export function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase().replace(/%.*$/, '');
  const dotted = /^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const bytes = dotted.slice(2).map(Number);
    if (bytes.some((b) => b > 255)) return null;
    text = `${dotted[1]}${((bytes[0]! << 8) | bytes[1]!).toString(16)}:${((bytes[2]! << 8) | bytes[3]!).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)));
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return groups.some(Number.isNaN) ? null : groups;
}

const v4Of = (high: number, low: number) => [high >> 8, high & 255, low >> 8, low & 255].join('.');

/**
 * The IPv4 addresses an IPv6 address may lead to: IPv4-mapped (::ffff:0:0/96), SIIT-translated
 * (::ffff:0:0:0/96), IPv4-compatible (::/96), NAT64 (64:ff9b::/96, and 64:ff9b:1::/48 where the
 * IPv4 part sits after the /48 or at the end), 6to4 (2002::/16) and Teredo (2001::/32: its server,
 * and its client with the bits inverted).
 */
export function embeddedV4(g: number[]): { v4: string; form: string }[] {
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  const found: { v4: string; form: string }[] = [];
  if (zeros(0, 5) && g[5] === 0xffff) found.push({ v4: v4Of(g[6]!, g[7]!), form: 'IPv4-mapped' });
  if (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) found.push({ v4: v4Of(g[6]!, g[7]!), form: 'IPv4-translated' });
  if (zeros(0, 6) && (g[6] !== 0 || g[7]! > 1)) found.push({ v4: v4Of(g[6]!, g[7]!), form: 'IPv4-compatible' });
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) found.push({ v4: v4Of(g[6]!, g[7]!), form: 'NAT64' });
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) {
    found.push({ v4: v4Of(g[6]!, g[7]!), form: 'local NAT64' });
    // RFC 6052 with a /48 prefix: 16 bits, then the reserved u octet (bits 64-71), then 16 more.
    found.push({ v4: v4Of(g[3]!, ((g[4]! & 0xff) << 8) | (g[5]! >> 8)), form: 'local NAT64' });
  }
  if (g[0] === 0x2002) found.push({ v4: v4Of(g[1]!, g[2]!), form: '6to4' });
  if (g[0] === 0x2001 && g[1] === 0) {
    found.push({ v4: v4Of(g[2]!, g[3]!), form: 'Teredo server' });
    found.push({ v4: v4Of(g[6]! ^ 0xffff, g[7]! ^ 0xffff), form: 'Teredo client' });
  }
  return found;
}
