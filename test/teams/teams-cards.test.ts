/**
 * The Teams-only cards, for every entry of the table: the card a search result inserts into a message (a valid 1.5
 * card with no button that needs the bot) and its thumbnail preview (code and name, summary, a tap that selects it).
 * The cards the bot sends in chat are checked in test/cards/; the same checker (card-check.ts) runs here.
 */
import { previewAttachment, resultAttachment, selectedItemResponse } from '../../src/teams/search-results';
import { sharedAnswerCard } from '../../src/teams/shared-answer-card';
import { searchStatuses } from '../../src/teams/status-search';
import { cardActions, cardProblems, visibleText } from '../cards/card-check';
import { ask, engine } from '../cards/engine-fixture';

const ids = engine().table.entries.map((e) => e.id);

describe.each(ids)('entry %s', (id) => {
  const entry = engine().table.entry(id)!;

  test('its shared card is valid 1.5, names it, and has no bot buttons', () => {
    const card = sharedAnswerCard(engine().answer(engine().lookup(id)));
    expect(cardProblems(card)).toEqual([]);
    expect(visibleText(card)).toContain(`${entry.code} ${entry.name}`);
    expect(visibleText(card)).toContain(entry.summary);
    expect(cardActions(card).map((a) => a.type)).not.toContain('Action.Submit');
    expect(JSON.stringify(card)).not.toMatch(/"feedback"/);
  });

  test('its preview is a thumbnail with code, name and summary that selects it', () => {
    const preview = previewAttachment(engine(), id);
    expect(preview.contentType).toBe('application/vnd.microsoft.card.thumbnail');
    expect(preview.content.title).toBe(`${entry.code} ${entry.name}`);
    expect(preview.content.text).toBe(entry.summary);
    expect(preview.content.tap).toEqual({ type: 'invoke', value: { id } });
    expect(
      selectedItemResponse(engine(), preview.content.tap.value).composeExtension?.attachments?.[0]?.content,
    ).toEqual(resultAttachment(engine(), id).content);
  });

  test('searching its number finds it', () => {
    expect(searchStatuses(engine(), String(entry.code))).toContain(id);
  });
});

test('the shared card of other answers keeps links and "Show more" but drops bot buttons', () => {
  for (const question of ['401 vs 403', 'what are 5xx errors', 'what is 499', 'what is 601']) {
    const card = sharedAnswerCard(ask(question));
    expect([question, cardProblems(card)]).toEqual([question, []]);
    expect(cardActions(card).map((a) => a.type)).not.toContain('Action.Submit');
  }
  const lookup = cardActions(sharedAnswerCard(ask('what is 502'))).map((a) => a.type);
  expect(lookup).toContain('Action.OpenUrl');
  expect(lookup).toContain('Action.ToggleVisibility');
});
