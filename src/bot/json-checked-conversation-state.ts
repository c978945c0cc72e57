/**
 * botbuilder's ConversationState, telling whether a turn changed the state by comparing its JSON with the JSON it
 * had when loaded. BotState does the same through calculateChangeHash (JSON.stringify with a replacer function,
 * then SHA-256), once on load and twice on save: that hashing cost more than the state's read and write together
 * (docs/performance.md, "Throughput against the echo bot"). Same storage key, same reads and writes, same `force`.
 *
 *   const conversationState = new JsonCheckedConversationState(storage);
 */
import { ConversationState, calculateChangeHash, type TurnContext } from 'botbuilder';

type State = Record<string, unknown>;

/** The state as loaded for this turn and its JSON then (eTag left out, as BotState's hash leaves it out). */
interface Loaded {
  state: State;
  json: string;
}

export class JsonCheckedConversationState extends ConversationState {
  private readonly loadedKey = Symbol('statusbot.conversationState');

  override async load(context: TurnContext, force = false): Promise<State> {
    const loaded = context.turnState.get(this.loadedKey) as Loaded | undefined;
    if (loaded && !force) return loaded.state;
    const key = await this.storageKey(context);
    const items = await this.storage.read([key]);
    const state = (items[key] ?? {}) as State;
    context.turnState.set(this.loadedKey, { state, json: jsonOf(state) } satisfies Loaded);
    return state;
  }

  /** Writes the state if its JSON differs from what was loaded (or `force`), and takes it as the new baseline. */
  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const loaded = context.turnState.get(this.loadedKey) as Loaded | undefined;
    if (!force && (!loaded || jsonOf(loaded.state) === loaded.json)) return;
    const key = await this.storageKey(context);
    const saving: Loaded = loaded ?? { state: {}, json: '' };
    saving.state.eTag = '*';
    await this.storage.write({ [key]: saving.state });
    saving.json = jsonOf(saving.state);
    context.turnState.set(this.loadedKey, saving);
  }

  override async clear(context: TurnContext): Promise<void> {
    // An empty baseline, so the cleared state is written by the next saveChanges.
    context.turnState.set(this.loadedKey, { state: {}, json: '' } satisfies Loaded);
  }

  override async delete(context: TurnContext): Promise<void> {
    context.turnState.delete(this.loadedKey);
    const key = await this.storageKey(context);
    await this.storage.delete([key]);
  }

  override get(context: TurnContext): State | undefined {
    return (context.turnState.get(this.loadedKey) as Loaded | undefined)?.state;
  }
}

/** The state's JSON without its eTag; state that JSON cannot hold (a cycle) falls back to botbuilder's own hash. */
function jsonOf(state: State): string {
  const { eTag: _eTag, ...rest } = state;
  try {
    return JSON.stringify(rest);
  } catch {
    return `#${calculateChangeHash(state)}`;
  }
}
