/**
 * The reply activity for each answer, drawn once and reused: the same question asked again ("what is 502" is asked
 * all day) gets the same frozen activity, which is also serialized only once (prerendered-json.ts). Drawing a
 * lookup answer (card, markdown text, feedback entity) costs more than understanding the question did.
 * Bounded: the least recently used answers are dropped beyond `capacity`.
 *
 * Cards link to each code's page. Teams opens only absolute links, so it is drawn with `pages.absolute`: without
 * PUBLIC_URL its cards have no "Open page", and are kept apart from the other channels' drawings.
 */
import type { Activity } from 'botbuilder';
import type { Answer } from '../knowledge/answer';
import { answerKey } from '../knowledge/answer-key';
import type { CodePageLinks } from '../pages/code-page-links';
import type { PageUrl } from '../cards/card-actions';
import { RecentCache } from '../knowledge/recent-cache';
import { prerender } from './prerendered-json';
import { answerActivity, type AnswerDrawing } from './card-replies';

/**
 * Enough for the popular answers of a realistic mix; a larger cache gains little
 * (docs/performance.md, "Answers drawn once").
 */
export const DEFAULT_ANSWER_ACTIVITIES = 64;

/** What an absolute-links-only drawing's key starts with, when it differs from the others'. */
const ABSOLUTE_LINKS_ONLY = 'absolute links only\n';

export class AnswerActivities implements AnswerDrawing {
  private readonly drawn: RecentCache<string, Partial<Activity>>;
  /** The key of each shared (frozen) answer, which the engine hands out again for the same understanding. */
  private readonly keys = new WeakMap<Answer, string>();

  private readonly pageUrl?: PageUrl;
  private readonly absolutePageUrl?: PageUrl;

  /** `pages`: where each entry's page is, for the cards' "Open page" button (none without it). */
  constructor(capacity = DEFAULT_ANSWER_ACTIVITIES, pages?: CodePageLinks) {
    this.drawn = new RecentCache(capacity);
    this.pageUrl = pages && ((id) => pages.href(id));
    // With PUBLIC_URL every link is absolute, and Teams shares the other channels' drawings.
    this.absolutePageUrl = pages?.publicUrl ? this.pageUrl : pages && ((id) => pages.absolute(id));
  }

  /**
   * The activity for `answer`: shared and frozen, so a caller that needs changes copies it first.
   * `absoluteLinksOnly`: for a channel that opens only absolute links (Teams).
   */
  activityFor(answer: Answer, options: { absoluteLinksOnly?: boolean } = {}): Partial<Activity> {
    const pageUrl = options.absoluteLinksOnly ? this.absolutePageUrl : this.pageUrl;
    const key = pageUrl === this.pageUrl ? this.keyOf(answer) : ABSOLUTE_LINKS_ONLY + this.keyOf(answer);
    return this.drawn.getOrAdd(key, () => prerender(answerActivity(answer, pageUrl)));
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
