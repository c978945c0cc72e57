/**
 * How the bot and its dialogs speak, the one way out for what they say: send an answer, ask "did you mean", say one
 * line. The bot implements it with cards and suggested actions (src/bot/card-replies.ts) and greets through it too;
 * dialog tests implement it to read what was sent.
 */
import type { TurnContext } from 'botbuilder';
import type { Answer, EntryRef } from '../src/knowledge/answer';

export interface Replies {
  answer(context: TurnContext, answer: Answer): Promise<void>;
  didYouMean(context: TurnContext, candidates: EntryRef[], answer: Answer): Promise<void>;
  line(context: TurnContext, text: string, suggestions?: string[]): Promise<void>;
}
