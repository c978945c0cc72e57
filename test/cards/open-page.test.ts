/**
 * "Open page": every answer card about one code links to that code's page, as the card's own action; Teams gets it
 * only as an absolute link (PUBLIC_URL), and the compose-box search result links there too.
 */
import type { AdaptiveCard } from '../../src/cards/adaptive-card-types';
import { OPEN_PAGE, answerCard } from '../../src/cards/answer-card';
import { answerActivity } from '../../src/bot/card-replies';
import { prerender } from '../../src/bot/prerendered-json';
import { CodePageLinks } from '../../src/pages/code-page-links';
import { withAbsoluteLinksOnly } from '../../src/teams/absolute-links';
import { searchResponse, selectedItemResponse } from '../../src/teams/search-results';
import { cardProblems } from './card-check';
import { ask, engine, NGINX_LOG } from './engine-fixture';

const relative = new CodePageLinks();
const absolute = new CodePageLinks('https://bot.example.com');
const href = (links: CodePageLinks) => (id: string) => links.href(id);

describe('the card\'s "Open page" action', () => {
  it.each([
    ['what is 502', '/codes/502'],
    ['what is 499 nginx', '/codes/499-nginx'],
    ['HTTP/1.1 429 Too Many Requests', '/codes/429'],
    ['how do I fix a 413?', '/codes/413'],
    [NGINX_LOG, expect.stringMatching(/^\/codes\/\d{3}/)],
  ])('%s → %s', (question, path) => {
    const card = answerCard(ask(question), { detailsCollapsed: true, pageUrl: href(relative) });
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: OPEN_PAGE, url: path }]);
    const withAbsolute = answerCard(ask(question), { detailsCollapsed: true, pageUrl: href(absolute) });
    expect(withAbsolute.actions?.[0]?.type === 'Action.OpenUrl' && withAbsolute.actions[0].url).toMatch(
      /^https:\/\/bot\.example\.com\/codes\//,
    );
    expect(cardProblems(withAbsolute)).toEqual([]);
  });

  it.each([
    '401 vs 403',
    'what are 5xx errors',
    'status 432',
    'curl: (7) Failed to connect to x port 80: Connection refused',
    'hello',
    'what is the capital of France',
  ])('is not on an answer about no single code: %s', (question) => {
    expect(answerCard(ask(question), { pageUrl: href(absolute) }).actions).toBeUndefined();
  });

  it('is not there without a link to make', () => {
    expect(answerCard(ask('what is 502')).actions).toBeUndefined();
  });
});

describe('Teams gets only absolute links', () => {
  const cardOf = (activity: { attachments?: Array<{ content?: unknown }> }) =>
    activity.attachments?.[0]?.content as AdaptiveCard;

  it('drops a relative "Open page" from a copy, leaving the shared (frozen) activity as it was', () => {
    const drawn = prerender(answerActivity(ask('what is 502'), href(relative)));
    const sent = withAbsoluteLinksOnly({ ...drawn });
    expect(cardOf(sent).actions).toBeUndefined();
    expect(cardOf(sent).body).toBe(cardOf(drawn).body);
    expect(cardOf(drawn).actions).toHaveLength(1);
  });

  it('keeps an absolute one, and leaves a card without links untouched', () => {
    const withLink = answerActivity(ask('what is 502'), href(absolute));
    expect(withAbsoluteLinksOnly({ ...withLink }).attachments).toBe(withLink.attachments);
    const none = answerActivity(ask('401 vs 403'), href(relative));
    expect(withAbsoluteLinksOnly({ ...none }).attachments).toBe(none.attachments);
  });

  it("links the compose-box search result to the code's page with PUBLIC_URL, and not without it", () => {
    const query = { text: 'too many requests', skip: 0, count: 3 };
    const linked = searchResponse(engine(), query, absolute).composeExtension?.attachments ?? [];
    expect((linked[0]?.content as AdaptiveCard).actions).toEqual([
      expect.objectContaining({ type: 'Action.OpenUrl', title: OPEN_PAGE, url: 'https://bot.example.com/codes/429' }),
    ]);
    for (const attachment of linked) expect(cardProblems(attachment.content as AdaptiveCard)).toEqual([]);
    expect(
      (searchResponse(engine(), query, relative).composeExtension?.attachments ?? []).map(
        (a) => (a.content as AdaptiveCard).actions,
      ),
    ).toEqual([undefined, undefined, undefined]);
    expect((searchResponse(engine(), query).composeExtension?.attachments ?? [])[0]?.content).not.toHaveProperty(
      'actions',
    );
    const picked = selectedItemResponse(engine(), { id: '499-nginx' }, absolute).composeExtension?.attachments?.[0]
      ?.content as AdaptiveCard;
    expect(picked.actions?.[0]).toMatchObject({ url: 'https://bot.example.com/codes/499-nginx' });
  });
});
