/**
 * Every live self-hosted Direct Line conversation, in memory and bounded so memory stays flat under any traffic: at
 * most `maxConversations` (least recently used dropped first), at most `maxActivities` per conversation (oldest
 * dropped first), at most `historyBytes` in all, counted as held (memory-ledger.ts: the conversations, their
 * histories, their streams and what those have not sent yet; least recently used conversations dropped first), and
 * none kept after `idleMs` without use. A dropped conversation's streams are closed; its token can start it again,
 * empty (the bot's own conversation state lives in the state store, not here).
 *
 * ```ts
 * const store = new ConversationStore({ maxConversations: 10_000, maxActivities: 500, historyBytes: 128 << 20, idleMs: 30 * 60_000 });
 * const { conversation, created } = store.open(claims.conv);
 * ```
 */
import { DirectLineConversation } from './conversation';
import { COSTS, MemoryLedger } from './memory-ledger';

export interface ConversationStoreOptions {
  maxConversations: number;
  maxActivities: number;
  historyBytes: number;
  /** A conversation nobody touched for this long is dropped. Tokens keep it alive: set it to the token lifetime. */
  idleMs: number;
  /** Monotonic clock in milliseconds (tests inject one). */
  now?: () => number;
}

interface Slot {
  conversation: DirectLineConversation;
  lastUsed: number;
}

export class ConversationStore {
  private readonly options: Required<ConversationStoreOptions>;
  /**
   * In least-recently-used order: a use deletes and re-inserts the key, so the first key is always the one to drop,
   * and because every use also refreshes `lastUsed`, the expired ones are all at the front. (A Map slows down a little
   * under heavy delete/insert churn; at 10,000 conversations that costs microseconds, far below a bot turn.)
   */
  private readonly slots = new Map<string, Slot>();
  private readonly ledger = new MemoryLedger();

  constructor(options: ConversationStoreOptions) {
    this.options = { now: () => performance.now(), ...options };
  }

  get size(): number {
    this.dropIdle(this.options.now());
    return this.slots.size;
  }

  /** Bytes held by all conversations, as counted against `historyBytes`. */
  get bytes(): number {
    return this.ledger.bytes;
  }

  /** The conversation if it is in memory (and marks it used). */
  get(id: string): DirectLineConversation | undefined {
    const now = this.options.now();
    this.dropIdle(now);
    const slot = this.slots.get(id);
    if (!slot) return undefined;
    this.slots.delete(id);
    slot.lastUsed = now;
    this.slots.set(id, slot);
    return slot.conversation;
  }

  /** The conversation, started if it is not in memory. */
  open(id: string): { conversation: DirectLineConversation; created: boolean } {
    const existing = this.get(id);
    if (existing) return { conversation: existing, created: false };
    const conversation: DirectLineConversation = new DirectLineConversation(id, {
      maxActivities: this.options.maxActivities,
      ledger: this.ledger,
      onGrow: () => this.keepBudget(conversation),
    });
    this.slots.set(id, { conversation, lastUsed: this.options.now() });
    this.ledger.add(COSTS.conversation);
    while (this.slots.size > this.options.maxConversations) this.dropOldest('too many conversations in memory');
    this.keepBudget(conversation);
    return { conversation, created: true };
  }

  /** Closes every conversation and its streams (shutdown). */
  clear(reason: string): void {
    for (const id of [...this.slots.keys()]) this.drop(id, reason);
  }

  /**
   * Over budget: drop other conversations, least recently used first; if the one that grew is still too much on its
   * own, its oldest activities.
   */
  private keepBudget(grown: DirectLineConversation): void {
    for (const [id, slot] of this.slots) {
      if (this.ledger.bytes <= this.options.historyBytes) return;
      if (slot.conversation !== grown) this.drop(id, 'the Direct Line memory budget is full');
    }
    while (this.ledger.bytes > this.options.historyBytes && grown.dropOldest());
  }

  private dropIdle(now: number): void {
    for (const [id, slot] of this.slots) {
      if (slot.lastUsed + this.options.idleMs > now) break;
      this.drop(id, 'the conversation was idle too long');
    }
  }

  private dropOldest(reason: string): void {
    const oldest = this.slots.keys().next().value;
    if (oldest !== undefined) this.drop(oldest, reason);
  }

  private drop(id: string, reason: string): void {
    const slot = this.slots.get(id);
    if (!slot) return;
    slot.conversation.close(reason);
    this.slots.delete(id);
    this.ledger.add(-COSTS.conversation);
  }
}
