/**
 * Who a request comes from, for rate limits, connection caps and operator access. The socket's address, unless the
 * socket belongs to a proxy TRUST_PROXY names: then X-Forwarded-For is read from the right, one trusted hop at a
 * time (the left end is whatever the client wrote, so it is never taken on trust).
 */
import type { IncomingMessage } from 'node:http';
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import type { TrustProxy } from '../config';

export class ClientAddresses {
  private readonly trusted = new BlockList();
  private readonly known = new WeakMap<IncomingMessage, string>();

  constructor(private readonly trust: TrustProxy) {
    if ('ranges' in trust) {
      for (const range of trust.ranges) {
        const [address = '', prefix] = range.split('/');
        const type = isIPv4(address) ? 'ipv4' : 'ipv6';
        if (prefix === undefined) this.trusted.addAddress(address, type);
        else this.trusted.addSubnet(address, Number(prefix), type);
      }
    }
  }

  /** The client's address as far as trusted proxies tell it. */
  of(req: IncomingMessage): string {
    const cached = this.known.get(req);
    if (cached) return cached;
    const chain = [plain(req.socket.remoteAddress ?? ''), ...forwardedFor(req).reverse()];
    let i = 0;
    if ('hops' in this.trust) i = Math.min(this.trust.hops, chain.length - 1);
    else while (i < chain.length - 1 && this.isTrustedProxy(chain[i] ?? '')) i++;
    const address = chain[i] || 'unknown';
    this.known.set(req, address);
    return address;
  }

  /** Whether the socket's peer is a proxy whose X-Forwarded-* headers count. */
  viaTrustedProxy(req: IncomingMessage): boolean {
    return this.isTrustedProxy(plain(req.socket.remoteAddress ?? ''));
  }

  isTrustedProxy(address: string): boolean {
    if ('hops' in this.trust) return this.trust.hops > 0;
    if (isIPv4(address)) return this.trusted.check(address, 'ipv4');
    return isIPv6(address) && this.trusted.check(address, 'ipv6');
  }
}

/** The key a client is counted under: its IPv4 address, or its IPv6 /64 (one subscriber's usual allocation). */
export function addressKey(address: string): string {
  const bare = plain(address);
  if (!isIPv6(bare)) return bare;
  const [head = '', tail = ''] = bare.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = bare.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

/** Whether an address is this machine's (127.0.0.0/8 or ::1). */
export function isLoopbackAddress(address: string): boolean {
  const bare = plain(address);
  return bare === '::1' || (isIPv4(bare) && bare.startsWith('127.'));
}

/** Whether a host (a name, an address, a bracketed IPv6 address) is this machine: localhost or a loopback address. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || isLoopbackAddress(bare);
}

/** IPv4 clients of a dual-stack socket appear as ::ffff:a.b.c.d. */
function plain(address: string): string {
  return address.startsWith('::ffff:') && isIPv4(address.slice(7)) ? address.slice(7) : address;
}

/** X-Forwarded-For's addresses, left to right, up to the first entry that is not an address. */
function forwardedFor(req: IncomingMessage): string[] {
  const raw = req.headers['x-forwarded-for'];
  const items = (Array.isArray(raw) ? raw.join(',') : (raw ?? '')).split(',').map((s) => plain(s.trim()));
  const valid: string[] = [];
  for (const item of items.slice(-20)) {
    if (!isIPv4(item) && !isIPv6(item)) {
      valid.length = 0; // everything left of a bad entry is unreadable; restart after it
      continue;
    }
    valid.push(item);
  }
  return valid;
}
