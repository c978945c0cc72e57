/**
 * engine.compare(ids, focus, situation): a comparison of entries chosen by id (the MCP compare tool) is understood and
 * answered as the chat understands "401 vs 403", and "which one?" with a situation recommends what the chat
 * recommends after it.
 */
import type { CompareAnswer } from '../../src/knowledge/answer';
import { engine } from './fixture';

describe('engine.compare', () => {
  it.each<[string, string[]]>([
    ['401 vs 403', ['401', '403']],
    ['301 vs 308', ['301', '308']],
    ['502 vs 504', ['502', '504']],
    ['429 or 503?', ['429', '503']],
    ['difference between 500, 502 and 504', ['500', '502', '504']],
  ])('answers %j as the chat does', (text, ids) => {
    const asked = engine().ask(text);
    expect(asked.understanding).toMatchObject({ intent: 'compare', ids });
    expect(engine().answer(engine().compare(ids))).toEqual(asked.answer);
  });

  it.each<[string, string]>([
    ['the session token expired', '401'],
    ['the user is signed in but lacks the admin role', '403'],
  ])('recommends for %j what the chat recommends after "which one should I use?"', (situation, id) => {
    const compared = engine().compare(['401', '403'], 'which', situation);
    const chat = engine().understand(`which one should I use when ${situation}?`, { ids: ['401', '403'] });
    expect(chat).toMatchObject({ intent: 'follow_up', focus: 'which', recommended: id });
    expect(compared).toMatchObject({ intent: 'compare', focus: 'which', recommended: id });
    expect((engine().answer(compared) as CompareAnswer).lead).toMatch(new RegExp(`^For what you describe, use ${id} `));
  });

  it.each(['', '   ', 'the weather is nice today'])(
    'recommends nothing for the situation %j, and says when to use each',
    (situation) => {
      const compared = engine().compare(['401', '403'], 'which', situation);
      expect(compared.recommended).toBeUndefined();
      expect((engine().answer(compared) as CompareAnswer).lead).toMatch(
        /^It depends on the situation: 401 Unauthorized when .* 403 Forbidden when /,
      );
    },
  );

  it('recommends nothing without "which" (counter-example), whatever the situation', () => {
    const compared = engine().compare(['401', '403'], 'overview', 'the session token expired');
    expect(compared.focus).toBe('overview');
    expect(compared).not.toHaveProperty('recommended');
  });

  it('keeps vendor meanings and names their vendors', () => {
    expect(engine().compare(['499-nginx', '499-esri'])).toMatchObject({
      codes: [499, 499],
      ids: ['499-nginx', '499-esri'],
      vendors: ['nginx', 'esri'],
    });
  });

  it('throws for an id the table does not have', () => {
    expect(() => engine().compare(['401', '4033'])).toThrow('No entry "4033" in the status table');
  });
});
