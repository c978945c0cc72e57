/**
 * "Did you mean …": offers up to three candidate codes and "None of these", then reads the click (or a typed
 * answer). Anything else the user types is handed back as a new question, never lost.
 */
import { ComponentDialog, Dialog, WaterfallDialog, type WaterfallStepContext } from './dialog-kit';
import type { Answer, EntryRef } from '../src/knowledge/answer';
import { readCardSubmit } from '../src/cards/card-submit-data';
import type { Replies } from './replies';

/** Stable ids: a deploy must not break a conversation that is waiting on this dialog. */
export const DID_YOU_MEAN_DIALOG = 'statusbot.didYouMean';
const STEPS = 'statusbot.didYouMean.steps';

export interface DidYouMeanOptions {
  candidates: EntryRef[];
  answer: Answer;
}

export type DidYouMeanResult = { chosen: string } | { noneOfThese: true } | { newQuestion: string };

export const NONE_OF_THESE = 'None of these';

export class DidYouMeanDialog extends ComponentDialog {
  constructor(private readonly replies: Replies) {
    super(DID_YOU_MEAN_DIALOG);
    this.addDialog(new WaterfallDialog(STEPS, [this.ask.bind(this), this.read.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async ask(step: WaterfallStepContext) {
    const options = step.options as DidYouMeanOptions;
    (step.values as { candidates?: EntryRef[] }).candidates = options.candidates;
    await this.replies.didYouMean(step.context, options.candidates, options.answer);
    return Dialog.EndOfTurn;
  }

  private async read(step: WaterfallStepContext) {
    const candidates = (step.values as { candidates?: EntryRef[] }).candidates ?? [];
    return step.endDialog(readChoice(step.context.activity.text ?? '', step.context.activity.value, candidates));
  }
}

/** A click carries card data; a typed reply may be the label, the code, or "none". */
export function readChoice(text: string, value: unknown, candidates: EntryRef[]): DidYouMeanResult {
  const click = readCardSubmit(value);
  if (click?.action === 'none-of-these') return { noneOfThese: true };
  if (click?.action === 'lookup') {
    const clicked = candidates.find((c) => c.id === click.id || c.code === click.code);
    if (clicked) return { chosen: clicked.id };
  }
  const typed = text
    .trim()
    .toLowerCase()
    .replace(/[.!?]+$/, '');
  if (!typed && !click) return { noneOfThese: true };
  if (['none', 'none of these', 'none of them', 'neither', 'no', 'nope'].includes(typed)) return { noneOfThese: true };
  const byText = candidates.find(
    (c) => typed === choiceLabel(c).toLowerCase() || typed === String(c.code) || typed === c.name.toLowerCase(),
  );
  if (byText) return { chosen: byText.id };
  return { newQuestion: text };
}

/** The label of a candidate button: "502 Bad Gateway", with the vendor for vendor meanings. */
export function choiceLabel(c: EntryRef): string {
  return `${c.code} ${c.name}${c.vendor ? ` (${c.vendor})` : ''}`;
}
