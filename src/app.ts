/**
 * The composition root: the only place that builds infrastructure. Configuration in; engine, storage, adapter,
 * bot and HTTP server wired; a handle to start and stop it out. src/index.ts runs it as a process; tests run it
 * in-process on a free port.
 */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type Storage,
  type TurnContext,
} from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { StatusBot } from './bot/status-bot';
import type { Config } from './config';
import type { ReplyPlan } from './conversation/plan-reply';
import { UsageStats } from './conversation/usage-stats';
import { StatusEngine } from './knowledge/engine';
import type { Logger } from './logging';
import { missingActivityFields } from './server/activity-check';
import { createServer } from './server/create-server';
import { mountHealth } from './server/health';
import { PROBLEM_TYPE, problem } from './server/problem';
import { mountRestApi } from './server/rest-api';
import { createStorage } from './storage/create-storage';

export interface App {
  server: Server;
  engine: StatusEngine;
  storage: Storage;
  stats: UsageStats;
  adapter: CloudAdapter;
  /** Listens on config.port/host (port 0 picks a free one) and resolves with the bound address. */
  start(): Promise<{ port: number; host: string; url: string }>;
  stop(): Promise<void>;
}

export interface AppOptions {
  engine?: StatusEngine;
  storage?: Storage;
  /** Extra authentication settings (tests point the OpenID metadata at a local stand-in). */
  authOptions?: Partial<ConfigurationBotFrameworkAuthenticationOptions>;
}

const TURN_STARTED = Symbol('statusbot.turnStarted');
const TURN_PLAN = Symbol('statusbot.turnPlan');

export function createApp(config: Config, logger: Logger, options: AppOptions = {}): App {
  const engine = options.engine ?? StatusEngine.load();
  const storage = options.storage ?? createStorage(config.storage);
  const conversationState = new ConversationState(storage);
  const stats = new UsageStats();

  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.microsoftAppId,
    MicrosoftAppPassword: config.microsoftAppPassword,
    MicrosoftAppType: config.microsoftAppType,
    MicrosoftAppTenantId: config.microsoftAppTenantId,
    ...options.authOptions,
  } as ConfigurationBotFrameworkAuthenticationOptions);
  const adapter = new CloudAdapter(auth);

  const observe = (context: TurnContext, text: string, plan: ReplyPlan) => {
    context.turnState.set(TURN_PLAN, plan);
    if (plan.kind === 'answer' || plan.kind === 'did-you-mean') stats.recordTurn(text, plan.understanding, context.activity.channelId ?? 'unknown');
    else if (plan.kind === 'feedback') stats.recordFeedback(plan.reaction, plan.id);
    if (logger.isLevelEnabled('debug')) logger.debug({ conversation: context.activity.conversation?.id, text: text.slice(0, 1000) }, 'message text');
  };
  const bot = new StatusBot(engine, conversationState, observe);

  // One log line per turn: what was understood and how long the turn took. User text only at debug level.
  adapter.use(async (context, next) => {
    context.turnState.set(TURN_STARTED, performance.now());
    await next();
    const plan = context.turnState.get(TURN_PLAN) as ReplyPlan | undefined;
    const understanding = plan && 'understanding' in plan ? plan.understanding : undefined;
    logger.info(
      {
        channel: context.activity.channelId,
        conversation: context.activity.conversation?.id,
        type: context.activity.type,
        plan: plan?.kind,
        intent: understanding?.intent,
        codes: understanding?.codes.slice(0, 5),
        confidence: understanding?.confidence,
        ms: Math.round((performance.now() - (context.turnState.get(TURN_STARTED) as number)) * 10) / 10,
      },
      'turn',
    );
  });

  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, channel: context.activity.channelId, conversation: context.activity.conversation?.id, activity: context.activity.id }, 'turn failed');
    try {
      await context.sendActivity('Sorry, something went wrong on my side while answering that. Please try again; your conversation is still here.');
      // Drop only the dialog stack, so a broken step cannot fail every later turn; the last code discussed stays.
      await bot.dialogState.delete(context);
      await conversationState.saveChanges(context, true);
    } catch (inner) {
      logger.error({ err: inner }, 'could not recover the conversation after a failed turn');
    }
  };

  const server = createServer({ table: engine.table, logger, maxBodyBytes: config.maxBodyBytes, rateLimitPerMinute: config.rateLimitPerMinute });
  server.post('/api/messages', async (req: Request, res: Response) => {
    const missing = missingActivityFields(req.body);
    if (missing.length) {
      res.setHeader('content-type', PROBLEM_TYPE);
      res.send(400, problem(engine.table, 400, `The activity is missing ${missing.join(', ')}.`, { instance: req.url }));
      return;
    }
    await adapter.process(req, res as never, (context) => bot.run(context));
  });
  mountHealth(server, engine, storage);
  mountRestApi(server, engine, stats);

  return {
    server,
    engine,
    storage,
    stats,
    adapter,
    start: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const address = server.address();
          const url = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;
          resolve({ port: address.port, host: address.address, url });
        });
      }),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
