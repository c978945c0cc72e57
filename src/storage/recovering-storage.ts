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
 * ```ts
 * const storage = new RecoveringStorage(() => new BlobsStorage(connectionString, 'bot-state'));
 * await storage.read(['msteams/conversations/abc']);
 * ```
 */
import type { Storage, StoreItems } from 'botbuilder';

export class RecoveringStorage implements Storage {
  private current: Storage;

  /** `build` is called now and again after every failed call; it must not do I/O itself. */
  constructor(private readonly build: () => Storage) {
    this.current = build();
  }

  read(keys: string[]): Promise<StoreItems> {
    return this.run((storage) => storage.read(keys));
  }

  write(changes: StoreItems): Promise<void> {
    return this.run((storage) => storage.write(changes));
  }

  delete(keys: string[]): Promise<void> {
    return this.run((storage) => storage.delete(keys));
  }

  private async run<T>(operation: (storage: Storage) => Promise<T>): Promise<T> {
    const storage = this.current;
    try {
      return await operation(storage);
    } catch (err) {
      // Only replace the store this call used: if a concurrent call already replaced it, keep that newer one.
      if (this.current === storage) this.current = this.build();
      throw err;
    }
  }
}
