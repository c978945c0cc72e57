/**
 * Turns any Answer into its Adaptive Card: the one entry point a channel needs.
 *
 *   const card = answerCard(engine.ask('what is 502').answer, { feedback: true, detailsCollapsed: true });
 *   await context.sendActivity(MessageFactory.attachment(answerAttachment(answer, options), renderText(answer)));
 *
 * Pure: the same Answer and options always give the same JSON. The bot's reply builder (src/bot/card-replies.ts) takes
 * both of its attachments from here, so didYouMeanAttachment is re-exported beside answerAttachment.
 */
import type { Answer } from '../knowledge/answer';
import type { AdaptiveCard, CardElement, OpenUrlAction } from './adaptive-card-types';
import { actionSets, MAX_ACTIONS_PER_SET, openUrlAction } from './card-actions';
import { cardAttachment, type AdaptiveCardAttachment } from './card-attachment';
import { classCard } from './class-card';
import { compareCard } from './compare-card';
import { withExposedSecrets } from './exposed-secrets';
import { greetingCard } from './greeting-card';
import { lookupCard } from './lookup-card';
import { networkErrorCard } from './network-error-card';
import { withPasted } from './pasted-section';
import { triageCard } from './triage-card';
import { unknownCodeCard } from './unknown-code-card';

export interface AnswerCardOptions {
  /** Add 👍/👎 buttons that send `{ action: 'feedback', reaction, id }` (see card-submit-data.ts). */
  feedback?: boolean;
  /** Lookup and compare cards: hide the details (description, all steps, references) behind "Show more". */
  detailsCollapsed?: boolean;
  /** The link to an entry's page (`/codes/502`); with it, cards about one code get an "Open page" button. */
  pageUrl?: (id: string) => string;
}

export function answerCard(answer: Answer, options: AnswerCardOptions = {}): AdaptiveCard {
  return withPageAction(
    withExposedSecrets(withPasted(cardFor(answer, options), answer.pasted), answer.exposed),
    answer,
    options.pageUrl,
  );
}

/**
 * The button that opens the code's page, a link a person can share: behind "Show more" with the references, or the
 * card's own action, under everything else, on a card without details.
 */
export const OPEN_PAGE = 'Open page';

function withPageAction(card: AdaptiveCard, answer: Answer, pageUrl: AnswerCardOptions['pageUrl']): AdaptiveCard {
  const id = answer.intent === 'lookup' ? answer.entry.id : answer.intent === 'triage' ? answer.focus?.id : undefined;
  if (!id || !pageUrl) return card;
  const link = openUrlAction(OPEN_PAGE, pageUrl(id));
  // A card with details behind "Show more" keeps the link there, beside the references: it is for reading on.
  const at = card.body.findIndex((e) => e.type === 'Container' && e.isVisible === false && !!e.id);
  const details = card.body[at];
  if (details?.type !== 'Container') return { ...card, actions: [...(card.actions ?? []), link] };
  const body = [...card.body];
  body[at] = { ...details, items: withLink(details.items, link) };
  return { ...card, body };
}

/** Adds the link to the details' row of links (the references), or as a row of its own before "Show less". */
function withLink(items: readonly CardElement[], link: OpenUrlAction): CardElement[] {
  const isLinks = (e: CardElement | undefined) =>
    e?.type === 'ActionSet' &&
    e.actions.length < MAX_ACTIONS_PER_SET &&
    e.actions.every((a) => a.type === 'Action.OpenUrl');
  const at = items.findLastIndex(isLinks);
  const links = items[at];
  if (links?.type === 'ActionSet')
    return [...items.slice(0, at), { ...links, actions: [...links.actions, link] }, ...items.slice(at + 1)];
  const last = items[items.length - 1];
  const toggle = last?.type === 'ActionSet' && last.actions.every((a) => a.type === 'Action.ToggleVisibility');
  return toggle ? [...items.slice(0, -1), ...actionSets([link]), last] : [...items, ...actionSets([link])];
}

function cardFor(answer: Answer, options: AnswerCardOptions): AdaptiveCard {
  switch (answer.intent) {
    case 'lookup':
      return lookupCard(answer, options);
    case 'compare':
      return compareCard(answer, options);
    case 'class':
      return classCard(answer, options);
    case 'unknown_code':
      return unknownCodeCard(answer, options);
    case 'network_error':
      return networkErrorCard(answer, options);
    case 'triage':
      return triageCard(answer, options);
    case 'greeting':
    case 'none':
      return greetingCard(answer, options);
  }
}

/** The card as a Bot Framework attachment, ready for MessageFactory.attachment(). */
export function answerAttachment(answer: Answer, options: AnswerCardOptions = {}): AdaptiveCardAttachment {
  return cardAttachment(answerCard(answer, options));
}

export { didYouMeanAttachment } from './did-you-mean-card';
