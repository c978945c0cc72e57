/**
 * Runs async jobs one at a time, in the order they were queued. A conversation's turns go through one, so two
 * messages sent quickly are answered in order and never read or write conversation state at the same time.
 *
 * ```ts
 * const turns = new SerialQueue();
 * const replies = await turns.run(() => bot.turn(activity));
 * ```
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  /** Jobs queued or running. */
  get size(): number {
    return this.waiting;
  }

  /** Resolves or rejects with the job's own outcome; a failed job does not stop the ones after it. */
  run<T>(job: () => Promise<T>): Promise<T> {
    this.waiting++;
    const result = this.tail.then(job).finally(() => {
      this.waiting--;
    });
    this.tail = result.catch(() => undefined);
    return result;
  }
}
