import { lookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';

/**
 * Guards requests this server makes to addresses an administrator typed (webhooks): they may reach
 * only public unicast addresses, so a URL cannot be used to probe or call the server's own network
 * (loopback, private ranges, cloud metadata at 169.254.169.254, ...).
 */

type Range = readonly [first: number, prefixBits: number, kind: string];

// IANA special-purpose IPv4 ranges that are not globally reachable.
const IPV4_RANGES: readonly Range[] = [
  [v4('0.0.0.0'), 8, 'unspecified ("this network")'],
  [v4('10.0.0.0'), 8, 'private'],
  [v4('100.64.0.0'), 10, 'shared (carrier-grade NAT)'],
  [v4('127.0.0.0'), 8, 'loopback'],
  [v4('169.254.0.0'), 16, 'link-local'],
  [v4('172.16.0.0'), 12, 'private'],
  [v4('192.0.0.0'), 24, 'IETF protocol assignment'],
  [v4('192.0.2.0'), 24, 'documentation'],
  [v4('192.88.99.0'), 24, 'reserved (6to4 relay)'],
  [v4('192.168.0.0'), 16, 'private'],
  [v4('198.18.0.0'), 15, 'benchmarking'],
  [v4('198.51.100.0'), 24, 'documentation'],
  [v4('203.0.113.0'), 24, 'documentation'],
  [v4('224.0.0.0'), 4, 'multicast'],
  [v4('255.255.255.255'), 32, 'broadcast'],
  [v4('240.0.0.0'), 4, 'reserved'],
];

function v4(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function inRange(value: number, width: number, [first, bits]: Range): boolean {
  const size = 2 ** (width - bits);
  return value >= first && value < first + size;
}

function ipv4Kind(address: string): string | null {
  const value = v4(address);
  return IPV4_RANGES.find((range) => inRange(value, 32, range))?.[2] ?? null;
}

/** The eight 16-bit groups of an IPv6 address (zone id dropped). */
function ipv6Groups(address: string): number[] {
  // The URL parser canonicalizes (lower case, embedded dotted quads as hex) so only "::" is left to expand.
  const canonical = new URL(`http://[${address.split('%')[0]}]/`).hostname.slice(1, -1);
  const [head = '', tail] = canonical.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16));
}

function ipv6Kind(address: string): string | null {
  const g = ipv6Groups(address);
  const first32 = g[0] * 0x10000 + g[1];
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  const embeddedV4 = () => `${g[6] >> 8}.${g[6] & 255}.${g[7] >> 8}.${g[7] & 255}`;
  if (zeroUpTo(8)) return 'unspecified';
  if (zeroUpTo(7) && g[7] === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) reach the IPv4 address they embed.
  if (zeroUpTo(5) && g[5] === 0xffff) return prefixed('IPv4-mapped', ipv4Kind(embeddedV4()));
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return prefixed('NAT64', ipv4Kind(embeddedV4()));
  if ((g[0] & 0xfe00) === 0xfc00) return 'unique local';
  if ((g[0] & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0] & 0xffc0) === 0xfec0) return 'site-local';
  if ((g[0] & 0xff00) === 0xff00) return 'multicast';
  // Only 2000::/3 is global unicast; inside it, these blocks are not reachable hosts.
  if ((g[0] & 0xe000) !== 0x2000) return 'reserved';
  if (first32 >>> 9 === 0x20010000 >>> 9) return 'IETF protocol assignment (Teredo, benchmarking, ORCHID)'; // 2001::/23
  if (first32 === 0x20010db8) return 'documentation';
  if (g[0] === 0x2002) return '6to4';
  if ((g[0] & 0xfff0) === 0x3ff0) return 'documentation'; // 3fff::/20
  return null;
}

function prefixed(form: string, kind: string | null): string | null {
  return kind ? `${form} ${kind}` : null;
}

/** What kind of non-public address this is ("loopback", "private", ...), or null for a public one. */
export function nonPublicKind(address: string): string | null {
  const family = isIP(address);
  if (family === 4) return ipv4Kind(address);
  if (family === 6) return ipv6Kind(address);
  return 'not an IP address';
}

/** A request refused before any connection: its host is, or resolves to, a non-public address. */
export class OutboundAddressRefused extends Error {
  readonly code = 'ERR_OUTBOUND_ADDRESS_REFUSED';
  constructor(
    readonly host: string,
    readonly address: string,
    readonly kind: string,
  ) {
    super(host === address ? `${address} is not a public address (${kind})` : `${host} resolves to ${address}, which is not a public address (${kind})`);
  }
}

/** The host of a URL as DNS and isIP want it ("[::1]" → "::1"). */
export function urlHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

function refuseUnlessPublic(host: string, addresses: readonly string[]): void {
  for (const address of addresses) {
    const kind = nonPublicKind(address);
    if (kind) throw new OutboundAddressRefused(host, address, kind);
  }
}

/**
 * Checks that `host` is a public address or a name whose addresses are ALL public (one private
 * answer is enough to refuse: the connection could pick it). Rejects with OutboundAddressRefused,
 * or with the DNS error (code ENOTFOUND, EAI_AGAIN, ...) when the name does not resolve.
 */
export async function assertPublicHost(host: string): Promise<void> {
  if (isIP(host)) return refuseUnlessPublic(host, [host]);
  const addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
    lookup(host, { all: true }, (error, found) => (error ? reject(error) : resolve(found))),
  );
  refuseUnlessPublic(
    host,
    addresses.map((a) => a.address),
  );
}

/**
 * A `lookup` for node:net / node:http that resolves the name, refuses it unless every address is
 * public, and hands the socket only the addresses it has just checked: no second resolution that a
 * rebinding DNS server could answer differently.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    try {
      refuseUnlessPublic(
        hostname,
        addresses.map((a) => a.address),
      );
    } catch (refused) {
      return callback(refused as NodeJS.ErrnoException, '', 0);
    }
    if (options.all) return callback(null, addresses);
    const [first] = addresses;
    return callback(null, first.address, first.family);
  });
};

export interface OutboundPost {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Skip the guard (WEBHOOK_ALLOW_PRIVATE=1: tests, or receivers on the same private network). */
  allowPrivate: boolean;
}

/**
 * POSTs `body` and resolves with the answer's status code (the answer's body is not read). Refuses
 * with OutboundAddressRefused before connecting to a non-public address, never follows redirects,
 * and gives up after `timeoutMs` whatever the receiver does.
 */
export async function postOutbound(post: OutboundPost): Promise<number> {
  const url = new URL(post.url);
  const host = urlHost(url);
  if (!post.allowPrivate && isIP(host)) refuseUnlessPublic(host, [host]); // literals never reach `lookup`
  const signal = AbortSignal.timeout(post.timeoutMs);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { ...post.headers, 'content-length': String(Buffer.byteLength(post.body)) },
      agent: false,
      signal,
      ...(post.allowPrivate ? {} : { lookup: publicOnlyLookup }),
    });
    req.on('response', (res) => {
      resolve(res.statusCode ?? 0);
      res.destroy();
    });
    req.on('error', (error) => reject(signal.aborted ? new Error(`no answer within ${post.timeoutMs / 1000} s`) : error));
    req.end(post.body);
  });
}

export interface OutboundRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Skip the guard (SSO_ALLOW_LOOPBACK_ISSUERS=1: tests, or an identity provider on this machine). */
  allowPrivate: boolean;
  /** Answers longer than this are refused (a JWKS or discovery document is a few kB). */
  maxBytes?: number;
}

/**
 * Sends a request and reads the whole answer (at most `maxBytes`), under the same rules as
 * postOutbound: non-public addresses refused before connecting, no redirects, a hard deadline.
 */
export async function requestOutbound(req: OutboundRequest): Promise<{ status: number; body: string }> {
  const url = new URL(req.url);
  const host = urlHost(url);
  if (!req.allowPrivate && isIP(host)) refuseUnlessPublic(host, [host]);
  const maxBytes = req.maxBytes ?? 1_000_000;
  const signal = AbortSignal.timeout(req.timeoutMs);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers = { ...req.headers, ...(req.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(req.body)) }) };
  return new Promise((resolve, reject) => {
    const outgoing = send(url, { method: req.method, headers, agent: false, signal, ...(req.allowPrivate ? {} : { lookup: publicOnlyLookup }) });
    outgoing.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          res.destroy();
          reject(new Error(`the answer is larger than ${maxBytes} bytes`));
        } else chunks.push(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    outgoing.on('error', (error) => reject(signal.aborted ? new Error(`no answer within ${req.timeoutMs / 1000} s`) : error));
    outgoing.end(req.body);
  });
}
