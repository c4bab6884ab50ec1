import { lookup as dnsLookup } from 'node:dns/promises';
import { InvalidInputError } from '@scrapifie/recipe';
import type { TargetPolicy } from '../context.ts';
import { addressAllowed, classifyAddress, hostAllowed, isIpAddress, parseAllowEntry, type AllowEntry } from './classify.ts';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (the guard checks them all). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface TargetGuardOptions {
  /**
   * Deliberate internal targets: IP addresses ("127.0.0.1"), CIDR ranges ("10.0.0.0/8") or exact host names
   * ("intranet.example"). Everything else must be a public unicast address.
   */
  allow?: readonly string[] | undefined;
  /** Default: the system resolver (dns.lookup, all addresses). Tests inject one to play DNS rebinding. */
  resolve?: Resolver | undefined;
  /** For the refusal log the fetcher wrapper reads. Default Date.now. */
  now?: (() => number) | undefined;
}

export interface Refusal {
  host: string;
  at: number;
  error: InvalidInputError;
}

const systemResolver: Resolver = async (hostname) => {
  const all = await dnsLookup(hostname, { all: true, verbatim: true });
  return all.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

const REFUSAL_MEMORY_MS = 60_000;

function refused(host: string, detail: string): InvalidInputError {
  return new InvalidInputError('INVALID_URL', `refused by the SSRF guard: ${detail}; only public addresses are fetched unless the server's allow-list names the target`, [
    { path: 'url', message: `${host}: ${detail}` },
  ]);
}

/**
 * The server's SSRF guard: only public unicast addresses (or allow-listed ones) are fetched. checkUrl is the
 * early check of a URL; resolvePermitted and checkConnected are what the guard proxy runs on every connection,
 * so the address checked is the address connected to (no DNS rebinding between check and use).
 */
export class TargetGuard implements TargetPolicy {
  readonly #allow: AllowEntry[];
  readonly #resolve: Resolver;
  readonly #now: () => number;
  readonly #refusals: Refusal[] = [];

  constructor(opts: TargetGuardOptions = {}) {
    this.#allow = (opts.allow ?? []).map(parseAllowEntry);
    this.#resolve = opts.resolve ?? systemResolver;
    this.#now = opts.now ?? Date.now;
  }

  /** Is this address (as connected to) permitted? */
  permitsAddress(address: string): boolean {
    return classifyAddress(address).public || addressAllowed(this.#allow, address);
  }

  #verdict(host: string, address: string): void {
    if (this.permitsAddress(address)) return;
    const v = classifyAddress(address);
    throw refused(host, host === v.address ? `${v.address} is a ${v.range} address` : `${host} resolves to ${v.address}, a ${v.range} address`);
  }

  /**
   * Resolves a host to the address to connect to, refusing when any of its addresses is not permitted (a name
   * with one internal record is refused whole). An allow-listed host name is resolved without the check.
   */
  async resolvePermitted(hostname: string): Promise<ResolvedAddress> {
    const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (isIpAddress(host)) {
      this.#verdict(host, host);
      const v = classifyAddress(host);
      return { address: v.address, family: v.address.includes(':') ? 6 : 4 };
    }
    let addresses: ResolvedAddress[];
    try {
      addresses = await this.#resolve(host);
    } catch (e) {
      throw new InvalidInputError('INVALID_URL', `${host} does not resolve: ${(e as Error).message}`, [{ path: 'url', message: `${host} does not resolve` }]);
    }
    if (addresses.length === 0) throw new InvalidInputError('INVALID_URL', `${host} has no addresses`, [{ path: 'url', message: `${host} has no addresses` }]);
    if (!hostAllowed(this.#allow, host)) for (const a of addresses) this.#verdict(host, a.address);
    return addresses[0]!;
  }

  /** After connecting: the peer's address must still be permitted (the last word on rebinding). */
  checkConnected(host: string, remoteAddress: string | undefined): void {
    if (remoteAddress === undefined) throw refused(host, 'the connected address is unknown');
    if (hostAllowed(this.#allow, host)) return;
    this.#verdict(host, remoteAddress);
  }

  /** The early check of a URL: scheme, then the host's addresses. Throws InvalidInputError('INVALID_URL'). */
  async checkUrl(url: string): Promise<void> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new InvalidInputError('INVALID_URL', `"${url}" is not a valid absolute URL`, [{ path: 'url', message: 'not a valid absolute URL' }]);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new InvalidInputError('INVALID_URL', `"${parsed.protocol}" URLs are not fetched; use http or https`, [{ path: 'url', message: 'only http and https' }]);
    }
    await this.resolvePermitted(parsed.hostname);
  }

  /** Remembers a refusal made at connect time, so the fetcher wrapper can report it instead of a bare connection error. */
  recordRefusal(host: string, error: InvalidInputError): void {
    const now = this.#now();
    this.#refusals.push({ host, at: now, error });
    while (this.#refusals.length > 0 && (this.#refusals.length > 1000 || this.#refusals[0]!.at < now - REFUSAL_MEMORY_MS)) this.#refusals.shift();
  }

  /** The latest refusal since `since` (epoch ms), preferring one for `host`. */
  refusalSince(since: number, host?: string): Refusal | undefined {
    const recent = this.#refusals.filter((r) => r.at >= since);
    return recent.findLast((r) => r.host === host) ?? recent.at(-1);
  }
}

export function createTargetGuard(opts?: TargetGuardOptions): TargetGuard {
  return new TargetGuard(opts);
}
