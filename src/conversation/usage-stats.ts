/**
 * Counters of what people ask: turns, intents, top codes, unanswered questions and feedback. In memory, per
 * process; served by GET /api/stats. Unanswered questions keep at most MAX_UNANSWERED recent texts, cut short and
 * with credentials redacted, because they are the most useful signal of what the table is missing.
 */
import { redactedStart } from '../knowledge/secrets';
import type { Intent, Understanding } from '../knowledge/understanding';

const MAX_UNANSWERED = 100;
/** Keys come from requests (channel ids, card data): at most this many distinct ones are counted apart. */
const MAX_KEYS = 200;
const MAX_TEXT = 200;
/** Votes remembered for replacing: enough for every conversation of a busy hour. */
const MAX_BALLOTS = 10_000;
/** Below this confidence a turn counts as unanswered even when it produced an answer. */
export const LOW_CONFIDENCE = 0.5;

export interface StatsSnapshot {
  since: string;
  turns: number;
  byIntent: Partial<Record<Intent, number>>;
  byChannel: Record<string, number>;
  topCodes: Array<{ code: number; count: number }>;
  unanswered: { count: number; recent: Array<{ at: string; text: string; intent: Intent; confidence: number }> };
  feedback: { like: number; dislike: number; byCode: Array<{ id: string; like: number; dislike: number }> };
}

export class UsageStats {
  private readonly since: string;
  private turns = 0;
  private readonly byIntent = new Map<Intent, number>();
  private readonly byChannel = new Map<string, number>();
  private readonly codes = new Map<number, number>();
  private unansweredCount = 0;
  private readonly unanswered: StatsSnapshot['unanswered']['recent'] = [];
  private readonly feedback = new Map<string, { like: number; dislike: number }>();
  private likes = 0;
  /** The last vote per conversation and answer, so a changed vote moves rather than adds. */
  private readonly ballots = new Map<string, 'like' | 'dislike'>();
  private dislikes = 0;

  /** `now`: the clock, in ms since the epoch, that dates the start and each unanswered question (tests set it). */
  constructor(private readonly now: () => number = Date.now) {
    this.since = new Date(now()).toISOString();
  }

  recordTurn(text: string, u: Understanding, channel: string): void {
    this.turns++;
    bump(this.byIntent, u.intent);
    bump(this.byChannel, boundedKey(this.byChannel, channel.slice(0, 40)));
    for (const code of u.intent === 'lookup' ? u.codes.slice(0, 1) : u.codes) bump(this.codes, code);
    if (isUnanswered(u)) {
      this.unansweredCount++;
      this.unanswered.push({
        at: new Date(this.now()).toISOString(),
        text: redactedStart(text, MAX_TEXT),
        intent: u.intent,
        confidence: u.confidence,
      });
      if (this.unanswered.length > MAX_UNANSWERED) this.unanswered.shift();
    }
  }

  /** A vote; from the same `voter` (a conversation) on the same answer, a changed vote replaces the first. */
  recordFeedback(reaction: 'like' | 'dislike', id = '(none)', voter?: string): void {
    const key = boundedKey(this.feedback, id.slice(0, 40));
    const f = this.feedback.get(key) ?? { like: 0, dislike: 0 };
    const ballot = voter === undefined ? undefined : `${voter.slice(0, 128)}\u0000${key}`;
    const before = ballot === undefined ? undefined : this.ballots.get(ballot);
    if (before === reaction) return;
    if (before) {
      f[before]--;
      if (before === 'like') this.likes--;
      else this.dislikes--;
    }
    f[reaction]++;
    this.feedback.set(key, f);
    if (reaction === 'like') this.likes++;
    else this.dislikes++;
    if (ballot !== undefined) {
      this.ballots.delete(ballot);
      this.ballots.set(ballot, reaction);
      // The oldest ballots go first; a vote changed after that many others counts as a new one.
      if (this.ballots.size > MAX_BALLOTS) this.ballots.delete(this.ballots.keys().next().value as string);
    }
  }

  snapshot(): StatsSnapshot {
    return {
      since: this.since,
      turns: this.turns,
      byIntent: Object.fromEntries(this.byIntent),
      byChannel: Object.fromEntries(this.byChannel),
      topCodes: [...this.codes.entries()]
        .map(([code, count]) => ({ code, count }))
        .sort((a, b) => b.count - a.count || a.code - b.code)
        .slice(0, 20),
      unanswered: { count: this.unansweredCount, recent: [...this.unanswered].reverse() },
      feedback: {
        like: this.likes,
        dislike: this.dislikes,
        byCode: [...this.feedback.entries()]
          .map(([id, f]) => ({ id, ...f }))
          .sort((a, b) => b.like + b.dislike - (a.like + a.dislike)),
      },
    };
  }
}

/** A message the bot could not place; an aside ("hmm", "lol") asked nothing, so it is not counted. */
export function isUnanswered(u: Understanding): boolean {
  return (u.intent === 'none' && !u.act) || (u.intent === 'lookup' && u.confidence < LOW_CONFIDENCE);
}

/** The key itself while the map is small or already has it; '(other)' once MAX_KEYS distinct keys are counted. */
function boundedKey(map: Map<string, unknown>, key: string): string {
  return map.has(key) || map.size < MAX_KEYS ? key : '(other)';
}

function bump<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
