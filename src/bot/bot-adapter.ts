/**
 * CloudAdapter with its activity processing exposed. CloudAdapter.process() writes the HTTP response itself and
 * answers any failure with 500 and the internal error text; processActivity() (protected) returns the outcome
 * instead, so StatusBot's endpoints decide the status (401, 503, problem+json) and the self-hosted Direct Line
 * can run turns in-process.
 *
 * expectReplies turns skip the connector and user-token clients: their replies are buffered by the TurnContext
 * and returned in the HTTP body, so nothing is ever sent through a connector. Building those two clients (an
 * Azure HTTP pipeline each) was a fifth of the CPU of such a turn. A turn that does want one can still build it
 * from the ConnectorFactory left in turn state.
 */
import {
  BotCallbackHandlerKey,
  CloudAdapter,
  DeliveryModes,
  TurnContext,
  type Activity,
  type InvokeResponse,
} from 'botbuilder';
import type { AuthenticateRequestResult, BotFrameworkAuthentication } from 'botframework-connector';

type Logic = (context: TurnContext) => Promise<void>;

export class BotAdapter extends CloudAdapter {
  /** Authenticates (when credentials are configured) and runs one turn; resolves with the invoke response, if any. */
  runActivity(authorization: string, activity: Activity, logic: Logic): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity, logic);
  }

  /**
   * Runs one turn for a caller that authenticated the user itself (the self-hosted Direct Line): the turn gets the
   * identity a proactive turn gets, the bot's own app id, with or without credentials configured.
   */
  runAsBot(
    activity: Activity,
    logic: Logic,
    appId: string,
    auth: BotFrameworkAuthentication,
  ): Promise<InvokeResponse | undefined> {
    const claimsIdentity = this.createClaimsIdentity(appId);
    return this.processActivity(
      {
        audience: 'https://api.botframework.com',
        claimsIdentity,
        connectorFactory: auth.createConnectorFactory(claimsIdentity),
      },
      activity,
      logic,
    );
  }

  protected override processActivity(
    authHeader: string,
    activity: Activity,
    logic: Logic,
  ): Promise<InvokeResponse | undefined>;
  protected override processActivity(
    authenticateRequestResult: AuthenticateRequestResult,
    activity: Activity,
    logic: Logic,
  ): Promise<InvokeResponse | undefined>;
  protected override async processActivity(
    auth: string | AuthenticateRequestResult,
    activity: Activity,
    logic: Logic,
  ): Promise<InvokeResponse | undefined> {
    if (activity.deliveryMode !== DeliveryModes.ExpectReplies)
      return super.processActivity(auth as never, activity, logic);
    // What CloudAdapterBase.processActivity does, minus the two clients (see the header comment).
    const authenticated =
      typeof auth === 'string' ? await this.botFrameworkAuthentication.authenticateRequest(activity, auth) : auth;
    // Set or cleared, never kept: a callerId in the request body is only the sender's claim.
    activity.callerId = authenticated.callerId as string;
    const context = new TurnContext(this, activity);
    context.turnState.set(this.BotIdentityKey, authenticated.claimsIdentity);
    context.turnState.set(this.ConnectorFactoryKey, authenticated.connectorFactory);
    context.turnState.set(this.OAuthScopeKey, authenticated.audience);
    context.turnState.set(BotCallbackHandlerKey, logic);
    await this.runMiddleware(context, logic);
    return { status: 200, body: { activities: context.bufferedReplyActivities } };
  }
}
