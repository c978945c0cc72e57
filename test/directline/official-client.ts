/**
 * The official Direct Line client (botframework-directlinejs, the one inside Web Chat) running in Node against our
 * server. It is written for browsers: its HTTP goes through rxjs's XMLHttpRequest-based ajax, which Node lacks, so
 * it is given its documented `ajax` service backed by fetch (the same requests, status codes and Retry-After), and
 * the `ws` package as its WebSocket. Everything else (conversation start, polling with watermarks, the stream, token
 * refresh scheduling, retries) is the client's own code.
 */
import { DirectLine, type Activity } from 'botframework-directlinejs';
import { Observable } from 'rxjs/Observable';
import WebSocket from 'ws';
import type { DlActivity } from './directline-client';

interface AjaxRequest {
  method?: string;
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  timeout?: number;
}

/** rxjs 5's Observable.ajax contract over fetch: emits {status, response, xhr} on 2xx, errors with the same otherwise. */
function fetchAjax(request: AjaxRequest): Observable<unknown> {
  return new Observable((subscriber) => {
    const controller = new AbortController();
    const timer = request.timeout ? setTimeout(() => controller.abort(), request.timeout) : undefined;
    const body =
      request.body === undefined
        ? undefined
        : typeof request.body === 'string'
          ? request.body
          : JSON.stringify(request.body);
    fetch(request.url, { method: request.method ?? 'GET', headers: request.headers, body, signal: controller.signal })
      .then(async (res) => {
        const text = await res.text();
        let response: unknown = null;
        try {
          response = text ? JSON.parse(text) : null;
        } catch {
          response = text;
        }
        const result = {
          status: res.status,
          response,
          xhr: { getResponseHeader: (name: string) => res.headers.get(name) },
        };
        if (res.status >= 200 && res.status < 300) {
          subscriber.next(result);
          subscriber.complete();
        } else {
          subscriber.error(result);
        }
      })
      .catch((err: unknown) =>
        subscriber.error({ status: 0, message: String(err), xhr: { getResponseHeader: () => null } }),
      )
      .finally(() => clearTimeout(timer));
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  });
}

export interface OfficialClient {
  post(activity: Record<string, unknown>): Promise<string>;
  waitFor(predicate: (activities: DlActivity[]) => boolean, timeoutMs?: number): Promise<DlActivity[]>;
  end(): void;
}

export function connectOfficialClient(options: { domain: string; token: string; webSocket: boolean }): OfficialClient {
  const globals = globalThis as { WebSocket?: unknown };
  const previousWebSocket = globals.WebSocket;
  // The client decides between stream and polling by looking for a global WebSocket, as in a browser.
  if (options.webSocket) globals.WebSocket = WebSocket;
  const directLine = new DirectLine({
    domain: options.domain,
    token: options.token,
    webSocket: options.webSocket,
    pollingInterval: 200,
    ajax: fetchAjax as never,
    WebSocket: WebSocket as never,
  });

  const received: DlActivity[] = [];
  let wake: (() => void) | undefined;
  const subscription = directLine.activity$.subscribe((activity: Activity) => {
    received.push(activity as unknown as DlActivity);
    wake?.();
  });

  return {
    post: (activity) =>
      new Promise((resolve, reject) => {
        directLine.postActivity(activity as unknown as Activity).subscribe({ next: resolve, error: reject });
      }),
    async waitFor(predicate, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(received)) {
        if (Date.now() > deadline)
          throw new Error(
            `the official client did not receive the expected activities; got ${JSON.stringify(received.map((a) => [a.type, a.text]))}`,
          );
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 250);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      return received;
    },
    end() {
      subscription.unsubscribe();
      directLine.end();
      globals.WebSocket = previousWebSocket;
    },
  };
}
