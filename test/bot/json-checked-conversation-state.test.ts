/**
 * JsonCheckedConversationState does what botbuilder's ConversationState does, turn for turn: the same scripts of
 * loads, changes, saves, clears and deletes leave the same state in the turn, the same items in storage and the
 * same writes; a turn that changed nothing writes nothing, and one that changed anything (however deep) writes it.
 */
import { ConversationState, MemoryStorage, TestAdapter, TurnContext, type StoreItems, type Storage } from 'botbuilder';
import { JsonCheckedConversationState } from '../../src/bot/json-checked-conversation-state';

type State = Record<string, unknown>;

/** MemoryStorage that records what each write was asked to store (eTags left out). */
class RecordingStorage extends MemoryStorage {
  readonly writes: unknown[] = [];
  override async write(changes: StoreItems): Promise<void> {
    this.writes.push(withoutETags(changes));
    return super.write(changes);
  }
}

function withoutETags(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'eTag' ? undefined : v)));
}

const KEY = 'test/conversations/Convo1/';

/** One step of a turn; `seen` collects what the step reads. */
type Step = (state: ConversationState, context: TurnContext, seen: unknown[]) => Promise<void>;

const load: Step = async (state, context, seen) => void seen.push(withoutETags(await state.load(context)));
const set =
  (name: string, value: unknown): Step =>
  async (state, context) => {
    (await state.load(context))[name] = value;
  };
const save: Step = async (state, context) => state.saveChanges(context);
const forceSave: Step = async (state, context) => state.saveChanges(context, true);

/** Runs `turns` (each a list of steps, then saveChanges as StatusBot.run does) against a fresh store. */
async function play(make: (storage: Storage) => ConversationState, turns: Step[][], seed?: State) {
  const storage = new RecordingStorage();
  if (seed) await storage.write({ [KEY]: { ...seed, eTag: '*' } });
  storage.writes.length = 0;
  const state = make(storage);
  const seen: unknown[] = [];
  for (const steps of turns) {
    const adapter = new TestAdapter(async (context) => {
      for (const step of steps) await step(state, context, seen);
      await state.saveChanges(context);
      seen.push(withoutETags(state.get(context) ?? null));
    });
    await adapter.send('hi');
  }
  const stored = withoutETags(await storage.read([KEY]));
  return { seen, stored, writes: storage.writes };
}

const ours = (storage: Storage) => new JsonCheckedConversationState(storage);
const theirs = (storage: Storage) => new ConversationState(storage);

const SCRIPTS: Record<string, { turns: Step[][]; seed?: State; writes: number }> = {
  'a turn that only reads': { turns: [[load]], writes: 0 },
  'a turn that reads stored state and changes nothing': {
    turns: [[load]],
    seed: { memory: { lastIds: ['502'] } },
    writes: 0,
  },
  'a turn that sets a value equal to the stored one': {
    turns: [[set('memory', { lastIds: ['502'] })]],
    seed: { memory: { lastIds: ['502'] } },
    writes: 0,
  },
  'a turn that changes a value and changes it back': {
    turns: [[set('memory', { lastIds: ['504'] }), set('memory', { lastIds: ['502'] })]],
    seed: { memory: { lastIds: ['502'] } },
    writes: 0,
  },
  'a first turn that sets a value': { turns: [[set('memory', { lastIds: ['502'] })]], writes: 1 },
  'a turn that changes a stored value': {
    turns: [[set('memory', { lastIds: ['504'] })]],
    seed: { memory: { lastIds: ['502'] } },
    writes: 1,
  },
  'a turn that changes something deep inside (a dialog stack pushed in place)': {
    turns: [
      [
        async (state, context) => {
          const loaded = await state.load(context);
          (loaded.dialogState as { dialogStack: unknown[] }).dialogStack.push({ id: 'statusbot.main' });
        },
      ],
    ],
    seed: { dialogState: { dialogStack: [] } },
    writes: 1,
  },
  'a turn that deletes a property': {
    turns: [
      [
        async (state, context) => {
          delete (await state.load(context)).memory;
        },
      ],
    ],
    seed: { memory: { lastIds: ['502'] }, answered: { recent: ['502'] } },
    writes: 1,
  },
  'a key order change only': {
    turns: [
      [
        async (state, context) => {
          const loaded = await state.load(context);
          const memory = loaded.memory;
          delete loaded.memory;
          loaded.memory = memory;
        },
      ],
    ],
    seed: { memory: { lastIds: ['502'] }, answered: { recent: ['502'] } },
    writes: 1,
  },
  'only the eTag changed': {
    turns: [
      [
        async (state, context) => {
          (await state.load(context)).eTag = 'something else';
        },
      ],
    ],
    seed: { memory: { lastIds: ['502'] } },
    writes: 0,
  },
  'saved twice in one turn after one change': {
    turns: [[set('memory', { lastIds: ['504'] }), save, save]],
    writes: 1,
  },
  'a change after a save in the same turn': {
    turns: [[set('memory', { lastIds: ['504'] }), save, set('memory', { lastIds: ['503'] })]],
    writes: 2,
  },
  'forced with nothing loaded': { turns: [[forceSave]], writes: 1 },
  'forced after a load with no change': { turns: [[load, forceSave]], seed: { memory: { lastIds: [] } }, writes: 1 },
  cleared: {
    turns: [[async (state, context) => state.clear(context)]],
    seed: { memory: { lastIds: ['502'] } },
    writes: 1,
  },
  'deleted, then read again': {
    turns: [[load, async (state, context) => state.delete(context), load]],
    seed: { memory: { lastIds: ['502'] } },
    writes: 0,
  },
  'force-reloaded after a change': {
    turns: [
      [
        set('memory', { lastIds: ['504'] }),
        async (state, context, seen) => void seen.push(await state.load(context, true)),
      ],
    ],
    seed: { memory: { lastIds: ['502'] } },
    writes: 0,
  },
  'several turns': {
    turns: [[set('memory', { lastIds: ['502'] })], [load], [set('memory', { lastIds: ['504'] })], [load]],
    writes: 2,
  },
};

describe('JsonCheckedConversationState', () => {
  test.each(Object.entries(SCRIPTS))('%s: as ConversationState does', async (_name, { turns, seed, writes }) => {
    const mine = await play(ours, turns, seed);
    const reference = await play(theirs, turns, seed);
    expect(mine).toEqual(reference);
    expect(mine.writes).toHaveLength(writes);
  });

  test('a cycle in state (which JSON cannot hold) is seen as a change and fails the write, as with botbuilder’s', async () => {
    for (const make of [ours, theirs]) {
      const storage = new RecordingStorage();
      const state = make(storage);
      const adapter = new TestAdapter(async (context) => {
        const cyclic: State = {};
        cyclic.self = cyclic;
        (await state.load(context)).cyclic = cyclic;
        await state.saveChanges(context);
      });
      await expect(adapter.send('hi')).rejects.toThrow(/circular/);
      expect(storage.writes).toHaveLength(0);
    }
  });

  test('state is kept per turn: a second conversation does not see the first one’s', async () => {
    const storage = new RecordingStorage();
    const state = ours(storage);
    const first = new TestAdapter(async (context) => {
      (await state.load(context)).memory = { lastIds: ['502'] };
      await state.saveChanges(context);
    });
    await first.send('hi');
    const other = new TestAdapter(
      async (context) => {
        expect(await state.load(context)).toEqual({});
      },
      { channelId: 'test', conversation: { id: 'Convo2', isGroup: false, conversationType: '', name: '' } } as never,
    );
    await other.send('hi');
    expect(Object.keys(withoutETags(await storage.read([KEY, 'test/conversations/Convo2/'])) as State)).toEqual([KEY]);
  });
});
