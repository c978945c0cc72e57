/**
 * A real headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) for the web chat's browser tests:
 * launch it, give each test a context whose pages can only reach the bot's origin, check accessibility with axe-core,
 * and save screenshots to test-artifacts/.
 *
 * ```ts
 * const browser = await launchChromium();
 * const site = await originOnlyContext(browser, bot.url);
 * const page = await site.context.newPage();
 * …
 * expect(site.foreign).toEqual([]); // no request left the bot's origin
 * ```
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Frame, Page } from 'playwright-core';
import { BROWSER_TIMEOUT_MS } from './chromium';
import { ROOT } from './bot-process';

export { BROWSER_TIMEOUT_MS, CHROMIUM_PATH, launchChromium } from './chromium';

/* Functions passed to page.evaluate run in Chromium, which has these globals; the project's tsconfig has no DOM library. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any, document: any;

export const ARTIFACTS = join(ROOT, 'test-artifacts');

export interface OriginOnlyContext {
  context: BrowserContext;
  /** Every request (HTTP or WebSocket) a page tried to make to another origin; each was blocked. */
  foreign: string[];
  /** Content-Security-Policy violations reported by any page or frame. */
  cspViolations: string[];
}

/**
 * A browser context whose pages may talk to `origin` only: any other request is aborted and recorded, so a test can
 * assert that nothing leaves the bot (no CDN, no fonts, no telemetry).
 */
export async function originOnlyContext(
  browser: Browser,
  origin: string,
  options: BrowserContextOptions = {},
): Promise<OriginOnlyContext> {
  const allowed = new URL(origin).origin;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  context.setDefaultTimeout(BROWSER_TIMEOUT_MS);
  const foreign: string[] = [];
  const cspViolations: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (sameOrigin(url, allowed)) return route.continue();
    foreign.push(url);
    return route.abort('blockedbyclient');
  });
  const watch = (page: Page) => {
    page.on('websocket', (ws) => {
      if (!sameOrigin(ws.url().replace(/^ws/, 'http'), allowed)) foreign.push(ws.url());
    });
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
        cspViolations.push(message.text());
    });
  };
  context.on('page', watch);
  return { context, foreign, cspViolations };
}

function sameOrigin(url: string, origin: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return true;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

const AXE_SOURCE_PATH = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

/**
 * axe-core's violations of any impact on the page, including its frames (the widget's panel) and open shadow roots
 * (the launcher). The page's context must have been created with `bypassCSP: true`, since axe is injected as an
 * inline script.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const source = readFileSync(AXE_SOURCE_PATH, 'utf8');
  const inject = async (frame: Frame) => {
    try {
      await frame.addScriptTag({ content: source });
    } catch {
      // A frame that navigated away meanwhile has nothing to check.
    }
  };
  await Promise.all(page.frames().map(inject));
  const results = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: unknown,
            options: unknown,
          ) => Promise<{
            violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }>;
          }>;
        };
      }
    ).axe;
    const run = await axe.run(document, { iframes: true, resultTypes: ['violations'] });
    return run.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => JSON.stringify(n.target)),
    }));
  });
  return results;
}

/**
 * Holds back Web Chat's bundle for this page, as a slow connection does, until the returned function is called: what
 * the page shows before Web Chat has run can then be checked.
 */
export async function holdBackWebChat(page: Page): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/vendor/webchat.js*', async (route) => {
    await held;
    await route.continue().catch(() => {}); // the page may have moved on meanwhile
  });
  return release;
}

/**
 * Resolves once the page or frame has stopped moving: no element scrolled for three animation frames in a row (Web Chat
 * scrolls smoothly to what arrives), and then the browser was idle. Before a screenshot, and before checking that
 * something did not happen.
 */
export async function settled(target: Page | Frame): Promise<void> {
  await target.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const positions = () =>
          Array.from(
            document.querySelectorAll('*') as ArrayLike<{ scrollTop: number; scrollLeft: number }>,
            (e) => `${e.scrollTop},${e.scrollLeft}`,
          ).join(' ');
        let last = positions();
        let still = 0;
        const frame = () => {
          const now = positions();
          still = now === last ? still + 1 : 0;
          last = now;
          if (still < 3) window.requestAnimationFrame(frame);
          else window.requestIdleCallback(() => resolve());
        };
        window.requestAnimationFrame(frame);
      }),
  );
}

export async function screenshot(page: Page, name: string): Promise<string> {
  if (!existsSync(ARTIFACTS)) mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
