/**
 * `npm run ask -- "what is 502"`: StatusBot in a terminal, and a contract other tools rely on.
 *
 *   npm run ask -- "what is 502"                      readable answer
 *   npm run --silent ask -- --json "what is 502"      one JSON object
 *   npm run --silent ask -- --jsonl < questions       one JSON object per input line (a line may be {"q": "..."})
 *   npm run --silent ask -- --dialogues < dialogues   one conversation per input line: {"turns": ["...", {"q": "..."}]}
 *
 * A question on its own has no conversation, so a follow-up ("how do I fix it?") asks what it refers to; in
 * --dialogues each turn is read after the ones before it, as the bot reads a chat.
 */
import { createInterface } from 'node:readline';
import { EMPTY_MEMORY, planReply, type ConversationMemory } from '../conversation/plan-reply';
import { DataError } from '../knowledge/data-error';
import { StatusEngine } from '../knowledge/engine';
import type { Answer } from '../knowledge/answer';
import type { Understanding } from '../knowledge/understanding';
import { renderText } from '../render/render-text';
import { readCommandLine, usageError } from './command-line';

const USAGE = `Usage:
  npm run ask -- "what is 502"
  npm run --silent ask -- --json "what is 502"
  npm run --silent ask -- --jsonl < questions.txt     (one question per line, or {"q": "..."} per line)
  npm run --silent ask -- --dialogues < dialogues.jsonl (one conversation per line: {"turns": ["...", "..."]})`;

function toJson(q: string, u: Understanding, answer: Answer) {
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
    ...(u.focus !== 'overview' ? { focus: u.focus } : {}),
    ...(u.side ? { side: u.side } : {}),
    ...(u.act ? { act: u.act } : {}),
    ...(u.clarify ? { clarify: u.clarify } : {}),
    ...(u.otherWorld ? { otherWorld: u.otherWorld } : {}),
    ...(u.recommended ? { recommended: u.recommended } : {}),
    ...(u.intent === 'triage' ? { counts: u.counts.map(({ code, count }) => ({ code, count })) } : {}),
    ...(u.networkError ? { networkError: u.networkError } : {}),
    ...(answer.intent === 'lookup' && answer.providerError
      ? { providerError: answer.providerError.id, provider: answer.providerError.provider }
      : {}),
    ...(u.secrets ? { secrets: u.secrets } : {}),
    ...(u.facts ? { facts: u.facts.map((f) => f.kind) } : {}),
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

/** A dialogue line: {"turns": [...]} where a turn is a string or {"q": "..."}; anything else is no dialogue. */
function turnsOf(line: string): string[] | null {
  try {
    const parsed = JSON.parse(line) as { turns?: unknown };
    if (!Array.isArray(parsed.turns)) return null;
    const turns = parsed.turns.map((t: unknown) =>
      typeof t === 'string' ? t : typeof (t as { q?: unknown })?.q === 'string' ? (t as { q: string }).q : null,
    );
    return turns.every((t): t is string => t !== null) ? turns : null;
  } catch {
    return null;
  }
}

/** Each turn read after the ones before it, as the bot does: the conversation's memory carries over. */
function dialogue(engine: StatusEngine, turns: string[]) {
  let memory: ConversationMemory = EMPTY_MEMORY;
  return turns.map((q) => {
    const plan = planReply(engine, q, undefined, memory);
    if (plan.kind !== 'answer' && plan.kind !== 'did-you-mean') throw new Error(`a typed turn planned as ${plan.kind}`);
    memory = plan.memory;
    return {
      ...toJson(q, plan.understanding, plan.answer),
      ...(plan.kind === 'did-you-mean' ? { didYouMean: plan.candidates.map((c) => c.id) } : {}),
    };
  });
}

async function eachLine(handle: (line: string) => string | null): Promise<void> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  const out: string[] = [];
  for await (const line of rl) {
    if (!line.trim()) continue;
    const result = handle(line);
    if (result !== null) out.push(result);
    if (out.length >= 256) process.stdout.write(out.splice(0).join('\n') + '\n');
  }
  if (out.length) process.stdout.write(out.join('\n') + '\n');
}

async function main(): Promise<number | undefined> {
  const args = readCommandLine(USAGE, {
    options: { json: { type: 'boolean' }, jsonl: { type: 'boolean' }, dialogues: { type: 'boolean' } },
    allowPositionals: true,
  });
  if (!args) return undefined;
  const { values, positionals } = args;
  const engine = StatusEngine.load();
  if (values.jsonl) {
    await eachLine((line) => {
      const q = questionOf(line);
      const { understanding, answer } = engine.ask(q);
      return JSON.stringify(toJson(q, understanding, answer));
    });
    return 0;
  }
  if (values.dialogues) {
    let bad = 0;
    await eachLine((line) => {
      const turns = turnsOf(line);
      if (!turns) {
        bad++;
        return JSON.stringify({ error: 'expected {"turns": ["...", "..."]}' });
      }
      return JSON.stringify({ turns: dialogue(engine, turns) });
    });
    return bad ? 1 : 0;
  }
  const question = positionals.join(' ');
  if (!question.trim()) {
    usageError(USAGE);
    return undefined;
  }
  const { understanding, answer } = engine.ask(question);
  if (values.json) console.log(JSON.stringify(toJson(question, understanding, answer)));
  else console.log(renderText(answer, 'plain'));
  return 0;
}

// exitCode rather than exit(): exit() can cut off output still queued for a pipe.
main().then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof DataError ? err.message : err);
    process.exitCode = 1;
  },
);
