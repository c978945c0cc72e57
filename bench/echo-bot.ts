/**
 * The bare comparison bot for `npm run bench:e2e` and `npm run bench:memory`: BotBuilder-Samples' 02.echo-bot on the
 * same stack as StatusBot (restify 11, CloudAdapter, botbuilder 4.23.3), with nothing else: no state, no dialogs, no
 * cards, no rate limit, no logging. It replies "echo: <text>" and shows what the stack itself costs, so StatusBot's
 * figures can be read against it.
 *
 * Like StatusBot it listens on PORT (0 picks a free port) on loopback and prints one JSON line with its `url`. It
 * leaves V8's heap growth alone unless HEAP_GROWTH_PERCENT is set, which `npm run bench:memory` does in one run to
 * show what StatusBot's setting does to a bot that holds nothing.
 */
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import restify from 'restify';
import { applyHeapGrowth } from '../src/heap-growth';

if (process.env.HEAP_GROWTH_PERCENT) applyHeapGrowth(Number(process.env.HEAP_GROWTH_PERCENT));

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}

const auth = new ConfigurationBotFrameworkAuthentication({} as ConfigurationBotFrameworkAuthenticationOptions);
const adapter = new CloudAdapter(auth);
const bot = new EchoBot();

const server = restify.createServer({ name: 'EchoBot' });
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res as never, (context) => bot.run(context));
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { address, port } = server.address();
  console.log(JSON.stringify({ url: `http://${address}:${port}`, bot: 'echo' }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
