/**
 * The code pages over HTTP (createApp in-process) and their HTML: headers (a CSP with nothing inline, no framing,
 * nosniff), caching (max-age, then the ETag; Brotli or gzip as accepted), HEAD, where a bare number goes, the 404
 * page (which repeats nothing of the address), PUBLIC_URL in the canonical link and link previews, and escaping:
 * whatever the table holds is text on the page, never markup.
 */
import pino from 'pino';
import { createApp, type App } from '../../src/app';
import { readConfig } from '../../src/config';
import type { LookupAnswer } from '../../src/knowledge/answer';
import { DEFAULT_DATA_DIR } from '../../src/knowledge/load-table';
import { codePage } from '../../src/pages/code-page';
import { CodePageLinks } from '../../src/pages/code-page-links';
import { escapeHtml, html } from '../../src/pages/html';
import { loadPageWords } from '../../src/pages/page-words';
import { engine } from '../cards/engine-fixture';

jest.setTimeout(30_000);

let app: App;
let url: string;

beforeAll(async () => {
  app = createApp(
    readConfig({ PORT: '0', RATE_LIMIT_PER_MINUTE: '100000', PUBLIC_URL: 'https://bot.example.com/' }),
    pino({ level: 'silent' }),
  );
  ({ url } = await app.start());
});

afterAll(async () => {
  await app?.stop();
});

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  fetch(url + path, { headers, method, redirect: 'manual' });

function directives(csp: string | null): Record<string, string> {
  return Object.fromEntries(
    (csp ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .map(([name = '', ...values]) => [name, values.join(' ')]),
  );
}

describe('headers and caching', () => {
  it.each(['/codes', '/codes/502', '/codes/499-nginx', '/codes/499'])(
    '%s: HTML under a CSP with nothing inline, not framable, cached then revalidated',
    async (path) => {
      const res = await get(path, { 'accept-encoding': 'br, gzip' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const csp = directives(res.headers.get('content-security-policy'));
      expect(csp).toMatchObject({
        'default-src': "'none'",
        'script-src': "'self'",
        'style-src': "'self'",
        'frame-ancestors': "'none'",
        'base-uri': "'none'",
        'object-src': "'none'",
      });
      expect(Object.values(csp).join(' ')).not.toMatch(/unsafe|nonce|\*/);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('public, max-age=300');
      const etag = res.headers.get('etag');
      expect(etag).toBeTruthy();
      const html = await res.text();
      expect(html).not.toMatch(/<script>|<style|style="|\son[a-z]+=/i);
      // Each encoding has its own ETag, and a new page's compressed variants may still be in the making: compare like with like.
      const identity = (await get(path, { 'accept-encoding': 'identity' })).headers.get('etag') ?? '';
      expect((await get(path, { 'accept-encoding': 'identity', 'if-none-match': identity })).status).toBe(304);
    },
  );

  it('sends the page Brotli- or gzip-compressed as accepted, or as it is', async () => {
    const plain = await (await get('/codes/502', { 'accept-encoding': 'identity' })).text();
    for (const encoding of ['br', 'gzip']) {
      const res = await get('/codes/502', { 'accept-encoding': encoding });
      // The first request may come before the variant is ready; it is never refused.
      expect([encoding, null]).toContain(res.headers.get('content-encoding'));
      expect(res.headers.get('vary')).toBe('Accept-Encoding');
      expect(await res.text()).toBe(plain);
    }
  });

  it('answers HEAD like GET, without a body', async () => {
    const head = await get('/codes/429', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe((await get('/codes/429')).headers.get('etag'));
    expect(await head.text()).toBe('');
  });
});

describe('where an address goes', () => {
  it.each([
    ['/codes/502', 200, undefined],
    ['/codes/451', 200, undefined],
    ['/codes/451-exchange', 200, undefined],
    ['/codes/444', 302, '/codes/444-nginx'],
    ['/codes/520', 302, '/codes/520-cloudflare'],
    ['/codes/499', 200, undefined],
    ['/codes/530', 200, undefined],
    ['/codes/999', 404, undefined],
    ['/codes/499-NGINX', 404, undefined],
    ['/codes/5o2', 404, undefined],
    ['/codes/..%2Fpackage.json', 404, undefined],
  ])('%s → %s %s', async (path, status, location) => {
    const res = await get(path);
    expect(res.status).toBe(status);
    expect(res.headers.get('location') ?? undefined).toBe(location);
  });

  it("says there is no such page without repeating the address, and offers the number's pages", async () => {
    const res = await get('/codes/499-%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const page = await res.text();
    expect(page).toContain('No page for that status code');
    expect(page).not.toMatch(/onerror|alert/);
    expect(page).toContain('href="/codes/499-nginx"');
    expect(page).toContain('href="/codes/499-esri"');
    expect(await (await get('/codes/nothing')).text()).not.toContain('/codes/499');
  });
});

describe('PUBLIC_URL', () => {
  it("makes the canonical link and the link preview's address absolute", async () => {
    const page = await (await get('/codes/502')).text();
    expect(page).toContain('<link rel="canonical" href="https://bot.example.com/codes/502">');
    expect(page).toContain('<meta property="og:url" content="https://bot.example.com/codes/502">');
    expect(page).toContain('<meta property="og:title" content="502 Bad Gateway">');
    expect(await (await get('/codes')).text()).toContain('<link rel="canonical" href="https://bot.example.com/codes">');
  });

  it('leaves them out without it', () => {
    const answer = engine().answer(engine().lookup('502')) as LookupAnswer;
    const page = codePage(answer, {
      table: engine().table,
      words: loadPageWords(DEFAULT_DATA_DIR),
      links: new CodePageLinks(),
      asset: (p) => p,
    });
    expect(page).not.toMatch(/canonical|og:url/);
  });
});

describe('escaping', () => {
  const HOSTILE = `<script>alert("x")</script> & 'quoted' "double"`;

  it('html`` escapes every value, in text and in attributes, and inserts only its own markup', () => {
    expect(html`<p title="${HOSTILE}">${HOSTILE}</p>`.text).toBe(
      `<p title="${escapeHtml(HOSTILE)}">${escapeHtml(HOSTILE)}</p>`,
    );
    expect(escapeHtml(HOSTILE)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39; &quot;double&quot;',
    );
    expect(html`<ul>${['<a>', html`<li>${'<b>'}</li>`]}</ul>`.text).toBe('<ul>&lt;a&gt;<li>&lt;b&gt;</li></ul>');
    expect(html`${null}${undefined}${false}${0}`.text).toBe('0');
  });

  it('draws whatever the table holds as text, and links only web addresses', () => {
    const answer = engine().answer(engine().lookup('502')) as LookupAnswer;
    const e = answer.entry;
    const doctored: LookupAnswer = {
      ...answer,
      entry: {
        ...e,
        name: HOSTILE,
        summary: HOSTILE,
        description: HOSTILE,
        aliases: [HOSTILE],
        causes: [HOSTILE],
        nextSteps: { client: [HOSTILE], server: [HOSTILE] },
        headers: [HOSTILE],
        example: { scenario: HOSTILE, transcript: `</code></pre>${HOSTILE}` },
        references: [
          { label: HOSTILE, url: 'javascript:alert(1)' },
          { label: 'RFC', url: 'https://www.rfc-editor.org/rfc/rfc9110" onmouseover="alert(1)' },
        ],
      },
    };
    const page = codePage(doctored, {
      table: engine().table,
      words: loadPageWords(DEFAULT_DATA_DIR),
      links: new CodePageLinks('https://bot.example.com'),
      asset: (p) => p,
    });
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('</code></pre><');
    expect(page).not.toMatch(/href="javascript:/);
    expect(page).not.toContain('" onmouseover="');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect((page.match(/<script/g) ?? []).length).toBe(0);
  });
});
