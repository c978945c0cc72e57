/**
 * Probes for orchestrators: /healthz says the process is alive; /readyz says it can answer (table loaded,
 * conversation storage reachable) and turns 503 while storage is down, so a load balancer stops sending traffic.
 */
import type { Storage } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import type { StatusEngine } from '../knowledge/engine';
import { checkStorage } from '../storage/create-storage';

export function mountHealth(server: Server, engine: StatusEngine, storage: Storage): void {
  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    const table = { ok: engine.table.entries.length > 0, entries: engine.table.entries.length };
    let storageCheck: { ok: boolean; error?: string };
    try {
      await checkStorage(storage);
      storageCheck = { ok: true };
    } catch (err) {
      storageCheck = { ok: false, error: (err as Error).message };
    }
    const ready = table.ok && storageCheck.ok;
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', table, storage: storageCheck });
  });
}
