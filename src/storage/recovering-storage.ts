/**
 * A `Storage` that throws its backing store away after a failed call and builds a new one for the next call.
 *
 * Why: `BlobsStorage` (botbuilder-azure-blobs 4.23.3) runs `createIfNotExists` on first use and caches that promise,
 * including a rejected one. If the container cannot be reached the first time (the bot started before Azurite, or
 * during a network blip), every later read, write and delete fails with the same cached error until the process
 * restarts, so a readiness probe would never turn green again. A fresh `BlobsStorage` is only a client object, so
 * rebuilding costs one extra `createIfNotExists` request after any failure (an eTag conflict included, which keeps
 * this wrapper free of error-message matching).
 *
 * A call that does not settle within `callTimeoutMs` counts as failed too. The Azure SDK has no client-side timeout
 * (`tryTimeoutInMs` is only sent to the server), so a storage endpoint that accepts connections but never answers
 * (a frozen host, a dropped network path) would otherwise hold the turn forever, long after the channel gave up.
 * The late call is left to finish or fail on its own; its result is ignored.
 *
 * ```ts
 * const storage = new RecoveringStorage(() => new BlobsStorage(connectionString, 'bot-state'));
 * await storage.read(['msteams/conversations/abc']);
 * ```
 */
import type { Storage, StoreItems } from 'botbuilder';

export interface RecoveringStorageOptions {
  /**
   * How long one read, write or delete may take before it fails, in milliseconds. Default 3 s: a turn may need two
   * storage calls (the read, then onTurnError's cleanup), and both must fit in the 15 s a channel waits for a reply.
   */
  callTimeoutMs?: number;
}

export const DEFAULT_CALL_TIMEOUT_MS = 3_000;

export class RecoveringStorage implements Storage {
  private current: Storage;
  readonly callTimeoutMs: number;

  /** `build` is called now and again after every failed call; it must not do I/O itself. */
  constructor(
    private readonly build: () => Storage,
    options: RecoveringStorageOptions = {},
  ) {
    const { callTimeoutMs = DEFAULT_CALL_TIMEOUT_MS } = options;
    if (!(callTimeoutMs > 0)) {
      throw new RangeError(
        `RecoveringStorage: callTimeoutMs must be a positive number of milliseconds, got ${callTimeoutMs}.`,
      );
    }
    this.callTimeoutMs = callTimeoutMs;
    this.current = build();
  }

  read(keys: string[]): Promise<StoreItems> {
    return this.run('read', (storage) => storage.read(keys));
  }

  write(changes: StoreItems): Promise<void> {
    return this.run('write', (storage) => storage.write(changes));
  }

  delete(keys: string[]): Promise<void> {
    return this.run('delete', (storage) => storage.delete(keys));
  }

  private async run<T>(name: string, operation: (storage: Storage) => Promise<T>): Promise<T> {
    const storage = this.current;
    try {
      return await this.withinTimeout(name, operation(storage));
    } catch (err) {
      // Only replace the store this call used: if a concurrent call already replaced it, keep that newer one.
      if (this.current === storage) this.current = this.build();
      throw err;
    }
  }

  /** `call`'s outcome, or a rejection once `callTimeoutMs` has passed without one. */
  private async withinTimeout<T>(name: string, call: Promise<T>): Promise<T> {
    const timedOut = Symbol('timed out');
    let timer: NodeJS.Timeout | undefined;
    // A late rejection must not become an unhandled rejection (which ends the process).
    call.catch(() => undefined);
    try {
      const outcome = await Promise.race([
        call,
        new Promise<symbol>((resolve) => (timer = setTimeout(() => resolve(timedOut), this.callTimeoutMs))),
      ]);
      if (outcome === timedOut) {
        throw new Error(
          `Storage ${name} got no answer within ${this.callTimeoutMs} ms: the storage service is unreachable or ` +
            'overloaded. Check the network path to it and BLOB_CONNECTION_STRING.',
        );
      }
      return outcome as T;
    } finally {
      clearTimeout(timer);
    }
  }
}
