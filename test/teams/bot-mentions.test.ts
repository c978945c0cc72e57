/**
 * withoutBotMentions(): every mention of the bot leaves the text, other people's stay, the layout of the rest is kept.
 * Teams' own shapes: `\r\n` line breaks, the mention at the start, twice, or with no `text` on the entity.
 */
import fc from 'fast-check';
import { botMentionTexts, withoutBotMentions } from '../../src/teams/bot-mentions';

const BOT_ID = '28:bot-app-id';
const bot = (text = '<at>StatusBot</at>') => ({ type: 'mention', text, mentioned: { id: BOT_ID, name: 'StatusBot' } });
const alice = { type: 'mention', text: '<at>Alice</at>', mentioned: { id: '29:alice', name: 'Alice' } };

test.each([
  ['<at>StatusBot</at> what is 502', [bot()], 'what is 502'],
  ['\r\n<at>StatusBot</at> what is 502\r\n', [bot()], 'what is 502'],
  ['<at>StatusBot</at> 401 vs 403 <at>StatusBot</at>', [bot()], '401 vs 403'],
  ['<at>StatusBot</at> 401 vs 403 <at>StatusBot</at>', [bot(), bot()], '401 vs 403'],
  ['hey <at>StatusBot</at> what is 502', [bot()], 'hey what is 502'],
  ['hey <at>StatusBot</at>   what is 502', [bot()], 'hey what is 502'],
  ['<at>StatusBot</at> <at>Alice</at> sees 503', [bot(), alice], '<at>Alice</at> sees 503'],
  ['<at>Alice</at> sees 503', [alice], '<at>Alice</at> sees 503'],
  ['<at>StatusBot</at>\r\nline one 502\r\n  indented line 504', [bot()], 'line one 502\n  indented line 504'],
  ['<at>Status Bot (prod)</at> what is 404', [bot('<at>Status Bot (prod)</at>')], 'what is 404'],
  ['what is 429', [], 'what is 429'],
])('%j → %j', (text, entities, expected) => {
  expect(withoutBotMentions(text, entities, BOT_ID)).toBe(expected);
});

test('a mention entity without text is matched by the mentioned name', () => {
  const entity = { type: 'mention', mentioned: { id: BOT_ID, name: 'StatusBot' } };
  expect(withoutBotMentions('<at>StatusBot</at> what is 500', [entity], BOT_ID)).toBe('what is 500');
});

test('without a bot id or entities nothing is removed', () => {
  expect(withoutBotMentions('<at>StatusBot</at> hi', [bot()], undefined)).toBe('<at>StatusBot</at> hi');
  expect(withoutBotMentions('<at>StatusBot</at> hi', undefined, BOT_ID)).toBe('<at>StatusBot</at> hi');
});

test('mention texts are found case-insensitively by entity type, longest first, once each', () => {
  const entities = [
    bot(),
    { ...bot('<at>StatusBot Prod</at>'), type: 'Mention' },
    bot(),
    alice,
    { type: 'clientInfo' },
    null,
    'junk',
  ];
  expect(botMentionTexts(entities, BOT_ID)).toEqual(['<at>StatusBot Prod</at>', '<at>StatusBot</at>']);
});

test('no bot mention survives, whatever surrounds it', () => {
  const word = fc.stringMatching(/^[a-z0-9<>/@ ]{0,12}$/);
  fc.assert(
    fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (words) => {
      const text = words.join('<at>StatusBot</at>');
      expect(withoutBotMentions(text, [bot()], BOT_ID)).not.toContain('<at>StatusBot</at>');
    }),
  );
});
