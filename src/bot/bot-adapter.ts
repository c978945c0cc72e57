/**
 * CloudAdapter with its activity processing exposed. CloudAdapter.process() writes the HTTP response itself and
 * answers any failure with 500 and the internal error text; processActivity() (protected) returns the outcome
 * instead, so StatusBot's endpoints decide the status (401, 503, problem+json) and the self-hosted Direct Line
 * can run turns in-process.
 */
import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { BotFrameworkAuthentication } from 'botframework-connector';

export class BotAdapter extends CloudAdapter {
  /** Authenticates (when credentials are configured) and runs one turn; resolves with the invoke response, if any. */
  runActivity(authorization: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity, logic);
  }

  /**
   * Runs one turn for a caller that authenticated the user itself (the self-hosted Direct Line): the turn gets the
   * identity a proactive turn gets, the bot's own app id, with or without credentials configured.
   */
  runAsBot(activity: Activity, logic: (context: TurnContext) => Promise<void>, appId: string, auth: BotFrameworkAuthentication): Promise<InvokeResponse | undefined> {
    const claimsIdentity = this.createClaimsIdentity(appId);
    return this.processActivity({ audience: 'https://api.botframework.com', claimsIdentity, connectorFactory: auth.createConnectorFactory(claimsIdentity) }, activity, logic);
  }
}
