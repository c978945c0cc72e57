/**
 * The answer card as it goes into a message a person sends to colleagues (the compose-box search inserts it).
 *
 * That message is the person's, in a chat the bot may not be in: a click on a bot button ("What is 504?", 👍) would
 * go to StatusBot through an invoke nobody sees answered. So the card keeps everything that works on its own (the
 * text, "Show more", links to the references) and drops the Action.Submit buttons and row clicks, and any button row
 * left empty, with its label.
 *
 *   const card = sharedAnswerCard(engine.answer(engine.lookup('502')));
 */
import { answerCard } from '../cards/answer-card';
import type { AdaptiveCard, CardAction, CardElement, Column } from '../cards/adaptive-card-types';
import type { PageUrl } from '../cards/card-actions';
import type { Answer } from '../knowledge/answer';

/** `pageUrl`: the code page's absolute link (CodePageLinks.absolute), for "Open page": it works in anyone's client. */
export function sharedAnswerCard(answer: Answer, pageUrl?: PageUrl): AdaptiveCard {
  const card = answerCard(answer, { feedback: false, detailsCollapsed: true, pageUrl });
  return { ...card, body: withoutBotActions(card.body) };
}

function withoutBotActions(elements: readonly CardElement[]): CardElement[] {
  const kept: CardElement[] = [];
  for (const element of elements) {
    switch (element.type) {
      case 'ActionSet': {
        const actions = element.actions.filter(worksWithoutBot);
        if (actions.length) kept.push({ ...element, actions });
        break;
      }
      case 'Container': {
        const { selectAction, ...rest } = element;
        kept.push({
          ...rest,
          items: withoutBotActions(element.items),
          ...(selectAction && worksWithoutBot(selectAction) ? { selectAction } : {}),
        });
        break;
      }
      case 'ColumnSet': {
        const { selectAction, ...rest } = element;
        const columns = element.columns.map(columnWithoutBotActions);
        // A column left empty held only bot buttons ("Related  504 503"): the row's label goes with them.
        if (columns.some((c, i) => !c.items.length && element.columns[i]?.items.length)) break;
        kept.push({ ...rest, columns, ...(selectAction && worksWithoutBot(selectAction) ? { selectAction } : {}) });
        break;
      }
      default:
        kept.push(element);
    }
  }
  return kept;
}

function columnWithoutBotActions(column: Column): Column {
  const { selectAction, ...rest } = column;
  return {
    ...rest,
    items: withoutBotActions(column.items),
    ...(selectAction && worksWithoutBot(selectAction) ? { selectAction } : {}),
  };
}

/** Links and show/hide run in the reader's client; a submit needs the bot. */
function worksWithoutBot(action: Pick<CardAction, 'type'>): boolean {
  return action.type !== 'Action.Submit';
}
