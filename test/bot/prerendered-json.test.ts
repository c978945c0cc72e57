/**
 * expectedRepliesJson() must say exactly what JSON.stringify() says, whether or not an activity's attachments were
 * prerendered, for every shape an expectReplies or invoke body can take.
 */
import { deepFreeze, expectedRepliesJson, prerender } from '../../src/bot/prerendered-json';

const card = () => [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'a "quoted" </script> ✓' }] } }];

describe('expectedRepliesJson', () => {
  const bodies: Array<[string, unknown]> = [
    ['one prerendered activity', { activities: [{ type: 'message', text: 'hi', attachments: prerender(card()) }] }],
    ['attachments that were not prerendered', { activities: [{ type: 'message', attachments: card() }] }],
    ['a mix, with undefined fields', { activities: [{ type: 'message', attachments: prerender(card()), id: undefined }, { type: 'typing' }, { type: 'message', text: 'x' }] }],
    ['an activity that is only attachments', { activities: [{ attachments: prerender(card()) }] }],
    ['no replies', { activities: [] }],
    ['null and odd entries', { activities: [null, 'text', 3] }],
    ['an invoke response body', { status: 200, body: { ok: true } }],
    ['more than activities', { activities: [{ attachments: prerender(card()) }], extra: 1 }],
  ];

  test.each(bodies)('%s', (_name, body) => {
    expect(JSON.parse(expectedRepliesJson(body as never))).toEqual(JSON.parse(JSON.stringify(body)));
  });

  test('undefined stays undefined', () => {
    expect(expectedRepliesJson(undefined)).toBe(JSON.stringify(undefined));
  });

  test('prerendered values are frozen all the way down', () => {
    const value = prerender(card());
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(value[0]?.content.body[0])).toBe(true);
    expect(deepFreeze({ a: { b: [1] } }).a.b).toEqual([1]);
  });
});
