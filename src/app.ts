/**
 * The composition root: the only place that builds infrastructure. Configuration in; engine, storage, adapter,
 * bot and HTTP server wired; a handle to start and stop it out. src/index.ts runs it as a process; tests run it
 * in-process on a free port.
 */
import {
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type Storage,
  type TurnContext,
} from 'botbuilder';
import type { Server } from 'restify';
import { AnswerActivities } from './bot/answer-activities';
import { BotAdapter } from './bot/bot-adapter';
import { JsonCheckedConversationState } from './bot/json-checked-conversation-state';
import { StatusBot } from './bot/status-bot';
import type { Config } from './config';
import type { ReplyPlan } from './conversation/plan-reply';
import { UsageStats } from './conversation/usage-stats';
import { mountDirectLine } from './directline/mount-directline';
import { StatusEngine } from './knowledge/engine';
import { DEFAULT_DATA_DIR } from './knowledge/load-table';
import { redactedStart } from './knowledge/secrets';
import { clipped, type Logger } from './logging';
import { CodePageLinks } from './pages/code-page-links';
import { loadPageWords } from './pages/page-words';
import { ChannelTokenScreen, trustedIssuers } from './server/channel-token-screen';
import { ClientAddresses } from './server/client-address';
import { mountCodePages } from './server/code-pages';
import { createServer } from './server/create-server';
import { mountHealth } from './server/health';
import { KeyFetchFailures } from './server/key-fetch-failures';
import { mountMcp } from './server/mcp-endpoint';
import { MESSAGES_PATH, messagesEndpoint } from './server/messages-endpoint';
import { Metrics, mountMetrics } from './server/metrics';
import { mountOpenApi, openApiDocument, packageVersion } from './server/openapi';
import { operatorGuard } from './server/operator-access';
import { mountRestApi } from './server/rest-api';
import { restApiSchemas } from './server/rest-api-schemas';
import { mountStaticSite } from './server/static-site';
import { BoundedMemoryStorage } from './storage/bounded-memory-storage';
import { createStorage } from './storage/create-storage';

export interface App {
  server: Server;
  engine: StatusEngine;
  storage: Storage;
  stats: UsageStats;
  adapter: BotAdapter;
  /** Listens on config.port/host (port 0 picks a free one) and resolves with the bound address. */
  start(): Promise<{ port: number; host: string; url: string }>;
  stop(): Promise<void>;
}

export interface AppOptions {
  engine?: StatusEngine;
  storage?: Storage;
  /** Extra authentication settings (tests point the OpenID metadata at a local stand-in). */
  authOptions?: Partial<ConfigurationBotFrameworkAuthenticationOptions>;
  /**
   * The clock, in ms since the epoch, that Direct Line tokens are issued and checked by and usage stats are dated by
   * (tests move it; default Date.now).
   */
  now?: () => number;
}

/**
 * Connections the kernel may queue before they are accepted (Node's default is 511): a burst is queued, not dropped.
 */
const LISTEN_BACKLOG = 2048;
const TURN_STARTED = Symbol('statusbot.turnStarted');
const TURN_PLAN = Symbol('statusbot.turnPlan');

/**
 * The public cloud's authentication settings with the token-signing keys read from another OpenID metadata
 * document (BotOpenIdMetadata). Setting any one of these switches the SDK to "parameterized" mode, where every
 * value must be given, so the others keep their public-cloud values (botframework-connector AuthenticationConstants).
 */
function publicCloudWithKeysAt(openIdMetadataUrl: string): Partial<ConfigurationBotFrameworkAuthenticationOptions> {
  return {
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    CallerId: 'urn:botframework:azure',
    ValidateAuthority: true,
  };
}

export function createApp(config: Config, logger: Logger, options: AppOptions = {}): App {
  const engine = options.engine ?? StatusEngine.load();
  const storage = options.storage ?? createStorage(config.storage);
  const conversationState = new JsonCheckedConversationState(storage);
  const stats = new UsageStats(options.now);
  const pageLinks = new CodePageLinks(config.publicUrl);
  const answerActivities = new AnswerActivities(undefined, pageLinks);
  const metrics = new Metrics({
    stateStats: storage instanceof BoundedMemoryStorage ? () => storage.stats() : undefined,
    caches: { understanding: () => engine.understood, answer: () => answerActivities },
  });

  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.microsoftAppId,
    MicrosoftAppPassword: config.microsoftAppPassword,
    MicrosoftAppType: config.microsoftAppType,
    MicrosoftAppTenantId: config.microsoftAppTenantId,
    ...(config.botOpenIdMetadata ? publicCloudWithKeysAt(config.botOpenIdMetadata) : {}),
    ...options.authOptions,
  } as ConfigurationBotFrameworkAuthenticationOptions);
  const adapter = new BotAdapter(auth);

  const observe = (context: TurnContext, text: string, plan: ReplyPlan) => {
    context.turnState.set(TURN_PLAN, plan);
    if (plan.kind === 'answer' || plan.kind === 'did-you-mean')
      stats.recordTurn(text, plan.understanding, context.activity.channelId ?? 'unknown');
    else if (plan.kind === 'feedback' && plan.counted)
      stats.recordFeedback(plan.reaction, plan.id, context.activity.conversation?.id);
    metrics.recordPlan(plan, context.activity.channelId);
    // A vote for an answer this conversation never got is not recorded, and neither is any text sent with it.
    const kept = plan.kind !== 'feedback' || plan.counted;
    if (kept && logger.isLevelEnabled('debug'))
      logger.debug(
        { conversation: clipped(context.activity.conversation?.id), text: redactedStart(text, 1000) },
        'message text',
      );
  };
  const bot = new StatusBot(engine, conversationState, observe, answerActivities, pageLinks);

  // One log line per turn: what was understood and how long the turn took. User text only at debug level, redacted.
  adapter.use(async (context, next) => {
    context.turnState.set(TURN_STARTED, performance.now());
    await next();
    const ms = performance.now() - (context.turnState.get(TURN_STARTED) as number);
    metrics.recordTurnDuration(ms / 1000);
    if (!logger.isLevelEnabled('info')) return;
    const plan = context.turnState.get(TURN_PLAN) as ReplyPlan | undefined;
    const understanding = plan && 'understanding' in plan ? plan.understanding : undefined;
    logger.info(
      {
        channel: clipped(context.activity.channelId),
        conversation: clipped(context.activity.conversation?.id),
        type: context.activity.type,
        plan: plan?.kind,
        intent: understanding?.intent,
        codes: understanding?.codes.slice(0, 5),
        confidence: understanding?.confidence,
        ms: Math.round(ms * 10) / 10,
      },
      'turn',
    );
  });

  adapter.onTurnError = async (context, error) => {
    logger.error(
      {
        err: error,
        channel: clipped(context.activity.channelId),
        conversation: clipped(context.activity.conversation?.id),
        activity: clipped(context.activity.id),
      },
      'turn failed',
    );
    try {
      await context.sendActivity(
        'Sorry, something went wrong on my side while answering that. Please try again; ' +
          'your conversation is still here.',
      );
      // Drop only the dialog stack, so a broken step cannot fail every later turn; the last code discussed stays.
      await bot.dialogState.delete(context);
      await conversationState.saveChanges(context, true);
    } catch (inner) {
      logger.error({ err: inner }, 'could not recover the conversation after a failed turn');
    }
  };

  const clients = new ClientAddresses(config.trustProxy);
  const server = createServer({
    table: engine.table,
    logger,
    maxBodyBytes: config.maxBodyBytes,
    rateLimitPerMinute: config.rateLimitPerMinute,
    clients,
    connections: config,
    // Without credentials nothing else stands between a rebinding web page and the bot.
    allowedHosts: !config.authenticated || config.allowedHosts.length ? config.allowedHosts : undefined,
    // With credentials, channel traffic arrives from a few Bot Connector addresses: it is limited per conversation.
    rateLimitExempt: config.authenticated ? (req) => req.path() === MESSAGES_PATH : undefined,
  });
  const guards = config.authenticated
    ? {
        screen: new ChannelTokenScreen(trustedIssuers(config.microsoftAppTenantId)),
        keyFailures: new KeyFetchFailures(),
      }
    : undefined;
  server.post(
    MESSAGES_PATH,
    messagesEndpoint({
      adapter,
      logic: (context) => bot.run(context),
      table: engine.table,
      logger,
      guards,
      perMinute: config.conversationRateLimitPerMinute,
    }),
  );
  mountHealth(server, engine, storage, logger);
  const operatorOnly = operatorGuard(engine.table, config.operatorToken);
  const apiSchemas = restApiSchemas(engine.table);
  mountRestApi(server, engine, stats, operatorOnly, apiSchemas);
  mountOpenApi(server, openApiDocument(apiSchemas, { version: packageVersion(), serverUrl: config.publicUrl }));
  mountMetrics(server, metrics, operatorOnly);
  if (config.mcp.http)
    mountMcp(server, {
      engine,
      token: config.mcp.token,
      recordAsked: (text, understanding) => stats.recordTurn(text, understanding, 'mcp'),
    });
  const directLine = mountDirectLine({
    server,
    config,
    table: engine.table,
    logger,
    adapter,
    auth,
    clients,
    logic: (context) => bot.run(context),
    now: options.now,
  });
  metrics.watchDirectLine(() => ({ conversations: directLine.store.size, bytes: directLine.store.bytes }));
  const site = mountStaticSite(server, {
    allowedOrigins: config.allowedOrigins,
    directLineEndpoint: config.directLine.azure?.endpoint,
    // The pages show the bot's greeting before Web Chat has loaded: the same words it sends when a chat starts.
    greeting: { title: engine.talk.actTitles.hello ?? 'StatusBot', text: engine.talk.actReplies.hello },
  });
  mountCodePages(server, { engine, words: loadPageWords(DEFAULT_DATA_DIR), links: pageLinks, site });

  return {
    server,
    engine,
    storage,
    stats,
    adapter,
    start: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, LISTEN_BACKLOG, () => {
          const address = server.address();
          const host = address.address.includes(':') ? `[${address.address}]` : address.address;
          const url = `http://${host}:${address.port}`;
          resolve({ port: address.port, host: address.address, url });
        });
      }),
    stop: () =>
      new Promise((resolve) => {
        directLine.close(); // open WebSockets would keep server.close() waiting
        server.close(() => resolve());
      }),
  };
}
