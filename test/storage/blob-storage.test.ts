import type { Storage } from 'botbuilder';
import { checkStorage, createStorage } from '../../src/storage/create-storage';
import { azuriteConnectionString, findFreePort, startAzuriteBlob, type AzuriteBlob } from '../support/azurite';

// Starting Azurite takes one to three seconds; allow for a slow CI machine.
jest.setTimeout(30_000);

/** What ConversationState stores for one conversation: dialog stack plus our own small state. */
function conversationState(): Record<string, unknown> {
  return {
    DialogState: { dialogStack: [{ id: 'didYouMean', state: { options: { candidates: [502, 504] } } }] },
    statusBot: { lastCode: 502, pending: { kind: 'did-you-mean', candidates: [502, 504] } },
  };
}

// A Teams conversation id, with the ':' and '@' that BlobsStorage has to escape in blob names.
const KEY = 'msteams/conversations/19:abc123@thread.tacv2';

function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** What `promise` was rejected with (undefined when it resolved). */
async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('createStorage({ kind: "blob" }) against Azurite', () => {
  let azurite: AzuriteBlob | undefined;
  let storage: Storage;

  beforeAll(async () => {
    azurite = await startAzuriteBlob();
    storage = createStorage({ kind: 'blob', connectionString: azurite.connectionString, container: 'statusbot-state' });
  });

  afterAll(async () => {
    await azurite?.stop();
  });

  test('writes, reads and deletes conversation state', async () => {
    await storage.write({ [KEY]: { ...conversationState(), eTag: '*' } });

    const read = await storage.read([KEY, 'msteams/conversations/never-written']);
    expect(Object.keys(read)).toEqual([KEY]);
    expect(read[KEY]).toEqual({ ...conversationState(), eTag: expect.any(String) });

    await storage.delete([KEY]);
    expect(await storage.read([KEY])).toEqual({});
    await expect(storage.delete([KEY])).resolves.toBeUndefined(); // deleting a missing key is not an error
  });

  test('rejects a write with a stale eTag', async () => {
    await storage.write({ [KEY]: { ...conversationState(), eTag: '*' } });
    const stale = (await storage.read([KEY]))[KEY]?.eTag as string;
    await storage.write({ [KEY]: { ...conversationState(), turn: 2, eTag: stale } });

    await expect(storage.write({ [KEY]: { ...conversationState(), turn: 3, eTag: stale } })).rejects.toThrow(
      `Storage: error writing "${KEY}" due to eTag conflict.`,
    );
    expect((await storage.read([KEY]))[KEY]?.turn).toBe(2);
  });

  test('checkStorage succeeds while Azurite runs', async () => {
    await expect(checkStorage(storage)).resolves.toBeUndefined();
  });
});

describe('checkStorage as a readiness probe for blob storage', () => {
  let azurite: AzuriteBlob | undefined;

  afterAll(async () => {
    await azurite?.stop();
  });

  test('fails while Azurite is down, recovers once it is up, and fails again after stop()', async () => {
    // The bot starts before its storage: the store is created while nothing listens on the port.
    const port = await findFreePort();
    const storage = createStorage({
      kind: 'blob',
      connectionString: azuriteConnectionString(port),
      container: 'statusbot-probe',
    });

    const before = await failureOf(checkStorage(storage));
    expect(before).toBeInstanceOf(Error);
    expect((before as Error).message).toMatch(/^Storage readiness check failed/);

    // Azurite comes up on that port: the same storage object must work now (plain BlobsStorage would keep failing).
    azurite = await startAzuriteBlob({ port });
    await expect(checkStorage(storage)).resolves.toBeUndefined();
    await storage.write({ [KEY]: conversationState() });
    expect(Object.keys(await storage.read([KEY]))).toEqual([KEY]);

    // Azurite goes away: stop() leaves no process behind, and the probe answers "not ready".
    const { pid } = azurite;
    await azurite.stop();
    expect(isProcessRunning(pid)).toBe(false);

    const after = await failureOf(checkStorage(storage));
    expect(after).toBeInstanceOf(Error);
    expect((after as Error).message).toMatch(/^Storage readiness check failed/);
  });
});

describe('createStorage configuration errors', () => {
  test('an invalid container name is rejected at start-up with a corrected name', () => {
    expect(() =>
      createStorage({ kind: 'blob', connectionString: azuriteConnectionString(1), container: 'StatusBot_State' }),
    ).toThrow(
      'Blob container name "StatusBot_State" is not valid: use 3–63 lowercase letters, digits and single hyphens, "statusbot-state".',
    );
  });

  test('an empty connection string is rejected at start-up', () => {
    expect(() => createStorage({ kind: 'blob', connectionString: ' ', container: 'statusbot-state' })).toThrow(
      /needs a connection string/,
    );
  });

  test('an unknown kind names the valid ones', () => {
    expect(() => createStorage({ kind: 'cosmos' } as unknown as Parameters<typeof createStorage>[0])).toThrow(
      'Unknown storage kind "cosmos": use "memory" or "blob".',
    );
  });

  test('kind "memory" gives a bounded store that passes checkStorage', async () => {
    const storage = createStorage({ kind: 'memory', maxItems: 2, ttlMs: 60_000 });
    await storage.write({ a: {}, b: {}, c: {} });
    expect(Object.keys(await storage.read(['a', 'b', 'c']))).toEqual(['b', 'c']);
    await expect(checkStorage(storage)).resolves.toBeUndefined();
  });

  test('checkStorage rejects a store that never answers, after the timeout', async () => {
    const hanging: Storage = {
      read: () => new Promise(() => undefined),
      write: async () => undefined,
      delete: async () => undefined,
    };
    const failure = await failureOf(checkStorage(hanging, { timeoutMs: 100 }));
    expect((failure as Error).message).toBe('Storage readiness check failed: no answer within 100 ms.');
  });
});
