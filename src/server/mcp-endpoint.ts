/**
 * POST /mcp: StatusBot's MCP server (src/mcp/) over Streamable HTTP, for remote agents. Mounted only with MCP_HTTP=true
 * (otherwise /mcp is 404). Stateless, as the SDK recommends for a server that keeps nothing between calls: each request
 * gets a new server and transport, answered as one JSON response (no SSE stream, so GET and DELETE are 405).
 * What every route has applies here too: the Host check, the per-address rate limit, the body limit and JSON only
 * (json-body.ts); with MCP_TOKEN set, a request without it as a bearer token is 401 before its body is read.
 * Errors of HTTP are problem+json; errors of the protocol are JSON-RPC, as the MCP client expects.
 */
import * as webStandardHttp from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { Next, Request, RequestHandler, Response, Server } from 'restify';
import type { StatusEngine } from '../knowledge/engine';
import { createStatusBotMcpServer, type StatusBotMcpOptions } from '../mcp/statusbot-mcp-server';
import { bearerTokenCheck } from './bearer-token';
import { isJsonContentType } from './json-body';
import { PROBLEM_TYPE, problem } from './problem';

export const MCP_PATH = '/mcp';

/** The request headers the transport reads; nothing else of the request reaches it. */
const TRANSPORT_HEADERS = ['accept', 'content-type', 'mcp-protocol-version', 'mcp-session-id', 'last-event-id'];

export interface McpEndpointOptions extends StatusBotMcpOptions {
  engine: StatusEngine;
  /** MCP_TOKEN; empty when the server listens on loopback only and none was set. */
  token: string;
}

export function mountMcp(server: Server, options: McpEndpointOptions): void {
  const { engine, token } = options;
  const { table } = engine;
  const fail = (req: Request, res: Response, status: number, detail: string, headers: Record<string, string> = {}) => {
    res.setHeader('content-type', PROBLEM_TYPE);
    res.setHeader('cache-control', 'no-store');
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.send(status, problem(table, status, detail, { instance: req.url }));
  };

  if (token) {
    const matches = bearerTokenCheck(token);
    const guard = (req: Request, res: Response, next: Next) => {
      if (matches(req.header('authorization'))) return next();
      fail(
        req,
        res,
        401,
        'Send the MCP_TOKEN this server was given as a bearer token: Authorization: Bearer <token>.',
        { 'www-authenticate': 'Bearer realm="statusbot-mcp"' },
      );
      return next(false);
    };
    // Before routing, so an unauthenticated body is never read; and again on the route, whatever spelling of the path
    // the router accepted.
    server.pre((req: Request, res: Response, next: Next) => (routesToMcp(req.path()) ? guard(req, res, next) : next()));
    server.post(MCP_PATH, guard as RequestHandler, answerMcp);
  } else {
    server.post(MCP_PATH, answerMcp);
  }

  async function answerMcp(req: Request, res: Response) {
    if (!isJsonContentType(req.header('content-type')))
      return fail(
        req,
        res,
        415,
        'Send the JSON-RPC message as application/json ' +
          `(got ${(req.header('content-type') || 'no content type').slice(0, 80)}).`,
      );
    if (req.body === undefined)
      return fail(
        req,
        res,
        400,
        'The body is empty: send one JSON-RPC message (or a batch) as the MCP Streamable HTTP transport does.',
      );
    const accept = req.header('accept') ?? '';
    if (!accept.includes('application/json') || !accept.includes('text/event-stream')) {
      return fail(
        req,
        res,
        406,
        'The MCP Streamable HTTP transport needs Accept: application/json, text/event-stream ' +
          '(the answer itself is application/json).',
      );
    }
    const mcp = createStatusBotMcpServer(engine, options);
    const transport = new webStandardHttp.WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    try {
      await mcp.connect(transport);
      const response = await transport.handleRequest(webRequest(req), { parsedBody: req.body });
      const headers: Record<string, string> = { 'cache-control': 'no-store' };
      response.headers.forEach((value, name) => (headers[name] = value));
      res.sendRaw(response.status, await response.text(), headers);
    } finally {
      await mcp.close();
    }
  }
}

/** The transport's view of the request: its headers (the body is already parsed, by json-body.ts). */
function webRequest(req: Request): globalThis.Request {
  const headers = new Headers();
  for (const name of TRANSPORT_HEADERS) {
    const value = req.header(name);
    if (value) headers.set(name, value);
  }
  return new globalThis.Request(new URL(MCP_PATH, 'http://localhost'), { method: 'POST', headers });
}

/** The router decodes %-escapes and drops ";params", so "/%6Dcp" and "/mcp;x" reach POST /mcp too. */
function routesToMcp(path: string): boolean {
  const bare = path.split(';')[0] ?? '';
  try {
    return decodeURIComponent(bare) === MCP_PATH;
  } catch {
    return false;
  }
}
