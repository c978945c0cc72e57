/**
 * The compose-box search ("Look up an HTTP status") through the real server (in-process) and CloudAdapter over HTTP:
 * `composeExtension/query` invokes as Teams posts them, the result list in the invoke response, paging, the initial
 * run, and `composeExtension/selectItem` returning the card that goes into the message.
 */
import { SEARCH_COMMAND_ID, SEARCH_PARAMETER } from '../../src/teams/search-query';
import { cardProblems, cardActions, visibleText as cardText } from '../cards/card-check';
import { engine } from '../cards/engine-fixture';
import { botForThisFile } from '../support/bot-in-process';
import { sendActivity } from '../support/channel-client';
import { invokeActivity, post } from './teams-activity';
import type { AdaptiveCard } from '../../src/cards/adaptive-card-types';

jest.setTimeout(30_000);

const bot = botForThisFile();

interface ResultAttachment {
  contentType: string;
  content: AdaptiveCard;
  preview: {
    contentType: string;
    content: { title: string; subtitle?: string; text: string; tap: { type: string; value: { id: string } } };
  };
}
interface SearchResponse {
  composeExtension: { type: string; attachmentLayout?: string; attachments?: ResultAttachment[]; text?: string };
}

async function search(
  text: string | null,
  queryOptions: { skip?: number; count?: number } = { skip: 0, count: 25 },
): Promise<SearchResponse> {
  const parameters =
    text === null ? [{ name: 'initialRun', value: 'true' }] : [{ name: SEARCH_PARAMETER, value: text }];
  const { status, body } = await post(
    bot.url,
    invokeActivity('composeExtension/query', { commandId: SEARCH_COMMAND_ID, parameters, queryOptions }),
  );
  expect(status).toBe(200);
  return body as SearchResponse;
}

const ids = (response: SearchResponse) =>
  (response.composeExtension.attachments ?? []).map((a) => a.preview.content.tap.value.id);

describe('composeExtension/query', () => {
  test('"too many requests" lists 429 first, as a result list of cards with thumbnail previews', async () => {
    const response = await search('too many requests', { skip: 0, count: 10 });
    expect(response.composeExtension).toMatchObject({ type: 'result', attachmentLayout: 'list' });
    const [first] = response.composeExtension.attachments ?? [];
    expect(first?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(first?.preview).toEqual({
      contentType: 'application/vnd.microsoft.card.thumbnail',
      content: {
        title: '429 Too Many Requests',
        subtitle: '4xx Client error',
        text: engine().table.entry('429')?.summary,
        tap: { type: 'invoke', value: { id: '429' } },
      },
    });
    expect(cardText(first?.content as AdaptiveCard)).toMatch(/429 Too Many Requests/);
  });

  test.each([
    ['502', '502'],
    ['bad gateway', '502'],
    ['bad gatewy', '502'],
    ['HTTP/1.1 503 Service Unavailable', '503'],
    [
      '10.0.0.1 - - [12/Mar/2025:01:37:05 +0000] "POST /api/v1/orders HTTP/1.1" 504 157 "-" "python-requests/2.31.0"',
      '504',
    ],
    ['Invoke-WebRequest : (408) Request Timeout.', '408'],
    ['cloudflare 522', '522-cloudflare'],
  ])('"%s" lists %s first', async (query, id) => {
    expect(ids(await search(query))[0]).toBe(id);
  });

  test('a prefix lists the codes it starts', async () => {
    const found = ids(await search('50'));
    expect(found.slice(0, 5)).toEqual(['500', '501', '502', '503', '504']);
  });

  test('a class lists its codes, common ones first', async () => {
    const found = ids(await search('5xx'));
    expect(found.length).toBeGreaterThan(5);
    expect(found.every((id) => id.startsWith('5'))).toBe(true);
    expect(found.slice(0, 4)).toEqual(expect.arrayContaining(['500', '502', '503', '504']));
  });

  test('the initial run (empty query) lists the most common codes', async () => {
    const found = ids(await search(null, { skip: 0, count: 50 }));
    const common = engine()
      .table.entries.filter((e) => e.prevalence === 'common')
      .map((e) => e.id);
    expect(found.slice().sort()).toEqual(common.slice().sort());
    expect(found.slice(0, 3)).toEqual(['200', '204', '301']);
    expect(ids(await search('   '))).toEqual(found.slice(0, 25));
  });

  test('pages with skip and count', async () => {
    const all = ids(await search('timeout', { skip: 0, count: 10 }));
    expect(all.length).toBeGreaterThanOrEqual(6);
    const first = ids(await search('timeout', { skip: 0, count: 3 }));
    const second = ids(await search('timeout', { skip: 3, count: 3 }));
    expect(first).toHaveLength(3);
    expect([...first, ...second]).toEqual(all.slice(0, 6));
    expect(ids(await search('timeout', { skip: 500, count: 10 }))).toEqual([]);
  });

  test('nothing found is an empty result list', async () => {
    expect(await search('xyzzy plugh')).toEqual({
      composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [] },
    });
  });

  test('every result card is a valid 1.5 card without buttons that need the bot', async () => {
    for (const query of ['too many requests', '5xx', 'cloudflare']) {
      for (const attachment of (await search(query)).composeExtension.attachments ?? []) {
        expect([attachment.preview.content.tap.value.id, cardProblems(attachment.content)]).toEqual([
          attachment.preview.content.tap.value.id,
          [],
        ]);
        expect(cardActions(attachment.content).map((a) => a.type)).not.toContain('Action.Submit');
      }
    }
  });

  test('with expectReplies the same response arrives as an invokeResponse activity', async () => {
    const activity = invokeActivity('composeExtension/query', {
      commandId: SEARCH_COMMAND_ID,
      parameters: [{ name: SEARCH_PARAMETER, value: 'too many requests' }],
      queryOptions: { skip: 0, count: 5 },
    });
    const { status, activities } = await sendActivity(bot.url, 'a:1personal', activity, 'msteams');
    expect(status).toBe(200);
    expect(activities).toHaveLength(1);
    expect(activities[0]).toMatchObject({ type: 'invokeResponse', value: { status: 200 } });
    const body = (activities[0]?.value as { body: SearchResponse }).body;
    expect(ids(body)[0]).toBe('429');
  });
});

describe('composeExtension/selectItem', () => {
  test('returns the full card of the chosen entry, ready to go into the message', async () => {
    const { status, body } = await post(bot.url, invokeActivity('composeExtension/selectItem', { id: '502' }));
    expect(status).toBe(200);
    const response = body as SearchResponse;
    expect(response.composeExtension).toMatchObject({ type: 'result', attachmentLayout: 'list' });
    expect(response.composeExtension.attachments).toHaveLength(1);
    const card = response.composeExtension.attachments?.[0]?.content as AdaptiveCard;
    expect(cardProblems(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toMatch(/502 Bad Gateway/);
    expect(text).toMatch(/If you run the server/i);
  });

  test('a vendor meaning keeps its vendor', async () => {
    const { body } = await post(bot.url, invokeActivity('composeExtension/selectItem', { id: '499-nginx' }));
    expect(cardText((body as SearchResponse).composeExtension.attachments?.[0]?.content as AdaptiveCard)).toMatch(
      /499 .*nginx/i,
    );
  });

  test('an id that is not in the table gets a message, not an error', async () => {
    const { status, body } = await post(bot.url, invokeActivity('composeExtension/selectItem', { id: '999-nope' }));
    expect(status).toBe(200);
    expect((body as SearchResponse).composeExtension).toMatchObject({
      type: 'message',
      text: expect.stringMatching(/Search again/),
    });
  });

  test.each(['[x](javascript:alert(1))<img src=x>', '**bold** _it_', '999-nope'])(
    'the id from the request (%s) is not copied into the message',
    async (id) => {
      const { body } = await post(bot.url, invokeActivity('composeExtension/selectItem', { id }));
      const text = (body as SearchResponse).composeExtension.text ?? '';
      expect(text).toMatch(/no entry/);
      expect(text).not.toContain(id.slice(0, 8));
    },
  );
});
