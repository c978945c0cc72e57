/**
 * POST /api/messages, the Bot Framework endpoint. Checks the activity (fields present, none overlong), screens the
 * token, limits each user in a conversation, runs the adapter's authentication and the turn, and answers every
 * failure with the right status and no internals: a missing or invalid token is 401 (with WWW-Authenticate), signing
 * keys that cannot be fetched are 503 with Retry-After (the request may be fine; we cannot tell yet), a turn that
 * failed anyway is 500. CloudAdapter.process() would answer the last two with a 500 carrying the internal error text.
 *
 * With credentials, a token is first screened for what needs no keys (channel-token-screen.ts), so a forged one is
 * 401 without a key fetch; and a failed fetch is remembered for a while (key-fetch-failures.ts), so a flood of good
 * looking tokens makes one fetch, not one each. Every failure is logged as one short line, without a stack.
 *
 * Without credentials nobody vouches for `serviceUrl`, so replies go only into the response (expectReplies) or to
 * this machine (the Emulator); with credentials the SDK checks it against the token's signed `serviceurl` claim.
 */
import type { TurnContext } from 'botbuilder';
import type { BotAdapter } from '../bot/bot-adapter';
import { expectedRepliesBody } from '../bot/prerendered-json';
import type { Request, Response } from 'restify';
import type { StatusTable } from '../knowledge/status-table';
import { clipped, type Logger } from '../logging';
import { fixActivityDates, missingActivityFields, overlongFields } from './activity-check';
import type { ChannelTokenScreen } from './channel-token-screen';
import { isLoopbackHost } from './client-address';
import { REMEMBER_FAILURE_MS, type KeyFetchFailures } from './key-fetch-failures';
import { KeyedRateLimiter } from './keyed-rate-limiter';
import { PROBLEM_TYPE, problem } from './problem';

export const MESSAGES_PATH = '/api/messages';

/** How long a caller should wait before retrying while signing keys are unreachable (no failure remembered). */
const KEYS_RETRY_AFTER_SECONDS = REMEMBER_FAILURE_MS / 1000;

/** Checks made before the adapter's own, when credentials are configured. */
export interface ChannelAuthGuards {
  screen: ChannelTokenScreen;
  keyFailures: KeyFetchFailures;
}

export interface MessagesEndpointDeps {
  adapter: BotAdapter;
  logic: (context: TurnContext) => Promise<void>;
  table: StatusTable;
  logger: Logger;
  /** Set when credentials are configured; without them the serviceUrl rule applies instead. */
  guards?: ChannelAuthGuards;
  /** Activities one user may send in one conversation per minute. */
  perMinute: number;
}

export function messagesEndpoint({ adapter, logic, table, logger, guards, perMinute }: MessagesEndpointDeps) {
  const limiter = new KeyedRateLimiter(perMinute);
  return async (req: Request, res: Response): Promise<void> => {
    const fail = (status: number, detail: string, headers: Record<string, string> = {}) => {
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      res.setHeader('content-type', PROBLEM_TYPE);
      res.send(status, problem(table, status, detail, { instance: req.url }));
    };

    const missing = missingActivityFields(req.body);
    if (missing.length) return fail(400, `The activity is missing ${missing.join(', ')}.`);
    const overlong = overlongFields(req.body as Record<string, unknown>);
    if (overlong.length)
      return fail(400, `The activity has fields longer than StatusBot accepts: ${overlong.join(', ')}.`);

    const activity = fixActivityDates(req.body as Record<string, unknown>) as Record<string, unknown> & {
      channelId: string;
      conversation: { id: string };
      from: { id: string };
    };
    if (!guards && activity.deliveryMode !== 'expectReplies' && !isLocalServiceUrl(activity.serviceUrl)) {
      return fail(
        403,
        'Without Bot Framework credentials StatusBot replies only in the HTTP response ' +
          '(deliveryMode "expectReplies") or to a serviceUrl on this machine, as the Bot Framework Emulator uses.',
      );
    }

    const authHeader = req.header('authorization') ?? '';
    const unauthorized = (reason: string) => {
      logger.warn(
        { reason: oneLine(reason), channel: clipped(activity.channelId) },
        'rejected a request without a valid Bot Framework token',
      );
      fail(401, 'This endpoint needs a valid Bot Framework token in the Authorization header.', {
        'www-authenticate': 'Bearer',
      });
    };
    const unavailable = (retryAfterSeconds: number) =>
      fail(503, 'The request could not be authenticated right now; try again shortly.', {
        'retry-after': String(Math.max(1, retryAfterSeconds)),
      });
    let issuer: string | undefined;
    if (guards) {
      const screened = guards.screen.check(authHeader);
      if (!screened.ok) return unauthorized(screened.reason);
      issuer = screened.issuer;
      const wait = guards.keyFailures.secondsLeft(issuer);
      if (wait > 0) return unavailable(wait);
    }
    // After the screen, so a forged request cannot use up a real user's allowance.
    const verdict = limiter.take(`${activity.channelId}\n${activity.conversation.id}\n${activity.from.id}`);
    if (!verdict.ok) {
      return fail(
        429,
        `Too many activities from this user in this conversation: at most ${perMinute} a minute. ` +
          `Retry after ${verdict.retryAfterSeconds} s.`,
        {
          'retry-after': String(verdict.retryAfterSeconds),
        },
      );
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
        logger.error(
          { reason: oneLine(errorText(err)), issuer },
          'could not authenticate the request: signing keys unreachable',
        );
        if (!guards || issuer === undefined) return unavailable(KEYS_RETRY_AFTER_SECONDS);
        guards.keyFailures.record(issuer);
        return unavailable(guards.keyFailures.secondsLeft(issuer));
      }
      unauthorized(errorText(err));
    }
  };
}

/** An http(s) URL on this machine: localhost or a loopback address. */
function isLocalServiceUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname);
  } catch {
    return false;
  }
}

/**
 * A failure to get the signing keys (network, or the key server answering with an error), as opposed to a bad token.
 */
function isKeyFetchFailure(err: unknown): boolean {
  return isNetworkError(err) || (err instanceof Error && /^Failed to load (openID config|Keys):/.test(err.message));
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The first line of a reason, at most 200 characters: a log line, not a report. */
function oneLine(text: string): string {
  return clipped(text.split('\n', 1)[0] ?? '', 200) ?? '';
}

/** A failure to reach the key server (DNS, refused, reset, timed out), as opposed to a bad token. */
function isNetworkError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code ?? (err as { cause?: { code?: unknown } }).cause?.code;
  if (
    typeof code === 'string' &&
    /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH|UND_ERR_\w+)$/.test(code)
  )
    return true;
  return (
    (err as { type?: unknown }).type === 'system' ||
    /fetch failed|request to .* failed|socket hang up|network timeout|ECONNREFUSED|ENOTFOUND/i.test(err.message)
  );
}
