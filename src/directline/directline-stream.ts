/**
 * The WebSocket half of Direct Line: streamUrl (ws(s)://host/v3/directline/conversations/:id/stream?t=<token>
 * [&watermark=N]) pushes {activities, watermark} as activities are added to the conversation. On connect it first
 * sends what the client has not seen (everything after `watermark`, or the whole kept history without one, which is
 * how a reloaded page gets its transcript back).
 *
 * Upgrades arrive on restify's 'upgrade' event (restify proxies the HTTP server's) and are handled by a `ws`
 * server in noServer mode after the same checks as the REST calls: allowed Origin, valid token for this
 * conversation. Every HEARTBEAT_MS each socket is pinged; one that did not answer the previous ping is dropped, and
 * one that did keeps its conversation in memory. The client's own keep-alive (an empty text message every 20 s) is
 * ignored. What a stream has queued and not yet written to its socket counts in the conversation's memory, and a
 * client that falls more than MAX_UNSENT_BYTES behind is cut off (it resumes from its watermark when it reconnects).
 * A stream lives no longer than the token it was opened with: at the token's expiry it is closed with 1008 (the
 * official client then reconnects with the token it holds by then, refreshed).
 */
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Server } from 'restify';
import { WebSocket, WebSocketServer } from 'ws';
import type { StatusTable } from '../knowledge/status-table';
import type { Logger } from '../logging';
import { PROBLEM_TYPE, problem } from '../server/problem';
import type { ConversationStore } from './conversation-store';
import type { DirectLineTokens } from './directline-token';
import type { OriginPolicy } from './origin-policy';
import { checkToken } from './token-guard';

const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/]+)\/stream$/;
const HEARTBEAT_MS = 25_000;
/** The client only ever sends empty keep-alives; anything big is not a Direct Line client. */
const MAX_INCOMING_BYTES = 4096;
/** Unsent bytes a stream may have queued before the next push cuts it off; a client that reads never gets near. */
const MAX_UNSENT_BYTES = 1 << 20;

interface Stream {
  socket: WebSocket;
  conversationId: string;
  alive: boolean;
}

export interface DirectLineStreamDeps {
  server: Server;
  store: ConversationStore;
  tokens: DirectLineTokens;
  origins: OriginPolicy;
  table: StatusTable;
  logger: Logger;
}

/** The close frame a stream gets when its token expires (1008: Policy Violation, RFC 6455 §7.4.1). */
export const TOKEN_EXPIRED_CLOSE = {
  code: 1008,
  reason: 'The Direct Line token of this stream expired; reconnect with a current token.',
} as const;

/** How long a client gets to answer the close frame at shutdown before its socket is cut. */
const CLOSE_GRACE_MS = 2_000;

export class DirectLineStreams {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_INCOMING_BYTES });
  private readonly streams = new Set<Stream>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) =>
    void this.upgrade(req, socket, head).catch((err: unknown) => {
      this.deps.logger.error({ err }, 'Direct Line stream upgrade failed');
      socket.destroy();
    });

  constructor(private readonly deps: DirectLineStreamDeps) {
    deps.server.on('upgrade', this.onUpgrade);
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Open streams right now. */
  get size(): number {
    return this.streams.size;
  }

  /** Closes every stream (1001 Going Away) and stops listening for upgrades; for shutdown. */
  close(): void {
    clearInterval(this.heartbeat);
    this.deps.server.off('upgrade', this.onUpgrade);
    for (const stream of this.streams) stream.socket.close(1001, 'server shutting down');
    // A client that never answers the close frame would hold the socket for ws's 30 s close timeout.
    const sockets = [...this.streams].map((s) => s.socket);
    setTimeout(() => sockets.forEach((socket) => socket.terminate()), CLOSE_GRACE_MS).unref();
    this.wss.close();
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const { server, store, tokens, origins, table, logger } = this.deps;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match) {
      // Not ours. Another handler may want it; if there is none, do not leave the socket hanging.
      if (server.listenerCount('upgrade') === 1)
        refuse(socket, table, 404, 'NotFound', 'WebSockets are served only at a Direct Line streamUrl.');
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !origins.allows(origin, req)) {
      return refuse(
        socket,
        table,
        403,
        'OriginNotAllowed',
        `Pages at ${origin.slice(0, 200)} may not use this bot's Direct Line.`,
      );
    }
    let conversationId: string;
    try {
      conversationId = decodeURIComponent(match[1] as string);
    } catch {
      return refuse(socket, table, 400, 'BadArgument', 'The conversation id in the stream URL is not valid.');
    }
    const verdict = await checkToken(tokens, url.searchParams.get('t') ?? undefined, conversationId);
    if (!verdict.ok) return refuse(socket, table, verdict.problem.status, verdict.problem.code, verdict.problem.detail);

    const { conversation } = store.open(conversationId);
    const watermark = url.searchParams.get('watermark') ?? undefined;
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const stream: Stream = { socket: ws, conversationId, alive: true };
      this.streams.add(stream);
      const expiry = setTimeout(
        () => ws.close(TOKEN_EXPIRED_CLOSE.code, TOKEN_EXPIRED_CLOSE.reason),
        tokens.millisecondsLeft(verdict.claims),
      );
      expiry.unref();
      const send = (json: Buffer) => {
        if (ws.readyState !== WebSocket.OPEN) return;
        if (ws.bufferedAmount > MAX_UNSENT_BYTES) return void ws.terminate();
        conversation.unsent(json.length);
        ws.send(json, { binary: false }, () => conversation.unsent(-json.length));
      };
      // Backlog first, then subscribe, in the same tick: nothing added in between can be missed or sent twice.
      const backlog = conversation.since(watermark);
      if (backlog.count) send(backlog.json);
      const unsubscribe = conversation.subscribe({
        deliver: send,
        // A client with data still queued would not read the close frame either.
        close: (reason) => (ws.bufferedAmount > 0 ? ws.terminate() : ws.close(1000, reason.slice(0, 120))),
      });
      ws.on('pong', () => {
        stream.alive = true;
      });
      ws.on('error', (err) => logger.debug({ err, conversation: conversationId }, 'Direct Line stream error'));
      ws.on('close', () => {
        clearTimeout(expiry);
        unsubscribe();
        this.streams.delete(stream);
      });
    });
  }

  private beat(): void {
    for (const stream of this.streams) {
      if (!stream.alive) {
        stream.socket.terminate();
        continue;
      }
      stream.alive = false;
      stream.socket.ping();
      this.deps.store.get(stream.conversationId); // someone is listening: keep the conversation
    }
  }
}

/** Answers an upgrade request with a plain HTTP problem response and closes the socket. */
function refuse(socket: Duplex, table: StatusTable, status: number, code: string, detail: string): void {
  const body = JSON.stringify(problem(table, status, detail, { code }));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\ncontent-type: ${PROBLEM_TYPE}\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
