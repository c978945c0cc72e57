/**
 * Where a request's time went, for `BENCH_TIMING=1 npm run bench:e2e`: the bench client's marks (e2e.ts's drive)
 * joined with the server's (request-timing.ts) by request id, split into phases, for all requests and for the slowest
 * 1 % (the p99 tail).
 */
import { readFileSync } from 'node:fs';
import type { ClientTiming } from './e2e';
import type { ServerTiming } from './request-timing';

/** The phases of one request, in milliseconds, in the order they happen. */
export const PHASES = {
  /** The worker asked → the request was written: waiting for the agent's socket, connecting, writing. */
  send: (c: ClientTiming) => c.sent - c.created,
  /** Written → its headers parsed by the server: the accept queue, the server's socket buffer and event loop. */
  inbound: (c: ClientTiming, s: ServerTiming) => s.arrived - c.sent,
  /** Headers parsed → the response handed to the server's kernel: body, turn and writing. */
  server: (c: ClientTiming, s: ServerTiming) => s.finished - s.arrived,
  /** Handed to the kernel → its headers read by the client: the client's socket buffer and event loop. */
  outbound: (c: ClientTiming, s: ServerTiming) => c.headers - s.finished,
  /** Headers → last byte read by the client. */
  body: (c: ClientTiming) => c.received - c.headers,
  /** Last byte → the reply parsed and checked by the worker. */
  check: (c: ClientTiming) => c.checked - c.received,
};

export function readServerTimings(file: string): Map<string, ServerTiming> {
  const byId = new Map<string, ServerTiming>();
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return byId;
  }
  for (const line of text.split('\n'))
    if (line) {
      const timing = JSON.parse(line) as ServerTiming;
      byId.set(timing.id, timing);
    }
  return byId;
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number) : NaN;
};

/**
 * Lines describing where the time of `client`'s requests went: each phase's median and p99 over all requests, its
 * mean over the slowest 1 %, and how many of those opened a new connection.
 */
export function describeBreakdown(client: ClientTiming[], server: Map<string, ServerTiming>): string[] {
  const joined = client.flatMap((c) => {
    const s = server.get(c.id);
    return s && Number.isFinite(c.received) ? [{ c, s, total: c.checked - c.created }] : [];
  });
  if (!joined.length) return [`no server timings joined (${client.length} client timings)`];
  const cut = quantile(
    joined.map((j) => j.total),
    0.99,
  );
  const tail = joined.filter((j) => j.total >= cut);
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const lines = [
    `${joined.length} requests, total p50 ${quantile(
      joined.map((j) => j.total),
      0.5,
    ).toFixed(1)} ms, p99 ${cut.toFixed(1)} ms; the slowest 1 % (${tail.length}): ` +
      `${tail.filter((j) => j.c.connected !== undefined).length} opened a connection ` +
      `(of ${joined.filter((j) => j.c.connected !== undefined).length} in all)`,
    '  phase      p50 ms   p99 ms   mean of the slowest 1 %',
  ];
  for (const [name, phase] of Object.entries(PHASES)) {
    const all = joined.map((j) => phase(j.c, j.s));
    lines.push(
      `  ${name.padEnd(9)}${quantile(all, 0.5).toFixed(2).padStart(8)} ${quantile(all, 0.99).toFixed(2).padStart(8)} ` +
        `${mean(tail.map((j) => phase(j.c, j.s)))
          .toFixed(2)
          .padStart(9)}`,
    );
  }
  return lines;
}
