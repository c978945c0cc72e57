/**
 * Answer cards as a user sees them in real Chromium at / (Web Chat over the bot's own Direct Line): for questions that
 * name a stack, the likely fix for that stack is on the card without "Show more"; pasted header values are decoded
 * on it; a comparison states the difference under its title. The collapsed cards' heights at 1366×768 and on a phone
 * (375×667) are printed, and on the phone a lookup or comparison must fit PHONE_MAX_CARD_PX (issue 15: an answer in
 * about 300 px); "Show more" still opens the full description and both sides' steps, and leaves keyboard focus on
 * what it opened. A pasted log is folded to three monospace lines in the visitor's bubble.
 */
import type { Browser, Page } from 'playwright-core';
import { startBot, type RunningBot } from '../support/bot-in-process';
import { ensureBuilt } from '../support/bot-process';
import { launchChromium, originOnlyContext, screenshot } from '../support/browser';

jest.setTimeout(300_000);

const SEND_BOX = '[data-id="webchat-sendbox-input"]';
const GREETING = /Hi, I.m StatusBot/;
/** How long a card may take to lay out; a bound on waiting, not a speed requirement. */
const SHOWS_WITHIN_MS = 10_000;
/** The tallest a collapsed lookup or comparison may be on a phone: about 300 px, so it fits the chat above the keyboard. */
const PHONE_MAX_CARD_PX = 320;
const PHONE = '375×667';

/** [question, the stack's words the likely fix must show without "Show more"] */
const STACK_QUESTIONS: ReadonlyArray<[string, RegExp]> = [
  ['my upload fails with 413 through nginx', /client_max_body_size/],
  ['our alb returns 502 after deploys', /describe-target-health/],
  ['cloudflare 524 on our long reports', /120 seconds/],
  ['laravel 419 page expired on the login form', /@csrf/],
  ['kubernetes ingress gives 504 on long requests', /proxy-read-timeout/],
  ['our iis site gives 413 on big uploads', /maxAllowedContentLength/],
  ['express app answers 413 payload too large', /limit/],
  ['django returns 413 on file upload', /DATA_UPLOAD_MAX_MEMORY_SIZE/],
  ['api gateway 504 after 29 seconds', /29 seconds/],
  ['nginx 431 request header too large', /large_client_header_buffers/],
  ['php site behind nginx 504 gateway timeout', /fastcgi_read_timeout/],
  // Fixes whose step was once too long for a phone (300–360 characters): each now fits PHONE_MAX_CARD_PX collapsed.
  ['nginx returns 502 bad gateway', /proxy_pass/],
  ['cloudflare 413 on large uploads', /100 MB/],
  ['our alb answers 503', /describe-target-health/],
  ['alb 504 on long requests', /idle_timeout\.timeout_seconds/],
];

let bot: RunningBot;
let browser: Browser;
const heights: Array<{ viewport: string; question: string; px: number }> = [];

beforeAll(async () => {
  // Built first: the server sends the Brotli and gzip variants the build makes (dist/precompressed).
  ensureBuilt();
  [bot, browser] = await Promise.all([startBot({ DIRECTLINE_TOKENS_PER_MINUTE: '1000' }), launchChromium()]);
});

afterAll(async () => {
  if (heights.length) {
    console.log(
      `Collapsed answer card heights (px):\n${heights.map((h) => `  ${h.viewport.padEnd(9)} ${String(h.px).padStart(5)}  ${h.question.split('\n')[0]}`).join('\n')}`,
    );
  }
  await browser?.close();
  await bot?.stop();
});

async function openChat(viewport: { width: number; height: number }, mobile = false): Promise<Page> {
  const { context } = await originOnlyContext(browser, bot.url, { viewport, isMobile: mobile, hasTouch: mobile });
  const page = await context.newPage();
  await page.goto(bot.url + '/');
  await page.locator('[role="feed"]').getByText(GREETING).first().waitFor();
  return page;
}

/** Asks, waits for a new card, and returns the last card's element handle text and the card locator. */
async function askForCard(page: Page, question: string) {
  const cards = page.locator('[role="feed"] .ac-adaptiveCard');
  const before = await cards.count();
  const box = page.locator(SEND_BOX);
  await box.fill(question);
  await box.press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('[role="feed"] .ac-adaptiveCard').length > n, before);
  const card = cards.last();
  await card.waitFor();
  return card;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const getComputedStyle: any;

describe.each([
  ['1366×768', { width: 1366, height: 768 }, false],
  [PHONE, { width: 375, height: 667 }, true],
])('at %s', (name, viewport, mobile) => {
  let page: Page;
  beforeAll(async () => {
    page = await openChat(viewport, mobile);
  });
  afterAll(async () => {
    await page?.context().close();
  });

  test.each(STACK_QUESTIONS)('"%s": the stack\'s likely fix shows without "Show more"', async (question, words) => {
    const card = await askForCard(page, question);
    // Visible, not just present: waitFor fails the test if it never shows without a click.
    await card.getByText(/^Most likely fix with /).waitFor({ state: 'visible', timeout: SHOWS_WITHIN_MS });
    await card.getByText(words).first().waitFor({ state: 'visible', timeout: SHOWS_WITHIN_MS });
    const px = Math.round((await card.boundingBox())?.height ?? 0);
    heights.push({ viewport: name, question, px });
    if (name === PHONE) expect(px).toBeLessThanOrEqual(PHONE_MAX_CARD_PX);
  });

  test('pasted headers are decoded on the card: Retry-After as a wait, an expired token in words', async () => {
    const retry = await askForCard(page, 'HTTP/1.1 429 Too Many Requests\nRetry-After: 120');
    await retry.getByText(/From what you pasted/).waitFor({ state: 'visible', timeout: SHOWS_WITHIN_MS });
    await retry
      .getByText(/wait 2 minutes \(until \d\d:\d\d UTC\)/)
      .waitFor({ state: 'visible', timeout: SHOWS_WITHIN_MS });
    const token = await askForCard(
      page,
      'HTTP/2 401\nwww-authenticate: Bearer error="invalid_token", error_description="The access token expired"',
    );
    await token.getByText(/your token has expired/).waitFor({ state: 'visible', timeout: SHOWS_WITHIN_MS });
  });

  test('"401 vs 403" states the difference under its title; "what is 502" and a pasted log are measured', async () => {
    const compare = await askForCard(page, '401 vs 403');
    await compare.getByText(/^403 Forbidden, unlike 401: /).waitFor({ state: 'visible', timeout: SHOWS_WITHIN_MS });
    const comparePx = Math.round((await compare.boundingBox())?.height ?? 0);
    heights.push({ viewport: name, question: '401 vs 403', px: comparePx });
    const lookup = await askForCard(page, 'what is 502');
    const lookupPx = Math.round((await lookup.boundingBox())?.height ?? 0);
    heights.push({ viewport: name, question: 'what is 502', px: lookupPx });
    if (name === PHONE) {
      expect(comparePx).toBeLessThanOrEqual(PHONE_MAX_CARD_PX);
      expect(lookupPx).toBeLessThanOrEqual(PHONE_MAX_CARD_PX);
    }
    const log = await askForCard(
      page,
      [
        '10.0.0.1 - - [06/Dec/2026:10:40:01 +0000] "GET /api HTTP/1.1" 502 157',
        '10.0.0.2 - - [06/Dec/2026:10:40:02 +0000] "GET /api HTTP/1.1" 502 157',
        '10.0.0.3 - - [06/Dec/2026:10:40:03 +0000] "GET / HTTP/1.1" 200 612',
        '10.0.0.4 - - [06/Dec/2026:10:40:04 +0000] "GET /api HTTP/1.1" 504 167',
      ].join('\n'),
    );
    heights.push({
      viewport: name,
      question: 'a pasted log (4 lines)',
      px: Math.round((await log.boundingBox())?.height ?? 0),
    });
    await screenshot(page, `cards-${name.replace('×', 'x')}`);
  });

  // A vendor's number that means something else elsewhere: its other meanings lead the chips beside "Show more", their
  // summaries behind it.
  test.each<[string, RegExp]>([
    ['nginx 499 in the access log', /^499 Esri ArcGIS/],
    ['cloudflare 530', /^530 /],
  ])('"%s": the same number elsewhere as a chip beside "Show more"', async (question, chip) => {
    const card = await askForCard(page, question);
    await card.getByRole('button', { name: chip }).first().waitFor({ state: 'visible', timeout: SHOWS_WITHIN_MS });
    const px = Math.round((await card.boundingBox())?.height ?? 0);
    heights.push({ viewport: name, question, px });
    if (name === PHONE) expect(px).toBeLessThanOrEqual(PHONE_MAX_CARD_PX);
    await card.getByRole('button', { name: 'Show more' }).click();
    await card.getByText('The same number elsewhere:').waitFor({ state: 'visible', timeout: SHOWS_WITHIN_MS });
  });

  test('"Show more" opens the full description and both sides\' steps; on "401 vs 403", both codes in full', async () => {
    // A conversation of its own, so the question is read as a first one (not a follow-up on the 413s above).
    const fresh = await openChat(viewport, mobile);
    const shown = { state: 'visible', timeout: SHOWS_WITHIN_MS } as const;
    try {
      const engine = bot.app.engine;
      const answer = engine.ask('my upload fails with 413 through nginx').answer;
      if (answer.intent !== 'lookup') throw new Error(`Expected a lookup, got ${answer.intent}`);
      const entry = answer.entry;
      const card = await askForCard(fresh, 'my upload fails with 413 through nginx');
      await expect(card.getByText(entry.description).isVisible()).resolves.toBe(false);
      await card.getByRole('button', { name: 'Show more' }).click();
      await card.getByText(entry.description).waitFor(shown);
      await card.getByText(entry.summary).waitFor(shown);
      // Headings are TextBlocks, whose Markdown turns ' into ’.
      for (const heading of [/^If you.re calling the API or browsing$/, /^If you run the server$/])
        await card.getByText(heading).waitFor(shown);
      for (const step of [...entry.nextSteps.client, ...entry.nextSteps.server])
        await card.getByText(step).first().waitFor(shown);

      const compare = await askForCard(fresh, '401 vs 403');
      await compare.getByRole('button', { name: 'Show more' }).click();
      for (const code of ['401', '403']) {
        const e = engine.table.entry(code);
        await compare.getByText(e?.summary ?? code).waitFor(shown);
        await compare.getByText(e?.nextSteps.client[0] ?? code).waitFor(shown);
      }
    } finally {
      await fresh.context().close();
    }
  });

  test('"Show more" moves focus to the details it opened, and "Show less" back to "Show more"', async () => {
    const card = await askForCard(page, 'what is 410');
    const showMore = card.getByRole('button', { name: 'Show more' });
    await showMore.focus();
    await page.keyboard.press('Enter');
    await card.getByText(/^Reference/).waitFor({ state: 'visible', timeout: SHOWS_WITHIN_MS });
    const focused = await page.evaluate(() => ({
      inCard: !!document.activeElement?.closest('.ac-adaptiveCard'),
      text: document.activeElement?.textContent ?? '',
    }));
    expect(focused.inCard).toBe(true);
    expect(focused.text).toMatch(/Reference/); // the details container, read from its start
    await card.getByRole('button', { name: 'Show less' }).click();
    await showMore.waitFor({ state: 'visible', timeout: SHOWS_WITHIN_MS });
    expect(await showMore.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  test('a pasted log shows as three monospace lines with "Show all N lines", which opens and closes it', async () => {
    await askForCard(page, 'HTTP/1.1 429 Too Many Requests\nRetry-After: 120\nContent-Type: text/plain');
    expect(
      await page.locator('.webchat__bubble--from-user .webchat__bubble__content').last().getAttribute('data-sb-paste'),
    ).toBeNull();
    const lines = Array.from(
      { length: 9 },
      (_, i) =>
        `10.0.0.${i} - - [06/Dec/2026:10:41:0${i} +0000] "GET /api/orders?page=${i} HTTP/1.1" ${i % 3 ? 503 : 200} 98`,
    );
    await askForCard(page, lines.join('\n'));
    const bubble = page.locator('[data-sb-paste]').last();
    const toggle = bubble.getByRole('button', { name: 'Show all 9 lines' });
    await toggle.waitFor({ timeout: SHOWS_WITHIN_MS });
    const shown = () =>
      bubble
        .locator('.webchat__text-content')
        .evaluateAll((ps) => ps.filter((p) => p.getClientRects().length > 0).length);
    expect(await shown()).toBe(3);
    expect(
      await bubble
        .locator('.webchat__text-content')
        .first()
        .evaluate((p) => getComputedStyle(p).fontFamily),
    ).toMatch(/mono/i);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await shown()).toBe(9);
    expect(await bubble.getByRole('button', { name: 'Show less' }).getAttribute('aria-expanded')).toBe('true');
    await bubble.getByRole('button', { name: 'Show less' }).click();
    expect(await shown()).toBe(3);
  });
});
