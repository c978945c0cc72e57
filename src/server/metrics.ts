/**
 * Prometheus metrics at GET /metrics (text exposition format, prom-client): turns by intent and channel, unanswered
 * turns, feedback, turn latency, HTTP responses by route and status, requests in flight, the state store's fill and
 * evictions, the self-hosted Direct Line's conversations and the memory they hold, the in-process caches' hits, misses
 * and entries, and Node's default process metrics (CPU, RSS, heap, event-loop lag, GC). Everything lives in a
 * dedicated Registry, so several apps in one process (tests) never share counters.
 *
 * ```ts
 * const metrics = new Metrics({ stateStats: () => storage.stats() });
 * metrics.recordPlan(plan, context.activity.channelId);   // from the turn observer
 * mountMetrics(server, metrics);                          // GET /metrics and HTTP status counts
 * ```
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RequestHandler, Request, Response, Route, Server } from 'restify';
import type { ReplyPlan } from '../conversation/plan-reply';
import { isUnanswered } from '../conversation/usage-stats';
import type { BoundedMemoryStorageStats } from '../storage/bounded-memory-storage';

/**
 * Channel ids the Bot Framework uses. The channel id arrives in the request body, and without credentials anyone can
 * send any string; a label per distinct string would grow without bound, so everything else counts as "other".
 */
const KNOWN_CHANNELS = new Set([
  'msteams',
  'webchat',
  'directline',
  'directlinespeech',
  'emulator',
  'test',
  'slack',
  'facebook',
  'telegram',
  'skype',
  'email',
  'sms',
  'kik',
  'line',
  'groupme',
  'alexa',
  'omnichannel',
  'telephony',
  'outlook',
  'm365extensions',
  'cortana',
]);

/** Turns take about a millisecond; a blob-storage round trip adds tens; anything near seconds is a problem. */
const TURN_SECONDS_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface MetricsOptions {
  /** The bounded in-memory state store's counters, read at each scrape (leave out for blob storage). */
  stateStats?: () => BoundedMemoryStorageStats;
  /** In-process caches by name (understandings, drawn answers), read at each scrape. */
  caches?: Record<string, () => CacheStats>;
}

export interface CacheStats {
  hits: number;
  misses: number;
  size: number;
}

export class Metrics {
  /** The registry GET /metrics serves; add app-specific metrics to it with `registers: [metrics.registry]`. */
  readonly registry = new Registry();
  private readonly turns: Counter<'intent' | 'channel'>;
  private readonly unanswered: Counter<'channel'>;
  private readonly feedback: Counter<'reaction'>;
  private readonly turnSeconds: Histogram;
  private readonly httpResponses: Counter<'route' | 'status'>;

  constructor(options: MetricsOptions = {}) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.turns = new Counter({
      name: 'statusbot_turns_total',
      help: 'Questions answered (an answer or a "did you mean"), by intent and channel.',
      labelNames: ['intent', 'channel'],
      registers,
    });
    this.unanswered = new Counter({
      name: 'statusbot_unanswered_turns_total',
      help: 'Questions the bot could not place (no intent, or a low-confidence lookup).',
      labelNames: ['channel'],
      registers,
    });
    this.feedback = new Counter({
      name: 'statusbot_feedback_total',
      help: 'Votes on answers given in the conversation, by reaction.',
      labelNames: ['reaction'],
      registers,
    });
    this.turnSeconds = new Histogram({
      name: 'statusbot_turn_duration_seconds',
      help: 'Time from the adapter receiving an activity to the bot finishing its turn (state saved).',
      buckets: TURN_SECONDS_BUCKETS,
      registers,
    });
    this.httpResponses = new Counter({
      name: 'statusbot_http_responses_total',
      help: 'HTTP responses by route (the route pattern, "unmatched" when none matched) and status.',
      labelNames: ['route', 'status'],
      registers,
    });

    const { stateStats, caches = {} } = options;
    const readCaches = (read: (stats: CacheStats) => number) =>
      Object.entries(caches).map(([cache, stats]) => [{ cache }, read(stats())] as const);
    new Counter({
      name: 'statusbot_cache_hits_total',
      help: 'Lookups answered from an in-process cache, by cache.',
      labelNames: ['cache'],
      registers,
      collect() {
        this.reset();
        for (const [labels, n] of readCaches((c) => c.hits)) this.inc(labels, n);
      },
    });
    new Counter({
      name: 'statusbot_cache_misses_total',
      help: 'Lookups an in-process cache had to compute, by cache.',
      labelNames: ['cache'],
      registers,
      collect() {
        this.reset();
        for (const [labels, n] of readCaches((c) => c.misses)) this.inc(labels, n);
      },
    });
    new Gauge({
      name: 'statusbot_cache_entries',
      help: 'Entries held by an in-process cache, by cache.',
      labelNames: ['cache'],
      registers,
      collect() {
        for (const [labels, n] of readCaches((c) => c.size)) this.set(labels, n);
      },
    });
    if (stateStats) {
      new Gauge({
        name: 'statusbot_state_items',
        help: 'Conversations held in the bounded in-memory state store.',
        registers,
        collect() {
          this.set(stateStats().items);
        },
      });
      new Counter({
        name: 'statusbot_state_evictions_total',
        help: 'State items evicted because the store was full (raise STATE_MAX_CONVERSATIONS if this grows fast).',
        registers,
        collect() {
          this.reset();
          this.inc(stateStats().evictions);
        },
      });
      new Counter({
        name: 'statusbot_state_expirations_total',
        help: 'State items dropped after STATE_TTL_MINUTES idle.',
        registers,
        collect() {
          this.reset();
          this.inc(stateStats().expirations);
        },
      });
    }
  }

  /**
   * The self-hosted Direct Line's conversations in memory and the bytes they hold
   * (DIRECTLINE_HISTORY_MB's count), once it is mounted.
   */
  watchDirectLine(read: () => { conversations: number; bytes: number }): void {
    const registers = [this.registry];
    new Gauge({
      name: 'statusbot_directline_conversations',
      help: 'Self-hosted Direct Line conversations held in memory.',
      registers,
      collect() {
        this.set(read().conversations);
      },
    });
    new Gauge({
      name: 'statusbot_directline_bytes',
      help: 'Memory the self-hosted Direct Line holds, as counted against DIRECTLINE_HISTORY_MB.',
      registers,
      collect() {
        this.set(read().bytes);
      },
    });
  }

  /** Counts what one message turn was planned as: a question (by intent), unanswered, or feedback. */
  recordPlan(plan: ReplyPlan, channelId: string | undefined): void {
    const channel = channelLabel(channelId);
    if (plan.kind === 'answer' || plan.kind === 'did-you-mean') {
      this.turns.inc({ intent: plan.understanding.intent, channel });
      if (isUnanswered(plan.understanding)) this.unanswered.inc({ channel });
    } else if (plan.kind === 'feedback' && plan.counted) {
      this.feedback.inc({ reaction: plan.reaction });
    }
  }

  /** Records how long one turn took (any activity type), in seconds. */
  recordTurnDuration(seconds: number): void {
    this.turnSeconds.observe(seconds);
  }

  recordHttpResponse(route: string, status: number): void {
    this.httpResponses.inc({ route, status: String(status) });
  }
}

/** Mounts GET /metrics and counts every HTTP response (including 404s, 405s and 429s) by route and status. */
/** `operatorOnly` guards the route (operator-access.ts). */
export function mountMetrics(server: Server, metrics: Metrics, operatorOnly: RequestHandler): void {
  new Gauge({
    name: 'statusbot_http_requests_in_flight',
    help: 'HTTP requests received and not yet answered, not counting the scrape that reads this.',
    registers: [metrics.registry],
    collect() {
      this.set(Math.max(0, server.inflightRequests() - 1));
    },
  });
  server.on('after', (_req: Request, res: Response, route: Route | undefined) => {
    metrics.recordHttpResponse(route?.spec?.path ? String(route.spec.path) : 'unmatched', res.statusCode);
  });
  server.get('/metrics', operatorOnly, async (_req: Request, res: Response) => {
    res.sendRaw(200, await metrics.registry.metrics(), { 'content-type': metrics.registry.contentType });
  });
}

export function channelLabel(channelId: string | undefined): string {
  return channelId && KNOWN_CHANNELS.has(channelId) ? channelId : 'other';
}
