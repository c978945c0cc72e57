/**
 * The embeddable widget on the sample site /demo, in a real headless Chromium against the real server: before it is
 * opened it only downloads (Web Chat, once the page is idle), opens by keyboard with focus in the send box, answers,
 * closes with Escape from anywhere in the panel (focus back on the launcher, nothing left focused in the hidden
 * panel), counts unread answers while closed, survives a reload, keeps its CSS and the page's apart, and runs on a
 * host page with a strict nonce-based Content-Security-Policy. On a phone: full screen, closable while Web Chat is
 * still loading, closed by Back, modal (Tab stays inside), 16 px input text and 44 px touch targets, suggestions on
 * one row, and reopening shows the first unread answer. A site that is not in ALLOWED_ORIGINS gets a panel that
 * says so and a console warning that names the setting. axe finds nothing, of any impact.
 */
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { startBot, type RunningBot } from '../support/bot-in-process';
import { ensureBuilt, ROOT } from '../support/bot-process';
import {
  axeViolations,
  BROWSER_TIMEOUT_MS,
  holdBackWebChat,
  launchChromium,
  originOnlyContext,
  screenshot,
  settled,
  type OriginOnlyContext,
} from '../support/browser';

/* Functions passed to page.evaluate run in Chromium, which has these globals; the project's tsconfig has no DOM library. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any, document: any, getComputedStyle: any, performance: any, history: any;

jest.setTimeout(180_000);

const SEND_BOX = '[data-id="webchat-sendbox-input"]';
const GREETING = /Hi, I.m StatusBot/;
const LAUNCHER = { name: /Chat with StatusBot/ };
/** Another site that embeds the widget (served by the test itself); the bot lists it in ALLOWED_ORIGINS. */
const HOST_SITE = 'http://status.example.test';
/** A site that embeds the widget without being listed in ALLOWED_ORIGINS. */
const UNLISTED_SITE = 'http://unlisted.example.test';

let bot: RunningBot;
let browser: Browser;
let site: OriginOnlyContext;
let page: Page;
const requested: string[] = [];

beforeAll(async () => {
  // Built first: the server sends the Brotli and gzip variants the build makes (dist/precompressed).
  ensureBuilt();
  [bot, browser] = await Promise.all([
    startBot({ DIRECTLINE_TOKENS_PER_MINUTE: '1000', ALLOWED_ORIGINS: HOST_SITE }),
    launchChromium(),
  ]);
  site = await originOnlyContext(browser, bot.url);
  page = await site.context.newPage();
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
});

afterAll(async () => {
  await browser?.close();
  await bot?.stop();
});

const launcher = (p: Page) => p.getByRole('button', LAUNCHER);
/** Waits until the launcher says the panel is open (true) or closed (false); the panel answers asynchronously. */
const expanded = (p: Page, value: boolean) =>
  p
    .locator(`statusbot-widget button[aria-controls="statusbot-panel"][aria-expanded="${value}"]`)
    .waitFor({ state: 'attached' });
const panel = (p: Page) => p.getByRole('dialog', { name: 'StatusBot chat' });
/** The panel whether open or not (closed, it is inert, so not in the accessibility tree). */
const panelElement = (p: Page) => p.locator('statusbot-widget #statusbot-panel');
/** Waits until the panel is closed: transparent, and inert (out of reach of pointer, keyboard and screen readers). */
const closedPanel = (p: Page) => p.locator('statusbot-widget #statusbot-panel[inert]').waitFor({ state: 'attached' });

/** The widget's panel: the bot's /embed page in an iframe. */
async function chatFrame(p: Page): Promise<Frame> {
  const handle = await p.locator('iframe[title="StatusBot chat"]').elementHandle({ timeout: BROWSER_TIMEOUT_MS });
  const frame = await handle!.contentFrame();
  if (!frame) throw new Error('the widget iframe has no frame');
  return frame;
}

/** What has focus, looking into the widget's shadow root and its iframe. */
function focused(p: Page): Promise<string> {
  return p.evaluate(() => {
    const active = document.activeElement;
    if (!active) return 'nothing';
    if (active.tagName === 'STATUSBOT-WIDGET') {
      const inner = active.shadowRoot?.activeElement;
      return inner?.getAttribute('aria-controls') === 'statusbot-panel' ? 'launcher' : `widget ${inner?.tagName}`;
    }
    return active.tagName;
  });
}

async function recordEvents(p: Page): Promise<void> {
  await p.waitForFunction(() => !!(window as unknown as { StatusBot?: unknown }).StatusBot);
  await p.evaluate(() => {
    const w = window as unknown as {
      StatusBot: { on: (name: string, fn: (v: unknown) => void) => void };
      events: unknown[];
    };
    w.events = [];
    for (const name of ['ready', 'open', 'close', 'message', 'unread'])
      w.StatusBot.on(name, (v) =>
        w.events.push(name === 'message' ? [name, typeof (v as { text?: unknown })?.text] : [name, v ?? null]),
      );
  });
}
const events = (p: Page) => p.evaluate(() => (window as unknown as { events: unknown[] }).events);

describe('the widget on /demo', () => {
  it('shows only the launcher at first; once the page is idle it downloads Web Chat, and starts no chat until opened', async () => {
    await page.goto(bot.url + '/demo');
    await launcher(page).waitFor();
    await recordEvents(page);
    await expect(launcher(page).getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(launcher(page).getAttribute('aria-controls')).resolves.toBe('statusbot-panel');
    await closedPanel(page);
    await expect(panelElement(page).evaluate((el: unknown) => getComputedStyle(el).opacity)).resolves.toBe('0');
    // The panel is made ahead of time, hidden, and prefetches the bundle…
    await page.waitForFunction(() => document.querySelector('statusbot-widget')?.shadowRoot?.querySelector('iframe'));
    const frame = await chatFrame(page);
    await frame.waitForFunction(() =>
      performance.getEntriesByType('resource').some((e: { name: string }) => e.name.includes('/vendor/webchat.js')),
    );
    expect(frame.url()).toContain('warm=1');
    await settled(page);
    // …but neither runs it nor asks for a conversation.
    await expect(frame.evaluate(() => typeof window.WebChat)).resolves.toBe('undefined');
    expect(requested).not.toContain('/api/directline/token');
    await screenshot(page, 'demo-desktop-closed');
  });

  it('opens by keyboard (Tab to the launcher, Enter) with focus in the send box, and answers', async () => {
    for (let i = 0; i < 40 && (await focused(page)) !== 'launcher'; i++) await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('launcher');
    await page.keyboard.press('Enter');
    await expanded(page, true);
    await panel(page).waitFor();

    const frame = await chatFrame(page);
    await frame.locator('[role="feed"]').getByText(GREETING).first().waitFor();
    await frame.waitForFunction((selector) => document.activeElement === document.querySelector(selector), SEND_BOX);

    await page.keyboard.type('what is 502');
    await page.keyboard.press('Enter');
    await frame
      .locator('[role="feed"]')
      .getByRole('heading', { name: /502 Bad Gateway/ })
      .waitFor();
    // The answer arrived without moving focus.
    await expect(frame.evaluate(() => document.activeElement?.getAttribute('data-id'))).resolves.toBe(
      'webchat-sendbox-input',
    );
    expect(requested).toContain('/vendor/webchat.js');
    await settled(page);
    await screenshot(page, 'demo-desktop-open');
  });

  it('closes with Escape and gives focus back to the launcher', async () => {
    await page.keyboard.press('Escape');
    await expanded(page, false);
    await closedPanel(page);
    expect(await focused(page)).toBe('launcher');
  });

  it('closes with Escape from inside the transcript too, leaving nothing focused in the hidden panel', async () => {
    await launcher(page).click();
    await expanded(page, true);
    const frame = await chatFrame(page);
    await frame.waitForFunction((selector) => document.activeElement === document.querySelector(selector), SEND_BOX);
    // Back into the transcript (Web Chat uses Escape there to go back to the send box).
    const inTranscript = () => frame.evaluate(() => !!document.activeElement?.closest('.webchat__basic-transcript'));
    for (let i = 0; i < 8 && !(await inTranscript()); i++) await page.keyboard.press('Shift+Tab');
    await expect(inTranscript()).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await expanded(page, false);
    await settled(page); // anything that would pull the focus back into the panel has had its chance
    expect(await focused(page)).toBe('launcher');
    // What is typed next goes nowhere near the hidden send box (no space or Enter: those would press the launcher).
    await page.keyboard.type('where-did-my-typing-go?');
    await expect(frame.locator(SEND_BOX).inputValue()).resolves.toBe('');
  });

  it('counts answers that arrive while closed as unread, and says so to screen readers', async () => {
    await page.evaluate(() =>
      (window as unknown as { StatusBot: { send: (t: string) => void } }).StatusBot.send('what is 404'),
    );
    await page.getByRole('button', { name: /Chat with StatusBot.*1 unread message/ }).waitFor();
    await expect(page.locator('statusbot-widget [aria-live="polite"]').textContent()).resolves.toBe(
      'StatusBot: 1 unread message',
    );
    const frame = await chatFrame(page);
    await frame
      .locator('[role="feed"]')
      .getByRole('heading', { name: /404 Not Found/ })
      .waitFor({ state: 'attached' });
    await page.evaluate(() => (window as unknown as { StatusBot: { open: () => void } }).StatusBot.open());
    await page.getByRole('button', { name: 'Chat with StatusBot' }).waitFor();
    const seen = (await events(page)) as Array<[string, unknown]>;
    expect(seen).toEqual(
      expect.arrayContaining([
        ['ready', null],
        ['open', null],
        ['close', null],
        ['message', 'string'],
        ['unread', 1],
        ['unread', 0],
      ]),
    );
  });

  it('keeps the panel open and the conversation across a reload, without a second greeting', async () => {
    await page.reload();
    await panel(page).waitFor();
    const frame = await chatFrame(page);
    const feed = frame.locator('[role="feed"]');
    await feed.getByRole('heading', { name: /404 Not Found/ }).waitFor();
    await expect(feed.getByRole('heading', { name: /502 Bad Gateway/ }).count()).resolves.toBe(1);
    // Reopened by the page, not by the visitor: focus stays where it was.
    expect(await focused(page)).not.toBe('IFRAME');
    // A second greeting would answer what the panel sends as it starts: it would come before the answer to a question.
    await page.evaluate(() =>
      (window as unknown as { StatusBot: { send: (t: string) => void } }).StatusBot.send('what is 418'),
    );
    await feed.getByRole('heading', { name: /418/ }).first().waitFor();
    await expect(feed.getByText(GREETING).count()).resolves.toBe(1);
  });

  it("keeps its CSS and the page's apart", async () => {
    const styles = await page.evaluate(() => {
      const root = document.querySelector('statusbot-widget')!.shadowRoot!;
      const button = root.querySelector('button[aria-controls]')!;
      const css = (el: unknown) => getComputedStyle(el);
      const probe = document.createElement('div');
      probe.className = 'p l w g';
      document.body.appendChild(probe);
      const result = {
        launcherBorder: css(button).borderTopStyle,
        launcherTransform: css(button).textTransform,
        launcherIcon: css(button.querySelector('svg')!).width,
        iframeBorder: css(root.querySelector('iframe')!).borderTopWidth,
        hostFont: css(document.body).fontFamily,
        probeVisibility: css(probe).visibility,
        probePosition: css(probe).position,
        headStyles: document.head.querySelectorAll('style').length,
      };
      probe.remove();
      return result;
    });
    // The demo styles every button, iframe and svg on its page; none of it reaches the widget…
    expect(styles.launcherBorder).toBe('none');
    expect(styles.launcherTransform).toBe('none');
    expect(styles.launcherIcon).toBe('28px');
    expect(styles.iframeBorder).toBe('0px');
    // …and the widget's short class names style nothing on the page.
    expect(styles.hostFont).toMatch(/Georgia/);
    expect(styles.probeVisibility).toBe('visible');
    expect(styles.probePosition).toBe('static');
    expect(styles.headStyles).toBe(0);
  });

  it("made no request outside the bot's origin and broke no CSP rule", () => {
    expect(site.foreign).toEqual([]);
    expect(site.cspViolations).toEqual([]);
  });
});

describe('the widget on a 375×667 phone', () => {
  let phone: OriginOnlyContext;
  let mobile: Page;
  beforeAll(async () => {
    phone = await originOnlyContext(browser, bot.url, {
      viewport: { width: 375, height: 667 },
      isMobile: true,
      hasTouch: true,
    });
    mobile = await phone.context.newPage();
  });
  afterAll(() => phone?.context.close());

  it('can be closed while Web Chat is still loading: the shell has the close button', async () => {
    // Hold Web Chat's bundle back, as a slow phone connection does.
    const release = await holdBackWebChat(mobile);
    await mobile.goto(bot.url + '/demo');
    await launcher(mobile).click();
    await expanded(mobile, true);
    const frame = await chatFrame(mobile);
    await frame.getByRole('heading', { name: "Hi, I'm StatusBot" }).waitFor();
    // Once its opening animation has ended.
    await panelElement(mobile).evaluate((el: unknown) =>
      Promise.all(
        (el as { getAnimations(): Array<{ finished: Promise<unknown> }> }).getAnimations().map((a) => a.finished),
      ),
    );
    await expect(panel(mobile).boundingBox()).resolves.toEqual({ x: 0, y: 0, width: 375, height: 667 });
    await expect(frame.locator('[role="feed"]').count()).resolves.toBe(0);
    await screenshot(mobile, 'demo-phone-loading');
    await frame.getByRole('button', { name: 'Close chat' }).click();
    await expanded(mobile, false);
    await launcher(mobile).waitFor();
    release();
    await mobile.unroute('**/vendor/webchat.js*');
  });

  it('is a full-screen, modal panel: Tab stays inside it, and Back closes it without leaving the page', async () => {
    await launcher(mobile).click();
    await expanded(mobile, true);
    await expect(panel(mobile).getAttribute('aria-modal')).resolves.toBe('true');
    const frame = await chatFrame(mobile);
    await frame.locator('[role="feed"]').getByText(GREETING).first().waitFor();
    await frame.waitForFunction((selector) => document.activeElement === document.querySelector(selector), SEND_BOX);
    for (let i = 0; i < 14; i++) {
      await mobile.keyboard.press('Tab');
      expect(await focused(mobile)).toBe('widget IFRAME');
    }
    for (let i = 0; i < 6; i++) {
      await mobile.keyboard.press('Shift+Tab');
      expect(await focused(mobile)).toBe('widget IFRAME');
    }
    const url = mobile.url();
    await mobile.evaluate(() => history.back());
    await expanded(mobile, false);
    expect(mobile.url()).toBe(url);
    await expect(panelElement(mobile).getAttribute('aria-modal')).resolves.toBeNull();
    // Opened and closed with its button: the history entry Back would have taken is gone too.
    await launcher(mobile).click();
    await expanded(mobile, true);
    await frame.getByRole('button', { name: 'Close chat' }).click();
    await expanded(mobile, false);
    await mobile.waitForFunction(() => !history.state?.statusbot);
  });

  it('has 16 px input text, 44 px touch targets, and its suggestions on one row that scrolls sideways', async () => {
    await launcher(mobile).click();
    await expanded(mobile, true);
    const frame = await chatFrame(mobile);
    await frame.locator(SEND_BOX).fill('what is 503');
    await frame.locator(SEND_BOX).press('Enter');
    await frame
      .locator('[role="feed"]')
      .getByRole('heading', { name: /503 Service Unavailable/ })
      .waitFor();
    await expect(frame.locator(SEND_BOX).evaluate((el: unknown) => getComputedStyle(el).fontSize)).resolves.toBe(
      '16px',
    );
    for (const name of ['Close chat', 'New conversation']) {
      const box = await frame.getByRole('button', { name }).boundingBox();
      expect([name, Math.round(box!.height) >= 44, Math.round(box!.width) >= 44]).toEqual([name, true, true]);
    }
    // The suggestions (not the carousel's Previous/Next flippers): one row, the last one past the edge until scrolled.
    const toolbar = frame.getByRole('toolbar', { name: 'Suggested actions' });
    const chips = toolbar.getByRole('button').filter({ hasNotText: /^[<>]$/ });
    await chips.first().waitFor();
    const boxes = await Promise.all((await chips.all()).map((chip) => chip.boundingBox()));
    expect(boxes.length).toBeGreaterThan(1);
    expect(boxes.every((b) => b && Math.round(b.height) >= 44)).toBe(true);
    expect(new Set(boxes.map((b) => Math.round(b!.y))).size).toBe(1);
    expect(Math.max(...boxes.map((b) => b!.x + b!.width))).toBeGreaterThan(375);
    // The carousel's own Next button is a touch target too.
    const next = await toolbar.getByRole('button', { name: 'Next' }).boundingBox();
    expect([Math.round(next!.width) >= 44, Math.round(next!.height) >= 44]).toEqual([true, true]);
    const cardButton = await frame.locator('[role="feed"] .ac-pushButton:visible').last().boundingBox();
    expect(Math.round(cardButton!.height)).toBeGreaterThanOrEqual(44);
    await settled(mobile);
    await screenshot(mobile, 'demo-phone-open');
  });

  it('reopened after answers came in while closed, shows the first of them', async () => {
    const frame = await chatFrame(mobile);
    await frame.getByRole('button', { name: 'Close chat' }).click();
    await expanded(mobile, false);
    await mobile.evaluate(() =>
      (window as unknown as { StatusBot: { send: (t: string) => void } }).StatusBot.send('what is 404'),
    );
    await mobile.getByRole('button', { name: /1 unread message/ }).waitFor();
    await frame
      .locator('[role="feed"]')
      .getByRole('heading', { name: /404 Not Found/ })
      .waitFor({ state: 'attached' });
    await launcher(mobile).click();
    await expanded(mobile, true);
    // The question asked while closed is at the top of the view, its answer below it.
    const question = frame.locator('[role="feed"] article').filter({ hasText: 'what is 404' }).last();
    await settled(frame);
    const box = await question.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(200);
    await expect(
      frame
        .locator('[role="feed"]')
        .getByRole('heading', { name: /404 Not Found/ })
        .isVisible(),
    ).resolves.toBe(true);
    await screenshot(mobile, 'demo-phone-reopened-unread');
  });

  it("made no request outside the bot's origin and broke no CSP rule", () => {
    expect(phone.foreign).toEqual([]);
    expect(phone.cspViolations).toEqual([]);
  });
});

describe('the widget on a site that is not in ALLOWED_ORIGINS', () => {
  it("says so in the panel, and names the setting in the site's console", async () => {
    const context = await originOnlyContext(browser, bot.url);
    try {
      const host = await context.context.newPage();
      const warnings: string[] = [];
      host.on('console', (m) => {
        if (m.type() === 'warning') warnings.push(m.text());
      });
      await host.route(`${UNLISTED_SITE}/**`, (route) =>
        route.fulfill({
          status: 200,
          headers: { 'content-type': 'text/html; charset=utf-8' },
          body: `<!doctype html><html lang="en"><head><title>Unlisted</title></head><body><main><h1>Not listed</h1></main>
<script src="${bot.url}/widget.js" async></script></body></html>`,
        }),
      );
      await host.goto(`${UNLISTED_SITE}/`);
      await launcher(host).click();
      await expanded(host, true);
      const frame = await chatFrame(host);
      await frame.getByRole('heading', { name: "This site can't show the chat yet" }).waitFor();
      await expect(frame.getByText(`ALLOWED_ORIGINS=${UNLISTED_SITE}`).isVisible()).resolves.toBe(true);
      const refusal = (text: string) => text.includes(`this site (${UNLISTED_SITE}) may not embed`);
      if (!warnings.some(refusal))
        await host.waitForEvent('console', { predicate: (m) => m.type() === 'warning' && refusal(m.text()) });
      expect(warnings.find((w) => w.includes(`this site (${UNLISTED_SITE}) may not embed`))).toMatch(
        /the ALLOWED_ORIGINS setting \(ALLOWED_ORIGINS=http:\/\/unlisted\.example\.test;/,
      );
      await screenshot(host, 'unlisted-site-refused');
      // Still a panel like any other: it closes.
      await frame.getByRole('button', { name: 'Close chat' }).click();
      await expanded(host, false);
      expect(context.foreign).toEqual([]);
    } finally {
      await context.context.close();
    }
  });
});

describe('the widget on another site with a strict, nonce-based CSP', () => {
  it('loads, greets (bubble once a session), answers, and breaks no CSP rule; options come from data-* attributes', async () => {
    const strict = await originOnlyContext(browser, bot.url);
    try {
      const host = await strict.context.newPage();
      const nonce = 'dGVzdC1ub25jZS0xMjM0NQ==';
      // The host site is served by the test (page routes come before the context's origin guard).
      await host.route(`${HOST_SITE}/**`, (route) =>
        route.fulfill({
          status: 200,
          headers: {
            'content-type': 'text/html; charset=utf-8',
            // What the README asks of a host page: the tag's nonce, and the bot's origin as a frame source. Nothing else.
            'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}' 'strict-dynamic'; frame-src ${bot.url}`,
          },
          body: `<!doctype html><html lang="en"><head><title>Strict host</title></head><body><main><h1>A strict page</h1></main>
<script nonce="${nonce}" src="${bot.url}/widget.js" data-position="left" data-theme="dark" data-title="Help desk"
  data-greeting="Seeing an error code? Ask me." data-support-url="https://support.example.com/" async></script></body></html>`,
        }),
      );
      await host.goto(`${HOST_SITE}/help`);
      const open = host.getByRole('button', { name: /Chat with Help desk/ });
      await open.waitFor();
      // Left-hand position.
      const box = await open.boundingBox();
      expect(box!.x).toBeLessThan(100);
      // The greeting bubble (asked for with data-greeting) appears once; dismissing it keeps it away for the session.
      await host.getByText('Seeing an error code? Ask me.').waitFor();
      await host.getByRole('button', { name: 'Dismiss' }).click();
      // The page's clock is moved past the bubble's 3 s, rather than waited out.
      await host.clock.install();
      await host.reload();
      await open.waitFor();
      await host.clock.fastForward(4_000);
      await settled(host);
      await expect(host.getByText('Seeing an error code? Ask me.').count()).resolves.toBe(0);

      await open.click();
      await host.getByRole('dialog', { name: 'Help desk chat' }).waitFor();
      const frame = await (await host.locator('iframe[title="Help desk chat"]').elementHandle())!.contentFrame();
      await frame!.locator('[role="feed"]').getByText(GREETING).first().waitFor();
      await expect(frame!.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
      await expect(frame!.getByRole('link', { name: /Contact support/ }).getAttribute('href')).resolves.toBe(
        'https://support.example.com/',
      );
      await frame!.locator(SEND_BOX).fill('401 vs 403');
      await frame!.locator(SEND_BOX).press('Enter');
      await frame!
        .locator('[role="feed"]')
        .getByText(/403 Forbidden/)
        .first()
        .waitFor();
      await screenshot(host, 'strict-host-dark-open');
      expect(strict.cspViolations).toEqual([]);
      expect(strict.foreign).toEqual([]);
    } finally {
      await strict.context.close();
    }
  });
});

describe('accessibility of /demo (axe-core)', () => {
  it('has no violation of any impact with the launcher closed and with the chat open', async () => {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 800 } });
    try {
      const p = await context.newPage();
      p.setDefaultTimeout(BROWSER_TIMEOUT_MS);
      await p.goto(bot.url + '/demo');
      await launcher(p).waitFor();
      expect(await axeViolations(p)).toEqual([]);
      await launcher(p).click();
      const frame = await chatFrame(p);
      await frame.locator('[role="feed"]').getByText(GREETING).first().waitFor();
      expect(await axeViolations(p)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the launcher script', () => {
  it('is small: under 10 KB gzipped', () => {
    const source = readFileSync(join(ROOT, 'public', 'widget.js'));
    const gzipped = gzipSync(source, { level: 9 }).length;
    console.log(
      `widget.js: ${source.length} bytes, ${gzipped} bytes gzipped (${(gzipped / 1024).toFixed(1)} KB; budget 10 KB)`,
    );
    expect(gzipped).toBeLessThan(10 * 1024);
  });
});
