/**
 * "Open page": every answer card about one code links to that code's page, behind "Show more" beside the references
 * (or as the card's own action when nothing is collapsed); Teams gets it only as an absolute link (PUBLIC_URL), and
 * the compose-box search result links there too.
 */
import type { AdaptiveCard, Container } from '../../src/cards/adaptive-card-types';
import { OPEN_PAGE, answerCard } from '../../src/cards/answer-card';
import { answerActivity } from '../../src/bot/card-replies';
import { prerender } from '../../src/bot/prerendered-json';
import { CodePageLinks } from '../../src/pages/code-page-links';
import { withAbsoluteLinksOnly } from '../../src/teams/absolute-links';
import { searchResponse, selectedItemResponse } from '../../src/teams/search-results';
import { cardActions, cardProblems } from './card-check';
import { ask, engine, NGINX_LOG } from './engine-fixture';

const relative = new CodePageLinks();
const absolute = new CodePageLinks('https://bot.example.com');
const href = (links: CodePageLinks) => (id: string) => links.href(id);

/** Every "Open page" button on the card, in its body or among its own actions. */
function pageLinks(card: AdaptiveCard): Array<Record<string, unknown>> {
  const own = (card.actions ?? []) as unknown as Array<Record<string, unknown>>;
  return [...cardActions(card), ...own].filter((a) => a.title === OPEN_PAGE);
}

/** The hidden details container ("Show more" opens it), if the card has one. */
function hiddenDetails(card: AdaptiveCard): Container | undefined {
  return card.body.find((e): e is Container => e.type === 'Container' && e.isVisible === false);
}

describe('the card\'s "Open page" action', () => {
  it.each([
    ['what is 502', '/codes/502'],
    ['what is 499 nginx', '/codes/499-nginx'],
    ['HTTP/1.1 429 Too Many Requests', '/codes/429'],
    ['how do I fix a 413?', '/codes/413'],
    [NGINX_LOG, expect.stringMatching(/^\/codes\/\d{3}/)],
  ])('%s → %s, behind "Show more"', (question, path) => {
    const card = answerCard(ask(question), { detailsCollapsed: true, pageUrl: href(relative) });
    expect(pageLinks(card)).toEqual([{ type: 'Action.OpenUrl', title: OPEN_PAGE, url: path }]);
    // Collapsed, the link waits with the details: it is for reading on, not part of the short answer.
    expect(card.actions).toBeUndefined();
    expect(pageLinks({ ...card, body: [hiddenDetails(card) as Container] })).toHaveLength(1);
    const withAbsolute = answerCard(ask(question), { detailsCollapsed: true, pageUrl: href(absolute) });
    expect(pageLinks(withAbsolute)[0]?.url).toMatch(/^https:\/\/bot\.example\.com\/codes\//);
    expect(cardProblems(withAbsolute)).toEqual([]);
  });

  it('on a lookup, joins the row of references', () => {
    const card = answerCard(ask('what is 502'), { detailsCollapsed: true, pageUrl: href(relative) });
    const row = hiddenDetails(card)?.items.find(
      (e) => e.type === 'ActionSet' && e.actions.some((a) => a.title === OPEN_PAGE),
    );
    const references = engine().table.entry('502')?.references.slice(0, 3) ?? [];
    expect(references.length).toBeGreaterThan(0);
    expect(row?.type === 'ActionSet' && row.actions.map((a) => a.title)).toEqual([
      ...references.map((r) => r.label),
      OPEN_PAGE,
    ]);
  });

  it.each(['what is 502', 'what is 499 nginx'])(
    "%s with nothing collapsed: the card's own action, under everything else",
    (question) => {
      const card = answerCard(ask(question), { pageUrl: href(relative) });
      expect(card.actions).toEqual([expect.objectContaining({ title: OPEN_PAGE })]);
      expect(cardActions(card).some((a) => a.title === OPEN_PAGE)).toBe(false);
    },
  );

  it.each([
    '401 vs 403',
    'what are 5xx errors',
    'status 432',
    'curl: (7) Failed to connect to x port 80: Connection refused',
    'hello',
    'what is the capital of France',
  ])('is not on an answer about no single code: %s', (question) => {
    for (const options of [{}, { detailsCollapsed: true }])
      expect(pageLinks(answerCard(ask(question), { ...options, pageUrl: href(absolute) }))).toEqual([]);
  });

  it('is not there without a link to make', () => {
    expect(pageLinks(answerCard(ask('what is 502'), { detailsCollapsed: true }))).toEqual([]);
  });
});

describe('Teams gets only absolute links', () => {
  const cardOf = (activity: { attachments?: Array<{ content?: unknown }> }) =>
    activity.attachments?.[0]?.content as AdaptiveCard;

  it('drops a relative "Open page" from a copy, leaving the shared (frozen) activity as it was', () => {
    const drawn = prerender(answerActivity(ask('what is 502'), href(relative)));
    const sent = withAbsoluteLinksOnly({ ...drawn });
    expect(pageLinks(cardOf(sent))).toEqual([]);
    expect(cardProblems(cardOf(sent))).toEqual([]);
    // Only the row that held the link is new; the rest of the card is the drawn one, shared.
    expect(cardOf(sent).body[0]).toBe(cardOf(drawn).body[0]);
    expect(pageLinks(cardOf(drawn))).toHaveLength(1);
    // The references stay: they are absolute.
    const references = engine().table.entry('502')?.references.slice(0, 3) ?? [];
    expect(cardActions(cardOf(sent)).filter((a) => a.type === 'Action.OpenUrl')).toHaveLength(references.length);
  });

  it("drops a relative link that is the card's own action, and keeps the body", () => {
    const drawn = answerActivity(ask('what is 502'), href(relative));
    const card = cardOf(drawn);
    const own = {
      ...drawn,
      attachments: [
        {
          ...drawn.attachments?.[0],
          content: {
            ...card,
            body: card.body.slice(0, 2),
            actions: [{ type: 'Action.OpenUrl', title: OPEN_PAGE, url: '/codes/502' }],
          },
        },
      ],
    };
    const sent = withAbsoluteLinksOnly({ ...own } as typeof drawn);
    expect(cardOf(sent).actions).toBeUndefined();
    expect(cardOf(sent).body).toEqual(card.body.slice(0, 2));
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
    expect(pageLinks(linked[0]?.content as AdaptiveCard)).toEqual([
      expect.objectContaining({ type: 'Action.OpenUrl', title: OPEN_PAGE, url: 'https://bot.example.com/codes/429' }),
    ]);
    for (const attachment of linked) expect(cardProblems(attachment.content as AdaptiveCard)).toEqual([]);
    const unlinked = searchResponse(engine(), query, relative).composeExtension?.attachments ?? [];
    expect(unlinked.length).toBeGreaterThan(0);
    for (const attachment of unlinked) expect(pageLinks(attachment.content as AdaptiveCard)).toEqual([]);
    expect(
      pageLinks((searchResponse(engine(), query).composeExtension?.attachments ?? [])[0]?.content as AdaptiveCard),
    ).toEqual([]);
    const picked = selectedItemResponse(engine(), { id: '499-nginx' }, absolute).composeExtension?.attachments?.[0]
      ?.content as AdaptiveCard;
    expect(pageLinks(picked)[0]).toMatchObject({ url: 'https://bot.example.com/codes/499-nginx' });
  });
});
