/**
 * BotAdapter's expectReplies turns: run without building connector or user-token clients (nothing is sent through
 * them), still give the turn its identity and a connector factory, and never keep a callerId the sender wrote.
 * Other delivery modes take CloudAdapter's own path.
 */
import {
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import { BotAdapter } from '../../src/bot/bot-adapter';

const auth = new ConfigurationBotFrameworkAuthentication({} as ConfigurationBotFrameworkAuthenticationOptions);

function activity(extra: Partial<Activity> = {}): Activity {
  return {
    type: 'message',
    id: 'a1',
    channelId: 'webchat',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: 'user', name: 'User' },
    recipient: { id: 'bot', name: 'Bot' },
    conversation: { id: 'c1' },
    deliveryMode: 'expectReplies',
    text: 'hi',
    callerId: 'urn:botframework:forged',
    ...extra,
  } as Activity;
}

describe('BotAdapter expectReplies turns', () => {
  test('run without connector clients and return every reply in the body', async () => {
    const adapter = new BotAdapter(auth);
    let seen: Record<string, boolean> = {};
    const incoming = activity();
    const response = await adapter.runActivity('', incoming, async (context) => {
      const has = (key: symbol | string) => context.turnState.get(key) !== undefined;
      seen = {
        connector: has(adapter.ConnectorClientKey),
        userToken: has(adapter.UserTokenClientKey),
        factory: has(adapter.ConnectorFactoryKey),
        identity: has(adapter.BotIdentityKey),
      };
      await context.sendActivity('one');
      await context.sendActivities([{ type: 'message', text: 'two' }, { type: 'typing' }]);
    });
    expect(response?.status).toBe(200);
    const replies = (response?.body as { activities: Array<Partial<Activity>> }).activities;
    expect(replies.map((r) => r.text ?? r.type)).toEqual(['one', 'two', 'typing']);
    expect(replies[0]?.conversation?.id).toBe('c1');
    expect(seen).toEqual({ connector: false, userToken: false, factory: true, identity: true });
    expect(incoming.callerId ?? undefined).toBeUndefined(); // the forged 'urn:botframework:forged' is gone
  });

  test('middleware runs around the turn, as on CloudAdapter', async () => {
    const adapter = new BotAdapter(auth);
    const order: string[] = [];
    adapter.use(async (_context, next) => {
      order.push('before');
      await next();
      order.push('after');
    });
    await adapter.runActivity('', activity(), async () => {
      order.push('turn');
    });
    expect(order).toEqual(['before', 'turn', 'after']);
  });

  test('a turn that is not expectReplies gets the connector client CloudAdapter builds', async () => {
    const adapter = new BotAdapter(auth);
    let hasConnector = false;
    const response = await adapter.runActivity(
      '',
      activity({ deliveryMode: 'normal', type: 'event', name: 'ping' }),
      async (context) => {
        hasConnector = context.turnState.get(adapter.ConnectorClientKey) !== undefined;
      },
    );
    expect(hasConnector).toBe(true);
    expect(response).toBeUndefined();
  });
});
