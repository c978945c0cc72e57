/**
 * The web chat the bot serves itself, from public/:
 *
 *   GET /                  the full-page chat            GET /widget.js          the launcher any site embeds
 *   GET /demo              a sample site with the widget  GET /vendor/webchat.js  Web Chat, self-hosted (no CDN)
 *   GET /embed             the widget's panel (framed)    GET /assets/:file       the pages' scripts, styles, images
 *
 * Pages get a fresh CSP nonce per response (Web Chat adds it to the <style> elements it injects) and security
 * headers; /embed may be framed only by the bot's own origin and ALLOWED_ORIGINS. A site that is not allowed gets,
 * instead of the chat, a page that says so (framable by anyone, it holds nothing but that message), when the widget
 * says which site it is on (`/embed?origin=`); the browser still enforces frame-ancestors for the chat itself.
 *
 * Files are read once at mount and sent compressed as the client prefers (Brotli, gzip, by Accept-Encoding), from
 * variants made ahead of time (precompressed.ts): no request waits for a compressor. Each file's URL in the pages
 * carries `?v=<its content hash>` and is cached for a year; without it (or with an old one) it is revalidated by
 * ETag. Pages are revalidated on every load: /demo by its ETag; / and /embed carry the response's nonce, so each is
 * sent whole. /widget.js is cached for five minutes, since sites embed it without a version.
 *
 * ```ts
 * mountStaticSite(server, { allowedOrigins: config.allowedOrigins, greeting: { title: 'Hi', text: 'Ask me.' } });
 * ```
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Request, Response, Server } from 'restify';
import { cachedVariant, chooseEncoding, compress, ENCODINGS, type Encoding } from './precompressed';

export interface StaticSiteOptions {
  /**
   * ALLOWED_ORIGINS: the sites that may frame /embed (the widget's panel), or '*' for any. The bot's own origin
   * always may. Default: only the bot's own origin.
   */
  allowedOrigins?: '*' | readonly string[];
  /**
   * The Azure Direct Line base URL (https://directline.botframework.com, or a regional one) when tokens come from
   * Azure (DIRECT_LINE_SECRET): the pages must be allowed to connect there, over HTTPS and WebSocket.
   */
  directLineEndpoint?: string;
  /** Where the pages live; default <project>/public. */
  publicDir?: string;
  /** Where the precompressed variants are (precompressed.ts); default <project>/dist/precompressed. */
  precompressedDir?: string;
  /** The bot's greeting, shown by the pages at once, before Web Chat has loaded (the bot's own words for "hello"). */
  greeting?: { title: string; text: string };
}

export interface StaticFile {
  body: Buffer;
  type: string;
  etag: string;
  /** SHA-256 of the body, hex: names its precompressed variants; its first 12 digits version its URL. */
  hash: string;
  compressible: boolean;
  /** The compressed bodies that are ready. */
  variants: Partial<Record<Encoding, Buffer>>;
  /** Variants being made at start (not found precompressed); a request waits for gzip, never for Brotli. */
  making: Partial<Record<Encoding, Promise<unknown>>>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.txt', '.json']);
const YEAR = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
const WIDGET_CACHE = 'public, max-age=300';

/** sha256 of "": an empty <style> element, the only kind Web Chat's scroller creates without the nonce. */
const EMPTY_STYLE_HASH = 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';

const PAGES: Record<string, string> = { '/': 'index.html', '/demo': 'demo.html', '/embed': 'embed.html' };
/**
 * What fills a page's `{{panel}}` (public/partials/): the chat's shell, or, in /embed on a site that may not frame
 * the chat, the message that says so.
 */
const SHELL = 'shell.html';
const REFUSED = 'refused.html';

const DEFAULT_GREETING = {
  title: "Hi, I'm StatusBot",
  text: 'Tell me an HTTP status code, an error message or what you are seeing, or paste a log.',
};

/** What other pages need from the site: the versioned URL of a file in public/ (`/assets/codes.css?v=…`). */
export interface StaticSite {
  assetUrl(path: string): string;
}

export function mountStaticSite(server: Server, options: StaticSiteOptions = {}): StaticSite {
  const dir = options.publicDir ?? publicDirectory();
  const cacheDir = options.precompressedDir ?? join(projectRoot(__dirname), 'dist', 'precompressed');
  const files = publicFiles(dir);
  for (const file of files.values()) withVariants(file, cacheDir);
  const greeting = options.greeting ?? DEFAULT_GREETING;
  const partial = (name: string) => readFileSync(join(dir, 'partials', name), 'utf8').replace(/^<!--[\s\S]*?-->\n/, '');
  const render = (name: string, panel = SHELL) =>
    fillTemplate(readFileSync(join(dir, name), 'utf8').replace('{{panel}}', partial(panel)), files, greeting);
  const pages = new Map(Object.entries(PAGES).map(([path, file]) => [path, page(render(file))]));
  // The refusal loads nothing but the shell's script (for its close button and Escape).
  const refused = page(withoutPreloads(render(PAGES['/embed'] as string, REFUSED)));
  const connectExtra = directLineSources(options.directLineEndpoint);
  const embedders = frameAncestors(options.allowedOrigins);

  for (const [path, template] of pages) {
    const handler = async (req: Request, res: Response) => {
      const nonce = randomBytes(16).toString('base64');
      const claimed = path === '/embed' ? queryValue(req, 'origin') : undefined;
      const refuse = claimed !== undefined && !mayEmbed(claimed, options.allowedOrigins, req.headers.host);
      const framable = path === '/embed';
      const headers = {
        ...securityHeaders(),
        'content-type': TYPES['.html'] as string,
        'cache-control': REVALIDATE,
        'content-security-policy': pagePolicy({
          nonce,
          connectExtra,
          frameAncestors: refuse ? '*' : framable ? embedders : "'none'",
          frameSrc: path === '/demo' ? "'self'" : "'none'",
        }),
        ...(framable ? {} : { 'x-frame-options': 'DENY' }),
      };
      const shown = refuse ? refused : template;
      if (shown.file) {
        await sendFile(req, res, shown.file, REVALIDATE, headers);
        return;
      }
      res.writeHead(200, headers);
      // A chat in use preloads Web Chat; a panel the widget makes ahead of time (`?warm=1`) downloads it quietly
      // itself (shell.js), without the preloads (Chromium warns of a preload that is not used within seconds).
      const text = queryValue(req, 'warm') === '1' ? withoutPreloads(shown.text) : shown.text;
      res.end(
        req.method === 'HEAD'
          ? undefined
          : text.replaceAll('{{nonce}}', nonce).replaceAll('{{origin}}', escapeHtml(claimed ?? 'this site')),
      );
    };
    server.get(path, handler);
    server.head(path, handler);
  }

  const versioned = (file: StaticFile) => (req: Request) =>
    queryValue(req, 'v') === versionOf(file) ? YEAR : REVALIDATE;
  for (const method of ['get', 'head'] as const) {
    for (const [path, file] of files) {
      if (path.startsWith('/assets/')) continue;
      // Sites load the launcher from their own pages: let them, even under Cross-Origin-Embedder-Policy.
      if (path === '/widget.js')
        server[method](path, async (req: Request, res: Response) =>
          sendFile(req, res, file, WIDGET_CACHE, { 'cross-origin-resource-policy': 'cross-origin' }),
        );
      else server[method](path, async (req: Request, res: Response) => sendFile(req, res, file, versioned(file)(req)));
    }
    server[method]('/assets/:file', async (req: Request, res: Response) => {
      const file = files.get(`/assets/${String(req.params.file)}`);
      if (!file) {
        res.writeHead(404, {
          ...securityHeaders(),
          'content-type': TYPES['.txt'] as string,
          'cache-control': 'no-cache',
        });
        res.end('Not found: /assets has no such file.\n');
        return;
      }
      await sendFile(req, res, file, versioned(file)(req));
    });
  }
  return {
    assetUrl: (path) => {
      const file = files.get(path);
      if (!file) throw new Error(`A page links ${path}, which public/ does not have.`);
      return `${path}?v=${versionOf(file)}`;
    },
  };
}

/** A page made at run time, as a file to send: its ETag now, its compressed variants made off the event loop. */
export function generatedFile(text: string, ext = '.html'): StaticFile {
  const file = staticFile(Buffer.from(text), ext);
  withVariants(file, undefined);
  return file;
}

/** <project>/public. */
export function publicDirectory(): string {
  return join(projectRoot(__dirname), 'public');
}

/**
 * Every file the site serves as it is, by URL path: the launcher, Web Chat and public/assets/* (flat, by file name: no
 * directories, so no path can escape it). The pages are templates, filled at mount.
 */
export function publicFiles(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>([
    ['/widget.js', readFile(join(dir, 'widget.js'))],
    ['/vendor/webchat.js', readFile(join(dir, 'vendor', 'webchat.js'))],
  ]);
  const assetsDir = join(dir, 'assets');
  for (const entry of readdirSync(assetsDir, { withFileTypes: true })) {
    if (entry.isFile() && TYPES[extname(entry.name)])
      files.set(`/assets/${entry.name}`, readFile(join(assetsDir, entry.name)));
  }
  return files;
}

/** A filled page: fixed pages are sent from one compressed body with an ETag; pages with a nonce are sent whole. */
function page(text: string): { text: string; file?: StaticFile } {
  if (/\{\{(nonce|origin)\}\}/.test(text)) return { text };
  const file = staticFile(Buffer.from(text), '.html');
  // A page is a few KB: compressing it at start takes milliseconds.
  file.variants = {
    br: brotliCompressSync(file.body, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }),
    gzip: gzipSync(file.body, { level: 9 }),
  };
  return { text, file };
}

/**
 * The page with its files' URLs versioned (`/assets/chat.js?v={{version}}` → `?v=` that file's content hash) and the
 * greeting filled in; `{{nonce}}` and `{{origin}}` are left for each response.
 */
function fillTemplate(
  template: string,
  files: Map<string, StaticFile>,
  greeting: { title: string; text: string },
): string {
  return template
    .replace(/(\/(?:assets|vendor)\/[\w.-]+)\?v=\{\{version\}\}/g, (_, path: string) => {
      const file = files.get(path);
      if (!file) throw new Error(`A page in public/ links ${path}, which public/ does not have.`);
      return `${path}?v=${versionOf(file)}`;
    })
    .replaceAll('{{greeting-title}}', escapeHtml(greeting.title))
    .replaceAll('{{greeting-text}}', escapeHtml(greeting.text));
}

function withoutPreloads(html: string): string {
  return html.replace(/<link rel="preload" as="script"[^>]*>\s*/g, '');
}

function versionOf(file: StaticFile): string {
  return file.hash.slice(0, 12);
}

/**
 * Whether the site the widget says it is on may frame the chat: any with ALLOWED_ORIGINS=*, the bot's own origin, and
 * those listed. Only picks which page to send; the browser enforces frame-ancestors, so a false claim gains nothing.
 */
function mayEmbed(claimed: string, allowed: StaticSiteOptions['allowedOrigins'], host: string | undefined): boolean {
  if (allowed === '*') return true;
  let origin: URL;
  try {
    origin = new URL(claimed);
  } catch {
    return false;
  }
  if (origin.origin !== claimed) return false;
  return origin.host === host || (allowed ?? []).includes(claimed);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The policy every page is served with: nothing inline, nothing from another origin except Direct Line. */
function pagePolicy(p: { nonce: string; connectExtra: string[]; frameAncestors: string; frameSrc: string }): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    // Web Chat injects <style> elements with our nonce, except its scroller (react-scroll-to-bottom), which inserts an
    // empty one and fills it through the CSSOM: the hash of the empty string lets exactly that in. Adaptive Cards set
    // styles through the DOM (element.style), which CSP does not restrict.
    `style-src 'self' 'nonce-${p.nonce}' '${EMPTY_STYLE_HASH}'`,
    // Web Chat draws its typing and spinner animations from data: and blob: images.
    "img-src 'self' data: blob:",
    "font-src 'self'",
    ["connect-src 'self'", ...p.connectExtra].join(' '),
    "media-src 'none'",
    `frame-src ${p.frameSrc}`,
    `frame-ancestors ${p.frameAncestors}`,
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
    "manifest-src 'self'",
  ].join('; ');
}

export function securityHeaders(): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  };
}

/** Who may frame /embed: the bot's own origin and ALLOWED_ORIGINS. */
function frameAncestors(allowed: StaticSiteOptions['allowedOrigins']): string {
  if (allowed === '*') return '*';
  return ["'self'", ...(allowed ?? [])].join(' ');
}

/** Azure Direct Line's HTTPS origin and its WebSocket twin. */
function directLineSources(endpoint: string | undefined): string[] {
  if (!endpoint) return [];
  const origin = new URL(endpoint).origin;
  return [origin, origin.replace(/^http/, 'ws')];
}

export async function sendFile(
  req: Request,
  res: Response,
  file: StaticFile,
  cacheControl: string,
  extra: Record<string, string> = {},
): Promise<void> {
  const accept = String(req.headers['accept-encoding'] ?? '');
  let encoding = file.compressible
    ? chooseEncoding(
        accept,
        ENCODINGS.filter((e) => file.variants[e]),
      )
    : null;
  if (!encoding && file.making.gzip && chooseEncoding(accept, ['gzip'])) {
    // Compressed at start and not ready yet: gzip takes a moment; Brotli (seconds for Web Chat) is never waited for.
    await file.making.gzip;
    encoding = file.variants.gzip ? 'gzip' : null;
  }
  const etag = encoding ? `"${file.etag}-${encoding === 'br' ? 'br' : 'gz'}"` : `"${file.etag}"`;
  const headers: Record<string, string> = {
    ...securityHeaders(),
    ...extra,
    'content-type': file.type,
    'cache-control': cacheControl,
    etag,
    vary: 'Accept-Encoding',
  };
  if (matchesEtag(req.headers['if-none-match'], etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const body = (encoding && file.variants[encoding]) || file.body;
  if (encoding) headers['content-encoding'] = encoding;
  headers['content-length'] = String(body.length);
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

function readFile(path: string): StaticFile {
  if (!existsSync(path))
    throw new Error(
      `The web chat file ${path} is missing; restore it from the repository (public/ ships with StatusBot).`,
    );
  return staticFile(readFileSync(path), extname(path));
}

function staticFile(body: Buffer, ext: string): StaticFile {
  const digest = createHash('sha256').update(body).digest();
  return {
    body,
    type: TYPES[ext] ?? 'application/octet-stream',
    etag: digest.toString('base64url').slice(0, 22),
    hash: digest.toString('hex'),
    compressible: COMPRESSIBLE.has(ext) && body.length > 1024,
    variants: {},
    making: {},
  };
}

/** The file's precompressed variants, or, where there are none, the same made now in the background. */
function withVariants(file: StaticFile, cacheDir: string | undefined): void {
  if (!file.compressible) return;
  for (const encoding of ENCODINGS) {
    const cached = cachedVariant(cacheDir, file.hash, encoding);
    if (cached) file.variants[encoding] = cached;
    else
      file.making[encoding] = compress(file.body, encoding).then(
        (body) => (file.variants[encoding] = body),
        () => undefined, // cannot happen for a Buffer; the file is then sent as it is
      );
  }
}

function queryValue(req: Request, name: string): string | undefined {
  const value = (req.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}

export function projectRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = join(dir, '..');
    if (parent === dir) throw new Error(`Cannot find the project root (package.json) above ${from}.`);
    dir = parent;
  }
  return dir;
}
