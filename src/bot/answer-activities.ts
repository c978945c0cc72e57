/**
 * The reply activity for each answer, drawn once and reused: the same question asked again ("what is 502" is asked
 * all day) gets the same frozen activity, which is also serialized only once (prerendered-json.ts). Drawing a
 * lookup answer (card, markdown text, feedback entity) costs more than understanding the question did.
 * Bounded: the least recently used answers are dropped beyond `capacity`.
 */
import type { Activity } from 'botbuilder';
import type { Answer } from '../knowledge/answer';
import { answerKey } from '../knowledge/answer-key';
import { RecentCache } from '../knowledge/recent-cache';
import { prerender } from './prerendered-json';
import { answerActivity } from './card-replies';

/**
 * Enough for the popular answers of a realistic mix; a larger cache gains little
 * (docs/performance.md, "Answers drawn once").
 */
export const DEFAULT_ANSWER_ACTIVITIES = 64;

export class AnswerActivities {
  private readonly drawn: RecentCache<string, Partial<Activity>>;
  /** The key of each shared (frozen) answer, which the engine hands out again for the same understanding. */
  private readonly keys = new WeakMap<Answer, string>();

  /** `pageUrl`: where an entry's page is, for the cards' "Open page" button (none without it). */
  constructor(
    capacity = DEFAULT_ANSWER_ACTIVITIES,
    private readonly pageUrl?: (id: string) => string,
  ) {
    this.drawn = new RecentCache(capacity);
  }

  /** The activity for `answer`: shared and frozen, so a caller that needs changes copies it first. */
  activityFor(answer: Answer): Partial<Activity> {
    return this.drawn.getOrAdd(this.keyOf(answer), () => prerender(answerActivity(answer, this.pageUrl)));
  }

  private keyOf(answer: Answer): string {
    if (!Object.isFrozen(answer)) return answerKey(answer);
    let key = this.keys.get(answer);
    if (key === undefined) this.keys.set(answer, (key = answerKey(answer)));
    return key;
  }

  get hits(): number {
    return this.drawn.hits;
  }

  get misses(): number {
    return this.drawn.misses;
  }

  get size(): number {
    return this.drawn.size;
  }
}
