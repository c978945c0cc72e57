/**
 * The attachment wrappers are exactly what botbuilder's CardFactory builds, so the bot can send them as they are,
 * and they are importable from answer-card.ts, where the bot's reply builder looks for them.
 */
import { CardFactory } from 'botbuilder';
import { answerAttachment, answerCard, didYouMeanAttachment } from '../../src/cards/answer-card';
import { cardAttachment } from '../../src/cards/card-attachment';
import { didYouMeanCard } from '../../src/cards/did-you-mean-card';
import { entryRef } from '../../src/knowledge/answer';
import { ask, engine } from './engine-fixture';

test('answerAttachment matches CardFactory.adaptiveCard', () => {
  const answer = ask('what is 502');
  const card = answerCard(answer, { feedback: true });
  expect(answerAttachment(answer, { feedback: true })).toEqual(CardFactory.adaptiveCard(card));
  expect(cardAttachment(card)).toEqual({ contentType: 'application/vnd.microsoft.card.adaptive', content: card });
});

test('didYouMeanAttachment matches CardFactory.adaptiveCard', () => {
  const candidates = ['502', '504'].map((id) => entryRef(engine().table, id));
  expect(didYouMeanAttachment(candidates)).toEqual(CardFactory.adaptiveCard(didYouMeanCard(candidates)));
});
