/**
 * RFC 9457 problem details (`application/problem+json`). The title of each problem is the status's current name
 * from StatusBot's own table, so the bot answers 400, 404, 413, 415 … exactly as it explains them.
 */
import type { StatusTable } from '../knowledge/status-table';

export const PROBLEM_TYPE = 'application/problem+json';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  [extension: string]: unknown;
}

export function problem(
  table: StatusTable,
  status: number,
  detail: string,
  extra: Record<string, unknown> = {},
): Problem {
  const entry = table.meaningsOf(status).find((e) => e.status !== 'vendor');
  return {
    type: 'about:blank',
    title: entry?.name ?? 'Error',
    status,
    detail,
    ...extra,
  };
}
