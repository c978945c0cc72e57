/**
 * One Direct Line conversation as the client sees it: the history of activities (the user's own, echoed, and the
 * bot's replies), each numbered so a client can ask for "everything after watermark N", and the live streams that
 * get new activities as they are added. Turns run one at a time through `turns`. What it holds (history, streams,
 * bytes queued on streams) is counted in the store's ledger, and the store is told when it grew.
 *
 * ```ts
 * const [echo] = conversation.append([userActivity]); // numbered, kept, pushed to open streams
 * const { json } = conversation.since('3');           // what a polling client has not seen yet
 * ```
 */
import { activityId } from './directline-ids';
import { groupJson, keepActivity, type ActivityToKeep, type KeptActivity } from './kept-activity';
import { COSTS, type MemoryLedger } from './memory-ledger';
import { SerialQueue } from './serial-queue';

/** What GET …/activities returns and the stream pushes, as UTF-8 JSON: {activities, watermark}. */
export interface ActivityGroupJson {
  /** How many activities it holds. */
  count: number;
  json: Buffer;
}

/** An open stream (a WebSocket) that wants the conversation's new activities. */
export interface ConversationSubscriber {
  /** `{activities, watermark}` as UTF-8 JSON (no watermark for transient pushes). */
  deliver(json: Buffer): void;
  /** The conversation is gone (evicted) or has too many streams; the subscriber should disconnect. */
  close(reason: string): void;
}

export interface ConversationOptions {
  maxActivities: number;
  ledger: MemoryLedger;
  /** Called after the conversation took more memory, so the store can keep its budget. */
  onGrow: () => void;
}

/** Streams kept per conversation; more usually means one visitor with many tabs, and the oldest is dropped. */
const MAX_SUBSCRIBERS = 5;

export class DirectLineConversation {
  readonly turns = new SerialQueue();
  private readonly entries: KeptActivity[] = [];
  private readonly subscribers: ConversationSubscriber[] = [];
  private sequence = 0;
  private unsentBytes = 0;
  private closed = false;

  constructor(
    readonly id: string,
    private readonly options: ConversationOptions,
  ) {}

  get watermark(): string {
    return String(this.sequence);
  }

  /** Numbers, keeps and pushes activities (one push for the batch); returns their ids. */
  append(activities: ActivityToKeep[]): Array<{ id: string; type: string }> {
    if (!activities.length) return [];
    const kept = activities.map((activity) => {
      this.sequence++;
      return keepActivity(this.sequence, activityId(this.id, this.sequence), activity);
    });
    const ids = kept.map(({ id, type }) => ({ id, type }));
    // A turn that finishes after the conversation left memory has nobody to tell and nothing to keep.
    if (this.closed) return ids;
    const { ledger, maxActivities, onGrow } = this.options;
    for (const activity of kept) {
      this.entries.push(activity);
      ledger.keep(activity);
    }
    // The oldest activities go first when the history is full; a client that was far behind gets what is left.
    while (this.entries.length > maxActivities) ledger.release(this.entries.shift() as KeptActivity);
    onGrow();
    this.push(groupJson(kept, this.watermark));
    return ids;
  }

  /**
   * Drops the oldest kept activity, unless it is the only one (the store's last resort when this conversation alone
   * is over the budget). Returns whether it dropped one.
   */
  dropOldest(): boolean {
    if (this.entries.length <= 1) return false;
    this.options.ledger.release(this.entries.shift() as KeptActivity);
    return true;
  }

  /**
   * Activities after `watermark` (all of them when it is empty, not a number, or ahead of this conversation, which
   * happens when the conversation was dropped from memory and started again while the client kept its watermark).
   */
  since(watermark: string | undefined): ActivityGroupJson {
    const after = watermark && /^\d+$/.test(watermark) ? Number(watermark) : 0;
    const from = after > this.sequence ? 0 : after;
    const activities = this.entries.filter((e) => e.sequence > from);
    return { count: activities.length, json: groupJson(activities, this.watermark) };
  }

  /**
   * Pushes an activity to open streams without keeping it (the typing indicator: stale the moment the answer lands).
   */
  pushTransient(activity: Record<string, unknown> & { id: string; type: string }): void {
    this.push(Buffer.from(JSON.stringify({ activities: [activity] })));
  }

  /** Adds a stream; returns the function that removes it. */
  subscribe(subscriber: ConversationSubscriber): () => void {
    if (this.closed) {
      subscriber.close('the conversation left memory');
      return () => undefined;
    }
    this.subscribers.push(subscriber);
    this.options.ledger.add(COSTS.stream);
    if (this.subscribers.length > MAX_SUBSCRIBERS)
      this.unsubscribe(
        this.subscribers[0] as ConversationSubscriber,
        `more than ${MAX_SUBSCRIBERS} streams are open for this conversation`,
      );
    this.options.onGrow();
    return () => this.unsubscribe(subscriber);
  }

  get subscriberCount(): number {
    return this.subscribers.length;
  }

  /** Counts bytes a stream queued on its socket (positive) or wrote out (negative). */
  unsent(deltaBytes: number): void {
    if (this.closed) return;
    this.unsentBytes += deltaBytes;
    this.options.ledger.add(deltaBytes);
    if (deltaBytes > 0) this.options.onGrow();
  }

  /** Drops the history and disconnects every stream (the conversation left memory). */
  close(reason: string): void {
    if (this.closed) return;
    for (const subscriber of [...this.subscribers]) this.unsubscribe(subscriber, reason);
    this.closed = true;
    const { ledger } = this.options;
    for (const entry of this.entries) ledger.release(entry);
    ledger.add(-this.unsentBytes);
    this.unsentBytes = 0;
    this.entries.length = 0;
  }

  private unsubscribe(subscriber: ConversationSubscriber, reason?: string): void {
    const index = this.subscribers.indexOf(subscriber);
    if (index < 0) return;
    this.subscribers.splice(index, 1);
    if (!this.closed) this.options.ledger.add(-COSTS.stream);
    if (reason !== undefined) subscriber.close(reason);
  }

  private push(json: Buffer): void {
    for (const subscriber of [...this.subscribers]) subscriber.deliver(json);
  }
}
