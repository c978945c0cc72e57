/**
 * The code pages in a real headless Chromium, against the real server (in-process): the list at /codes and its filter
 * box (with and without JavaScript), one page per class and a vendor's, the page of a number only vendors use,
 * the system's dark mode, axe-core (no violation of any impact, light and dark), the "Open page" button of a chat
 * answer, and a check that no request leaves the bot's origin and no CSP rule is broken.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningBot } from '../support/bot-in-process';
import { closeSiteUnderTest, openSiteUnderTest } from '../support/site-under-test';
import { ROOT } from '../support/bot-process';
import { axeViolations, BROWSER_TIMEOUT_MS, screenshot, type OriginOnlyContext } from '../support/browser';

/* Functions passed to page.evaluate run in Chromium, which has these globals; the project's tsconfig has no DOM library. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any, getComputedStyle: any, location: any;

jest.setTimeout(180_000);

interface EntryFile {
  code: number;
  name: string;
  summary: string;
  nextSteps: { client: unknown[]; server: unknown[] };
  related: Array<{ code: number; vendor?: string }>;
  references: Array<{ label: string; url: string }>;
}
const entryFile = (id: string) =>
  JSON.parse(readFileSync(join(ROOT, 'data', 'codes', `${id}.json`), 'utf8')) as EntryFile;
const entryCount = () => readdirSync(join(ROOT, 'data', 'codes')).filter((f) => f.endsWith('.json')).length;

let bot: RunningBot;
let browser: Browser;
let site: OriginOnlyContext;
let page: Page;

beforeAll(async () => ({ bot, browser, site, page } = await openSiteUnderTest()));

afterAll(() => closeSiteUnderTest(bot, browser));

const visibleCodes = (p: Page) => p.locator('#cp-codes li[data-search]:visible .cp-code').allInnerTexts();

describe('the list at /codes', () => {
  it('lists every entry, by class and, within a class, the registry and each vendor', async () => {
    await page.goto(`${bot.url}/codes`);
    await expect(page.locator('#cp-codes li[data-search]').count()).resolves.toBe(entryCount());
    await expect(page.getByRole('heading', { level: 2 }).allInnerTexts()).resolves.toEqual([
      '1xx Informational',
      '2xx Success',
      '3xx Redirection',
      '4xx Client error',
      '5xx Server error',
    ]);
    const fiveXX = page.locator('section#\\35xx');
    const groups = await fiveXX.getByRole('heading', { level: 3 }).allInnerTexts();
    expect(groups[0]).toBe('In the IANA registry');
    expect(groups).toContain('Cloudflare');
    expect(groups.slice(1)).toEqual([...groups.slice(1)].sort((a, b) => a.localeCompare(b)));
    await expect(
      fiveXX
        .locator('.cp-group', { has: page.getByRole('heading', { name: 'Cloudflare' }) })
        .locator('.cp-code')
        .allInnerTexts(),
    ).resolves.toEqual(['520', '521', '522', '523', '524', '525', '526', '527', '530']);
    await page.getByRole('link', { name: '504 Gateway Timeout' }).click();
    await page.waitForURL(`${bot.url}/codes/504`);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('504 Gateway Timeout');
  });

  it('filters by every word typed, by number, name, vendor or summary, says how many are left, and clears on Escape', async () => {
    await page.goto(`${bot.url}/codes`);
    const box = page.getByRole('searchbox', { name: 'Filter codes' });
    const total = entryCount();
    const cases: Array<[string, (codes: string[]) => void]> = [
      ['gateway', (codes) => expect(codes).toEqual(expect.arrayContaining(['502', '504']))],
      ['Cloudflare 52', (codes) => expect(codes).toEqual(['520', '521', '522', '523', '524', '525', '526', '527'])],
      ['429', (codes) => expect(codes).toEqual(['429'])],
      ['too many', (codes) => expect(codes).toContain('429')],
      ['arcgis', (codes) => expect(codes).toEqual(['498', '499'])],
    ];
    for (const [query, check] of cases) {
      await box.fill(query);
      const codes = await visibleCodes(page);
      check(codes);
      // Counter-examples: nothing shown that lacks a typed word.
      expect(codes).not.toContain('200');
      await expect(page.getByRole('status').innerText()).resolves.toBe(`${codes.length} of ${total} codes shown`);
      // A class with nothing left is hidden whole, heading and all.
      const headings = await page.getByRole('heading', { level: 2 }).allInnerTexts();
      expect(headings.every((h) => codes.some((c) => c.startsWith(h.charAt(0))))).toBe(true);
    }
    await box.fill('zzzz nothing');
    await expect(visibleCodes(page)).resolves.toEqual([]);
    await expect(page.getByRole('status').innerText()).resolves.toMatch(/^No code matches/);
    await box.press('Escape');
    await expect(page.locator('#cp-codes li[data-search]:visible').count()).resolves.toBe(total);
    await expect(page.getByRole('status').innerText()).resolves.toBe('');
  });

  it('keeps the filter in the address, so a filtered list can be shared', async () => {
    await page.goto(`${bot.url}/codes`);
    await page.getByRole('searchbox', { name: 'Filter codes' }).fill('timeout');
    await expect(page.evaluate(() => location.search)).resolves.toBe('?q=timeout');
    const codes = await visibleCodes(page);
    await page.goto(`${bot.url}/codes?q=timeout`);
    await expect(page.getByRole('searchbox', { name: 'Filter codes' }).inputValue()).resolves.toBe('timeout');
    await expect(visibleCodes(page)).resolves.toEqual(codes);
    expect(codes).toEqual(expect.arrayContaining(['408', '504', '524']));
  });

  it('works without JavaScript: every code listed and linked, and no filter box that would do nothing', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const p = await context.newPage();
      p.setDefaultTimeout(BROWSER_TIMEOUT_MS);
      await p.goto(`${bot.url}/codes?q=timeout`);
      await expect(p.getByRole('searchbox').count()).resolves.toBe(0);
      await expect(p.locator('#cp-codes li[data-search]:visible').count()).resolves.toBe(entryCount());
      await p.getByRole('link', { name: '429 Too Many Requests' }).click();
      await expect(p.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('429 Too Many Requests');
      await expect(p.getByRole('heading', { name: 'What to do next' }).count()).resolves.toBe(1);
    } finally {
      await context.close();
    }
  });
});

describe('a page per code', () => {
  it.each([
    ['100', '1xx'],
    ['204', '2xx'],
    ['308', '3xx'],
    ['429', '4xx'],
    ['503', '5xx'],
    ['520-cloudflare', '5xx'],
    ['499-nginx', '4xx'],
  ])(
    "/codes/%s: title, summary, both sides' steps, retry, related codes as links, every reference (%s)",
    async (id, cls) => {
      const entry = entryFile(id);
      await page.goto(`${bot.url}/codes/${id}`);
      const h1 = await page.getByRole('heading', { level: 1 }).innerText();
      expect(h1.startsWith(`${entry.code} ${entry.name}`)).toBe(true);
      if (id.includes('-')) expect(h1).toMatch(/\(.+\)$/); // a vendor's meaning names the vendor
      await expect(page.title()).resolves.toBe(`${h1} · StatusBot`);
      await expect(page.locator('.cp-summary').innerText()).resolves.toBe(entry.summary);
      await expect(
        page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link').allInnerTexts(),
      ).resolves.toEqual(['All status codes', expect.stringMatching(new RegExp(`^${cls} `))]);
      const client = page.getByRole('region', { name: "If you're calling the API or browsing" });
      const server = page.getByRole('region', { name: 'If you run the server' });
      await expect(client.locator('li').count()).resolves.toBe(entry.nextSteps.client.length);
      await expect(server.locator('li').count()).resolves.toBe(entry.nextSteps.server.length);
      await expect(page.getByRole('region', { name: 'Retrying' }).locator('p').innerText()).resolves.toMatch(
        /^(Safe to retry as is|Retry later|Retry only after a fix|Do not retry|Nothing to retry)\. /,
      );
      const references = page.getByRole('region', { name: 'References' }).getByRole('link');
      await expect(
        references.evaluateAll((links: Array<{ href: string }>) => links.map((a) => a.href)),
      ).resolves.toEqual(entry.references.map((r) => r.url));
      // Related codes link to their own pages, which exist.
      const related = page.getByRole('region', { name: 'Related codes' }).getByRole('link');
      const hrefs = await related.evaluateAll((links: Array<{ getAttribute(n: string): string }>) =>
        links.map((a) => a.getAttribute('href')),
      );
      expect(hrefs).toEqual(entry.related.map((r) => `/codes/${r.code}${r.vendor ? `-${r.vendor}` : ''}`));
      for (const href of hrefs) expect((await fetch(bot.url + href)).status).toBe(200);
    },
  );

  it("/codes/499 (only vendors use it) lists each meaning; /codes/444 (one vendor) goes to it; 451 (the registry's) links the vendor's", async () => {
    await page.goto(`${bot.url}/codes/499`);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('499: several meanings');
    await expect(
      page
        .locator('.cp-meanings a')
        .evaluateAll((links: Array<{ getAttribute(n: string): string }>) =>
          links.map((a) => a.getAttribute('href')).sort(),
        ),
    ).resolves.toEqual(['/codes/499-esri', '/codes/499-nginx']);
    await page.goto(`${bot.url}/codes/444`);
    expect(page.url()).toBe(`${bot.url}/codes/444-nginx`);
    await page.goto(`${bot.url}/codes/451`);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
      '451 Unavailable For Legal Reasons',
    );
    await expect(
      page.getByRole('region', { name: 'The same number elsewhere' }).getByRole('link').getAttribute('href'),
    ).resolves.toBe('/codes/451-exchange');
  });

  it('answers an unknown page with 404 and a way back', async () => {
    const response = await page.goto(`${bot.url}/codes/499-nowhere`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('No page for that status code');
    await expect(page.getByRole('main').getByRole('link').allInnerTexts()).resolves.toEqual([
      'All status codes',
      expect.stringMatching(/^499 /),
      expect.stringMatching(/^499 /),
    ]);
    await expect(page.locator('body').innerText()).resolves.not.toContain('nowhere');
  });
});

describe('dark mode', () => {
  it.each([
    ['light', 'rgb(244, 246, 248)', 'rgb(28, 35, 48)'],
    ['dark', 'rgb(11, 14, 18)', 'rgb(230, 233, 239)'],
  ] as const)('follows the system (%s)', async (scheme, background, text) => {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
    try {
      const p = await context.newPage();
      p.setDefaultTimeout(BROWSER_TIMEOUT_MS);
      for (const path of ['/codes/429', '/codes']) {
        await p.goto(bot.url + path);
        await expect(p.evaluate(() => getComputedStyle(document.body).backgroundColor)).resolves.toBe(background);
        await expect(p.evaluate(() => getComputedStyle(document.body).color)).resolves.toBe(text);
      }
      await p.goto(`${bot.url}/codes/429`);
      await screenshot(p, scheme === 'dark' ? 'codes-429-dark' : 'codes-429');
    } finally {
      await context.close();
    }
  });
});

describe('accessibility (axe-core)', () => {
  it.each(['light', 'dark'] as const)(
    "has no violation of any impact on the list, a page, a vendor page, a number's meanings and the 404 (%s)",
    async (scheme) => {
      const context = await browser.newContext({
        bypassCSP: true,
        colorScheme: scheme,
        viewport: { width: 1280, height: 900 },
      });
      try {
        const p = await context.newPage();
        p.setDefaultTimeout(BROWSER_TIMEOUT_MS);
        for (const path of [
          '/codes',
          '/codes?q=gateway',
          '/codes/429',
          '/codes/520-cloudflare',
          '/codes/499',
          '/codes/nowhere',
        ]) {
          await p.goto(bot.url + path);
          expect({ path, violations: await axeViolations(p) }).toEqual({ path, violations: [] });
        }
      } finally {
        await context.close();
      }
    },
  );
});

describe('"Open page" on a chat answer', () => {
  it("opens the code's page on the bot's own origin from a Web Chat card", async () => {
    await page.goto(`${bot.url}/`);
    const box = page.locator('[data-id="webchat-sendbox-input"]');
    await box.fill('what is 429');
    await box.press('Enter');
    const feed = page.locator('[role="feed"]');
    await feed.getByRole('heading', { name: /429 Too Many Requests/ }).waitFor();
    // The link waits behind "Show more", with the references.
    await feed.getByRole('button', { name: 'Show more' }).last().click();
    const opened = site.context.waitForEvent('page');
    await feed.getByRole('button', { name: 'Open page' }).last().click();
    const tab = await opened;
    await tab.waitForLoadState();
    expect(tab.url()).toBe(`${bot.url}/codes/429`);
    await expect(tab.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('429 Too Many Requests');
    await tab.close();
  });
});

describe('the origin', () => {
  it("made no request outside the bot's origin and broke no CSP rule", () => {
    expect(site.foreign).toEqual([]);
    expect(site.cspViolations).toEqual([]);
  });
});
