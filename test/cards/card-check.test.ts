/**
 * The card checker must fail bad cards, or every other card test passes for nothing. Each case breaks one rule of a
 * valid card and expects the checker to name it.
 */
import type { AdaptiveCard } from '../../src/cards/adaptive-card-types';
import { cardProblems } from './card-check';

const lookup504 = {
  type: 'Action.Submit',
  title: '504 Gateway Timeout',
  data: {
    action: 'lookup',
    code: 504,
    id: '504',
    msteams: {
      type: 'messageBack',
      text: 'what is 504',
      displayText: 'what is 504',
      value: { action: 'lookup', code: 504, id: '504' },
    },
  },
};

function validCard(): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    fallbackText: '502 Bad Gateway',
    body: [
      { type: 'TextBlock', text: '502 Bad Gateway', wrap: true, style: 'heading' },
      { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'Accept: */* and <length> stay literal here.' }] },
      {
        type: 'Container',
        id: 'details',
        isVisible: false,
        items: [{ type: 'TextBlock', text: 'Details', wrap: true }],
      },
      {
        type: 'ActionSet',
        actions: [lookup504, { type: 'Action.ToggleVisibility', title: 'Show more', targetElements: ['details'] }],
      },
    ],
  };
}

/** Deliberately malformed cards are plain objects; the checker takes them as the card type it guards. */
function check(card: Record<string, unknown>): string[] {
  return cardProblems(card as unknown as AdaptiveCard);
}

function withBody(...extra: unknown[]): Record<string, unknown> {
  const card = validCard();
  return { ...card, body: [...(card.body as unknown[]), ...extra] };
}

describe('card checker', () => {
  test('passes a valid card', () => {
    expect(check(validCard())).toEqual([]);
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['a version other than 1.5', { ...validCard(), version: '1.6' }, /version is 1\.6/],
    [
      'Action.Execute',
      withBody({ type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Go', verb: 'go' }] }),
      /Action\.Execute is not allowed/,
    ],
    ['a Table', withBody({ type: 'Table', columns: [{ width: 1 }], rows: [] }), /element type Table is not allowed/],
    ['an unknown element', withBody({ type: 'Carousel', pages: [] }), /Unknown element type|not allowed/],
    [
      'a misspelt property',
      withBody({ type: 'TextBlock', text: 'x', wrap: true, wieght: 'bolder' }),
      /wieght was dropped/,
    ],
    ['a TextBlock without wrap', withBody({ type: 'TextBlock', text: 'x' }), /without wrap/],
    [
      'unescaped Markdown in a TextBlock',
      withBody({ type: 'TextBlock', text: 'Accept: */*', wrap: true }),
      /unescaped Markdown/,
    ],
    [
      'six buttons in one set',
      withBody({ type: 'ActionSet', actions: Array.from({ length: 6 }, () => lookup504) }),
      /6 actions, over 5/,
    ],
    [
      'a toggle with no target',
      withBody({
        type: 'ActionSet',
        actions: [{ type: 'Action.ToggleVisibility', title: 'More', targetElements: ['nowhere'] }],
      }),
      /"nowhere" does not exist/,
    ],
    ['a duplicate id', withBody({ type: 'Container', id: 'details', items: [] }), /"details" is used 2 times/],
    [
      'a lookup without messageBack',
      withBody({
        type: 'ActionSet',
        actions: [{ type: 'Action.Submit', title: '504', data: { action: 'lookup', code: 504, id: '504' } }],
      }),
      /without a messageBack/,
    ],
    [
      'a messageBack sending the wrong question',
      withBody({
        type: 'ActionSet',
        actions: [
          {
            ...lookup504,
            data: {
              ...lookup504.data,
              msteams: { ...lookup504.data.msteams, text: 'what is 503', displayText: 'what is 503' },
            },
          },
        ],
      }),
      /not "what is 504"/,
    ],
    [
      'a payload the bot cannot read',
      withBody({ type: 'ActionSet', actions: [{ type: 'Action.Submit', title: 'x', data: { action: 'launch' } }] }),
      /cannot read/,
    ],
    [
      'an http URL',
      withBody({ type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: 'RFC', url: 'http://example.com' }] }),
      /https URL/,
    ],
    ['an oversized card', { ...validCard(), fallbackText: 'x'.repeat(30_000) }, /over 28000/],
  ])('fails %s', (_what, card, expected) => {
    expect(check(card).join('\n')).toMatch(expected);
  });
});
