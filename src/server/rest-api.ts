/**
 * "The bot as an API", for alerting systems and scripts:
 *   GET  /api/codes[?class=5xx][&vendor=cloudflare]  every entry, filtered
 *   GET  /api/codes/:code                            every meaning of one number
 *   GET  /api/search?q=…                             the engine's understanding and ranked matches
 *   POST /api/explain {"text": "…"}                  the full answer model (and its Markdown) for a message
 *   GET  /api/stats                                  what people ask, what goes unanswered, feedback (operators only)
 * Errors are problem+json: unknown code → 404, bad input → 400. Every input is read through its schema in
 * rest-api-schemas.ts, from which /openapi.json is generated.
 */
import type { Request, RequestHandler, Response, Server } from 'restify';
import type { UsageStats } from '../conversation/usage-stats';
import { entryRef } from '../knowledge/answer';
import type { StatusEngine } from '../knowledge/engine';
import { renderText } from '../render/render-text';
import { readInput } from './api-input';
import { PROBLEM_TYPE, problem } from './problem';
import { restApiSchemas, type RestApiSchemas } from './rest-api-schemas';

export function mountRestApi(
  server: Server,
  engine: StatusEngine,
  stats: UsageStats,
  operatorOnly: RequestHandler,
  schemas: RestApiSchemas = restApiSchemas(engine.table),
): void {
  const { table } = engine;
  const fail = (req: Request, res: Response, status: number, detail: string) => {
    res.setHeader('content-type', PROBLEM_TYPE);
    res.send(status, problem(table, status, detail, { instance: req.url }));
  };

  server.get('/api/codes', async (req: Request, res: Response) => {
    const input = readInput(schemas.codesQuery, req.query);
    if (!input.ok) return fail(req, res, 400, input.detail);
    const { class: cls, vendor } = input.data;
    const entries = table.entries.filter((e) => (!cls || e.class === cls) && (!vendor || e.vendor === vendor));
    res.send(200, {
      count: entries.length,
      codes: entries.map((e) => ({
        ...entryRef(table, e.id),
        class: e.class,
        status: e.status,
        vendorId: e.vendor ?? null,
        url: `/api/codes/${e.code}`,
      })),
    });
  });

  server.get('/api/codes/:code', async (req: Request, res: Response) => {
    const input = readInput(schemas.codeParams, req.params);
    if (!input.ok) return fail(req, res, 400, `"${String(req.params?.code ?? '').slice(0, 20)}" ${input.detail}`);
    const raw = input.data.code;
    const meanings = table.meaningsOf(Number(raw));
    if (!meanings.length)
      return fail(
        req,
        res,
        404,
        `${raw} is not a status code StatusBot knows (not in the IANA registry or its vendor list).`,
      );
    res.send(200, { code: Number(raw), meanings: meanings.map(({ file: _file, ...entry }) => entry) });
  });

  server.get('/api/search', async (req: Request, res: Response) => {
    const input = readInput(schemas.searchQuery, req.query);
    if (!input.ok) return fail(req, res, 400, input.detail);
    const { q } = input.data;
    const understanding = engine.understand(q);
    const matches = rankedMatches(engine, q, understanding.ids);
    res.send(200, { q, understanding, matches });
  });

  server.post('/api/explain', async (req: Request, res: Response) => {
    const input = readInput(schemas.explainRequest, req.body);
    if (!input.ok) return fail(req, res, 400, input.detail);
    const { text } = input.data;
    const { understanding, answer } = engine.ask(text);
    stats.recordTurn(text, understanding, 'api');
    res.send(200, { understanding, answer: stripFiles(answer), markdown: renderText(answer, 'markdown') });
  });

  server.get('/api/stats', operatorOnly, async (_req: Request, res: Response) => {
    res.setHeader('cache-control', 'no-store');
    res.send(200, stats.snapshot());
  });
}

/** The engine's own reading first, then search-as-you-type hits, one row per entry. */
function rankedMatches(engine: StatusEngine, q: string, understood: string[]) {
  const ids = [...understood, ...engine.search.search(q, 10).map((h) => h.id)];
  return [...new Set(ids)].slice(0, 10).map((id) => entryRef(engine.table, id));
}

/** Entries carry the data file they came from; that is for error messages, not for API clients. */
function stripFiles<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === 'file' ? undefined : v))) as T;
}
