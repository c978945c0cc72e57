/**
 * The "did you mean" card: up to three candidates as code buttons, then "None of these", valid for Teams.
 */
import { didYouMeanCard } from '../../src/cards/did-you-mean-card';
import { entryRef } from '../../src/knowledge/answer';
import { cardProblems, submitValues, visibleText } from './card-check';
import { ask, corpusQuestions, engine } from './engine-fixture';

const refs = (...ids: string[]) => ids.map((id) => entryRef(engine().table, id));

test('offers at most three candidates and "None of these"', () => {
  const card = didYouMeanCard(refs('502', '504', '499-nginx', '503'));
  expect(cardProblems(card)).toEqual([]);
  expect(card.body[0]).toMatchObject({ type: 'TextBlock', style: 'heading', text: 'Did you mean:' });
  expect(submitValues(card)).toEqual([
    { action: 'lookup', code: 502, id: '502' },
    { action: 'lookup', code: 504, id: '504' },
    { action: 'lookup', code: 499, id: '499-nginx' },
    { action: 'none-of-these' },
  ]);
  expect(visibleText(card)).toContain('499 Client Closed Request (nginx)');
  expect(card.fallbackText).toBe(
    'Did you mean 502 Bad Gateway, 504 Gateway Timeout, 499 Client Closed Request (nginx)? Or none of these?',
  );
});

test('"None of these" posts no message: it carries no messageBack', () => {
  const card = didYouMeanCard(refs('401'));
  const none = JSON.stringify(card).match(/\{"type":"Action.Submit","title":"None of these","data":(\{[^}]*\})\}/);
  expect(none?.[1]).toBe('{"action":"none-of-these"}');
});

test('the candidates of every unsure answer in the corpus make a valid card', () => {
  const unsure = corpusQuestions()
    .map(({ q }) => ask(q))
    .flatMap((a) => (a.intent === 'lookup' && a.unsure ? [a] : []));
  expect(unsure.length).toBeGreaterThan(0);
  for (const answer of unsure) {
    const card = didYouMeanCard([entryRef(engine().table, answer.entry.id), ...answer.alternatives]);
    expect(cardProblems(card)).toEqual([]);
    expect(submitValues(card).at(-1)).toEqual({ action: 'none-of-these' });
  }
});

test('with no candidates it still asks, and only offers "None of these"', () => {
  const card = didYouMeanCard([]);
  expect(cardProblems(card)).toEqual([]);
  expect(submitValues(card)).toEqual([{ action: 'none-of-these' }]);
});
