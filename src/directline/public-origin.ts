/**
 * The origin a client used to reach the bot ("https://bot.example.com"), for the URLs we hand back: the Direct Line
 * `domain` in token responses and the WebSocket `streamUrl`. Behind a TLS-terminating proxy the request arrives as
 * plain HTTP, so X-Forwarded-Proto/-Host (first value) win over the socket and the Host header; the server drops
 * those headers unless a proxy TRUST_PROXY names sent them (create-server.ts).
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** Host names and ports only: anything else in a Host header is not echoed into URLs. */
const HOST = /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;

export function publicOrigin(req: IncomingMessage): string {
  const forwardedProto = first(req.headers['x-forwarded-proto'])?.toLowerCase();
  const proto =
    forwardedProto === 'https' || forwardedProto === 'http'
      ? forwardedProto
      : (req.socket as TLSSocket).encrypted
        ? 'https'
        : 'http';
  const forwardedHost = first(req.headers['x-forwarded-host']);
  const host =
    [forwardedHost, req.headers.host].find((h): h is string => typeof h === 'string' && HOST.test(h)) ??
    localAddress(req);
  return `${proto}://${host}`;
}

/** ws:// or wss:// for the same origin. */
export function webSocketOrigin(origin: string): string {
  return origin.replace(/^http/, 'ws');
}

function localAddress(req: IncomingMessage): string {
  const address = req.socket.localAddress ?? '127.0.0.1';
  const host = address.includes(':') ? `[${address}]` : address;
  return `${host}:${req.socket.localPort ?? 80}`;
}

function first(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(',')[0]?.trim() || undefined;
}
