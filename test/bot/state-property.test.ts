/**
 * StateProperty behaves as botbuilder's own property accessor (BotState.createProperty) does: the same operations
 * on both leave the same state, in the turn and in storage after saveChanges.
 */
import { ConversationState, MemoryStorage, TestAdapter, TurnContext, type StatePropertyAccessor } from 'botbuilder';
import { StateProperty } from '../../src/bot/state-property';

interface Memory {
  lastCode?: number;
  codes: number[];
}
const DEFAULT: Memory = { codes: [] };

/** Runs `turn` as one turn of TestAdapter's default conversation and saves conversation state afterwards. */
async function inTurn(state: ConversationState, turn: (context: TurnContext) => Promise<void>): Promise<void> {
  const adapter = new TestAdapter(async (context) => {
    await turn(context);
    await state.saveChanges(context);
  });
  await adapter.send('hi');
}

/** The same script of reads and writes, run through `property`; returns what each read saw and the stored state. */
async function script(make: (state: ConversationState) => StatePropertyAccessor<Memory>) {
  const storage = new MemoryStorage();
  const state = new ConversationState(storage);
  const property = make(state);
  const seen: unknown[] = [];
  await inTurn(state, async (context) => {
    seen.push(await property.get(context)); // nothing yet, no default: undefined, and nothing is stored
    const memory = await property.get(context, DEFAULT);
    memory.codes.push(502); // changes the copy in state, never DEFAULT
    seen.push(await property.get(context));
  });
  await inTurn(state, async (context) => {
    seen.push(await property.get(context, DEFAULT)); // read back from storage; the default is not used
    await property.set(context, { lastCode: 504, codes: [502, 504] });
  });
  await inTurn(state, async (context) => {
    seen.push(await property.get(context));
    await property.delete(context);
    seen.push(await property.get(context));
  });
  const stored = await storage.read(['test/conversations/Convo1/']);
  return { seen, stored: stripETags(stored) };
}

function stripETags(items: Record<string, unknown>): unknown {
  return JSON.parse(JSON.stringify(items, (key, value: unknown) => (key === 'eTag' ? undefined : value)));
}

describe('StateProperty', () => {
  test('reads, writes and deletes exactly as botbuilder’s accessor does', async () => {
    const ours = await script((state) => new StateProperty<Memory>(state, 'memory'));
    const theirs = await script((state) => state.createProperty<Memory>('memory'));
    expect(ours).toEqual(theirs);
    expect(ours.seen).toEqual([
      undefined,
      { codes: [502] },
      { codes: [502] },
      { lastCode: 504, codes: [502, 504] },
      undefined,
    ]);
    expect(DEFAULT).toEqual({ codes: [] });
  });

  test('a default value that is not an object is stored as it is', async () => {
    const state = new ConversationState(new MemoryStorage());
    const count = new StateProperty<number>(state, 'count');
    await inTurn(state, async (context) => {
      expect(await count.get(context, 0)).toBe(0);
      await count.set(context, 1 + (await count.get(context, 0)));
      expect(await count.get(context)).toBe(1);
    });
  });

  test('a property shares its state object with the others, so one save writes them all', async () => {
    const storage = new MemoryStorage();
    const state = new ConversationState(storage);
    const a = new StateProperty<string>(state, 'a');
    const b = state.createProperty<string>('b');
    await inTurn(state, async (context) => {
      await a.set(context, 'ours');
      await b.set(context, 'botbuilder');
    });
    await inTurn(state, async (context) => {
      expect([await a.get(context), await b.get(context)]).toEqual(['ours', 'botbuilder']);
    });
  });
});
