/**
 * Remembers for a short while that an issuer's signing keys could not be fetched. The SDK fetches the keys again
 * for every token while it has none, so without this a flood of tokens would be a flood of fetches (and of error
 * lines); with it, tokens of that issuer get 503 at once until the time is up, and then one request tries again.
 *
 * ```ts
 * const failures = new KeyFetchFailures();
 * if (failures.secondsLeft(issuer) > 0) return unavailable();
 * // …the fetch failed:
 * failures.record(issuer);
 * ```
 */
export const REMEMBER_FAILURE_MS = 10_000;

export class KeyFetchFailures {
  /** Keyed by issuer; only trusted issuers get this far, so the map stays as small as that list. */
  private readonly until = new Map<string, number>();

  constructor(
    private readonly rememberMs = REMEMBER_FAILURE_MS,
    /** Monotonic clock in milliseconds (tests inject one). */
    private readonly now: () => number = () => performance.now(),
  ) {}

  record(issuer: string): void {
    this.until.set(issuer, this.now() + this.rememberMs);
  }

  /** Whole seconds until the issuer's keys may be fetched again; 0 when they may be now. */
  secondsLeft(issuer: string): number {
    const until = this.until.get(issuer);
    if (until === undefined) return 0;
    const left = until - this.now();
    if (left > 0) return Math.ceil(left / 1000);
    this.until.delete(issuer);
    return 0;
  }
}
