/**
 * A lookup card for every entry of the table: valid, under Teams' size limit, naming the code and its current name,
 * with buttons that open the right codes. A new entry in data/ is covered without touching this file.
 */
import { answerCard } from '../../src/cards/answer-card';
import { lookupQuestion } from '../../src/cards/card-actions';
import { escapeMarkdown } from '../../src/cards/card-text';
import { relatedEntryId, RETRY_LABEL } from '../../src/cards/entry-sections';
import { renderText } from '../../src/render/render-text';
import { cardBytes, cardProblems, submitValues, visibleText } from './card-check';
import { engine, lookupAnswerFor } from './engine-fixture';

const ids = engine().table.entries.map((e) => e.id);

test('the table has entries to check', () => {
  expect(ids.length).toBeGreaterThan(90);
});

describe.each(ids)('entry %s', (id) => {
  const answer = lookupAnswerFor(id);
  const entry = answer.entry;
  const card = answerCard(answer, { feedback: true, detailsCollapsed: true });

  test('makes a valid 1.5 card under the size limit', () => {
    expect(cardProblems(card)).toEqual([]);
    expect(card.version).toBe('1.5');
    expect(cardBytes(card)).toBeLessThan(28_000);
    expect(cardProblems(answerCard(answer))).toEqual([]);
  });

  test('names the code and its current name in the heading, the JSON and the fallback', () => {
    const title = `${entry.code} ${entry.name}${entry.vendorName ? ` (${entry.vendorName})` : ''}`;
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', style: 'heading', text: escapeMarkdown(title) });
    expect(JSON.stringify(card)).toContain(`${entry.code} ${entry.name}`);
    expect(card.fallbackText).toContain(`${entry.code} ${entry.name}`);
    expect(visibleText(card)).toContain(entry.summary);
  });

  test('related and other-meaning buttons open codes that exist, exactly', () => {
    const lookups = submitValues(card).flatMap((v) => (v?.action === 'lookup' ? [v] : []));
    for (const r of entry.related.slice(0, 4)) {
      expect(lookups).toContainEqual({ action: 'lookup', code: r.code, id: relatedEntryId(r) });
      expect(engine().table.entry(relatedEntryId(r))?.code).toBe(r.code);
    }
    for (const m of answer.otherMeanings) expect(lookups).toContainEqual({ action: 'lookup', code: m.code, id: m.id });
    for (const l of lookups) expect(engine().table.entry(l.id)?.code).toBe(l.code);
  });

  test('the question a button sends finds this very entry', () => {
    expect(engine().ask(lookupQuestion(entry)).answer).toMatchObject({ intent: 'lookup', entry: { id } });
  });

  test('feedback names the entry', () => {
    expect(submitValues(card).filter((v) => v?.action === 'feedback')).toEqual([
      { action: 'feedback', reaction: 'like', id },
      { action: 'feedback', reaction: 'dislike', id },
    ]);
  });

  test("says the retry verdict in the text renderer's words", () => {
    expect(renderText(answer, 'plain')).toContain(`Retry: ${RETRY_LABEL[entry.retry.when]}.`);
    expect(visibleText(card)).toContain(`${RETRY_LABEL[entry.retry.when]}.`);
  });
});
