/**
 * How the bot serves its web chat (src/server/static-site.ts), over HTTP: content types, caching (each file's URL
 * versioned by its own content and cached for a year, pages revalidated, the launcher for minutes), Brotli or gzip by
 * Accept-Encoding from precompressed variants, ETags, and the security headers: a per-response CSP nonce, no framing
 * except /embed by ALLOWED_ORIGINS (and, for a site that is not allowed, a page that says so), nosniff, a referrer
 * policy. The whole server (in-process) for the defaults; restify with the static site alone for the options (any embedder,
 * Azure Direct Line).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import restify from 'restify';
import { mountStaticSite, type StaticSiteOptions } from '../../src/server/static-site';
import { startBot, type RunningBot } from '../support/bot-in-process';
import { ensureBuilt } from '../support/bot-process';

jest.setTimeout(60_000);

const EMBEDDER = 'https://status.example.com';

let bot: RunningBot;
beforeAll(async () => {
  // Built first: the server sends the Brotli and gzip variants the build makes (dist/precompressed).
  ensureBuilt();
  bot = await startBot({ ALLOWED_ORIGINS: EMBEDDER });
});
afterAll(async () => {
  await bot?.stop();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(bot.url + path, { headers });

/** The directives of a CSP header, by name. */
function directives(csp: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (csp ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out[name] = values.join(' ');
  }
  return out;
}

describe('the pages', () => {
  it.each(['/', '/demo', '/embed'])('%s is HTML, revalidated on every load, with security headers', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp['default-src']).toBe("'none'");
    expect(csp['script-src']).toBe("'self'");
    expect(csp['object-src']).toBe("'none'");
    expect(csp['base-uri']).toBe("'none'");
    expect(csp['script-src']).not.toMatch(/unsafe/);
    expect(csp['style-src']).not.toMatch(/unsafe/);
  });

  it('gives every response a fresh nonce, the one the page hands to Web Chat', async () => {
    const [a, b] = await Promise.all([get('/'), get('/')]);
    const nonceOf = (res: Response) => /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
    const [nonceA, nonceB] = [nonceOf(a), nonceOf(b)];
    expect(nonceA).toBeTruthy();
    expect(nonceA).not.toBe(nonceB);
    expect(await a.text()).toContain(`nonce="${nonceA}"`);
  });

  it('lets nothing frame / and /demo, and lets the bot itself and ALLOWED_ORIGINS frame /embed', async () => {
    for (const path of ['/', '/demo']) {
      const res = await get(path);
      expect(directives(res.headers.get('content-security-policy'))['frame-ancestors']).toBe("'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
    const embed = await get('/embed');
    expect(directives(embed.headers.get('content-security-policy'))['frame-ancestors']).toBe(`'self' ${EMBEDDER}`);
    expect(embed.headers.get('x-frame-options')).toBeNull();
    // Only the demo frames anything (the widget's panel).
    expect(directives((await get('/demo')).headers.get('content-security-policy'))['frame-src']).toBe("'self'");
    expect(directives((await get('/')).headers.get('content-security-policy'))['frame-src']).toBe("'none'");
  });

  it("lets /demo be revalidated by its ETag; / and /embed carry the response's nonce, so they have none", async () => {
    const demo = await get('/demo', { 'accept-encoding': 'br' });
    expect(demo.headers.get('content-encoding')).toBe('br');
    const etag = demo.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+-br"$/);
    await demo.arrayBuffer();
    const again = await get('/demo', { 'accept-encoding': 'br', 'if-none-match': etag! });
    expect(again.status).toBe(304);
    for (const path of ['/', '/embed']) {
      const res = await get(path);
      expect(res.headers.get('etag')).toBeNull();
      await res.arrayBuffer();
    }
  });

  it("shows the bot's greeting in the page itself, before any script runs", async () => {
    const html = await (await get('/')).text();
    expect(html).toMatch(/<h2 class="sb-shell__title">Hi, I&#39;m StatusBot<\/h2>/);
    expect(html).toContain('<textarea class="sb-shell__input"');
  });

  it('answers HEAD without a body', async () => {
    const res = await fetch(bot.url + '/', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('embeds the widget on /demo with exactly one tag', async () => {
    const html = await (await get('/demo')).text();
    expect(html).toContain('<script src="/widget.js" data-accent="#0a6" data-position="right" async></script>');
    expect(html.match(/<script\b/g)).toHaveLength(1);
  });
});

describe('scripts and assets', () => {
  it('serves Web Chat from the bot: versioned URL cached for a year, Brotli or gzip as accepted, with an ETag', async () => {
    const page = await (await get('/')).text();
    const src = /"(\/vendor\/webchat\.js\?v=[0-9a-f]+)"/.exec(page)?.[1];
    expect(src).toBeTruthy();
    // The page preloads it (the download starts before any script runs) and gives the same URL to shell.js.
    expect(page).toContain(`<link rel="preload" as="script" href="${src}">`);
    expect(page).toContain(`data-webchat="${src}"`);
    const res = await get(src!, { 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    // fetch unzips for us: the bytes on the wire are the Content-Length.
    const gzipped = Number(res.headers.get('content-length'));
    const vendored = statSync(join(__dirname, '..', '..', 'public', 'vendor', 'webchat.js')).size;
    expect(gzipped).toBeLessThan(vendored / 2);
    expect((await res.arrayBuffer()).byteLength).toBe(vendored);

    // Brotli when accepted (precompressed at build time: it is there from the first request).
    const br = await get(src!, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    expect(Number(br.headers.get('content-length'))).toBeLessThan(gzipped * 0.8);
    expect((await br.arrayBuffer()).byteLength).toBe(vendored);
    const brEtag = br.headers.get('etag');
    expect(brEtag).not.toBe(res.headers.get('etag'));
    // A cached copy is revalidated in its own encoding.
    expect((await get(src!, { 'accept-encoding': 'br', 'if-none-match': brEtag! })).status).toBe(304);
    expect((await get(src!, { 'accept-encoding': 'gzip', 'if-none-match': brEtag! })).status).toBe(200);
    // No encoding accepted: the file as it is.
    const plainBody = await get(src!, { 'accept-encoding': 'identity' });
    expect(plainBody.headers.get('content-encoding')).toBeNull();
    await plainBody.arrayBuffer();

    // An unversioned (or stale) URL is revalidated; its ETag answers 304.
    const plain = await get('/vendor/webchat.js');
    expect(plain.headers.get('cache-control')).toBe('no-cache');
    const etag = plain.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    await plain.arrayBuffer();
    const again = await get('/vendor/webchat.js', { 'if-none-match': etag! });
    expect(again.status).toBe(304);
  });

  it('preloads Web Chat in a chat in use, not in a panel the widget makes ahead of time (which fetches it quietly)', async () => {
    const live = await (await get('/embed')).text();
    expect(live.match(/<link rel="preload" as="script"/g)).toHaveLength(2);
    const warm = await (await get('/embed?warm=1')).text();
    expect(warm).not.toContain('rel="preload"');
    expect(warm).toMatch(/data-webchat="\/vendor\/webchat\.js\?v=[0-9a-f]+"/);
  });

  it("versions each file's URL by its own content, so changing one never expires the others", async () => {
    const page = await (await get('/')).text();
    const version = (path: string) => new RegExp(`${path.replaceAll('.', '\\.')}\\?v=([0-9a-f]+)`).exec(page)?.[1];
    const versions = ['/vendor/webchat.js', '/assets/chat.js', '/assets/shell.js', '/assets/chat.css'].map(version);
    expect(versions.every(Boolean)).toBe(true);
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('serves the launcher with a short cache, usable from any site', async () => {
    const res = await get('/widget.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('StatusBot');
  });

  it.each([
    ['/assets/chat.css', 'text/css; charset=utf-8'],
    ['/assets/chat.js', 'text/javascript; charset=utf-8'],
    ['/assets/statusbot.svg', 'image/svg+xml'],
  ])('serves %s as %s', async (path, type) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    await res.arrayBuffer();
  });

  it.each([
    '/assets/missing.js',
    '/assets/..%2Fwidget.js',
    '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
    '/vendor/webchat.js.LICENSE.txt',
    '/vendor/README.md',
  ])('serves nothing else: %s is 404', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    await res.arrayBuffer();
  });
});

describe('/embed on a site that may not frame the chat', () => {
  it('says so, in a page that any site may frame, when the widget says it is on a site not in ALLOWED_ORIGINS', async () => {
    const res = await get('/embed?origin=' + encodeURIComponent('https://elsewhere.example'));
    expect(res.status).toBe(200);
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp['frame-ancestors']).toBe('*');
    expect(csp['script-src']).toBe("'self'");
    const html = await res.text();
    expect(html).toContain('data-refused="https://elsewhere.example"');
    expect(html).toContain('<code>ALLOWED_ORIGINS=https://elsewhere.example</code>');
    // Nothing of the chat: no shell, no Web Chat preloaded.
    expect(html).not.toContain('sb-shell');
    expect(html).not.toContain('rel="preload"');
  });

  it('escapes what the query says', async () => {
    const html = await (await get('/embed?origin=' + encodeURIComponent('"><script>alert(1)</script>'))).text();
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&#34;&#62;&#60;script&#62;');
  });

  it.each([EMBEDDER, 'bot'])(
    'is the chat for %s (listed, or the bot itself), with frame-ancestors enforcing the list',
    async (who) => {
      const origin = who === 'bot' ? new URL(bot.url).origin : who;
      const res = await get('/embed?origin=' + encodeURIComponent(origin));
      expect(directives(res.headers.get('content-security-policy'))['frame-ancestors']).toBe(`'self' ${EMBEDDER}`);
      expect(await res.text()).toContain('data-webchat=');
    },
  );
});

describe('options', () => {
  async function headersWith(options: StaticSiteOptions, path: string): Promise<Headers> {
    const server = restify.createServer();
    mountStaticSite(server, options);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${server.address().port}${path}`);
      await res.arrayBuffer();
      return res.headers;
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  it('lets any site frame /embed when ALLOWED_ORIGINS is *', async () => {
    const headers = await headersWith({ allowedOrigins: '*' }, '/embed?origin=https%3A%2F%2Fanywhere.example');
    expect(directives(headers.get('content-security-policy'))['frame-ancestors']).toBe('*');
  });

  it('lets the pages connect to Azure Direct Line (HTTPS and WebSocket) when tokens come from Azure', async () => {
    const headers = await headersWith({ directLineEndpoint: 'https://europe.directline.botframework.com' }, '/');
    expect(directives(headers.get('content-security-policy'))['connect-src']).toBe(
      "'self' https://europe.directline.botframework.com wss://europe.directline.botframework.com",
    );
  });

  it('connects only to the bot itself by default', async () => {
    const headers = await headersWith({}, '/embed');
    const csp = directives(headers.get('content-security-policy'));
    expect(csp['connect-src']).toBe("'self'");
    expect(csp['frame-ancestors']).toBe("'self'");
  });
});
