/**
 * POST /api/messages, the Bot Framework endpoint. Runs the adapter's authentication and the turn, and answers
 * every failure with the right status and no internals: a missing or invalid token is 401 (with
 * WWW-Authenticate), signing keys that cannot be fetched are 503 with Retry-After (the request may be fine; we
 * cannot tell yet), a turn that failed anyway is 500. CloudAdapter.process() would answer the last two with a
 * 500 carrying the internal error text ("request to https://login.botframework.com/… failed").
 *
 * With credentials, a token is first screened for what needs no keys (channel-token-screen.ts), so a forged one is
 * 401 without a key fetch; and a failed fetch is remembered for a while (key-fetch-failures.ts), so a flood of good
 * looking tokens makes one fetch, not one each. Every failure is logged as one short line, without a stack.
 */
import type { TurnContext } from 'botbuilder';
import type { BotAdapter } from '../bot/bot-adapter';
import { expectedRepliesBody } from '../bot/prerendered-json';
import type { Request, Response } from 'restify';
import type { StatusTable } from '../knowledge/status-table';
import type { Logger } from '../logging';
import { fixActivityDates, missingActivityFields } from './activity-check';
import type { ChannelTokenScreen } from './channel-token-screen';
import { REMEMBER_FAILURE_MS, type KeyFetchFailures } from './key-fetch-failures';
import { PROBLEM_TYPE, problem } from './problem';

/** How long a caller should wait before retrying while signing keys are unreachable (no failure remembered). */
const KEYS_RETRY_AFTER_SECONDS = REMEMBER_FAILURE_MS / 1000;

/** Checks made before the adapter's own, when credentials are configured. */
export interface ChannelAuthGuards {
  screen: ChannelTokenScreen;
  keyFailures: KeyFetchFailures;
}

export function messagesEndpoint(adapter: BotAdapter, logic: (context: TurnContext) => Promise<void>, table: StatusTable, logger: Logger, guards?: ChannelAuthGuards) {
  return async (req: Request, res: Response): Promise<void> => {
    const fail = (status: number, detail: string, headers: Record<string, string> = {}) => {
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      res.setHeader('content-type', PROBLEM_TYPE);
      res.send(status, problem(table, status, detail, { instance: req.url }));
    };

    const missing = missingActivityFields(req.body);
    if (missing.length) return fail(400, `The activity is missing ${missing.join(', ')}.`);

    const activity = fixActivityDates(req.body as Record<string, unknown>);
    const authHeader = req.header('authorization') ?? '';
    const unauthorized = (reason: string) => {
      logger.warn({ reason: oneLine(reason), channel: activity.channelId }, 'rejected a request without a valid Bot Framework token');
      fail(401, 'This endpoint needs a valid Bot Framework token in the Authorization header.', { 'www-authenticate': 'Bearer' });
    };
    const unavailable = (retryAfterSeconds: number) =>
      fail(503, 'The request could not be authenticated right now; try again shortly.', { 'retry-after': String(Math.max(1, retryAfterSeconds)) });
    let issuer: string | undefined;
    if (guards) {
      const screened = guards.screen.check(authHeader);
      if (!screened.ok) return unauthorized(screened.reason);
      issuer = screened.issuer;
      const wait = guards.keyFailures.secondsLeft(issuer);
      if (wait > 0) return unavailable(wait);
    }
    let turnStarted = false;
    try {
      const response = await adapter.runActivity(authHeader, activity as never, async (context) => {
        turnStarted = true;
        await logic(context);
      });
      if (response?.body === undefined) return void res.send(response?.status ?? 200);
      res.setHeader('content-type', 'application/json');
      res.sendRaw(response.status, expectedRepliesBody(response.body as never));
    } catch (err) {
      if (turnStarted) {
        logger.error({ err }, 'turn failed outside the bot');
        return fail(500, 'StatusBot could not handle this activity; the error has been logged.');
      }
      // Before the turn, the only work is checking the token: either the keys could not be fetched (we cannot
      // tell whether the request is good: 503), or the token is bad in one of many ways (401).
      if (isKeyFetchFailure(err)) {
        logger.error({ reason: oneLine(errorText(err)), issuer }, 'could not authenticate the request: signing keys unreachable');
        if (!guards || issuer === undefined) return unavailable(KEYS_RETRY_AFTER_SECONDS);
        guards.keyFailures.record(issuer);
        return unavailable(guards.keyFailures.secondsLeft(issuer));
      }
      unauthorized(errorText(err));
    }
  };
}

/** A failure to get the signing keys (network, or the key server answering with an error), as opposed to a bad token. */
function isKeyFetchFailure(err: unknown): boolean {
  return isNetworkError(err) || (err instanceof Error && /^Failed to load (openID config|Keys):/.test(err.message));
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The first line of a reason, at most 200 characters: a log line, not a report. */
function oneLine(text: string): string {
  const first = text.split('\n', 1)[0] ?? '';
  return first.length > 200 ? `${first.slice(0, 199)}…` : first;
}

/** A failure to reach the key server (DNS, refused, reset, timed out), as opposed to a bad token. */
function isNetworkError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code ?? (err as { cause?: { code?: unknown } }).cause?.code;
  if (typeof code === 'string' && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH|UND_ERR_\w+)$/.test(code)) return true;
  return (err as { type?: unknown }).type === 'system' || /fetch failed|request to .* failed|socket hang up|network timeout|ECONNREFUSED|ENOTFOUND/i.test(err.message);
}
