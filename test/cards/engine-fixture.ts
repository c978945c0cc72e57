/**
 * One engine for a test file (loading data/ takes a few hundred milliseconds), plus the ways the card tests get
 * answers: by asking real questions, and by composing the lookup answer for an exact entry id.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Answer, LookupAnswer } from '../../src/knowledge/answer';
import { StatusEngine } from '../../src/knowledge/engine';

let shared: StatusEngine | undefined;

export function engine(): StatusEngine {
  shared ??= StatusEngine.load();
  return shared;
}

export function ask(question: string): Answer {
  return engine().ask(question).answer;
}

/** The lookup answer for one entry id, as if the message had named exactly that meaning ("499-esri"). */
export function lookupAnswerFor(id: string): LookupAnswer {
  const answer = engine().answer(engine().lookup(id));
  if (answer.intent !== 'lookup') throw new Error(`Expected a lookup answer for "${id}", got ${answer.intent}`);
  return answer;
}

/** Every question of the test corpus (test/corpus/*.jsonl), with the file it came from. */
export function corpusQuestions(): Array<{ file: string; q: string }> {
  const dir = join(__dirname, '..', 'corpus');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((file) =>
      readFileSync(join(dir, file), 'utf8')
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => ({ file, q: (JSON.parse(line) as { q: string }).q })),
    );
}

/** A pasted nginx access log: mostly 502s behind a few 200s and a 504, the classic "backend is down" paste. */
export const NGINX_LOG = [
  '10.0.0.1 - - [12/Mar/2025:01:37:05 +0000] "POST /api/v1/orders HTTP/1.1" 502 157 "-" "python-requests/2.31.0"',
  '10.0.0.2 - - [12/Mar/2025:01:37:06 +0000] "GET /api/v1/items/550 HTTP/1.1" 502 157 "-" "kube-probe/1.29"',
  '10.0.0.3 - - [12/Mar/2025:01:37:07 +0000] "GET /login HTTP/1.1" 200 6060 "-" "Mozilla/5.0"',
  '10.0.0.4 - - [12/Mar/2025:01:37:08 +0000] "GET /api/v1/payments HTTP/1.1" 502 157 "-" "okhttp/4.12.0"',
  '10.0.0.5 - - [12/Mar/2025:01:37:09 +0000] "GET /api/v1/payments HTTP/1.1" 504 167 "-" "okhttp/4.12.0"',
  '10.0.0.6 - - [12/Mar/2025:01:37:10 +0000] "GET /metrics HTTP/1.1" 200 912 "-" "Prometheus/2.51"',
].join('\n');
