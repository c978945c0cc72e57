/**
 * The reply activity for each answer, drawn once and reused: the same question asked again ("what is 502" is asked
 * all day) gets the same frozen activity, whose card is also serialized only once (prerendered-json.ts). Drawing a
 * lookup answer (card, markdown text, feedback entity) costs more than understanding the question did.
 *
 * Bounded: the least recently used answers are dropped beyond `capacity` (a lookup reply holds about 29 KB: its
 * objects and its 14 KB of JSON).
 */
import type { Activity } from 'botbuilder';
import type { Answer } from '../knowledge/answer';
import { answerKey } from '../knowledge/answer-key';
import { deepFreeze, prerender } from './prerendered-json';
import { answerActivity } from './replies';

/** 64 popular answers serve seven turns in eight of a realistic mix (bench/e2e.ts: 88% hits; 128 give 89%), in 2 MB. */
export const DEFAULT_ANSWER_ACTIVITIES = 64;

export class AnswerActivities {
  /** Insertion order is recency order: a hit is moved to the end, the first key is the one to drop. */
  private readonly drawn = new Map<string, Partial<Activity>>();
  hits = 0;
  misses = 0;

  constructor(private readonly capacity = DEFAULT_ANSWER_ACTIVITIES) {}

  /** The activity for `answer`: shared and frozen, so a caller that needs changes copies it first. */
  activityFor(answer: Answer): Partial<Activity> {
    const key = answerKey(answer);
    const cached = this.drawn.get(key);
    if (cached) {
      this.hits++;
      this.drawn.delete(key);
      this.drawn.set(key, cached);
      return cached;
    }
    this.misses++;
    const activity = answerActivity(answer);
    if (activity.attachments) prerender(activity.attachments);
    deepFreeze(activity);
    this.drawn.set(key, activity);
    if (this.drawn.size > this.capacity) this.drawn.delete(this.drawn.keys().next().value as string);
    return activity;
  }

  get size(): number {
    return this.drawn.size;
  }
}
