/**
 * Every live self-hosted Direct Line conversation, in memory and bounded so memory stays flat under any traffic: at
 * most `maxConversations` (least recently used dropped first), at most `maxActivities` per conversation (oldest
 * dropped first), at most `historyBytes` in all, counted as held (memory-ledger.ts: the conversations, their
 * histories, their streams and what those have not sent yet; least recently used conversations dropped first), and
 * none kept after `idleMs` without use. A dropped conversation's streams are closed; its token can start it again,
 * empty (the bot's own conversation state lives in the state store, not here).
 *
 * ```ts
 * const store = new ConversationStore({
 *   maxConversations: 10_000,
 *   maxActivities: 500,
 *   historyBytes: 128 << 20,
 *   idleMs: 30 * 60_000,
 * });
 * const { conversation, created } = store.open(claims.conv);
 * ```
 */
import { LRUCache } from 'lru-cache';
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
  /** Least recently used first; every use refreshes `lastUsed` too, so the idle ones are all at that end. */
  private readonly slots: LRUCache<string, Slot>;
  private readonly ledger = new MemoryLedger();

  constructor(options: ConversationStoreOptions) {
    this.options = { now: () => performance.now(), ...options };
    this.slots = new LRUCache({
      max: this.options.maxConversations,
      // After the removal, so that what closing a conversation sets off finds the store consistent.
      disposeAfter: (slot, _id, reason) => {
        if (reason === 'evict') this.forget(slot, 'too many conversations in memory');
      },
    });
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
    slot.lastUsed = now;
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
    while (this.ledger.bytes > this.options.historyBytes) {
      const other = this.oldest((slot) => slot.conversation !== grown);
      if (other === undefined) break;
      this.drop(other, 'the Direct Line memory budget is full');
    }
    while (this.ledger.bytes > this.options.historyBytes && grown.dropOldest());
  }

  private dropIdle(now: number): void {
    for (let id = this.oldest(); id !== undefined; id = this.oldest()) {
      if ((this.slots.peek(id) as Slot).lastUsed + this.options.idleMs > now) break;
      this.drop(id, 'the conversation was idle too long');
    }
  }

  /** The least recently used conversation's id (of those `which` accepts), or undefined. */
  private oldest(which: (slot: Slot) => boolean = () => true): string | undefined {
    for (const id of this.slots.rkeys()) if (which(this.slots.peek(id) as Slot)) return id;
    return undefined;
  }

  private drop(id: string, reason: string): void {
    const slot = this.slots.peek(id);
    if (!slot) return;
    this.slots.delete(id);
    this.forget(slot, reason);
  }

  /** Closes a conversation that left the store, and uncounts it. */
  private forget(slot: Slot, reason: string): void {
    slot.conversation.close(reason);
    this.ledger.add(-COSTS.conversation);
  }
}
