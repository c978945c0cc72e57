/**
 * "The bot as an API", for alerting systems and scripts:
 *   GET  /api/codes[?class=5xx][&vendor=cloudflare]  every entry, filtered
 *   GET  /api/codes/:code                            every meaning of one number
 *   GET  /api/search?q=…                             the engine's understanding and ranked matches
 *   POST /api/explain {"text": "…"}                  the full answer model (and its Markdown) for a message
 *   GET  /api/stats                                  what people ask, what goes unanswered, feedback (operators only)
 * Errors are problem+json: unknown code → 404, bad input → 400.
 */
import type { Request, RequestHandler, Response, Server } from 'restify';
import type { UsageStats } from '../conversation/usage-stats';
import { entryRef } from '../knowledge/answer';
import type { StatusEngine } from '../knowledge/engine';
import { CLASSES, type StatusClass } from '../knowledge/status-table';
import { MAX_MESSAGE_LENGTH } from '../knowledge/text';
import { renderText } from '../render/render-text';
import { PROBLEM_TYPE, problem } from './problem';

export function mountRestApi(server: Server, engine: StatusEngine, stats: UsageStats, operatorOnly: RequestHandler): void {
  const { table } = engine;
  const fail = (req: Request, res: Response, status: number, detail: string) => {
    res.setHeader('content-type', PROBLEM_TYPE);
    res.send(status, problem(table, status, detail, { instance: req.url }));
  };

  server.get('/api/codes', async (req: Request, res: Response) => {
    const cls = stringParam(req.query?.class)?.toLowerCase();
    const vendor = stringParam(req.query?.vendor)?.toLowerCase();
    if (cls && !(CLASSES as readonly string[]).includes(cls)) return fail(req, res, 400, `class must be one of ${CLASSES.join(', ')}.`);
    if (vendor && !table.vendors.some((v) => v.id === vendor)) return fail(req, res, 400, `vendor must be one of ${table.vendors.map((v) => v.id).join(', ')}.`);
    const entries = table.entries.filter((e) => (!cls || e.class === (cls as StatusClass)) && (!vendor || e.vendor === vendor));
    res.send(200, { count: entries.length, codes: entries.map((e) => ({ ...entryRef(table, e.id), class: e.class, status: e.status, vendorId: e.vendor ?? null, url: `/api/codes/${e.code}` })) });
  });

  server.get('/api/codes/:code', async (req: Request, res: Response) => {
    const raw = String(req.params?.code ?? '');
    if (!/^\d{1,4}$/.test(raw)) return fail(req, res, 400, `"${raw.slice(0, 20)}" is not a status code; use three digits, for example /api/codes/404.`);
    const meanings = table.meaningsOf(Number(raw));
    if (!meanings.length) return fail(req, res, 404, `${raw} is not a status code StatusBot knows (not in the IANA registry or its vendor list).`);
    res.send(200, { code: Number(raw), meanings: meanings.map(({ file: _file, ...entry }) => entry) });
  });

  server.get('/api/search', async (req: Request, res: Response) => {
    const q = stringParam(req.query?.q);
    if (!q || !q.trim()) return fail(req, res, 400, 'Add a query: /api/search?q=bad%20gateway');
    if (q.length > MAX_MESSAGE_LENGTH) return fail(req, res, 400, `The query is longer than ${MAX_MESSAGE_LENGTH} characters.`);
    const understanding = engine.understand(q);
    const matches = rankedMatches(engine, q, understanding.ids);
    res.send(200, { q, understanding, matches });
  });

  server.post('/api/explain', async (req: Request, res: Response) => {
    const body = req.body as { text?: unknown } | undefined;
    if (!body || typeof body !== 'object' || typeof body.text !== 'string' || !body.text.trim()) {
      return fail(req, res, 400, 'Send a JSON object with a non-empty "text" string, for example {"text": "HTTP/1.1 503 Service Unavailable"}.');
    }
    const { understanding, answer } = engine.ask(body.text);
    stats.recordTurn(body.text, understanding, 'api');
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

function stringParam(value: unknown): string | undefined {
  return typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;
}

/** Entries carry the data file they came from; that is for error messages, not for API clients. */
function stripFiles<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === 'file' ? undefined : v))) as T;
}
