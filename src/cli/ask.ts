/**
 * `npm run ask -- "what is 502"`: StatusBot in a terminal, and a contract other tools rely on.
 *
 *   npm run ask -- "what is 502"                 readable answer
 *   npm run --silent ask -- --json "what is 502" one JSON object
 *   npm run --silent ask -- --jsonl < questions  one JSON object per input line (a line may be {"q": "..."})
 */
import { createInterface } from 'node:readline';
import { StatusEngine } from '../knowledge/engine';
import { DataError } from '../knowledge/data-error';
import { renderText } from '../render/render-text';

const USAGE = `Usage:
  npm run ask -- "what is 502"
  npm run --silent ask -- --json "what is 502"
  npm run --silent ask -- --jsonl < questions.txt   (one question per line, or {"q": "..."} per line)`;

function toJson(engine: StatusEngine, q: string) {
  const { understanding: u, answer } = engine.ask(q);
  return {
    q,
    intent: u.intent,
    codes: u.codes,
    ids: u.ids,
    class: u.class,
    code: u.code,
    confidence: u.confidence,
    alternatives: u.alternatives.map((a) => a.code),
    vendors: u.vendors,
    ...(u.intent === 'triage' ? { counts: u.counts.map(({ code, count }) => ({ code, count })) } : {}),
    ...(u.intent === 'network_error' ? { networkError: u.networkError } : {}),
    truncated: u.truncated,
    reply: renderText(answer, 'plain'),
  };
}

/** A JSONL input line is a question, or a JSON object {"q": "..."} so that a question can hold line breaks. */
function questionOf(line: string): string {
  const trimmed = line.trim();
  if (trimmed.startsWith('{')) {
    try {
      const parsed = JSON.parse(trimmed) as { q?: unknown };
      if (typeof parsed.q === 'string') return parsed.q;
    } catch {
      // Not JSON after all: read the line as a question.
    }
  }
  return line;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const engine = StatusEngine.load();
  if (args.includes('--jsonl')) {
    const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
    const out: string[] = [];
    for await (const line of rl) {
      if (!line.trim()) continue;
      out.push(JSON.stringify(toJson(engine, questionOf(line))));
      if (out.length >= 256) process.stdout.write(out.splice(0).join('\n') + '\n');
    }
    if (out.length) process.stdout.write(out.join('\n') + '\n');
    return 0;
  }
  const question = args.filter((a) => !a.startsWith('--')).join(' ');
  if (!question.trim()) {
    console.error(USAGE);
    return 2;
  }
  if (args.includes('--json')) console.log(JSON.stringify(toJson(engine, question)));
  else console.log(renderText(engine.ask(question).answer, 'plain'));
  return 0;
}

// exitCode rather than exit(): exit() can cut off output still queued for a pipe.
main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof DataError ? err.message : err);
    process.exitCode = 1;
  },
);
