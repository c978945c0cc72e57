/**
 * "Did you mean …?": asked before answering when the engine is unsure (LookupAnswer.unsure), after the pattern of
 * the Bot Framework question-answering samples: up to three candidates and "None of these".
 *
 * Each candidate is a code button (the click reads like "what is 504"); "None of these" sends only
 * `{ action: 'none-of-these' }`, so the bot can apologise and offer examples without a stray message in the chat.
 */
import type { EntryRef, ExposedSecrets } from '../knowledge/answer';
import type { AdaptiveCard, SubmitAction } from './adaptive-card-types';
import { actionSets, lookupAction } from './card-actions';
import { cardAttachment, type AdaptiveCardAttachment } from './card-attachment';
import { adaptiveCard } from './card-envelope';
import type { NoneOfTheseSubmitValue } from './card-submit-data';
import { entryTitle, heading, paragraph, run } from './card-text';
import { withExposedSecrets } from './exposed-secrets';

export const MAX_DID_YOU_MEAN_CANDIDATES = 3;

export function didYouMeanCard(candidates: readonly EntryRef[], exposed?: ExposedSecrets): AdaptiveCard {
  const shown = candidates.slice(0, MAX_DID_YOU_MEAN_CANDIDATES);
  const none: NoneOfTheseSubmitValue = { action: 'none-of-these' };
  const noneAction: SubmitAction = { type: 'Action.Submit', title: 'None of these', data: none };
  const titles = shown.map(entryTitle);
  const question = shown.length ? 'Did you mean:' : 'I am not sure what you meant.';
  const card = adaptiveCard(
    [
      heading(question, { size: 'medium' }),
      ...shown.map((c, i) =>
        paragraph([run(`${entryTitle(c)}: `, { weight: 'bolder' }), run(c.summary)], {
          spacing: i === 0 ? 'default' : 'small',
        }),
      ),
      ...actionSets([...shown.map((c) => lookupAction(c)), noneAction], { spacing: 'medium' }),
    ],
    {
      fallbackText: shown.length
        ? `Did you mean ${titles.join(', ')}? Or none of these?`
        : 'I am not sure what you meant. Could you name the status code or the error text?',
      speak: shown.length ? `Did you mean ${titles.join(', or ')}?` : question,
    },
  );
  return withExposedSecrets(card, exposed);
}

/** The card as a Bot Framework attachment, ready for MessageFactory.attachment(). */
export function didYouMeanAttachment(
  candidates: readonly EntryRef[],
  exposed?: ExposedSecrets,
): AdaptiveCardAttachment {
  return cardAttachment(didYouMeanCard(candidates, exposed));
}
