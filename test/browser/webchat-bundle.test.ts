/**
 * The vendored Web Chat (public/vendor/webchat.js: StatusBot's build, scripts/webchat-build, which leaves out the speech
 * services and other parts the bot never uses) in a real headless Chromium against the real server: everything the
 * bot uses of it works.
 *
 * - On `/`: an answer's 👍/👎 are drawn and a 👎 is counted by the bot; a suggested action asks its question.
 * - In a second Web Chat that the test renders on the same page with the bundle's own functions (connected to the
 *   bot's Direct Line, with Web Chat's default options, so HTML in markdown is on), bot messages the bot itself never
 *   sends: markdown carrying scripts, event handlers, `javascript:` links and styles comes out sanitised; Adaptive
 *   Cards 1.5 (a table) and 1.6 (a carousel) are drawn; a hero card (rich card attachments) too.
 * The published bundle (`node scripts/update-webchat.js --official 4.18.1`) passes the same tests.
 */
import type { Browser, Page } from 'playwright-core';
import type { RunningBot } from '../support/bot-in-process';
import { closeSiteUnderTest, openSiteUnderTest } from '../support/site-under-test';
import type { OriginOnlyContext } from '../support/browser';

/* Functions passed to page.evaluate run in Chromium, which has these globals; the project's tsconfig has no DOM library. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any, document: any;

jest.setTimeout(180_000);

const SEND_BOX = '[data-id="webchat-sendbox-input"]';
const GREETING = /Hi, I.m StatusBot/;

let bot: RunningBot;
let browser: Browser;
let site: OriginOnlyContext;
let page: Page;

beforeAll(async () => {
  ({ bot, browser, site, page } = await openSiteUnderTest());
  await page.goto(bot.url + '/');
  await page.locator('#sb-webchat [role="feed"]').getByText(GREETING).first().waitFor();
});

afterAll(() => closeSiteUnderTest(bot, browser));

const transcript = () => page.locator('#sb-webchat [role="feed"]');

/** Polls `read` until `done` holds for its value (or 30 s pass), and returns the last value. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

type Stats = { feedback: { dislike: number; byCode: Array<{ id: string; like: number; dislike: number }> } };
const stats = async (): Promise<Stats> => (await fetch(`${bot.url}/api/stats`)).json() as never;

describe('the chat on /', () => {
  it('offers the calls chat.js makes: createDirectLine, createStore, renderWebChat', async () => {
    const kinds = await page.evaluate(() =>
      ['createDirectLine', 'createStore', 'renderWebChat'].map((name) => typeof window.WebChat[name]),
    );
    expect(kinds).toEqual(['function', 'function', 'function']);
  });

  it("draws an answer's 👍 and 👎; a 👎 is counted by the bot", async () => {
    const box = page.locator(SEND_BOX);
    await box.fill('what is 502');
    await box.press('Enter');
    // One child of the feed per activity: its card, and under it the status line with the thumbs.
    const answer = transcript()
      .locator(':scope > *', { has: page.getByRole('heading', { name: /502 Bad Gateway/ }) })
      .last();
    await answer.waitFor();
    await expect(answer.getByRole('button', { name: 'Like' }).first().isVisible()).resolves.toBe(true);
    const before = await stats();
    await answer.getByRole('button', { name: 'Dislike' }).first().click();
    const after = await eventually(stats, (s) => s.feedback.dislike > before.feedback.dislike);
    expect(after.feedback.dislike).toBe(before.feedback.dislike + 1);
    expect(after.feedback.byCode).toContainEqual(expect.objectContaining({ id: '502', dislike: 1 }));
  });

  it('asks a suggested action when it is clicked', async () => {
    const chip = page
      .getByRole('toolbar', { name: 'Suggested actions' })
      .getByRole('button')
      .filter({ hasNotText: /^[<>]$/ })
      .first();
    const question = (await chip.innerText()).trim();
    expect(question).not.toBe('');
    const before = await transcript().locator('article, [role="article"]').count();
    await chip.click();
    await transcript().getByText(question, { exact: true }).last().waitFor();
    await expect(
      eventually(
        () => transcript().locator('article, [role="article"]').count(),
        (n) => n >= before + 2,
      ),
    ).resolves.toBeGreaterThanOrEqual(before + 2);
  });
});

describe("bot messages the bot never sends, in a Web Chat of the test's own (Web Chat's default options)", () => {
  /** Renders a second Web Chat into a new element, connected to a new conversation with the bot, and shows `activity`. */
  async function show(activity: Record<string, unknown>): Promise<void> {
    await page.evaluate(async (incoming: Record<string, unknown>) => {
      const host =
        document.getElementById('test-webchat') ??
        document.body.appendChild(Object.assign(document.createElement('div'), { id: 'test-webchat' }));
      host.style.cssText = 'position:fixed;inset:0;z-index:1000;background:#fff';
      if (!window.testStore) {
        const res = await fetch('/api/directline/token', { method: 'POST', headers: { accept: 'application/json' } });
        const { token, domain } = (await res.json()) as { token: string; domain: string };
        window.testStore = window.WebChat.createStore();
        const directLine = window.WebChat.createDirectLine({ token, domain, webSocket: true });
        window.WebChat.renderWebChat(
          { directLine, store: window.testStore, nonce: window.StatusBotShell.nonce || undefined },
          host,
        );
      }
      const activity = {
        type: 'message',
        from: { id: 'bot', name: 'StatusBot', role: 'bot' },
        timestamp: new Date().toISOString(),
        ...incoming,
      };
      window.testStore.dispatch({ type: 'DIRECT_LINE/INCOMING_ACTIVITY', payload: { activity } });
    }, activity);
  }
  const own = () => page.locator('#test-webchat [role="feed"]');

  it('sanitises markdown: no script, no event handler, no javascript: link, no style, no frame', async () => {
    const text = [
      '**bold** and [a link](https://example.com/docs)',
      '<img src="/nothing.png" onerror="window.pwned = 1"> <script>window.pwned = 2</script>',
      '<a href="javascript:window.pwned = 3">html link</a> [markdown link](javascript:window.pwned=4)',
      '<span style="color: red" onclick="window.pwned = 5">styled</span> <iframe src="/"></iframe>',
      'attributes {onmouseover="window.pwned=6" style="color:red"}',
    ].join('\n\n');
    await show({ id: 'markdown-1', text });
    const message = own().locator('.webchat__render-markdown').filter({ hasText: 'bold' }).last();
    await message.waitFor();
    await expect(message.locator('strong', { hasText: 'bold' }).count()).resolves.toBe(1);
    await expect(message.locator('a[href="https://example.com/docs"]').count()).resolves.toBe(1);
    const unsafe = await message.evaluate(
      (root: {
        querySelectorAll(
          s: string,
        ): ArrayLike<{ tagName: string; attributes: ArrayLike<{ name: string; value: string }> }>;
      }) =>
        Array.from(root.querySelectorAll('*')).flatMap((el) => [
          ...(/^(SCRIPT|IFRAME)$/.test(el.tagName) ? [el.tagName] : []),
          ...Array.from(el.attributes)
            .filter(
              (a) =>
                /^on/i.test(a.name) ||
                a.name === 'style' ||
                (/^(href|src|action|formaction)$/i.test(a.name) && /^\s*javascript:/i.test(a.value)),
            )
            .map((a) => `${el.tagName} ${a.name}="${a.value}"`),
        ]),
    );
    expect(unsafe).toEqual([]);
    await expect(message.getByText('styled').count()).resolves.toBe(1);
    await expect(page.evaluate(() => window.pwned)).resolves.toBeUndefined();
  });

  it('draws Adaptive Cards 1.5 (a table) and 1.6 (a carousel)', async () => {
    const card = (version: string, body: unknown[]) => ({
      contentType: 'application/vnd.microsoft.card.adaptive',
      content: { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version, body },
    });
    const cell = (text: string) => ({ type: 'TableCell', items: [{ type: 'TextBlock', text }] });
    await show({
      id: 'card-15',
      attachments: [
        card('1.5', [
          {
            type: 'Table',
            columns: [{ width: 1 }, { width: 1 }],
            rows: [
              { type: 'TableRow', cells: [cell('Status'), cell('Meaning')] },
              { type: 'TableRow', cells: [cell('502'), cell('Bad Gateway')] },
            ],
          },
        ]),
      ],
    });
    await own().getByText('Bad Gateway', { exact: true }).waitFor();
    await expect(own().getByRole('table').count()).resolves.toBeGreaterThanOrEqual(1);
    const page1 = { type: 'CarouselPage', items: [{ type: 'TextBlock', text: 'First page' }] };
    const page2 = { type: 'CarouselPage', items: [{ type: 'TextBlock', text: 'Second page' }] };
    await show({ id: 'card-16', attachments: [card('1.6', [{ type: 'Carousel', pages: [page1, page2] }])] });
    await own().getByText('First page', { exact: true }).waitFor();
    await expect(own().getByText('Second page', { exact: true }).count()).resolves.toBe(1);
  });

  it('draws a hero card with its buttons', async () => {
    const hero = {
      contentType: 'application/vnd.microsoft.card.hero',
      content: {
        title: 'Hero title',
        text: 'Hero text',
        buttons: [{ type: 'imBack', title: 'Hero button', value: 'what is 404' }],
      },
    };
    await show({ id: 'hero-1', attachments: [hero] });
    await own().getByText('Hero title', { exact: true }).waitFor();
    await expect(own().getByRole('button', { name: 'Hero button' }).count()).resolves.toBe(1);
  });

  it("made no request outside the bot's origin; what the CSP blocked is only the hostile markdown's handlers and styles", () => {
    // Web Chat parses markdown's HTML into an inert document before sanitising it: the page's CSP reports the handlers
    // and styles it met there (the published bundle does the same), and the sanitised result has none (above).
    expect(site.foreign).toEqual([]);
    expect(
      site.cspViolations.filter((v) => !/^(Executing inline event handler|Applying inline style) violates/.test(v)),
    ).toEqual([]);
  });
});
