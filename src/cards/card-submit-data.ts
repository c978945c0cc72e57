/**
 * What a click on a StatusBot card sends back: the contract between the cards and the bot's message handler.
 *
 * Channels deliver an Action.Submit click differently:
 * - Web Chat (and the Emulator) ignore `msteams` and send a message whose `value` is the whole `data` object and whose
 *   `text` is empty, so the bot must act on `value`.
 * - Teams honours `data.msteams` of type `messageBack`: the user sees `displayText` in the chat, the bot receives
 *   `text` and, as `value`, what `msteams.value` holds. We put the same payload there, so `value` carries it on both.
 * - A Submit without `msteams` (feedback, "None of these") arrives on every channel as `value` only, with no visible
 *   message, which is what a vote or a dismissal should look like.
 *
 * A bot reads any of these with readCardSubmit(activity.value):
 *
 *   const submit = readCardSubmit(context.activity.value);
 *   if (submit?.action === 'lookup') answer = engine.ask(`what is ${submit.code}`) // or use submit.id directly
 */

/** "Open this code": the entry id picks the exact meaning (499-esri, not nginx's 499). */
export interface LookupSubmitValue {
  action: 'lookup';
  code: number;
  id: string;
}

/** "Ask this question": an example or a follow-up, answered as if the user had typed `text`. */
export interface AskSubmitValue {
  action: 'ask';
  text: string;
}

export type FeedbackReaction = 'like' | 'dislike';

/** A 👍/👎 vote on one answer; `id` names the answer (see feedbackSubjectId()). */
export interface FeedbackSubmitValue {
  action: 'feedback';
  reaction: FeedbackReaction;
  id: string;
}

/** The user rejected every "did you mean" candidate. */
export interface NoneOfTheseSubmitValue {
  action: 'none-of-these';
}

export type CardSubmitValue = LookupSubmitValue | AskSubmitValue | FeedbackSubmitValue | NoneOfTheseSubmitValue;

/** Teams' messageBack: show `displayText` as the user's message, send `text` and `value` to the bot. */
export interface TeamsMessageBack {
  type: 'messageBack';
  text: string;
  displayText: string;
  value: CardSubmitValue;
}

/**
 * The `data` of an Action.Submit: the payload itself, plus the Teams messageBack when the
 * click should read as a message.
 */
export type CardSubmitData = CardSubmitValue & { msteams?: TeamsMessageBack };

/**
 * Reads a card click from `activity.value`, whichever channel sent it; undefined when the value is not one of ours
 * (a typed message, another card, a tampered payload). Never trusts the shape: `value` comes from the client.
 */
export function readCardSubmit(value: unknown): CardSubmitValue | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.action) {
    case 'lookup':
      return typeof value.code === 'number' &&
        Number.isInteger(value.code) &&
        typeof value.id === 'string' &&
        ENTRY_ID.test(value.id)
        ? { action: 'lookup', code: value.code, id: value.id }
        : undefined;
    case 'ask':
      return typeof value.text === 'string' && value.text.length > 0 && value.text.length <= MAX_ASK_LENGTH
        ? { action: 'ask', text: value.text }
        : undefined;
    case 'feedback':
      return (value.reaction === 'like' || value.reaction === 'dislike') &&
        typeof value.id === 'string' &&
        value.id.length <= MAX_ID_LENGTH
        ? { action: 'feedback', reaction: value.reaction, id: value.id }
        : undefined;
    case 'none-of-these':
      return { action: 'none-of-these' };
    default:
      // Teams may deliver the data object with our payload nested in msteams.value.
      return isRecord(value.msteams) ? readCardSubmit(value.msteams.value) : undefined;
  }
}

/** Entry ids as the table writes them: "502", "499-nginx", "460-aws-elb". */
const ENTRY_ID = /^[1-5]\d\d(-[a-z0-9-]+)?$/;
const MAX_ID_LENGTH = 100;
/** Card questions are short examples; anything longer did not come from one of our buttons. */
const MAX_ASK_LENGTH = 200;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
