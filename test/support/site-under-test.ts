/**
 * What most browser suites start with: StatusBot in-process (built first: the server sends the Brotli and gzip
 * variants the build makes, dist/precompressed), Chromium, and a page in a context that may reach only the bot.
 *
 *   beforeAll(async () => ({ bot, browser, site, page } = await openSiteUnderTest()));
 *   afterAll(() => closeSiteUnderTest(bot, browser));
 */
import type { Browser, Page } from 'playwright-core';
import { startBot, type RunningBot } from './bot-in-process';
import { ensureBuilt } from './bot-process';
import { launchChromium, originOnlyContext, type OriginOnlyContext } from './browser';

export interface SiteUnderTest {
  bot: RunningBot;
  browser: Browser;
  site: OriginOnlyContext;
  page: Page;
}

/** Token requests are allowed at a browser suite's pace (one per page opened) rather than a visitor's. */
const SUITE_ENV = { DIRECTLINE_TOKENS_PER_MINUTE: '1000' };

export async function openSiteUnderTest(env: Record<string, string> = SUITE_ENV): Promise<SiteUnderTest> {
  ensureBuilt();
  const [bot, browser] = await Promise.all([startBot(env), launchChromium()]);
  const site = await originOnlyContext(browser, bot.url);
  return { bot, browser, site, page: await site.context.newPage() };
}

export async function closeSiteUnderTest(bot: RunningBot | undefined, browser: Browser | undefined): Promise<void> {
  await browser?.close();
  await bot?.stop();
}
