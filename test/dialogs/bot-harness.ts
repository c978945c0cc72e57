/**
 * The real StatusBot in-process for dialog tests: the real engine, the app's conversation state over the bounded memory store,
 * and botbuilder's TestAdapter in front (no HTTP). Plus readers for what the bot sent: the Adaptive Card, its heading
 * and all of its visible text.
 *
 *   const { adapter } = botUnderTest();
 *   await adapter.send('what is 502').assertReply((reply) => expect(cardTitle(reply)).toBe('502 Bad Gateway'));
 */
import { ConversationState, TestAdapter, type Activity, type Storage } from 'botbuilder';
import { JsonCheckedConversationState } from '../../src/bot/json-checked-conversation-state';
import { DIALOG_STATE_PROPERTY, StatusBot } from '../../src/bot/status-bot';
import { EMPTY_MEMORY, planReply } from '../../src/conversation/plan-reply';
import { ASK_BELOW } from '../../src/knowledge/understanding';
import type { EntryRef } from '../../src/knowledge/answer';
import { StatusEngine } from '../../src/knowledge/engine';
import { BoundedMemoryStorage } from '../../src/storage/bounded-memory-storage';

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

let shared: StatusEngine | undefined;

/** The engine over the real `data/`, loaded once per test file (loading takes a few hundred milliseconds). */
export function engine(): StatusEngine {
  shared ??= StatusEngine.load();
  return shared;
}

export interface BotUnderTest {
  adapter: TestAdapter;
  bot: StatusBot;
  storage: Storage;
  conversationState: ConversationState;
}

/**
 * A fresh bot with its own conversation state. Pass the `storage` of an earlier one to play a second instance (or a
 * restarted process) that shares the state store.
 */
export function botUnderTest(storage: Storage = new BoundedMemoryStorage({ maxItems: 100 })): BotUnderTest {
  const conversationState = new JsonCheckedConversationState(storage);
  const bot = new StatusBot(engine(), conversationState);
  const adapter = new TestAdapter((context) => bot.run(context));
  return { adapter, bot, storage, conversationState };
}

/** The storage key of TestAdapter's default conversation ("Convo1" on the "test" channel; ConversationState's namespace is empty). */
export const TEST_CONVERSATION_KEY = 'test/conversations/Convo1/';

export type CardJson = Record<string, unknown> & { version?: string; body?: unknown[]; actions?: unknown[] };

/** The Adaptive Card a reply carries, or undefined. */
export function cardOf(reply: Partial<Activity>): CardJson | undefined {
  return reply.attachments?.find((a) => a.contentType === ADAPTIVE_CARD)?.content as CardJson | undefined;
}

/** The card's heading: the text of its first TextBlock. */
export function cardTitle(reply: Partial<Activity>): string | undefined {
  const first = cardOf(reply)?.body?.find((e) => (e as { type?: string }).type === 'TextBlock') as
    { text?: string } | undefined;
  return first?.text;
}

/** Every visible string of a card: TextBlocks, TextRuns, action titles and facts. */
export function cardText(reply: Partial<Activity>): string {
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      for (const key of ['text', 'title', 'value']) if (typeof o[key] === 'string') parts.push(o[key] as string);
      for (const [key, v] of Object.entries(o)) if (key !== 'data' && typeof v === 'object') walk(v);
    }
  };
  walk(cardOf(reply)?.body);
  walk(cardOf(reply)?.actions);
  return parts.join('\n');
}

/** What the user can read of a reply: its text (Markdown for channels without cards) and its card. */
export function visibleText(reply: Partial<Activity>): string {
  return [reply.text ?? '', cardText(reply)].join('\n');
}

/** The Action.Submit buttons of a card, with the data a click sends back as the activity value. */
export function submitActions(reply: Partial<Activity>): Array<{ title: string; data: Record<string, unknown> }> {
  const found: Array<{ title: string; data: Record<string, unknown> }> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Submit') found.push({ title: String(o.title), data: o.data as Record<string, unknown> });
      else for (const v of Object.values(o)) if (typeof v === 'object') walk(v);
    }
  };
  walk(cardOf(reply)?.body);
  walk(cardOf(reply)?.actions);
  return found;
}

/** A message activity carrying a card click: what Web Chat sends for an Action.Submit (value set, no text). */
export function click(value: Record<string, unknown>): Partial<Activity> {
  return { type: 'message', value };
}

// === "Did you mean"

/** Vague symptoms, any of which may leave the engine unsure; the first one that does is the test's message. */
const VAGUE_PHRASINGS = [
  'access problem',
  'login fails',
  'the api is down',
  'service is down',
  'upstream error',
  'error from the backend',
  'server says no',
  'blocked',
  'the page does not load',
  'something is wrong with the gateway',
  'the server is slow',
  'request rejected',
];

export interface VagueMessage {
  text: string;
  candidates: EntryRef[];
}

/** Searches the phrasings with the real engine for one it is unsure about (confidence < 0.6, with alternatives). */
export function findVagueMessage(): VagueMessage {
  for (const text of VAGUE_PHRASINGS) {
    const understanding = engine().understand(text);
    if (
      understanding.intent !== 'lookup' ||
      understanding.confidence >= ASK_BELOW ||
      understanding.alternatives.length === 0
    )
      continue;
    const plan = planReply(engine(), text, undefined, EMPTY_MEMORY);
    if (plan.kind === 'did-you-mean' && plan.candidates.length >= 2) return { text, candidates: plan.candidates };
  }
  throw new Error(
    `None of these messages leaves the engine unsure any more; add a vaguer one to VAGUE_PHRASINGS: ${VAGUE_PHRASINGS.join(' | ')}`,
  );
}

/** The stored ids of every dialog on the stack, outermost first (component dialogs keep their own stacks inside). */
export function stackIds(dialogState: unknown): string[] {
  const ids: string[] = [];
  const walk = (state: unknown): void => {
    const stack =
      (state as { dialogStack?: Array<{ id: string; state?: { dialogs?: unknown } }> } | undefined)?.dialogStack ?? [];
    for (const instance of stack) {
      ids.push(instance.id);
      walk(instance.state?.dialogs);
    }
  };
  walk(dialogState);
  return ids;
}

/** The dialog stack a conversation's stored state holds (empty when no dialog is waiting). */
export async function storedStack(storage: Storage, key: string = TEST_CONVERSATION_KEY): Promise<string[]> {
  const stored = (await storage.read([key]))[key] as Record<string, unknown> | undefined;
  return stackIds(stored?.[DIALOG_STATE_PROPERTY]);
}
