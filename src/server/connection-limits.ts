/**
 * Timeouts and connection caps that fit a chat bot: a request's headers must arrive within 10 s (by default) and the
 * whole request within 30 s (Node's defaults are 60 s and 300 s, checked only every 30 s), and one client address (IPv6
 * by /64) may hold a bounded number of connections, so a slow or half-open flood cannot take every file descriptor.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { StatusTable } from '../knowledge/status-table';
import { addressKey, type ClientAddresses } from './client-address';
import { PROBLEM_TYPE, problem } from './problem';

export const REQUEST_TIMEOUT_MS = 30_000;
const KEEP_ALIVE_TIMEOUT_MS = 5_000;
/**
 * How often Node looks for connections past those timeouts (read when the server starts listening); often enough that
 * a flood's expiries are spread over several small sweeps instead of one long one.
 */
const TIMEOUT_CHECK_MS = 250;

export interface ConnectionLimits {
  maxConnections: number;
  maxConnectionsPerAddress: number;
  /** How long a request's headers may take (at most REQUEST_TIMEOUT_MS); then 408 and the connection closes. */
  headersTimeoutSeconds: number;
}

export function limitConnections(
  server: Server,
  limits: ConnectionLimits,
  clients: ClientAddresses,
  table: StatusTable,
): void {
  server.headersTimeout = limits.headersTimeoutSeconds * 1000;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // A createServer() option in Node's typings, but read from the server when it starts listening.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = TIMEOUT_CHECK_MS;
  server.maxConnections = limits.maxConnections;

  const refusal = refusalBytes(table, limits.maxConnectionsPerAddress);
  const open = new Map<string, number>();
  server.prependListener('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    if (clients.isTrustedProxy(address)) return; // a proxy carries many clients; it caps its own
    const key = addressKey(address);
    const count = (open.get(key) ?? 0) + 1;
    if (count > limits.maxConnectionsPerAddress) return refuse(socket, refusal);
    open.set(key, count);
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left > 0) open.set(key, left);
      else open.delete(key);
    });
  });
}

/** A 429 written straight to the socket, which is then closed: no request on it is ever read. */
function refuse(socket: Socket, refusal: Buffer): void {
  socket.pause();
  socket.end(refusal, () => socket.destroy());
}

/** The whole refusal response, made once: a flood is refused at the cost of a write. */
function refusalBytes(table: StatusTable, max: number): Buffer {
  const body = JSON.stringify(
    problem(
      table,
      429,
      `This address already has ${max} connections open to StatusBot, the most it allows; close some and retry.`,
    ),
  );
  const head =
    `HTTP/1.1 429 Too Many Requests\r\ncontent-type: ${PROBLEM_TYPE}\r\nx-content-type-options: nosniff\r\n` +
    `retry-after: 5\r\nconnection: close\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n`;
  return Buffer.from(head + body);
}
