/**
 * Preloaded into each bot by `BENCH_TIMING=1 npm run bench:e2e` (`node --require dist/bench/request-timing.js`), so
 * both bots are timed alike and neither's code changes: for every request the bench tags with `x-bench-request`, when
 * its connection was accepted, when its headers were parsed and when its response was handed to the kernel, on the
 * clock the bench client reads too (`performance.timeOrigin + performance.now()`). Written as JSON lines to
 * BENCH_TIMING_FILE when the process exits.
 */
import { subscribe } from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/** One request as the server saw it (milliseconds on the shared clock). */
export interface ServerTiming {
  id: string;
  accepted: number;
  arrived: number;
  finished: number;
}

const now = () => performance.timeOrigin + performance.now();
const acceptedAt = new WeakMap<Socket, number>();
const arrivedAt = new WeakMap<IncomingMessage, number>();
const timings: ServerTiming[] = [];

subscribe('net.server.socket', (message) => acceptedAt.set((message as { socket: Socket }).socket, now()));
subscribe('http.server.request.start', (message) =>
  arrivedAt.set((message as { request: IncomingMessage }).request, now()),
);
subscribe('http.server.response.finish', (message) => {
  const { request, socket } = message as { request: IncomingMessage; socket: Socket };
  const id = request.headers['x-bench-request'];
  if (typeof id !== 'string') return;
  timings.push({
    id,
    accepted: acceptedAt.get(socket) ?? NaN,
    arrived: arrivedAt.get(request) ?? NaN,
    finished: now(),
  });
});

const file = process.env.BENCH_TIMING_FILE;
if (file) process.on('exit', () => writeFileSync(file, timings.map((t) => JSON.stringify(t)).join('\n')));
