/**
 * A string that is the same for two Answers exactly when they say the same thing, so a channel can reuse what it
 * drew for an earlier one (src/bot/answer-activities.ts). Entries and references count by id, since their content
 * is the table's and the table does not change while the process runs; everything else (intent, focus, notes,
 * suggestions, counts, the triage story) counts by value.
 */
import type { Answer } from './answer';

export function answerKey(answer: Answer): string {
  return JSON.stringify(answer, byEntryId);
}

function byEntryId(_key: string, value: unknown): unknown {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const { id, code } = value as { id?: unknown; code?: unknown };
    if (typeof id === 'string' && typeof code === 'number') return `#${id}`;
  }
  return value;
}
