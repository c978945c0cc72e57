/**
 * The in-memory conversation store stays bounded whatever the traffic: conversations (LRU), activities per
 * conversation, bytes of history in all, and idle time; a dropped conversation closes its streams. Plus the
 * watermark rules a client relies on.
 */
import { ConversationStore } from '../../src/directline/conversation-store';
import type { ActivityGroup } from '../../src/directline/conversation';

function store(overrides: Partial<ConstructorParameters<typeof ConversationStore>[0]> = {}) {
  let clock = 0;
  const s = new ConversationStore({ maxConversations: 3, maxActivities: 5, historyBytes: 1_000_000, idleMs: 1000, now: () => clock, ...overrides });
  return { s, advance: (ms: number) => (clock += ms) };
}

const message = (text: string) => ({ type: 'message', text });

describe('ConversationStore', () => {
  it('keeps at most maxConversations, dropping the least recently used', () => {
    const { s } = store();
    for (const id of ['aaaaaaaa', 'bbbbbbbb', 'cccccccc']) s.open(id);
    s.get('aaaaaaaa'); // used: now b is the oldest
    s.open('dddddddd');
    expect(s.size).toBe(3);
    expect(s.get('bbbbbbbb')).toBeUndefined();
    expect(s.get('aaaaaaaa')).toBeDefined();
  });

  it('drops a conversation idle for idleMs, and closes its streams', () => {
    const { s, advance } = store();
    const { conversation } = s.open('aaaaaaaa');
    const closed: string[] = [];
    conversation.subscribe({ deliver: () => undefined, close: (reason) => closed.push(reason) });
    advance(999);
    expect(s.get('aaaaaaaa')).toBe(conversation);
    advance(1000);
    expect(s.get('aaaaaaaa')).toBeUndefined();
    expect(closed).toEqual(['the conversation was idle too long']);
    expect(s.open('aaaaaaaa').created).toBe(true);
  });

  it('keeps at most maxActivities per conversation, and the byte total follows', () => {
    const { s } = store();
    const { conversation } = s.open('aaaaaaaa');
    for (let i = 1; i <= 8; i++) conversation.append([message(`m${i}`)]);
    const { activities, watermark } = conversation.since('');
    expect(activities.map((a) => a.text)).toEqual(['m4', 'm5', 'm6', 'm7', 'm8']);
    expect(watermark).toBe('8');
    expect(s.bytes).toBe(conversation.bytes);
    expect(s.bytes).toBe(activities.reduce((sum, a) => sum + JSON.stringify(a).length, 0));
  });

  it('keeps the history under historyBytes by dropping other conversations, oldest first', () => {
    const { s } = store({ maxActivities: 100, historyBytes: 3000 });
    const a = s.open('aaaaaaaa').conversation;
    const b = s.open('bbbbbbbb').conversation;
    a.append([message('x'.repeat(1000))]);
    b.append([message('y'.repeat(1000))]);
    expect(s.get('aaaaaaaa')).toBe(a);
    s.open('cccccccc').conversation.append([message('z'.repeat(1500))]);
    // a was used more recently than b, so b goes.
    expect(s.get('bbbbbbbb')).toBeUndefined();
    expect(s.get('aaaaaaaa')).toBe(a);
    expect(s.bytes).toBeLessThanOrEqual(3000);
  });

  it('forgets a dropped conversation\'s bytes, even if a late turn appends to it', () => {
    const { s } = store({ maxConversations: 1 });
    const a = s.open('aaaaaaaa').conversation;
    a.append([message('one')]);
    s.open('bbbbbbbb');
    expect(s.bytes).toBe(0);
    a.append([message('late reply')]);
    expect(s.bytes).toBe(0);
  });
});

describe('DirectLineConversation watermarks and streams', () => {
  it('returns what is after the watermark; an unknown or future watermark returns everything kept', () => {
    const { conversation } = store().s.open('aaaaaaaa');
    conversation.append([message('one'), message('two')]);
    conversation.append([message('three')]);
    expect(conversation.since('1').activities.map((a) => a.text)).toEqual(['two', 'three']);
    expect(conversation.since('3')).toEqual({ activities: [], watermark: '3' });
    expect(conversation.since('99').activities).toHaveLength(3); // the client's watermark is from a conversation we lost
    expect(conversation.since('abc').activities).toHaveLength(3);
    expect(conversation.since('1').activities[0]?.id).toBe('aaaaaaaa|0000002');
  });

  it('pushes each batch once with its watermark, and typing without one (not kept)', () => {
    const { conversation } = store().s.open('aaaaaaaa');
    const groups: ActivityGroup[] = [];
    conversation.subscribe({ deliver: (g) => groups.push(g), close: () => undefined });
    conversation.append([message('a'), message('b')]);
    conversation.pushTransient({ type: 'typing', id: 'aaaaaaaa|0000002-typing' });
    expect(groups.map((g) => [g.activities.length, g.watermark])).toEqual([
      [2, '2'],
      [1, undefined],
    ]);
    expect(conversation.since('').activities).toHaveLength(2);
  });

  it('keeps at most five streams per conversation, closing the oldest', () => {
    const { conversation } = store().s.open('aaaaaaaa');
    const closed: number[] = [];
    for (let i = 0; i < 6; i++) conversation.subscribe({ deliver: () => undefined, close: () => closed.push(i) });
    expect(closed).toEqual([0]);
    expect(conversation.subscriberCount).toBe(5);
  });
});
