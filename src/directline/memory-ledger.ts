/**
 * The memory the self-hosted Direct Line holds, counted as it is held, which is what DIRECTLINE_HISTORY_MB budgets:
 * each conversation's fixed cost, each kept activity's JSON and its bookkeeping, a part shared between
 * conversations (a drawn answer's card) once however many hold it, each open stream, and what streams have queued
 * and not yet written to their sockets. `npm run bench:directline-memory` compares the count with the process's
 * resident memory.
 *
 * ```ts
 * const ledger = new MemoryLedger();
 * ledger.add(COSTS.conversation);
 * ledger.keep(kept);        // its own bytes, and its shared part if nobody held it yet
 * ledger.bytes;             // what the store compares with its budget
 * ```
 */
import type { KeptActivity } from './kept-activity';

/** Bytes held besides the JSON itself: measured resident memory on Node 20, rounded up (docs/performance.md). */
export const COSTS = {
  /** A conversation with an empty history: its object, turn queue, arrays, id, store slot and rate-limit bucket. */
  conversation: 1_024,
  /** A kept activity: its record, id and Buffer (the object and its native backing store). */
  activity: 1_200,
  /** A shared part: its Buffer and its reference count. */
  sharedPart: 1_200,
  /** An open WebSocket stream: socket, ws state, timers. */
  stream: 4_096,
} as const;

export class MemoryLedger {
  private total = 0;
  private readonly holders = new Map<Buffer, number>();

  /** Bytes counted right now. */
  get bytes(): number {
    return this.total;
  }

  /** Counts bytes taken (positive) or given back (negative). */
  add(delta: number): void {
    this.total += delta;
  }

  /** Counts a kept activity: its own bytes, and its shared part when it is the first to hold it. */
  keep(activity: KeptActivity): void {
    this.total += COSTS.activity + activity.own.length;
    if (!activity.shared) return;
    const holders = this.holders.get(activity.shared) ?? 0;
    if (holders === 0) this.total += COSTS.sharedPart + activity.shared.length;
    this.holders.set(activity.shared, holders + 1);
  }

  /** Uncounts a kept activity; its shared part goes when the last activity holding it does. */
  release(activity: KeptActivity): void {
    this.total -= COSTS.activity + activity.own.length;
    if (!activity.shared) return;
    const holders = (this.holders.get(activity.shared) ?? 1) - 1;
    if (holders > 0) return void this.holders.set(activity.shared, holders);
    this.holders.delete(activity.shared);
    this.total -= COSTS.sharedPart + activity.shared.length;
  }
}
