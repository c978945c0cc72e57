/**
 * The self-hosted Direct Line and its token endpoint, wired onto the restify server: CORS and the Origin check,
 * the token endpoint (self-hosted or Azure), the REST routes, the WebSocket stream, and the in-process bot that
 * answers. The composition root calls this once and `close()` on shutdown (open WebSockets would otherwise keep
 * the HTTP server from closing).
 *
 * ```ts
 * const directLine = mountDirectLine({
 *   server,
 *   config,
 *   table: engine.table,
 *   logger,
 *   adapter,
 *   auth,
 *   logic: (c) => bot.run(c),
 * });
 * // …on stop:
 * directLine.close();
 * ```
 */
import type { TurnContext } from 'botbuilder';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import type { BotAdapter } from '../bot/bot-adapter';
import type { Server } from 'restify';
import type { Config } from '../config';
import type { StatusTable } from '../knowledge/status-table';
import type { Logger } from '../logging';
import { ConversationStore } from './conversation-store';
import { directLineCors, isDirectLinePath } from './cors';
import { DirectLineChannel } from './directline-channel';
import { bodilessPostIsEmpty, mountDirectLineRoutes, refuseUploads } from './directline-routes';
import { DirectLineStreams } from './directline-stream';
import { DirectLineTokens } from './directline-token';
import { InProcessBot } from './in-process-bot';
import type { ClientAddresses } from '../server/client-address';
import { KeyedRateLimiter } from '../server/keyed-rate-limiter';
import { OriginPolicy } from './origin-policy';
import { mountTokenEndpoint } from './token-endpoint';

/** Activities kept per conversation; older ones drop off (Web Chat shows far fewer). */
export const MAX_ACTIVITIES_PER_CONVERSATION = 500;
/** A conversation is kept at least this long after its last use, however short the token lifetime. */
const MIN_IDLE_MS = 60_000;

export interface DirectLineDeps {
  server: Server;
  config: Pick<Config, 'directLine' | 'allowedOrigins' | 'microsoftAppId'>;
  table: StatusTable;
  logger: Logger;
  adapter: BotAdapter;
  auth: BotFrameworkAuthentication;
  /** Who a request comes from (through trusted proxies), for the token endpoint's rate limit. */
  clients: ClientAddresses;
  /** The bot's turn handler, as for /api/messages. */
  logic: (context: TurnContext) => Promise<void>;
  /** The clock tokens are issued and checked by (default Date.now). */
  now?: () => number;
}

export interface MountedDirectLine {
  /** Who may call the Direct Line; the pages can use the same policy for embedding (frame-ancestors). */
  origins: OriginPolicy;
  store: ConversationStore;
  streams: DirectLineStreams;
  close(): void;
}

export function mountDirectLine(deps: DirectLineDeps): MountedDirectLine {
  const { server, config, table, logger } = deps;
  const dl = config.directLine;

  const origins = new OriginPolicy(config.allowedOrigins);
  const tokens = new DirectLineTokens(dl.tokenSecret, dl.tokenTtlSeconds, deps.now);
  // Idle as long as a token lives: after that nobody can reach the conversation anyway (refreshes keep it alive).
  const store = new ConversationStore({
    maxConversations: dl.maxConversations,
    maxActivities: MAX_ACTIVITIES_PER_CONVERSATION,
    historyBytes: dl.historyBytes,
    idleMs: Math.max(dl.tokenTtlSeconds * 1000, MIN_IDLE_MS),
  });
  const bot = new InProcessBot(deps.adapter, deps.auth, config.microsoftAppId, deps.logic);
  const channel = new DirectLineChannel(bot);

  server.pre(directLineCors(origins, table));
  server.pre(refuseUploads(table));
  server.pre((req, res, next) => (isDirectLinePath(req.url) ? bodilessPostIsEmpty(req, res, next) : next()));
  mountTokenEndpoint(server, {
    config: dl,
    tokens,
    limiter: new KeyedRateLimiter(dl.tokensPerMinute),
    clients: deps.clients,
    table,
    logger,
  });
  mountDirectLineRoutes(server, {
    config: dl,
    tokens,
    store,
    channel,
    activityLimiter: new KeyedRateLimiter(dl.activitiesPerMinute, dl.maxConversations),
    table,
    logger,
  });
  const streams = new DirectLineStreams({ server, store, tokens, origins, table, logger });

  if (dl.azure)
    logger.info(
      { endpoint: dl.azure.endpoint },
      'Direct Line tokens come from Azure Direct Line (DIRECT_LINE_SECRET is set)',
    );
  else if (!dl.tokenSecretExplicit)
    logger.info(
      'Direct Line tokens are signed with a key made at start-up; ' +
        'set DIRECTLINE_TOKEN_SECRET when running several instances or to keep tokens valid across restarts',
    );

  return {
    origins,
    store,
    streams,
    close: () => {
      streams.close();
      store.clear('server shutting down');
    },
  };
}
