/**
 * Shared set-up for the knowledge tests: the real table, lexicon and engine, built once per test file, plus the
 * acceptance rule the engine applies to code mentions (thresholds exported by code-mentions.ts).
 */
import {
  findCodeMentions,
  MENTION_THRESHOLD_KNOWN,
  MENTION_THRESHOLD_OUT_OF_RANGE,
  MENTION_THRESHOLD_UNKNOWN,
  type CodeMention,
} from '../../src/knowledge/code-mentions';
import { StatusEngine } from '../../src/knowledge/engine';
import { readMessage } from '../../src/knowledge/message';
import type { TypoCorrector } from '../../src/knowledge/typo-corrector';
import type { EngineParts } from '../../src/knowledge/understand';

let cached: StatusEngine | undefined;

/** The engine over the real `data/`, loaded once per test file. */
export function engine(): StatusEngine {
  cached ??= StatusEngine.load();
  return cached;
}

/** The engine's internal parts (the typo corrector is only built inside StatusEngine). */
export function parts(): EngineParts {
  return (engine() as unknown as { parts: EngineParts }).parts;
}

export function corrector(): TypoCorrector {
  return parts().corrector;
}


/** Every candidate number of a message, with its score (before the acceptance threshold). */
export function mentionsOf(text: string): CodeMention[] {
  return findCodeMentions(readMessage(text, engine().table, engine().lexicon), parts().mentions);
}

/** The same acceptance rule understand() applies: known codes, unknown in-range numbers and out-of-range numbers. */
export function isAccepted(m: CodeMention): boolean {
  if (engine().table.has(m.code)) return m.score >= MENTION_THRESHOLD_KNOWN;
  const inRange = m.code >= 100 && m.code <= 599;
  return m.score >= (inRange ? MENTION_THRESHOLD_UNKNOWN : MENTION_THRESHOLD_OUT_OF_RANGE);
}

/** The numbers of a message accepted as status codes, in the order they appear. */
export function acceptedCodes(text: string): number[] {
  return mentionsOf(text)
    .filter(isAccepted)
    .map((m) => m.code);
}
