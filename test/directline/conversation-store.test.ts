/**
 * The in-memory conversation store stays bounded whatever the traffic: conversations (LRU), activities per
 * conversation, bytes of history in all, and idle time; a dropped conversation closes its streams. Plus the
 * watermark rules a client relies on.
 */
import { ConversationStore } from '../../src/directline/conversation-store';
import type { ActivityGroupJson } from '../../src/directline/conversation';
import { SHARED_JSON } from '../../src/directline/kept-activity';
import { COSTS } from '../../src/directline/memory-ledger';

function store(overrides: Partial<ConstructorParameters<typeof ConversationStore>[0]> = {}) {
  let clock = 0;
  const s = new ConversationStore({
    maxConversations: 3,
    maxActivities: 5,
    historyBytes: 1_000_000,
    idleMs: 1000,
    now: () => clock,
    ...overrides,
  });
  return { s, advance: (ms: number) => (clock += ms) };
}

const message = (text: string) => ({ type: 'message', text });
const parsed = (group: ActivityGroupJson | Buffer) =>
  JSON.parse((Buffer.isBuffer(group) ? group : group.json).toString('utf8')) as {
    activities: Array<{ id: string; text?: string }>;
    watermark?: string;
  };
const texts = (group: ActivityGroupJson) => parsed(group).activities.map((a) => a.text);

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
    const { activities, watermark } = parsed(conversation.since(''));
    expect(activities.map((a) => a.text)).toEqual(['m4', 'm5', 'm6', 'm7', 'm8']);
    expect(watermark).toBe('8');
    expect(s.bytes).toBe(
      COSTS.conversation +
        activities.reduce((sum, a) => sum + COSTS.activity + Buffer.byteLength(JSON.stringify(a)), 0),
    );
  });

  it('keeps the history under historyBytes by dropping other conversations, oldest first', () => {
    const { s } = store({ maxActivities: 100, historyBytes: 1_000_000 });
    s.open('xxxxxxxx').conversation.append([message('x'.repeat(1000))]);
    const one = s.bytes;
    s.get('xxxxxxxx')?.close('measured');
    const { s: small } = store({ maxActivities: 100, historyBytes: Math.round(2.5 * one) });
    const a = small.open('aaaaaaaa').conversation;
    const b = small.open('bbbbbbbb').conversation;
    a.append([message('x'.repeat(1000))]);
    b.append([message('y'.repeat(1000))]);
    expect(small.get('aaaaaaaa')).toBe(a);
    small.open('cccccccc').conversation.append([message('z'.repeat(1000))]);
    // a was used more recently than b, so b goes.
    expect(small.get('bbbbbbbb')).toBeUndefined();
    expect(small.get('aaaaaaaa')).toBe(a);
    expect(small.bytes).toBeLessThanOrEqual(2.5 * one);
  });

  it('evicts by the bytes held: text outside Latin-1 counts as the UTF-8 it is kept in', () => {
    // 4,000 CJK characters are 12,000 bytes of UTF-8: two such messages do not fit in 20,000 bytes, whatever the
    // character count says.
    const { s } = store({ maxActivities: 100, historyBytes: 20_000 });
    s.open('aaaaaaaa').conversation.append([message('错'.repeat(4000))]);
    s.open('bbbbbbbb').conversation.append([message('误'.repeat(4000))]);
    expect(s.get('aaaaaaaa')).toBeUndefined();
    expect(s.get('bbbbbbbb')).toBeDefined();
    expect(s.bytes).toBeGreaterThan(12_000);
    expect(s.bytes).toBeLessThanOrEqual(20_000);
  });

  it('counts what each conversation holds besides its history, so empty conversations fill the budget too', () => {
    const { s } = store({ maxConversations: 1_000, historyBytes: 50_000 });
    for (let i = 0; i < 1_000; i++) s.open(`conv${String(i).padStart(5, '0')}`);
    expect(s.size).toBeLessThan(1_000);
    expect(s.size).toBeGreaterThan(0);
    expect(s.bytes).toBeLessThanOrEqual(50_000);
  });

  it('counts a part shared between conversations once, until the last one holding it lets go', () => {
    const { s } = store({ maxConversations: 10 });
    const card = Buffer.from(`"attachments":[{"content":"${'c'.repeat(10_000)}"}]`);
    const reply = () => ({ type: 'message', text: 'answer', [SHARED_JSON]: card });
    const a = s.open('aaaaaaaa').conversation;
    a.append([reply()]);
    const withOne = s.bytes;
    expect(withOne).toBeGreaterThan(10_000);
    const b = s.open('bbbbbbbb').conversation;
    b.append([reply()]);
    expect(s.bytes - withOne).toBeLessThan(3_000);
    expect(parsed(b.since('')).activities[0]).toMatchObject({
      id: 'bbbbbbbb|0000001',
      text: 'answer',
      attachments: [{ content: 'c'.repeat(10_000) }],
    });
    a.close('gone');
    expect(s.bytes).toBeGreaterThan(10_000);
    b.close('gone');
    expect(s.bytes).toBeLessThan(3_000);
  });

  it('a conversation alone over the budget keeps only its newest activities', () => {
    // Room for the conversation and two of its activities (3,100 bytes of JSON each), not three.
    const budget = COSTS.conversation + 2 * (COSTS.activity + 3_100);
    const { s } = store({ maxActivities: 100, historyBytes: budget });
    const { conversation } = s.open('aaaaaaaa');
    for (let i = 1; i <= 5; i++) conversation.append([message(`${i}${'x'.repeat(3000)}`)]);
    expect(s.bytes).toBeLessThanOrEqual(budget);
    expect(texts(conversation.since('')).map((t) => t?.[0])).toEqual(['4', '5']);
  });

  it('counts open streams and the bytes they have not sent yet', () => {
    const { s } = store();
    const { conversation } = s.open('aaaaaaaa');
    const empty = s.bytes;
    const unsubscribe = conversation.subscribe({ deliver: () => undefined, close: () => undefined });
    expect(s.bytes).toBe(empty + COSTS.stream);
    conversation.unsent(5_000);
    expect(s.bytes).toBe(empty + COSTS.stream + 5_000);
    conversation.unsent(-5_000);
    unsubscribe();
    expect(s.bytes).toBe(empty);
  });

  it("forgets a dropped conversation's bytes, even if a late turn appends to it", () => {
    const { s } = store({ maxConversations: 1 });
    const a = s.open('aaaaaaaa').conversation;
    a.append([message('one')]);
    s.open('bbbbbbbb');
    expect(s.bytes).toBe(COSTS.conversation); // b's, empty
    a.append([message('late reply')]);
    expect(s.bytes).toBe(COSTS.conversation);
  });
});

describe('DirectLineConversation watermarks and streams', () => {
  it('returns what is after the watermark; an unknown or future watermark returns everything kept', () => {
    const { conversation } = store().s.open('aaaaaaaa');
    conversation.append([message('one'), message('two')]);
    conversation.append([message('three')]);
    expect(texts(conversation.since('1'))).toEqual(['two', 'three']);
    expect(parsed(conversation.since('3'))).toEqual({ activities: [], watermark: '3' });
    expect(conversation.since('99').count).toBe(3); // the client's watermark is from a conversation we lost
    expect(conversation.since('abc').count).toBe(3);
    expect(parsed(conversation.since('1')).activities[0]?.id).toBe('aaaaaaaa|0000002');
  });

  it('pushes each batch once with its watermark, and typing without one (not kept)', () => {
    const { conversation } = store().s.open('aaaaaaaa');
    const groups: Buffer[] = [];
    conversation.subscribe({ deliver: (g) => groups.push(g), close: () => undefined });
    conversation.append([message('a'), message('b')]);
    conversation.pushTransient({ type: 'typing', id: 'aaaaaaaa|0000002-typing' });
    expect(groups.map((g) => [parsed(g).activities.length, parsed(g).watermark])).toEqual([
      [2, '2'],
      [1, undefined],
    ]);
    expect(conversation.since('').count).toBe(2);
  });

  it('keeps at most five streams per conversation, closing the oldest', () => {
    const { conversation } = store().s.open('aaaaaaaa');
    const closed: number[] = [];
    for (let i = 0; i < 6; i++) conversation.subscribe({ deliver: () => undefined, close: () => closed.push(i) });
    expect(closed).toEqual([0]);
    expect(conversation.subscriberCount).toBe(5);
  });
});
