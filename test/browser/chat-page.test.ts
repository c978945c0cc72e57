/**
 * The full-page chat at / in a real headless Chromium, against the real server (in-process) and its own Direct Line:
 * the bot greets first, "what is 502" gets the card with Bad Gateway and next steps, a related-code button asks
 * about 504, a conversation of follow-ups in other words holds together, a reload keeps the conversation without a
 * second greeting, and "New conversation" starts over. Before Web Chat has loaded, the page already shows its shell
 * (the greeting and a send box that takes a question) and has asked for the token; it follows the system's dark mode;
 * axe finds nothing, of any impact.
 * Nothing may leave the bot's origin, and the page's Content-Security-Policy must hold (no violation reported).
 */
import type { Browser, FrameLocator, Page } from 'playwright-core';
import type { RunningBot } from '../support/bot-in-process';
import { closeSiteUnderTest, openSiteUnderTest } from '../support/site-under-test';
import {
  axeViolations,
  BROWSER_TIMEOUT_MS,
  holdBackWebChat,
  originOnlyContext,
  screenshot,
  settled,
  type OriginOnlyContext,
} from '../support/browser';

/* Functions passed to page.evaluate run in Chromium, which has these globals; the project's tsconfig has no DOM library. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any, document: any, MutationObserver: any, performance: any, getComputedStyle: any;

jest.setTimeout(180_000);

const SEND_BOX = '[data-id="webchat-sendbox-input"]';
const GREETING = /Hi, I.m StatusBot/;

let bot: RunningBot;
let browser: Browser;
let site: OriginOnlyContext;
let page: Page;

beforeAll(async () => ({ bot, browser, site, page } = await openSiteUnderTest()));

afterAll(() => closeSiteUnderTest(bot, browser));

/** The transcript: Web Chat's feed of activities (its role="log" elements are screen-reader live regions). */
const transcript = (p: Page | FrameLocator) => p.locator('[role="feed"]');

async function ask(p: Page, text: string): Promise<void> {
  const box = p.locator(SEND_BOX);
  await box.fill(text);
  await box.press('Enter');
}

const conversationId = (p: Page) =>
  p.evaluate(
    () => (window as unknown as { StatusBotChat: { conversationId: string | null } }).StatusBotChat.conversationId,
  );

describe('the shell of / (before Web Chat has loaded)', () => {
  it('shows the greeting and a send box at once, starts the conversation, takes a question, and hands it and the draft over to Web Chat', async () => {
    const context = await originOnlyContext(browser, bot.url);
    try {
      const p = await context.context.newPage();
      const release = await holdBackWebChat(p);
      const order: string[] = [];
      p.on('request', (r) => order.push(new URL(r.url()).pathname));
      await p.goto(bot.url + '/', { waitUntil: 'commit' });
      await p.getByRole('heading', { name: "Hi, I'm StatusBot" }).waitFor();
      // The visitor can type at once: the shell's box has the focus.
      await p.waitForFunction(() => document.activeElement?.id === 'sb-shell-input');
      await expect(transcript(p).count()).resolves.toBe(0);
      // While Web Chat was still downloading, the token was asked for, the conversation started and the greeting
      // asked for (the join event), so the greeting is waiting when Web Chat connects.
      await p.waitForFunction(() =>
        performance
          .getEntriesByType('resource')
          .some((e: { name: string }) => /\/v3\/directline\/conversations\/[^/]+\/activities$/.test(e.name)),
      );
      expect(order.filter((path) => !path.startsWith('/assets/'))).toEqual([
        '/',
        '/vendor/webchat.js',
        '/api/directline/token',
        '/v3/directline/conversations',
        expect.stringMatching(/^\/v3\/directline\/conversations\/[^/]+\/activities$/),
      ]);
      await p.keyboard.type('what is 502');
      await p.keyboard.press('Enter');
      await p.locator('.sb-shell__mine', { hasText: 'what is 502' }).waitFor();
      await p.keyboard.type('and 504?');
      await screenshot(p, 'chat-shell-loading');
      release();
      // Web Chat takes over: the question is sent and answered, the draft and the focus move into its send box.
      await transcript(p)
        .getByRole('heading', { name: /502 Bad Gateway/ })
        .waitFor();
      await expect(p.locator('#sb-shell').count()).resolves.toBe(0);
      await expect(p.locator(SEND_BOX).inputValue()).resolves.toBe('and 504?');
      await p.waitForFunction(() => document.activeElement?.getAttribute('data-id') === 'webchat-sendbox-input');
      expect(context.foreign).toEqual([]);
      expect(context.cspViolations).toEqual([]);
    } finally {
      await context.context.close();
    }
  });
});

describe('the full-page chat at /', () => {
  it("loads Web Chat from the bot and is greeted first, with starter prompts once, as the greeting card's buttons", async () => {
    await page.goto(bot.url + '/');
    await expect(page.title()).resolves.toMatch(/StatusBot/);
    await transcript(page).getByText(GREETING).first().waitFor();
    // Starter prompts are the greeting card's buttons, and are not repeated as suggested actions.
    await transcript(page).getByRole('button', { name: 'what is 502' }).first().waitFor();
    await expect(page.getByRole('toolbar', { name: 'Suggested actions' }).getByRole('button').count()).resolves.toBe(0);
    // Focus starts in the send box, ready to type.
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-id') === 'webchat-sendbox-input');
  });

  it('answers "what is 502" with the card: Bad Gateway, then next steps behind "Show more"', async () => {
    await ask(page, 'what is 502');
    const log = transcript(page);
    await log.getByRole('heading', { name: /502 Bad Gateway/ }).waitFor();
    await settled(page);
    await screenshot(page, 'chat-desktop');
    await log.getByRole('button', { name: 'Show more' }).last().click();
    await log
      .getByText(/If you run the server/)
      .last()
      .waitFor();
    await expect(
      log
        .getByText(/proxy's error log/)
        .last()
        .isVisible(),
    ).resolves.toBe(true);
  });

  it('asks about a related code when its card button is clicked', async () => {
    const log = transcript(page);
    // Related codes are a row of chips named by their number; the click shows in the transcript as the visitor's question.
    await log
      .getByRole('button', { name: /^504\b/ })
      .last()
      .click();
    await log.getByText('what is 504', { exact: true }).last().waitFor();
    await log.getByRole('heading', { name: /504 Gateway Timeout/ }).waitFor();
  });

  it('shows what the visitor typed as text, never as HTML', async () => {
    const typed = '<img src=x id=injected> <b>bold?</b> **not markdown**';
    await ask(page, typed);
    const log = transcript(page);
    await log.getByText(typed, { exact: true }).waitFor();
    await expect(page.locator('#injected').count()).resolves.toBe(0);
    await expect(log.locator('b', { hasText: 'bold?' }).count()).resolves.toBe(0);
  });

  it("accepts a long pasted log (well over Web Chat's default 2,000 characters)", async () => {
    const lines = Array.from(
      { length: 60 },
      (_, i) =>
        `10.0.0.${i % 250} - - [25/Nov/2026:10:${String(i % 60).padStart(2, '0')}:00 +0000] "GET /api/v3/labels/${1000 + i} HTTP/1.1" ${i % 3 === 0 ? 503 : 200} 512 "-" "curl/8.5"`,
    );
    const log = lines.join('\n');
    expect(log.length).toBeGreaterThan(5000);
    await page.locator(SEND_BOX).fill(log);
    await page.locator(SEND_BOX).press('Enter');
    await transcript(page)
      .getByText(/503 Service Unavailable/)
      .last()
      .waitFor();
  });

  it('shows the typing indicator only when an answer is slow', async () => {
    // Remember whether Web Chat's typing indicator ever appears.
    const watchTyping = () =>
      page.evaluate(() => {
        const w = window as { typingSeen?: boolean };
        w.typingSeen = false;
        new MutationObserver(() => {
          if (document.querySelector('.webchat__typing-indicator')) w.typingSeen = true;
        }).observe(document.body, { subtree: true, childList: true });
      });
    const typingSeen = () => page.evaluate(() => (window as { typingSeen?: boolean }).typingSeen);

    await watchTyping();
    await ask(page, 'what is 418');
    await transcript(page).getByRole('heading', { name: /418/ }).first().waitFor();
    await expect(typingSeen()).resolves.toBe(false);

    // Hold the next turn back, as a slow server would, until the indicator shows.
    const activities = '**/v3/directline/conversations/*/activities';
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(activities, async (route) => {
      if (route.request().method() === 'POST') await held;
      await route.continue();
    });
    try {
      await ask(page, 'what is 451');
      await page.locator('.webchat__typing-indicator').waitFor();
      release();
      await transcript(page).getByRole('heading', { name: /451/ }).first().waitFor();
      await page.locator('.webchat__typing-indicator').waitFor({ state: 'detached' });
    } finally {
      await page.unroute(activities);
    }
  });

  it('keeps the conversation across a reload, without a second greeting', async () => {
    const before = await conversationId(page);
    expect(before).toBeTruthy();
    await page.reload();
    const log = transcript(page);
    await log.getByRole('heading', { name: /504 Gateway Timeout/ }).waitFor();
    await expect(log.getByRole('heading', { name: /502 Bad Gateway/ }).count()).resolves.toBeGreaterThanOrEqual(1);
    await expect(conversationId(page)).resolves.toBe(before);
    // A second greeting would answer what the page sends as it starts: it would come before the answer to a question.
    await ask(page, 'what is 404');
    await log
      .getByRole('heading', { name: /404 Not Found/ })
      .last()
      .waitFor();
    await expect(log.getByText(GREETING).count()).resolves.toBe(1);
  });

  it('"New conversation" starts over: a new conversation, greeted again, the old answers gone', async () => {
    const before = await conversationId(page);
    await page.getByRole('button', { name: 'New conversation' }).click();
    const log = transcript(page);
    await log.getByText(GREETING).first().waitFor();
    await page.waitForFunction(
      (old) =>
        (window as unknown as { StatusBotChat: { conversationId: string | null } }).StatusBotChat.conversationId !==
        old,
      before,
    );
    await expect(log.getByRole('heading', { name: /502 Bad Gateway/ }).count()).resolves.toBe(0);
    // And a reload now restores the new conversation, not the old one.
    const after = await conversationId(page);
    await page.reload();
    await transcript(page).getByText(GREETING).first().waitFor();
    await expect(conversationId(page)).resolves.toBe(after);
  });

  it('holds a conversation: follow-ups in other words, a comparison with the last code, thanks in kind', async () => {
    // A tab of its own: a conversation of its own.
    const tab = await site.context.newPage();
    try {
      await tab.goto(bot.url + '/');
      const log = transcript(tab);
      await log.getByText(GREETING).first().waitFor();
      await ask(tab, 'our nginx gives my upload a 413');
      await log.getByRole('heading', { name: '413 Content Too Large' }).waitFor();
      await ask(tab, 'what config do i need to change');
      await log.getByRole('heading', { name: '413 Content Too Large: what to change on the server' }).waitFor();
      await expect(
        log
          .getByText(/client_max_body_size/)
          .last()
          .isVisible(),
      ).resolves.toBe(true);
      await ask(tab, 'and for the frontend?');
      await log.getByRole('heading', { name: '413 Content Too Large: what to do as the caller' }).waitFor();
      await ask(tab, 'can you give an example');
      await log.getByRole('heading', { name: 'An example of 413 Content Too Large' }).waitFor();
      await ask(tab, 'how does it differ from 431?');
      await log
        .getByRole('heading', { name: '413 Content Too Large vs 431 Request Header Fields Too Large' })
        .waitFor();
      await ask(tab, 'thank you so much!');
      await log
        .getByText(/You.re welcome/)
        .last()
        .waitFor();
      await settled(tab);
      await screenshot(tab, 'chat-follow-ups');
    } finally {
      await tab.close();
    }
  });

  it('fills a phone screen, with the send box in view', async () => {
    const phone = await site.context
      .browser()!
      .newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
    try {
      const mobile = await phone.newPage();
      await mobile.goto(bot.url + '/');
      await transcript(mobile).getByText(GREETING).first().waitFor();
      await ask(mobile, 'what is 429');
      await transcript(mobile)
        .getByRole('heading', { name: /429 Too Many Requests/ })
        .waitFor();
      const box = await mobile.locator(SEND_BOX).boundingBox();
      expect(box && box.y + box.height).toBeLessThanOrEqual(667);
      await screenshot(mobile, 'chat-phone');
    } finally {
      await phone.close();
    }
  });

  it("made no request outside the bot's origin and broke no CSP rule", () => {
    expect(site.foreign).toEqual([]);
    expect(site.cspViolations).toEqual([]);
  });
});

describe('dark mode on /', () => {
  it.each([
    ['dark', '', 'dark', 'rgb(11, 14, 18)'],
    ['light', '', 'light', 'rgb(244, 246, 248)'],
    ['dark', '?theme=light', 'light', 'rgb(244, 246, 248)'],
  ] as const)('follows the system (%s%s): %s', async (scheme, query, theme, page) => {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 800 } });
    try {
      const p = await context.newPage();
      p.setDefaultTimeout(BROWSER_TIMEOUT_MS);
      await p.goto(bot.url + '/' + query);
      await transcript(p).getByText(GREETING).first().waitFor();
      await expect(p.locator('html').getAttribute('data-theme')).resolves.toBe(theme);
      await expect(p.evaluate(() => getComputedStyle(document.body).backgroundColor)).resolves.toBe(page);
      // Web Chat's bubbles follow (styleOptions): dark bubbles on dark, white on light.
      const bubble = await p.evaluate(
        () => getComputedStyle(document.querySelector('[role="feed"] .webchat__bubble__content')).backgroundColor,
      );
      expect(bubble).toBe(theme === 'dark' ? 'rgb(32, 38, 47)' : 'rgb(255, 255, 255)');
      if (scheme === 'dark' && !query) await screenshot(p, 'chat-desktop-dark');
    } finally {
      await context.close();
    }
  });
});

describe('accessibility of / (axe-core)', () => {
  it('has no violation of any impact, greeted and after an answer', async () => {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 800 } });
    try {
      const p = await context.newPage();
      p.setDefaultTimeout(BROWSER_TIMEOUT_MS);
      await p.goto(bot.url + '/');
      await transcript(p).getByText(GREETING).first().waitFor();
      expect(await axeViolations(p)).toEqual([]);
      await ask(p, 'what is 502');
      await transcript(p)
        .getByRole('heading', { name: /502 Bad Gateway/ })
        .waitFor();
      expect(await axeViolations(p)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
