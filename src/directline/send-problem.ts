/**
 * Answers a Direct Line or token request with an RFC 9457 problem (titled from StatusBot's own table, like every
 * other error of this server), with optional headers such as Retry-After. `code` mirrors Azure Direct Line's
 * error codes (TokenExpired, BadArgument…) so a client can tell the cases apart without parsing the detail.
 */
import type { Request, Response } from 'restify';
import type { StatusTable } from '../knowledge/status-table';
import { PROBLEM_TYPE, problem } from '../server/problem';

export interface DirectLineProblem {
  status: number;
  code: string;
  detail: string;
  headers?: Record<string, string>;
}

export function sendProblem(table: StatusTable, req: Request, res: Response, failure: DirectLineProblem): void {
  for (const [name, value] of Object.entries(failure.headers ?? {})) res.setHeader(name, value);
  res.setHeader('content-type', PROBLEM_TYPE);
  res.send(
    failure.status,
    problem(table, failure.status, failure.detail, { code: failure.code, instance: req.path?.() ?? req.url }),
  );
}
