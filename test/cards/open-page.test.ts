/**
 * "Open page": every answer card about one code links to that code's page, placed by the card's builder: behind
 * "Show more" beside the references (or as the card's own action when nothing is hidden). Teams, which opens only
 * absolute links, is drawn with the page's absolute link (PUBLIC_URL) or none, and the compose-box search result
 * links there too.
 */
import type { AdaptiveCard, Container } from '../../src/cards/adaptive-card-types';
import { answerCard } from '../../src/cards/answer-card';
import { OPEN_PAGE } from '../../src/cards/card-actions';
import { AnswerActivities } from '../../src/bot/answer-activities';
import { CodePageLinks } from '../../src/pages/code-page-links';
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

describe('each builder places the link with what it hides', () => {
  /** Where "Open page" is: inside the hidden details (just before "Show less"), among the card's own actions, or not. */
  function placeOf(card: AdaptiveCard): string {
    if (card.actions?.some((a) => a.title === OPEN_PAGE)) return 'own action';
    const details = hiddenDetails(card);
    const rows = details?.items ?? [];
    const at = rows.findIndex((e) => e.type === 'ActionSet' && e.actions.some((a) => a.title === OPEN_PAGE));
    if (at < 0) return pageLinks(card).length ? 'elsewhere' : 'none';
    const last = rows[rows.length - 1];
    const beforeShowLess =
      last?.type === 'ActionSet' &&
      last.actions[0]?.title === 'Show less' &&
      rows.slice(at + 1, -1).every((e) => e.type !== 'ActionSet' || e.actions.every((a) => a.type === 'Action.Submit'));
    return beforeShowLess ? 'details' : 'details, misplaced';
  }

  it.each([
    ['how do I fix a 413?', 'details'], // a part that folds its other steps behind "Show more"
    ['NoSuchBucket when calling the GetObject operation', 'details'],
    [NGINX_LOG, 'details'], // the triage's steps for its top failure
    ['is it safe to retry a 503?', 'own action'], // nothing hidden
    ['why do I get a 401', 'own action'],
    ['give me an example of a 409', 'own action'],
  ])('%s, collapsed → %s', (question, place) => {
    expect(placeOf(answerCard(ask(question), { detailsCollapsed: true, pageUrl: href(relative) }))).toBe(place);
  });

  it('a link maker that gives no link for a code draws no button, and nothing in its place', () => {
    for (const question of ['what is 502', 'how do I fix a 413?', 'is it safe to retry a 503?', NGINX_LOG])
      for (const options of [{}, { detailsCollapsed: true }]) {
        const withNone = answerCard(ask(question), { ...options, pageUrl: () => undefined });
        expect(withNone).toEqual(answerCard(ask(question), options));
      }
  });
});

describe('Teams is drawn with absolute links only', () => {
  const cardOf = (activity: { attachments?: Array<{ content?: unknown }> }) =>
    activity.attachments?.[0]?.content as AdaptiveCard;

  it('without PUBLIC_URL: no "Open page" on Teams, the relative one elsewhere; the rest of the card the same', () => {
    const drawn = new AnswerActivities(undefined, relative);
    for (const question of ['what is 502', 'how do I fix a 413?', 'is it safe to retry a 503?', NGINX_LOG]) {
      const web = cardOf(drawn.activityFor(ask(question)));
      const teams = cardOf(drawn.activityFor(ask(question), { absoluteLinksOnly: true }));
      expect(pageLinks(web)).toEqual([expect.objectContaining({ url: expect.stringMatching(/^\/codes\//) })]);
      expect(pageLinks(teams)).toEqual([]);
      expect(cardProblems(teams)).toEqual([]);
      expect(teams).toEqual(answerCard(ask(question), { detailsCollapsed: true }));
      // The references stay: they are absolute.
      const links = (card: AdaptiveCard) =>
        [...cardActions(card), ...(card.actions ?? [])].filter((a) => a.type === 'Action.OpenUrl').length;
      expect(links(teams)).toBe(links(web) - 1);
    }
  });

  it('drawn apart without PUBLIC_URL, and once for every channel with it', () => {
    const apart = new AnswerActivities(undefined, relative);
    const web = apart.activityFor(ask('what is 502'));
    expect(apart.activityFor(ask('what is 502'), { absoluteLinksOnly: true })).not.toBe(web);
    expect(apart.activityFor(ask('what is 502'), { absoluteLinksOnly: true })).toBe(
      apart.activityFor(ask('what is 502'), { absoluteLinksOnly: true }),
    );
    const shared = new AnswerActivities(undefined, absolute);
    const once = shared.activityFor(ask('what is 502'));
    expect(shared.activityFor(ask('what is 502'), { absoluteLinksOnly: true })).toBe(once);
    expect(pageLinks(cardOf(once))).toEqual([expect.objectContaining({ url: 'https://bot.example.com/codes/502' })]);
    expect(shared.size).toBe(1);
  });

  it('without any pages, no channel gets a link and the drawings are shared', () => {
    const none = new AnswerActivities();
    const web = none.activityFor(ask('what is 502'));
    expect(none.activityFor(ask('what is 502'), { absoluteLinksOnly: true })).toBe(web);
    expect(pageLinks(cardOf(web))).toEqual([]);
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
