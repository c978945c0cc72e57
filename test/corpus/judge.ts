/**
 * Judges one engine result against one expected case of the regression corpus, with the same rules as the shared
 * evaluation (`../shared/eval/score.mjs`), so the project's own figures and the dev-set figures mean the same thing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CorpusCase {
  q: string;
  intent: string;
  codes?: number[];
  also?: number[];
  class?: string;
  code?: number;
  tag: string;
}

export interface EngineResult {
  intent: string;
  codes: number[];
  class: string | null;
}

const sameSet = (a: number[], b: number[]) => a.length === b.length && a.every((x) => b.includes(x));
const failures = (codes: number[]) => codes.filter((c) => c < 200 || c > 299);

export function judge(expected: CorpusCase, got: EngineResult): boolean {
  const codes = got.codes;
  switch (expected.intent) {
    case 'lookup':
      return (
        got.intent === 'lookup' && [...(expected.codes ?? []), ...(expected.also ?? [])].includes(codes[0] as number)
      );
    case 'compare':
      return got.intent === 'compare' && sameSet([...new Set(codes)], expected.codes ?? []);
    case 'class':
      return got.intent === 'class' && String(got.class).toLowerCase() === String(expected.class).toLowerCase();
    case 'unknown_code':
      return got.intent === 'unknown_code';
    case 'triage':
      return (
        got.intent === 'triage' &&
        sameSet([...new Set(codes)], expected.codes ?? []) &&
        failures(codes)[0] === failures(expected.codes ?? [])[0]
      );
    default:
      return got.intent === expected.intent;
  }
}

/** A code named where none was asked for (out of scope, greetings, unknown codes, network errors): the worst kind of miss. */
export function invented(expected: CorpusCase, got: EngineResult): boolean {
  return ['none', 'greeting', 'unknown_code', 'network_error'].includes(expected.intent) && got.codes.length > 0;
}

export const CORPUS_DIR = join(__dirname);

export function loadCorpus(dir: string = CORPUS_DIR): CorpusCase[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) =>
      readFileSync(join(dir, f), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as CorpusCase),
    );
}
