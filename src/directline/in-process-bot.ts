/**
 * Runs one bot turn inside this process and returns the replies: the activity carries `deliveryMode:
 * expectReplies`, so the adapter collects what the bot sends instead of posting it to a channel, and hands it back
 * as the invoke response body ({activities}). The same adapter as /api/messages runs it, so the turn gets the same
 * middleware (logging, metrics) and the same onTurnError.
 *
 * No Bot Framework authentication happens here, and none is needed: the caller is our own Direct Line, which has
 * already checked its own token. Instead of a channel's JWT the turn is given the identity a proactive turn gets
 * (the bot's own app id), which works with and without MicrosoftAppId: with credentials, the adapter builds (but
 * never uses) a connector client, because expectReplies sends nothing over the network.
 *
 * ```ts
 * const bot = new InProcessBot(adapter, auth, config.microsoftAppId, (context) => statusBot.run(context));
 * const replies = await bot.turn(activity); // the bot's activities for this turn
 * ```
 */
import type { Activity, TurnContext } from 'botbuilder';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import type { BotAdapter } from '../bot/bot-adapter';

export class InProcessBot {
  constructor(
    private readonly adapter: BotAdapter,
    private readonly auth: BotFrameworkAuthentication,
    private readonly appId: string,
    private readonly logic: (context: TurnContext) => Promise<void>,
  ) {}

  /** Runs the turn; resolves with the replies the bot sent (empty when it sent none). */
  async turn(activity: Activity): Promise<Array<Partial<Activity>>> {
    if (activity.deliveryMode !== 'expectReplies')
      throw new Error('InProcessBot.turn needs an activity with deliveryMode "expectReplies".');
    const response = await this.adapter.runAsBot(activity, this.logic, this.appId, this.auth);
    const body = response?.body as { activities?: Array<Partial<Activity>> } | undefined;
    return body?.activities ?? [];
  }
}
