/**
 * Probes for orchestrators: /healthz says the process is alive; /readyz says it can answer (table loaded,
 * conversation storage reachable) and turns 503 while storage is down, so a load balancer stops sending traffic.
 * Both are public, so the storage error (hosts, ports) goes to the log, once per change, and never into the answer.
 */
import type { Storage } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod/v4';
import type { StatusEngine } from '../knowledge/engine';
import { clipped, type Logger } from '../logging';
import { checkStorage } from '../storage/create-storage';

/** What /healthz and /readyz answer, as /openapi.json describes them. */
export const livenessSchema = z.object({ status: z.literal('ok') }).strict();
export const readinessSchema = z
  .object({
    status: z.enum(['ready', 'not ready']),
    table: z.object({ ok: z.boolean(), entries: z.int().min(0) }).strict(),
    storage: z
      .object({
        ok: z.boolean(),
        error: z
          .string()
          .optional()
          .describe('Says only that storage is unreachable; the details are in the server log.'),
      })
      .strict(),
  })
  .strict();

export function mountHealth(server: Server, engine: StatusEngine, storage: Storage, logger: Logger): void {
  let lastError: string | undefined;
  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok' } satisfies z.output<typeof livenessSchema>);
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    const table = { ok: engine.table.entries.length > 0, entries: engine.table.entries.length };
    let storageCheck: { ok: boolean; error?: string };
    try {
      await checkStorage(storage);
      storageCheck = { ok: true };
      if (lastError !== undefined) logger.info('conversation storage is reachable again');
      lastError = undefined;
    } catch (err) {
      storageCheck = { ok: false, error: 'conversation storage is unreachable; the details are in the server log' };
      const message = (err as Error).message;
      if (message !== lastError)
        logger.error({ reason: clipped(message, 300) }, 'readiness: conversation storage is unreachable');
      lastError = message;
    }
    const ready = table.ok && storageCheck.ok;
    res.send(ready ? 200 : 503, {
      status: ready ? 'ready' : 'not ready',
      table,
      storage: storageCheck,
    } satisfies z.output<typeof readinessSchema>);
  });
}
