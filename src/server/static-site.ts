/**
 * The web chat the bot serves itself, from public/:
 *
 *   GET /                  the full-page chat            GET /widget.js          the launcher any site embeds
 *   GET /demo              a sample site with the widget  GET /vendor/webchat.js  Web Chat, self-hosted (no CDN)
 *   GET /embed             the widget's panel (framed)    GET /assets/:file       the pages' scripts, styles, images
 *
 * Pages get a fresh CSP nonce per response (Web Chat adds it to the <style> elements it injects) and security
 * headers; /embed may be framed only by the bot's own origin and ALLOWED_ORIGINS. Files are read once at mount and
 * gzipped on first request. Asset URLs in the pages carry `?v=<content hash>` and are cached for a year; without it
 * (or with an old one) they are revalidated by ETag. /widget.js is cached for five minutes, since sites embed it
 * without a version.
 *
 * ```ts
 * mountStaticSite(server, { allowedOrigins: config.allowedOrigins, directLineEndpoint: config.directLine.azure?.endpoint });
 * ```
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Request, Response, Server } from 'restify';

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
}

interface StaticFile {
  body: Buffer;
  type: string;
  etag: string;
  compressible: boolean;
  /** The gzipped body, made on first request (Web Chat's 3.9 MB takes a moment) off the event loop, then kept. */
  gzipped?: Promise<Buffer | null>;
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

const gzipAsync = promisify(gzip);

export function mountStaticSite(server: Server, options: StaticSiteOptions = {}): void {
  const dir = options.publicDir ?? join(projectRoot(__dirname), 'public');
  const assets = readAssets(dir);
  const vendor = readFile(join(dir, 'vendor', 'webchat.js'));
  const widget = readFile(join(dir, 'widget.js'));
  const version = contentVersion([vendor, widget, ...assets.values()]);
  const pages = new Map(Object.entries(PAGES).map(([path, file]) => [path, readFileSync(join(dir, file), 'utf8').replaceAll('{{version}}', version)]));
  const connectExtra = directLineSources(options.directLineEndpoint);
  const embedders = frameAncestors(options.allowedOrigins);

  for (const [path, template] of pages) {
    const handler = async (req: Request, res: Response) => {
      const nonce = randomBytes(16).toString('base64');
      const framable = path === '/embed';
      const headers = {
        ...securityHeaders(),
        'content-type': TYPES['.html'] as string,
        'cache-control': 'no-cache',
        'content-security-policy': pagePolicy({ nonce, connectExtra, frameAncestors: framable ? embedders : "'none'", frameSrc: path === '/demo' ? "'self'" : "'none'" }),
        ...(framable ? {} : { 'x-frame-options': 'DENY' }),
      };
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : template.replaceAll('{{nonce}}', nonce));
    };
    server.get(path, handler);
    server.head(path, handler);
  }

  const serve = (file: StaticFile, cacheFor: (req: Request) => string, extra: Record<string, string> = {}) => async (req: Request, res: Response) => {
    await sendFile(req, res, file, cacheFor(req), extra);
  };
  const versioned = (req: Request) => (queryValue(req, 'v') === version ? YEAR : REVALIDATE);

  for (const method of ['get', 'head'] as const) {
    // Sites load the launcher from their own pages: let them, even under Cross-Origin-Embedder-Policy.
    server[method]('/widget.js', serve(widget, () => WIDGET_CACHE, { 'cross-origin-resource-policy': 'cross-origin' }));
    server[method]('/vendor/webchat.js', serve(vendor, versioned));
    server[method]('/assets/:file', async (req: Request, res: Response) => {
      const file = assets.get(String(req.params.file));
      if (!file) {
        res.writeHead(404, { ...securityHeaders(), 'content-type': TYPES['.txt'] as string, 'cache-control': 'no-cache' });
        res.end('Not found: /assets has no such file.\n');
        return;
      }
      await sendFile(req, res, file, versioned(req));
    });
  }
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

function securityHeaders(): Record<string, string> {
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

async function sendFile(req: Request, res: Response, file: StaticFile, cacheControl: string, extra: Record<string, string> = {}): Promise<void> {
  const wantsGzip = file.compressible && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const gzipped = wantsGzip ? await (file.gzipped ??= gzipAsync(file.body).catch(() => null)) : null;
  const etag = gzipped ? `"${file.etag}-gz"` : `"${file.etag}"`;
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
  const body = gzipped ?? file.body;
  if (gzipped) headers['content-encoding'] = 'gzip';
  headers['content-length'] = String(body.length);
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

function readFile(path: string): StaticFile {
  if (!existsSync(path)) throw new Error(`The web chat file ${path} is missing; restore it from the repository (public/ ships with StatusBot).`);
  const body = readFileSync(path);
  const ext = extname(path);
  return {
    body,
    type: TYPES[ext] ?? 'application/octet-stream',
    etag: createHash('sha256').update(body).digest('base64url').slice(0, 22),
    compressible: COMPRESSIBLE.has(ext) && body.length > 1024,
  };
}

/** public/assets/*: flat, by file name (no directories, so no path can escape it). */
function readAssets(dir: string): Map<string, StaticFile> {
  const assetsDir = join(dir, 'assets');
  const files = new Map<string, StaticFile>();
  for (const entry of readdirSync(assetsDir, { withFileTypes: true })) {
    if (entry.isFile() && TYPES[extname(entry.name)]) files.set(entry.name, readFile(join(assetsDir, entry.name)));
  }
  return files;
}

/** One short hash of everything the pages load: changes whenever any of it does. */
function contentVersion(files: StaticFile[]): string {
  const hash = createHash('sha256');
  for (const f of files) hash.update(f.etag);
  return hash.digest('hex').slice(0, 12);
}

function queryValue(req: Request, name: string): string | undefined {
  const value = (req.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}

function projectRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = join(dir, '..');
    if (parent === dir) throw new Error(`Cannot find the project root (package.json) above ${from}.`);
    dir = parent;
  }
  return dir;
}
