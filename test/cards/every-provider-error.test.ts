/**
 * A lookup card for every provider error of data/provider-errors/: valid 1.5, under Teams' size limit, the provider's
 * meaning first (its title, the status it comes with, its summary), then the status's own entry. Each part a
 * follow-up asks for keeps the provider's heading. A new row in data/ is covered without touching this file.
 */
import { answerCard } from '../../src/cards/answer-card';
import { escapeMarkdown } from '../../src/cards/card-text';
import type { Focus } from '../../src/knowledge/conversation-lexicon';
import type { LookupAnswer } from '../../src/knowledge/answer';
import { cardBytes, cardProblems, visibleText } from './card-check';
import { engine } from './engine-fixture';

const errors = engine().table.providerErrors;

function answerFor(id: string, focus: Focus = 'overview'): LookupAnswer {
  const error = engine().table.providerError(id);
  if (!error) throw new Error(`no provider error ${id}`);
  const understanding = { ...engine().lookup(error.statusId, focus), providerError: id };
  return engine().answer(understanding) as LookupAnswer;
}

test('the table has provider errors to check', () => {
  expect(errors.length).toBeGreaterThan(200);
});

describe.each(errors.map((e) => e.id))('provider error %s', (id) => {
  const answer = answerFor(id);
  const pe = answer.providerError;

  test('the answer carries it, with its provider named', () => {
    expect(pe?.id).toBe(id);
    expect(pe?.providerName).toBe(engine().table.provider(pe?.provider ?? '')?.name);
  });

  test("a valid 1.5 card under the size limit, the provider's meaning before the status", () => {
    const card = answerCard(answer, { feedback: true, detailsCollapsed: true });
    expect(cardProblems(card)).toEqual([]);
    expect(card.version).toBe('1.5');
    expect(cardBytes(card)).toBeLessThan(28_000);
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', style: 'heading', text: escapeMarkdown(pe?.title ?? '') });
    const text = visibleText(card);
    expect(text).toContain(pe?.summary);
    expect(text.indexOf(pe?.summary ?? '')).toBeLessThan(text.indexOf(answer.entry.summary));
    expect(card.fallbackText?.split('\n')[0]).toContain(`${answer.entry.code} ${answer.entry.name}`);
  });

  test.each<Focus>(['fix', 'cause', 'retry', 'server'])(
    "the %s part keeps the provider's heading and stays valid",
    (focus) => {
      const card = answerCard(answerFor(id, focus));
      expect(cardProblems(card)).toEqual([]);
      expect(card.body[0]).toMatchObject({ style: 'heading', text: escapeMarkdown(pe?.title ?? '') });
    },
  );
});
