/**
 * Builds the conversation-state store from configuration and proves it is reachable. The composition root calls
 * `createStorage` once at start-up and `checkStorage` from its readiness probe; nothing else constructs storage.
 *
 * ```ts
 * const storage = createStorage({
 *   kind: 'blob',
 *   connectionString: process.env.BLOB_CONNECTION_STRING!,
 *   container: 'bot-state',
 * });
 * await checkStorage(storage); // throws if the store cannot be reached within 2 s
 * ```
 */
import type { Storage } from 'botbuilder';
import type { BlobsStorageOptions } from 'botbuilder-azure-blobs';
import { BoundedMemoryStorage } from './bounded-memory-storage';
import { RecoveringStorage } from './recovering-storage';

// === Configuration

/** Keeps state in this process: lost on restart and not shared between instances. The default for a single instance. */
export interface MemoryStorageConfig {
  kind: 'memory';
  /** Most conversation and user keys kept; see BoundedMemoryStorage. Default 10,000. */
  maxItems?: number;
  /** Idle time after which a key is forgotten, in milliseconds. Default 24 hours. */
  ttlMs?: number;
}

/** Keeps state in Azure Blob Storage (or Azurite), shared by every instance of the bot. */
export interface BlobStorageConfig {
  kind: 'blob';
  /** An Azure Storage connection string, or `UseDevelopmentStorage=true;` for Azurite on its default port. */
  connectionString: string;
  /** Container for the state blobs; created on first use if missing. */
  container: string;
}

export type StorageConfig = MemoryStorageConfig | BlobStorageConfig;

/**
 * Retries for blob calls, shorter than the Azure SDK default (4 tries with 4 s and 12 s pauses, 16 s in all before a
 * refused connection is reported). A bot turn that waits that long has already timed out in Teams and Web Chat, so
 * fail fast instead: 3 tries, the second at once and the third 0.5 s later (the SDK pauses (2^(n-1) - 1) ×
 * retryDelayInMs after try n). `tryTimeoutInMs` is only sent to the server; the client-side limit on a call that
 * gets no answer at all is RecoveringStorage's `callTimeoutMs`.
 */
const BLOB_OPTIONS: BlobsStorageOptions = {
  storagePipelineOptions: {
    retryOptions: { maxTries: 3, retryDelayInMs: 500, maxRetryDelayInMs: 2_000, tryTimeoutInMs: 10_000 },
  },
};

// === Construction

/**
 * Returns the store that `config` describes; invalid settings throw here, at start-up, rather than on the first turn.
 */
export function createStorage(config: StorageConfig): Storage {
  switch (config.kind) {
    case 'memory':
      return new BoundedMemoryStorage({ maxItems: config.maxItems, ttlMs: config.ttlMs });
    case 'blob':
      return createBlobStorage(config);
    default: {
      const kind: unknown = (config as { kind?: unknown }).kind;
      throw new Error(`Unknown storage kind ${JSON.stringify(kind)}: use "memory" or "blob".`);
    }
  }
}

function createBlobStorage({ connectionString, container }: BlobStorageConfig): Storage {
  if (typeof connectionString !== 'string' || connectionString.trim() === '') {
    throw new Error(
      "Blob storage needs a connection string: set it to the storage account's connection string, " +
        'or to "UseDevelopmentStorage=true;" for Azurite.',
    );
  }
  checkContainerName(container);
  // Loaded only here: an in-memory deployment never pays for the Azure Storage SDK's heap (docs/performance.md).
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, deferred load
  const { BlobsStorage } = require('botbuilder-azure-blobs') as typeof import('botbuilder-azure-blobs');
  // BlobsStorage caches a failed first connection forever; RecoveringStorage replaces it after a failure.
  return new RecoveringStorage(() => new BlobsStorage(connectionString, container, BLOB_OPTIONS));
}

/**
 * Azure's rule for container names (3–63 characters; lowercase letters, digits and single hyphens; starting and
 * ending with a letter or digit). Checked here because Azure's own answer is a bare "400 InvalidResourceName" on the
 * first turn.
 */
function checkContainerName(container: string): void {
  const valid = /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/;
  if (typeof container === 'string' && valid.test(container)) return;
  const suggestion = String(container)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  const fix = valid.test(suggestion) ? `"${suggestion}"` : 'for example "statusbot-state"';
  throw new Error(
    `Blob container name ${JSON.stringify(container)} is not valid: ` +
      `use 3–63 lowercase letters, digits and single hyphens, ${fix}.`,
  );
}

// === Readiness

/** The key `checkStorage` reads. It is never written, so it costs one "not found" per probe and holds no data. */
export const HEALTH_CHECK_KEY = 'statusbot/readiness-probe';

export const DEFAULT_CHECK_TIMEOUT_MS = 2_000;

export interface CheckStorageOptions {
  /** How long to wait for the store before reporting it unreachable. Default 2 seconds. */
  timeoutMs?: number;
}

/**
 * Resolves if `storage` answers a read of `HEALTH_CHECK_KEY` within the timeout and rejects otherwise, so a readiness
 * probe can report "not ready" instead of hanging: the Azure SDK retries a refused connection and has no client-side
 * timeout for a connection that never answers. For blob storage the read also proves the credentials work (a wrong
 * key is a 403, not a "not found").
 */
export async function checkStorage(storage: Storage, options: CheckStorageOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const timedOut = Symbol('timed out');
  let timer: NodeJS.Timeout | undefined;
  let outcome: unknown;
  try {
    outcome = await Promise.race([
      storage.read([HEALTH_CHECK_KEY]),
      new Promise<symbol>((resolve) => (timer = setTimeout(() => resolve(timedOut), timeoutMs))),
    ]);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`Storage readiness check failed: ${reason}`, { cause: err });
  } finally {
    clearTimeout(timer);
  }
  if (outcome === timedOut) {
    throw new Error(`Storage readiness check failed: no answer within ${timeoutMs} ms.`);
  }
}
