/**
 * `npm run bench:webchat`: what opening the chat costs a first-time visitor, in a real headless Chromium
 * (playwright-core, Debian's /usr/bin/chromium, as the browser tests drive it) against the real server on loopback.
 *
 * Two scenarios, each run BENCH_RUNS times (default 5) in a fresh browser context (empty HTTP cache, no V8 code cache):
 * - `/`: the full-page chat, timed from the start of navigation;
 * - the widget on `/demo` (the bot's own sample site): the page loads, the visitor reads it for two seconds
 *   (BENCH_READ_MS), then clicks the launcher as soon as the pointer is on it; timed from the click. What the page
 *   fetched before the click (the launcher, anything it prefetched) is printed apart and counted in the bytes before
 *   the first answer;
 * - the widget on another site (a page the bench serves at http://localhost:<port>, another site than the bot's
 *   127.0.0.1, listed in ALLOWED_ORIGINS): the same, but the pointer rests on the launcher for half a second
 *   (BENCH_HOVER_MS) before clicking, as a pointer does; there the launcher runs Web Chat ahead of time, in the
 *   panel's own process. (Served by a server, not a Playwright route: routing turns Chromium's HTTP cache off.)
 *
 * For each: requests and bytes transferred (HTTP bodies and headers as sent, compressed, plus WebSocket frames),
 * the time to the shell (a greeting and a text box to type in are on screen, whoever drew them), the time to the
 * greeting (the bot's greeting in Web Chat's transcript: the chat is live), and the time to the first answer after the
 * question ("what is 502" typed in the first text box that accepts it, once the greeting is there, until its card is
 * in the transcript). Medians, with the range over the runs. It prints figures and never fails on speed.
 *
 * Targets on this machine: shell ≤ 300 ms, greeting ≤ 1.5 s, first answer ≤ 2 s after the question, ≤ 600 KB
 * transferred before the first answer.
 */
import http from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../test/support/chromium';
import { freePort, launchBot, type RunningBot } from './e2e';

/** Another site with the widget on its page, on loopback: `localhost` is another site than the bot's 127.0.0.1. */
async function hostSite(botUrl: string, port: number): Promise<{ url: string; close: () => void }> {
  const page = `<!doctype html><html lang="en"><head><title>Status</title></head><body><main><h1>All systems operational</h1></main><script src="${botUrl}/widget.js" async></script></body></html>`;
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
    res.end(page);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://localhost:${port}`, close: () => server.close() };
}

/* Functions passed to the browser run in Chromium, which has these globals; the project's tsconfig has no DOM library. */
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const window: any,
  document: any,
  performance: any,
  requestAnimationFrame: any,
  MutationObserver: any,
  getComputedStyle: any;
/* eslint-enable @typescript-eslint/no-explicit-any */

const SEND_BOX = '[data-id="webchat-sendbox-input"]';
const QUESTION = 'what is 502';

interface Run {
  requests: number;
  bytes: number;
  /** Requests and bytes before the click (the widget only). */
  before?: { requests: number; bytes: number };
  shellMs: number;
  greetingMs: number;
  answerMs: number;
  bytesBeforeAnswer: number;
  foreign: number;
}

/**
 * Marks, in every frame, the first moment (epoch ms, at the next animation frame, i.e. about when it is painted) that
 * the shell is on screen (a visible greeting and a visible text box) and that the bot's greeting is in Web Chat's
 * transcript; and, once asked, the moment the answer's heading is there.
 */
function watchMarks(): void {
  const w = window as { sbMarks?: Record<string, number> };
  w.sbMarks = {};
  const now = () => performance.timeOrigin + performance.now();
  const visible = (el: { getClientRects(): { length: number } } | null) =>
    !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const withText = (selector: string, pattern: RegExp) =>
    Array.from(
      document.querySelectorAll(selector) as ArrayLike<{ textContent: string; getClientRects(): { length: number } }>,
    ).some((el) => pattern.test(el.textContent ?? '') && visible(el));
  const greetingText = /Hi, I.m StatusBot/;
  const check = () => {
    const marks = w.sbMarks as Record<string, number>;
    const box = Array.from(
      document.querySelectorAll('textarea, input[type="text"], input:not([type])') as ArrayLike<{
        getClientRects(): { length: number };
      }>,
    ).some(visible);
    const pending: Array<[string, boolean]> = [
      ['shell', !marks.shell && box && withText('h1, h2, h3, p, div', greetingText)],
      ['greeting', !marks.greeting && withText('[role="feed"]', greetingText)],
      [
        'answer',
        !marks.answer &&
          withText('[role="feed"] [role="heading"], [role="feed"] h2, [role="feed"] h3', /502 Bad Gateway/),
      ],
    ];
    for (const [name, reached] of pending) if (reached) requestAnimationFrame(() => (marks[name] ??= now()));
  };
  // The click on the launcher, as the page received it (playwright's own checks before clicking are not counted).
  window.addEventListener(
    'pointerdown',
    (e: { timeStamp: number }) =>
      ((w.sbMarks as Record<string, number>).click ??= performance.timeOrigin + e.timeStamp),
    true,
  );
  const start = () => {
    new MutationObserver(check).observe(document.documentElement, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    check();
  };
  if (document.documentElement) start();
  else document.addEventListener('DOMContentLoaded', start);
}

/** The earliest mark of this name in any frame of the page (epoch ms), or NaN. */
async function mark(page: Page, name: string): Promise<number> {
  const values = await Promise.all(
    page
      .frames()
      .map((f) =>
        f
          .evaluate((n: string) => (window as { sbMarks?: Record<string, number> }).sbMarks?.[n] ?? NaN, name)
          .catch(() => NaN),
      ),
  );
  const seen = values.filter((v) => !Number.isNaN(v));
  return seen.length ? Math.min(...seen) : NaN;
}

async function waitForMark(page: Page, name: string, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await mark(page, name);
    if (!Number.isNaN(value)) return value;
    if (Date.now() > deadline) throw new Error(`no "${name}" within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Counts every request of the page and its frames (with the time it finished) and the WebSocket frames received. */
function meter(page: Page, ...origins: string[]) {
  const requests: Array<{ at: number; bytes: number }> = [];
  const frames: Array<{ at: number; bytes: number }> = [];
  let foreign = 0;
  page.on('request', (r) => {
    if (![...origins, 'data:', 'blob:'].some((o) => r.url().startsWith(o))) foreign++;
  });
  page.on('requestfinished', async (r) => {
    const at = Date.now();
    const sizes = await r.sizes().catch(() => null);
    requests.push({
      at,
      bytes: sizes
        ? sizes.responseBodySize + sizes.responseHeadersSize + sizes.requestHeadersSize + sizes.requestBodySize
        : 0,
    });
  });
  page.on('websocket', (ws) => {
    requests.push({ at: Date.now(), bytes: 0 }); // the connection counts as a request; its frames as bytes
    ws.on('framereceived', (f) => frames.push({ at: Date.now(), bytes: Buffer.byteLength(f.payload) }));
  });
  const within = (list: typeof requests, from: number, to: number) => list.filter((d) => d.at >= from && d.at <= to);
  return {
    /** Requests (and WebSocket connections) and bytes between two instants. */
    between(from: number, to: number) {
      const sum = (list: typeof requests) => list.reduce((n, d) => n + d.bytes, 0);
      return {
        requests: within(requests, from, to).length,
        bytes: sum(within(requests, from, to)) + sum(within(frames, from, to)),
      };
    },
    get foreign() {
      return foreign;
    },
  };
}

/** Asks once greeted, waits for the answer, and counts what went over the wire (from `from`; bytes from `started`). */
async function askAndCount(
  page: Page,
  m: ReturnType<typeof meter>,
  started: number,
  from: number,
): Promise<Pick<Run, 'requests' | 'bytes' | 'answerMs' | 'bytesBeforeAnswer' | 'foreign'>> {
  const asked = await askOnceGreeted(page);
  const answer = await waitForMark(page, 'answer');
  await page.waitForTimeout(300);
  return {
    ...m.between(from, Date.now()),
    answerMs: answer - asked,
    bytesBeforeAnswer: m.between(started, answer).bytes,
    foreign: m.foreign,
  };
}

async function askOnceGreeted(page: Page): Promise<number> {
  const frame = page.frames().find((f) => f !== page.mainFrame() && f.url().includes('/embed')) ?? page.mainFrame();
  const box = frame.locator(SEND_BOX);
  await box.fill(QUESTION);
  const asked = Date.now();
  await box.press('Enter');
  return asked;
}

async function fullPage(browser: Browser, bot: RunningBot): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await context.addInitScript(watchMarks);
    const page = await context.newPage();
    const m = meter(page, bot.url);
    const started = Date.now();
    await page.goto(bot.url + '/', { waitUntil: 'commit' });
    const navigationStart = await page.evaluate(() => performance.timeOrigin);
    const shell = await waitForMark(page, 'shell');
    const greeting = await waitForMark(page, 'greeting');
    return {
      ...(await askAndCount(page, m, started, navigationStart)),
      shellMs: shell - navigationStart,
      greetingMs: greeting - navigationStart,
    };
  } finally {
    await context.close();
  }
}

async function widget(browser: Browser, bot: RunningBot, readMs: number, hoverMs: number, site?: string): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await context.addInitScript(watchMarks);
    const page = await context.newPage();
    const m = meter(page, site ?? bot.url, bot.url);
    const started = Date.now();
    await page.goto(site ? `${site}/` : bot.url + '/demo');
    const launcher = page.getByRole('button', { name: /Chat with StatusBot/ });
    await launcher.waitFor();
    await page.waitForTimeout(readMs);
    await launcher.hover();
    if (hoverMs) await page.waitForTimeout(hoverMs);
    const before = m.between(started, Date.now());
    const panelShown = page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          // The first frame with the panel visible (it may have been made, hidden, before the click).
          const check = () => {
            const root = document.querySelector('statusbot-widget')?.shadowRoot;
            const panel = root?.querySelector('[role="dialog"]');
            const open = root?.querySelector('button[aria-expanded="true"]');
            if (panel && open && getComputedStyle(panel).visibility === 'visible')
              requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()));
            else requestAnimationFrame(check);
          };
          check();
        }),
    );
    await launcher.click();
    const clicked = await page.evaluate(() => (window as { sbMarks: Record<string, number> }).sbMarks.click as number);
    await page.locator('statusbot-widget button[aria-expanded="true"]').waitFor({ state: 'attached' });
    // The shell counts once it is drawn and the panel showing it is.
    const shell = Math.max(await waitForMark(page, 'shell'), await panelShown);
    const greeting = Math.max(await waitForMark(page, 'greeting'), await panelShown);
    return {
      ...(await askAndCount(page, m, started, clicked)),
      before,
      shellMs: shell - clicked,
      greetingMs: greeting - clicked,
    };
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const spread = (values: number[], unit: (v: number) => string) =>
  `${unit(median(values))} (${unit(Math.min(...values))}–${unit(Math.max(...values))})`;
const ms = (v: number) => `${v.toFixed(0)} ms`;

function report(name: string, runs: Run[]): void {
  const of = <K extends keyof Run>(key: K) => runs.map((r) => r[key] as number);
  console.log(`\n${name} (${runs.length} runs, median (min–max))`);
  if (runs[0]?.before) {
    console.log(
      `  before the click:        ${median(runs.map((r) => r.before!.requests))} requests, ${spread(
        runs.map((r) => r.before!.bytes),
        kb,
      )}`,
    );
    console.log(`  from the click:          ${median(of('requests'))} requests, ${spread(of('bytes'), kb)}`);
  } else {
    console.log(`  requests, transferred:   ${median(of('requests'))} requests, ${spread(of('bytes'), kb)}`);
  }
  const target = (value: number, limit: number) => (value <= limit ? 'met' : 'not met');
  console.log(
    `  time to the shell:       ${spread(of('shellMs'), ms)}   target ≤ 300 ms: ${target(median(of('shellMs')), 300)}`,
  );
  console.log(
    `  time to the greeting:    ${spread(of('greetingMs'), ms)}   target ≤ 1,500 ms: ${target(median(of('greetingMs')), 1500)}`,
  );
  console.log(
    `  first answer after asking: ${spread(of('answerMs'), ms)}   target ≤ 2,000 ms: ${target(median(of('answerMs')), 2000)}`,
  );
  console.log(
    `  bytes before the answer: ${spread(of('bytesBeforeAnswer'), kb)}   target ≤ 600 KB: ${target(median(of('bytesBeforeAnswer')), 600 * 1024)}`,
  );
  const foreign = runs.reduce((n, r) => n + r.foreign, 0);
  if (foreign) console.log(`  requests to other origins: ${foreign} (there should be none)`);
}

async function main(): Promise<void> {
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const readMs = Number(process.env.BENCH_READ_MS ?? 2000);
  const hoverMs = Number(process.env.BENCH_HOVER_MS ?? 500);
  const sitePort = await freePort();
  const bot = await launchBot('StatusBot', 'src/index.js', {
    RATE_LIMIT_PER_MINUTE: '100000',
    DIRECTLINE_TOKENS_PER_MINUTE: '100000',
    ALLOWED_ORIGINS: `http://localhost:${sitePort}`,
  });
  const site = await hostSite(bot.url, sitePort);
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    console.log(
      `webchat bench: ${bot.url}, Chromium ${browser.version()}, ${runs} runs per scenario, each in a fresh context (cold cache); the widget is clicked after ${readMs} ms on /demo`,
    );
    const page: Run[] = [];
    const demo: Run[] = [];
    const other: Run[] = [];
    // One warm-up of each (the server's first requests, Chromium's first process), not counted.
    await fullPage(browser, bot);
    await widget(browser, bot, readMs, 0);
    for (let i = 0; i < runs; i++) {
      page.push(await fullPage(browser, bot));
      demo.push(await widget(browser, bot, readMs, 0));
      other.push(await widget(browser, bot, readMs, hoverMs, site.url));
    }
    report('/ (full page)', page);
    report('/demo, opening the widget (clicked as soon as the pointer is on it)', demo);
    report(`the widget on another site, ${site.url} (clicked after ${hoverMs} ms on the launcher)`, other);
    console.log('\nWhat these figures mean, and earlier ones: docs/performance.md, "Opening the web chat".');
  } finally {
    await browser?.close();
    site.close();
    await bot.stop();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
