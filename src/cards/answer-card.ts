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
import type { AdaptiveCard } from './adaptive-card-types';
import type { PageUrl } from './card-actions';
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
  /**
   * The link to an entry's page (`/codes/502`); with one, cards about one code get an "Open page" button, placed by
   * the card's builder: behind "Show more" beside the references, or the card's own action when nothing is hidden.
   */
  pageUrl?: PageUrl;
}

export function answerCard(answer: Answer, options: AnswerCardOptions = {}): AdaptiveCard {
  return withExposedSecrets(withPasted(cardFor(answer, options), answer.pasted), answer.exposed);
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
