/**
 * The order a triage's statuses are shown in, on a card and in text: the failures first, most frequent first, then
 * the rest (successes, redirects) as counted. Whoever pastes a log wants what broke; the answer's own `counts` keep
 * the plain most-frequent-first order that the API and MCP return.
 *
 *   failuresFirst(answer.counts); // 200 ×40, 502 ×3, 504 ×1 → 502, 504, 200
 */
import { isFailure } from '../knowledge/answer';

export function failuresFirst<T extends { code: number }>(rows: readonly T[]): T[] {
  return [...rows.filter((r) => isFailure(r.code)), ...rows.filter((r) => !isFailure(r.code))];
}
