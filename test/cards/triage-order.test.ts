/**
 * A pasted log's statuses are shown failures first (4xx and 5xx, most frequent first), then the successes and
 * redirects as counted, on the card and in the text alike; the answer's own counts (what the API and MCP return)
 * stay most frequent first.
 */
import type { ColumnSet } from '../../src/cards/adaptive-card-types';
import { answerCard } from '../../src/cards/answer-card';
import { MAX_TRIAGE_ROWS } from '../../src/cards/triage-card';
import type { TriageAnswer } from '../../src/knowledge/answer';
import { renderText } from '../../src/render/render-text';
import { failuresFirst } from '../../src/render/triage-rows';
import { ask } from './engine-fixture';

/** An access log with `count` lines of each status, in the order given. */
function logOf(statuses: ReadonlyArray<[code: number, count: number]>): string {
  let n = 0;
  return statuses
    .flatMap(([code, count]) =>
      Array.from(
        { length: count },
        () =>
          `10.0.0.${(n++ % 250) + 1} - - [12/Mar/2025:01:37:05 +0000] "GET /api/x HTTP/1.1" ${code} 157 "-" "curl/8"`,
      ),
    )
    .join('\n');
}

function triageOf(statuses: ReadonlyArray<[number, number]>): TriageAnswer {
  const answer = ask(logOf(statuses));
  if (answer.intent !== 'triage') throw new Error(`Expected a triage, got ${answer.intent}`);
  return answer;
}

/** The codes of the card's table, top to bottom (the header row left out). */
function cardCodes(answer: TriageAnswer): number[] {
  return answerCard(answer, { detailsCollapsed: true })
    .body.filter((e): e is ColumnSet => e.type === 'ColumnSet')
    .slice(1)
    .map((row) => {
      const cell = row.columns[0]?.items[0];
      return Number(cell?.type === 'TextBlock' ? cell.text : NaN);
    });
}

/** The codes of the text's table ("- 502 Bad Gateway: 3 (7%)"), top to bottom. */
function textCodes(answer: TriageAnswer): number[] {
  return [...renderText(answer, 'plain').matchAll(/^- (\d{3}) .*: \d+ \(\d+%\)$/gm)].map((m) => Number(m[1]));
}

describe('a triage lists the failures first, on the card and in the text', () => {
  test.each<[string, Array<[number, number]>, number[]]>([
    [
      'successes outnumber the failures',
      [
        [200, 40],
        [502, 3],
        [504, 1],
      ],
      [502, 504, 200],
    ],
    [
      'the failures come last in the log',
      [
        [200, 12],
        [201, 4],
        [429, 2],
      ],
      [429, 200, 201],
    ],
    [
      'failures of both classes, most frequent first',
      [
        [200, 9],
        [404, 1],
        [503, 5],
      ],
      [503, 404, 200],
    ],
    [
      'redirects are no failures: they stay with the successes, as counted',
      [
        [304, 8],
        [200, 3],
        [401, 2],
      ],
      [401, 304, 200],
    ],
    [
      'an interim 1xx is no failure either',
      [
        [200, 6],
        [101, 4],
        [500, 1],
      ],
      [500, 200, 101],
    ],
  ])('%s', (_what, statuses, expected) => {
    const answer = triageOf(statuses);
    expect(cardCodes(answer)).toEqual(expected);
    expect(textCodes(answer)).toEqual(expected);
  });

  test.each<[string, Array<[number, number]>, number[]]>([
    [
      'nothing failed',
      [
        [200, 5],
        [304, 2],
        [201, 1],
      ],
      [200, 304, 201],
    ],
    [
      'everything failed',
      [
        [500, 1],
        [503, 4],
        [502, 2],
      ],
      [503, 502, 500],
    ],
    [
      'the failures already lead',
      [
        [502, 7],
        [200, 2],
      ],
      [502, 200],
    ],
  ])('counter-example, the order as counted: %s', (_what, statuses, expected) => {
    const answer = triageOf(statuses);
    expect(cardCodes(answer)).toEqual(expected);
    expect(textCodes(answer)).toEqual(expected);
  });

  test("the answer's own counts (the API's and MCP's) stay most frequent first", () => {
    const answer = triageOf([
      [200, 40],
      [502, 3],
      [504, 1],
    ]);
    expect(answer.counts.map((c) => c.code)).toEqual([200, 502, 504]);
    expect(answer.focus?.code).toBe(502);
  });

  test('a log with more statuses than the card has rows keeps every failure on it; successes are summed up', () => {
    const successes: Array<[number, number]> = [200, 201, 202, 204, 206, 301, 302, 304].map((c) => [c, 5]);
    const failures: Array<[number, number]> = [400, 401, 403, 404, 429, 500, 502, 503].map((c, i) => [c, 8 - i]);
    const answer = triageOf([...successes, ...failures]);
    expect(answer.counts.length).toBeGreaterThan(MAX_TRIAGE_ROWS);
    // As counted, only four of the eight failures would make the card's rows.
    expect(answer.counts.slice(0, MAX_TRIAGE_ROWS).filter((c) => c.code >= 400)).toHaveLength(4);
    const shown = cardCodes(answer);
    expect(shown.slice(0, failures.length)).toEqual(failures.map(([c]) => c));
    expect(shown).toHaveLength(MAX_TRIAGE_ROWS);
  });

  test('failuresFirst keeps the order within each group and loses nothing', () => {
    const rows = [200, 404, 301, 500, 100, 503, 204].map((code) => ({ code }));
    expect(failuresFirst(rows).map((r) => r.code)).toEqual([404, 500, 503, 200, 301, 100, 204]);
    expect(failuresFirst([])).toEqual([]);
  });
});
