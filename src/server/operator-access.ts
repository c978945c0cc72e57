/**
 * Operator endpoints (/api/stats, /metrics) tell what users asked and how the process is doing: not for the public.
 * With OPERATOR_TOKEN set they need it as a bearer token; without it they answer only clients on this machine that
 * came straight to the socket (a request relayed by a proxy carries X-Forwarded-For or Forwarded).
 */
import type { Next, Request, Response } from 'restify';
import type { StatusTable } from '../knowledge/status-table';
import { bearerTokenCheck } from './bearer-token';
import { isLoopbackAddress } from './client-address';
import { PROBLEM_TYPE, problem } from './problem';

export function operatorGuard(table: StatusTable, operatorToken: string) {
  const matches = bearerTokenCheck(operatorToken);
  return (req: Request, res: Response, next: Next) => {
    const fail = (status: 401 | 403, detail: string) => {
      res.setHeader('content-type', PROBLEM_TYPE);
      res.setHeader('cache-control', 'no-store');
      if (status === 401) res.setHeader('www-authenticate', 'Bearer realm="statusbot-operator"');
      res.send(status, problem(table, status, detail, { instance: req.url }));
      return next(false);
    };
    if (operatorToken) {
      if (matches(req.header('authorization'))) return next();
      return fail(401, 'This is an operator endpoint: send the OPERATOR_TOKEN as a bearer token.');
    }
    const relayed = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
    if (isLoopbackAddress(req.socket.remoteAddress ?? '') && !relayed) return next();
    return fail(
      403,
      'This is an operator endpoint, served only on this machine; ' +
        'set OPERATOR_TOKEN to read it from elsewhere with a bearer token.',
    );
  };
}
