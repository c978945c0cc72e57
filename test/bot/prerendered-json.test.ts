/**
 * expectedRepliesBody() must say exactly what JSON.stringify() says, in UTF-8, whether or not an activity was
 * prerendered, whatever a turn added to or replaced in the copy it sends, for every shape an expectReplies or invoke
 * body takes. sharedFields() must hand the Direct Line history one Buffer per drawn activity, holding exactly the
 * fields still drawn.
 */
import { expectedRepliesBody, prerender, sharedFields } from '../../src/bot/prerendered-json';
import { deepFreeze } from '../../src/knowledge/deep-freeze';

const drawn = () =>
  prerender({
    type: 'message',
    text: 'a "quoted" </script> ✓',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'x' }] },
      },
    ],
    channelData: { feedbackLoop: { type: 'default' } },
    inputHint: undefined,
  });
/** What TurnContext sends: a shallow copy with the conversation reference added. */
const sent = (extra: Record<string, unknown> = {}) => ({
  ...drawn(),
  conversation: { id: 'c1' },
  from: { id: 'bot' },
  replyToId: 'a1',
  ...extra,
});

describe('expectedRepliesBody', () => {
  const bodies: Array<[string, unknown]> = [
    ['a prerendered activity as sent', { activities: [sent()] }],
    [
      'a field the turn replaced (Teams channelData)',
      { activities: [sent({ channelData: { feedbackLoopEnabled: true } })] },
    ],
    ['a field the turn removed', { activities: [sent({ text: undefined })] }],
    ['the prerendered activity itself', { activities: [drawn()] }],
    ['an activity that is only prerendered attachments', { activities: [{ attachments: drawn().attachments }] }],
    [
      'attachments that were not prerendered',
      { activities: [{ type: 'message', attachments: [{ contentType: 'x', content: {} }] }] },
    ],
    ['a mix', { activities: [sent(), { type: 'typing' }, { type: 'message', text: 'x' }, sent({ id: undefined })] }],
    ['no replies', { activities: [] }],
    ['null and odd entries', { activities: [null, 'text', 3] }],
    ['an invoke response body', { status: 200, body: { ok: true } }],
    ['more than activities', { activities: [sent()], extra: 1 }],
  ];

  test.each(bodies)('%s', (_name, body) => {
    const bytes = expectedRepliesBody(body as never);
    const json = bytes.toString('utf8');
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(body)));
    // The same fields in another order: exactly as many bytes (the response's Content-Length).
    expect(bytes.length).toBe(Buffer.byteLength(JSON.stringify(body)));
    // No field written twice (these names occur only at the top of an activity here).
    for (const name of ['conversation', 'from', 'replyToId', 'channelData', 'attachments']) {
      expect(json.split(`"${name}":`).length - 1).toBeLessThanOrEqual(
        (body as { activities?: unknown[] }).activities?.length ?? 1,
      );
    }
  });

  test('a replaced field is written once, with its new value', () => {
    const json = expectedRepliesBody({ activities: [sent({ channelData: { feedbackLoopEnabled: true } })] }).toString(
      'utf8',
    );
    expect(json.match(/"channelData"/g)).toHaveLength(1);
    expect(json).toContain('"feedbackLoopEnabled":true');
  });

  test('text outside ASCII is written as UTF-8', () => {
    const json = expectedRepliesBody({ activities: [sent({ text: 'نعم ✓ 🚦' })] }).toString('utf8');
    expect(
      (JSON.parse(json) as { activities: Array<{ text: string; attachments: unknown }> }).activities[0],
    ).toMatchObject({ text: 'نعم ✓ 🚦', attachments: drawn().attachments });
  });

  test('prerendered activities are frozen all the way down', () => {
    const activity = drawn();
    expect(Object.isFrozen(activity)).toBe(true);
    expect(Object.isFrozen(activity.attachments[0]?.content.body[0])).toBe(true);
    expect(deepFreeze({ a: { b: [1] } }).a.b).toEqual([1]);
  });
});

describe('sharedFields', () => {
  const except = new Set(['type', 'conversation', 'from', 'replyToId']);

  test('gives the same Buffer for every send of one drawn activity, and the fields it holds as JSON', () => {
    const activity = drawn();
    const first = sharedFields({ ...activity, conversation: { id: 'c1' } }, except);
    const second = sharedFields({ ...activity, conversation: { id: 'c2' }, replyToId: 'a2' }, except);
    expect(second.json).toBe(first.json);
    expect(JSON.parse(`{${first.json?.toString('utf8')}}`)).toEqual({
      text: activity.text,
      attachments: activity.attachments,
      channelData: activity.channelData,
    });
    expect(second.rest).toEqual({ type: 'message', conversation: { id: 'c2' }, replyToId: 'a2' });
  });

  test('leaves a field the turn replaced, and an activity that was not prerendered, to the caller', () => {
    const replaced = sharedFields({ ...drawn(), channelData: { feedbackLoopEnabled: true } }, except);
    expect(replaced.rest).toMatchObject({ channelData: { feedbackLoopEnabled: true } });
    expect(replaced.json?.toString('utf8')).not.toContain('channelData');
    const plain = { type: 'message', text: 'hi' };
    expect(sharedFields(plain, except)).toEqual({ rest: plain });
  });
});
