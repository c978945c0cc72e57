/**
 * One Direct Line conversation as the client sees it: the history of activities (the user's own, echoed, and the
 * bot's replies), each numbered so a client can ask for "everything after watermark N", and the live streams that
 * get new activities as they are added. Turns run one at a time through `turns`.
 *
 * ```ts
 * const [echo] = conversation.append([userActivity]);      // numbered, kept, pushed to open streams
 * const { activities, watermark } = conversation.since('3'); // what a polling client has not seen yet
 * ```
 */
import { activityId } from './directline-ids';
import { SerialQueue } from './serial-queue';

/** An activity as the client receives it: plain JSON with Direct Line's id and timestamp set. */
export type DirectLineActivity = Record<string, unknown> & { id: string; type: string };

/** What GET …/activities returns and what the stream pushes. */
export interface ActivityGroup {
  activities: DirectLineActivity[];
  /** The sequence number of the last activity in the group's view of the conversation; absent for transient pushes. */
  watermark?: string;
}

/** An open stream (a WebSocket) that wants the conversation's new activities. */
export interface ConversationSubscriber {
  deliver(group: ActivityGroup): void;
  /** The conversation is gone (evicted) or has too many streams; the subscriber should disconnect. */
  close(reason: string): void;
}

interface Entry {
  sequence: number;
  activity: DirectLineActivity;
  bytes: number;
}

/** Streams kept per conversation; more usually means one visitor with many tabs, and the oldest is dropped. */
const MAX_SUBSCRIBERS = 5;

export class DirectLineConversation {
  readonly turns = new SerialQueue();
  private readonly entries: Entry[] = [];
  private readonly subscribers: ConversationSubscriber[] = [];
  private sequence = 0;
  private storedBytes = 0;
  private closed = false;

  constructor(
    readonly id: string,
    private readonly maxActivities: number,
    /** Told how many bytes the history grew or shrank by, so the store can keep its memory budget. */
    private readonly onResize: (deltaBytes: number) => void = () => undefined,
  ) {}

  /** Approximate memory held by the history (its JSON size). */
  get bytes(): number {
    return this.storedBytes;
  }

  get watermark(): string {
    return String(this.sequence);
  }

  /** Numbers, keeps and pushes activities (one push for the batch); returns them as stored. */
  append(activities: Array<Record<string, unknown> & { type: string }>): DirectLineActivity[] {
    if (!activities.length) return [];
    const stored: DirectLineActivity[] = [];
    let grown = 0;
    for (const activity of activities) {
      this.sequence++;
      const withId = { ...activity, id: activityId(this.id, this.sequence) } as DirectLineActivity;
      const bytes = JSON.stringify(withId).length;
      this.entries.push({ sequence: this.sequence, activity: withId, bytes });
      grown += bytes;
      stored.push(withId);
    }
    // A turn that finishes after the conversation left memory has nobody to tell and nothing to keep.
    if (this.closed) {
      this.entries.length = 0;
      return stored;
    }
    // The oldest activities go first when the history is full; a client that was far behind gets what is left.
    while (this.entries.length > this.maxActivities) grown -= (this.entries.shift() as Entry).bytes;
    this.storedBytes += grown;
    this.onResize(grown);
    this.push({ activities: stored, watermark: this.watermark });
    return stored;
  }

  /**
   * Activities after `watermark` (all of them when it is empty, not a number, or ahead of this conversation, which
   * happens when the conversation was dropped from memory and started again while the client kept its watermark).
   */
  since(watermark: string | undefined): ActivityGroup {
    const after = watermark && /^\d+$/.test(watermark) ? Number(watermark) : 0;
    const from = after > this.sequence ? 0 : after;
    return { activities: this.entries.filter((e) => e.sequence > from).map((e) => e.activity), watermark: this.watermark };
  }

  /** Pushes an activity to open streams without keeping it (the typing indicator: stale the moment the answer lands). */
  pushTransient(activity: DirectLineActivity): void {
    this.push({ activities: [activity] });
  }

  /** Adds a stream; returns the function that removes it. */
  subscribe(subscriber: ConversationSubscriber): () => void {
    this.subscribers.push(subscriber);
    if (this.subscribers.length > MAX_SUBSCRIBERS) {
      (this.subscribers.shift() as ConversationSubscriber).close(`more than ${MAX_SUBSCRIBERS} streams are open for this conversation`);
    }
    return () => {
      const index = this.subscribers.indexOf(subscriber);
      if (index >= 0) this.subscribers.splice(index, 1);
    };
  }

  get subscriberCount(): number {
    return this.subscribers.length;
  }

  /** Drops the history and disconnects every stream (the conversation left memory). */
  close(reason: string): void {
    this.closed = true;
    for (const subscriber of this.subscribers.splice(0)) subscriber.close(reason);
    this.onResize(-this.storedBytes);
    this.storedBytes = 0;
    this.entries.length = 0;
  }

  private push(group: ActivityGroup): void {
    for (const subscriber of [...this.subscribers]) subscriber.deliver(group);
  }
}
