/**
 * A pasted log: several lines that each carry a status (an access log, a curl loop), counted one status per line
 * (the best-placed number on it), most frequent first.
 */
import type { CodeMention } from './code-mentions';
import { looksLikeLogLine } from './message-signals';
import type { StatusTable } from './status-table';
import type { TriageCount } from './understanding';

export function countLogStatuses(
  lower: string,
  accepted: CodeMention[],
  table: StatusTable,
  meaningOf: (code: number) => string,
): TriageCount[] | null {
  const statusMentions = accepted.filter((m) => table.has(m.code));
  const summed = countedSummary(lower, statusMentions);
  if (summed) return ranked(summed, meaningOf);
  const perLine = new Map<number, CodeMention>();
  for (const m of statusMentions) {
    const current = perLine.get(m.line);
    if (!current || m.score > current.score) perLine.set(m.line, m);
  }
  // Two lines with the same status are one error printed twice (a summary and its detail), not a log to count.
  if (perLine.size < 2 || (perLine.size < 3 && new Set([...perLine.values()].map((m) => m.code)).size < 2)) return null;
  const lines = lower.split('\n');
  // "npm ERR! 404 Not Found …" then "npm ERR! 404 '@acme/x' is not in this registry": one tool printing one error over
  // several lines (each opening with its name), not a log of requests.
  const firstWords = new Set([...perLine.keys()].map((l) => (lines[l] ?? '').trim().split(/\s+/)[0] ?? ''));
  const oneCode = new Set([...perLine.values()].map((m) => m.code)).size === 1;
  if (oneCode && firstWords.size === 1 && !/\d/.test([...firstWords][0] as string)) return null;
  const logLines = [...perLine.keys()].filter((l) => looksLikeLogLine(lines[l] ?? '')).length;
  if (perLine.size < 3 && logLines < 2) return null;
  if (perLine.size < 4 && logLines < 2 && new Set([...perLine.values()].map((m) => m.code)).size < 2) return null;
  // Among three or more log lines, a line of the person's own ("the 401s are normal, but the rest?") is no entry.
  if (logLines >= 3)
    for (const line of [...perLine.keys()]) if (!looksLikeLogLine(lines[line] ?? '')) perLine.delete(line);
  preferStatusColumn(lower, statusMentions, perLine);

  return ranked(
    [...perLine.values()].sort((a, b) => a.line - b.line).map((m) => ({ code: m.code, count: 1 })),
    meaningOf,
  );
}

/** Counts per code, most frequent first (ties in order of appearance). */
function ranked(items: Array<{ code: number; count: number }>, meaningOf: (code: number) => string): TriageCount[] {
  const counts = new Map<number, number>();
  for (const { code, count } of items) counts.set(code, (counts.get(code) ?? 0) + count);
  const order = [...counts.keys()];
  return order
    .map((code) => ({ code, count: counts.get(code) as number, id: meaningOf(code) }))
    .sort((a, b) => b.count - a.count || order.indexOf(a.code) - order.indexOf(b.code));
}

// A status and how often it came, as summaries print them: `uniq -c` ("  1832 200"), "2x 500", "404: 1,204",
// "500 x 3", "502 (17)".
const COUNT_BEFORE = /(?:^\s*(\d[\d,]*)|(?:^|[\s|,;(])(\d[\d,]*)\s*[x×])\s*$/;
const COUNT_AFTER = /^\s*(?:[:=x×]\s*|\()(\d{1,3}(?:,\d{3})+|\d+)\b/;

/** A summary of statuses with their counts, when it names at least two statuses so. */
function countedSummary(lower: string, mentions: CodeMention[]): Array<{ code: number; count: number }> | null {
  const lineStarts = new Map<number, number>();
  const counted: Array<{ code: number; count: number }> = [];
  for (const m of mentions) {
    let start = lineStarts.get(m.line);
    if (start === undefined) lineStarts.set(m.line, (start = lower.lastIndexOf('\n', m.start - 1) + 1));
    const before = COUNT_BEFORE.exec(lower.slice(start, m.start));
    const after = before ? null : COUNT_AFTER.exec(lower.slice(m.end, m.end + 16));
    const digits = before?.[1] ?? before?.[2] ?? after?.[1];
    if (digits !== undefined) counted.push({ code: m.code, count: Number(digits.replace(/,/g, '')) });
  }
  return new Set(counted.map((c) => c.code)).size >= 2 ? counted : null;
}

/**
 * Log formats put the status in the same field of every line; a byte count or a timing that happens to look like
 * a status sits in another field. When most lines have a status candidate in the same field, that field wins.
 */
function preferStatusColumn(lower: string, mentions: CodeMention[], perLine: Map<number, CodeMention>): void {
  if (perLine.size < 3) return;
  const lineStarts = [0];
  for (let i = lower.indexOf('\n'); i !== -1; i = lower.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const fieldOf = (m: CodeMention) => fieldsBetween(lower, lineStarts[m.line] ?? 0, m.start);
  const linesByField = new Map<number, Set<number>>();
  for (const m of mentions) {
    const f = fieldOf(m);
    const set = linesByField.get(f) ?? new Set<number>();
    set.add(m.line);
    linesByField.set(f, set);
  }
  let bestField = -1;
  let bestLines = 0;
  for (const [field, set] of linesByField) {
    if (set.size > bestLines || (set.size === bestLines && field < bestField)) {
      bestField = field;
      bestLines = set.size;
    }
  }
  if (bestLines < perLine.size * 0.6) return;
  for (const m of mentions) if (fieldOf(m) === bestField) perLine.set(m.line, m);
}

/** How many blank-separated fields `text` has from `from` to `to`, counted without splitting it (every mention asks). */
function fieldsBetween(text: string, from: number, to: number): number {
  let fields = 0;
  let inField = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    const blank = c <= 32 ? c === 32 || (c >= 9 && c <= 13) : c > 127 && /\s/.test(text[i] as string);
    if (blank) inField = false;
    else if (!inField) {
      inField = true;
      fields++;
    }
  }
  return fields;
}
