/**
 * A local stand-in for Teams' Bot Connector service (the activity's `serviceUrl`): the bot POSTs its replies to
 * `/v3/conversations/{conversationId}/activities/{replyToId}` and gets back the new message's id, as from Teams.
 * Needed where a test must see what happens with normal (not expectReplies) delivery, such as remembering which
 * message an answer was for the feedback loop. Without a MicrosoftAppId the bot sends no token, so none is checked.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedActivity {
  path: string;
  body: Record<string, unknown>;
  /** The id this stand-in gave the message. */
  id: string;
}

export interface ConnectorStandIn {
  /** The serviceUrl to put on incoming activities (with a trailing slash, as Teams sends it). */
  serviceUrl: string;
  received: ReceivedActivity[];
  close(): Promise<void>;
}

export async function startConnectorStandIn(): Promise<ConnectorStandIn> {
  const received: ReceivedActivity[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || !/^\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/.test(req.url ?? '')) {
        res.writeHead(404);
        res.end();
        return;
      }
      const id = `1700000099${String(received.length + 1).padStart(3, '0')}`;
      received.push({
        path: decodeURIComponent(req.url ?? ''),
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
        id,
      });
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
