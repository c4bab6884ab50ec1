import ipaddr from 'ipaddr.js';

/** IPv6 ranges that embed or tunnel to IPv4 addresses we cannot see through: refused like internal ones. */
const TUNNELS = new Set(['rfc6145', 'rfc6052', '6to4', 'teredo']);

export interface AddressVerdict {
  /** The address in canonical form (IPv4-mapped IPv6 as IPv4). */
  address: string;
  /** ipaddr.js's range name: "unicast" for public addresses; "loopback", "private", "linkLocal", "carrierGradeNat", ... */
  range: string;
  /** Public unicast: may be fetched without an allow-list entry. */
  public: boolean;
}

/** Classifies an IP address (v4 or v6). Throws on a string that is not an IP address. */
export function classifyAddress(ip: string): AddressVerdict {
  const addr = ipaddr.process(ip.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  const range = addr.range();
  return { address: addr.toString(), range: TUNNELS.has(range) ? `${range} (tunnelled IPv4)` : range, public: range === 'unicast' };
}

export function isIpAddress(host: string): boolean {
  return ipaddr.isValid(host.replace(/^\[|\]$/g, ''));
}

/** An allow-list entry: an address, a CIDR range, or an exact host name. */
export type AllowEntry = { kind: 'cidr'; range: [ipaddr.IPv4 | ipaddr.IPv6, number]; text: string } | { kind: 'host'; host: string };

export function parseAllowEntry(entry: string): AllowEntry {
  const text = entry.trim().toLowerCase();
  if (text === '') throw new RangeError('an empty allow-list entry');
  if (text.includes('/')) {
    try {
      return { kind: 'cidr', range: ipaddr.parseCIDR(text), text };
    } catch {
      throw new RangeError(`allow-list entry "${entry}" is not a valid CIDR range (e.g. 10.0.0.0/8)`);
    }
  }
  if (ipaddr.isValid(text)) {
    const addr = ipaddr.process(text);
    return { kind: 'cidr', range: [addr, addr.kind() === 'ipv4' ? 32 : 128], text };
  }
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/.test(text)) {
    throw new RangeError(`allow-list entry "${entry}" is not an IP address, a CIDR range or a host name`);
  }
  return { kind: 'host', host: text.replace(/\.$/, '') };
}

export function addressAllowed(entries: readonly AllowEntry[], address: string): boolean {
  const addr = ipaddr.process(address.replace(/^\[|\]$/g, ''));
  return entries.some((e) => e.kind === 'cidr' && addr.kind() === e.range[0].kind() && addr.match(e.range));
}

export function hostAllowed(entries: readonly AllowEntry[], host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return entries.some((e) => e.kind === 'host' && e.host === h);
}
