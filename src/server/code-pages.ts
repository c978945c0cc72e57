/**
 * The pages people share: `/codes`, every entry by class and vendor, and `/codes/{id}`, one entry (`/codes/502`,
 * `/codes/499-nginx`). Server-rendered from the table (src/pages/), readable without JavaScript, under a strict CSP
 * without nonces (no inline script or style), so each page is made once, on its first request, and then sent from
 * one body with an ETag, compressed as the client prefers.
 *
 * ```ts
 * mountCodePages(server, { engine, words: loadPageWords(dataDir), links: new CodePageLinks(config.publicUrl), site });
 * ```
 */
import type { Request, Response, Server } from 'restify';
import type { StatusEngine } from '../knowledge/engine';
import type { StatusEntry } from '../knowledge/entry-schema';
import { codePage, type PageContext } from '../pages/code-page';
import { CODES_PATH, codePagePath, type CodePageLinks } from '../pages/code-page-links';
import { codesIndexPage } from '../pages/codes-index-page';
import { meaningsPage } from '../pages/meanings-page';
import { notFoundPage } from '../pages/not-found-page';
import type { PageWords } from '../pages/page-words';
import { generatedFile, securityHeaders, sendFile, type StaticFile, type StaticSite } from './static-site';

export interface CodePagesOptions {
  engine: StatusEngine;
  words: PageWords;
  links: CodePageLinks;
  site: StaticSite;
}

/** The pages change only with the table, that is with a deploy: kept for five minutes, then revalidated by ETag. */
const PAGE_CACHE = 'public, max-age=300';

/** Nothing inline and nothing from elsewhere: the pages load their stylesheet, the list its filter script. */
const PAGE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

export function mountCodePages(server: Server, options: CodePagesOptions): void {
  const { engine, words, links, site } = options;
  const { table } = engine;
  const context: PageContext = { table, words, links, asset: (path) => site.assetUrl(path) };
  const made = new Map<string, StaticFile>();
  // Bounded by the table: only ids of entries and numbers it knows are kept.
  const page = (key: string, render: () => string) =>
    made.get(key) ?? (made.set(key, generatedFile(render())).get(key) as StaticFile);
  const headers = () => ({ ...securityHeaders(), 'content-security-policy': PAGE_POLICY, 'x-frame-options': 'DENY' });

  const index = async (req: Request, res: Response) =>
    sendFile(
      req,
      res,
      page(CODES_PATH, () => codesIndexPage(context)),
      PAGE_CACHE,
      headers(),
    );

  const one = async (req: Request, res: Response) => {
    const id = String(req.params?.id ?? '');
    if (table.entry(id)) {
      const answer = engine.answer(engine.lookup(id));
      if (answer.intent === 'lookup')
        return sendFile(
          req,
          res,
          page(id, () => codePage(answer, context)),
          PAGE_CACHE,
          headers(),
        );
    }
    // A bare number is what people type. Where the registry defines it, that entry's id is the number itself (above),
    // and its page links the vendors' meanings. Where only vendors use it, the one meaning is where the reader is
    // sent; several are listed, since picking one vendor's for the reader would be a guess.
    const meanings = /^\d{3}$/.test(id) ? table.meaningsOf(Number(id)) : [];
    const only = meanings.length === 1 ? meanings[0] : undefined;
    if (only) {
      res.writeHead(302, { ...headers(), location: codePagePath(only.id), 'cache-control': PAGE_CACHE });
      res.end();
      return;
    }
    if (meanings.length > 1)
      return sendFile(
        req,
        res,
        page(id, () => meaningsPage(Number(id), meanings, context)),
        PAGE_CACHE,
        headers(),
      );
    notFound(req, res, sameNumber(table.meaningsOf.bind(table), id));
  };

  const notFound = (req: Request, res: Response, entries: readonly StatusEntry[]) => {
    const body = notFoundPage(entries, context);
    res.writeHead(404, {
      ...headers(),
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
      'content-length': String(Buffer.byteLength(body)),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  for (const method of ['get', 'head'] as const) {
    server[method](CODES_PATH, index);
    server[method](`${CODES_PATH}/:id`, one);
  }
}

/** The entries of the number an unknown id starts with ("499-foo" → 499's), to offer instead. */
function sameNumber(meaningsOf: (code: number) => readonly StatusEntry[], id: string): readonly StatusEntry[] {
  const number = /^(\d{3})(?:\D|$)/.exec(id)?.[1];
  return number ? meaningsOf(Number(number)) : [];
}
