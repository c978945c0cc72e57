/**
 * Shared set-up for the knowledge tests: the real table, lexicon and engine, built once per test file, and the
 * engine's own acceptance rule for code mentions (acceptsMention).
 */
import { acceptsMention, findCodeMentions, type CodeMention } from '../../src/knowledge/code-mentions';
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

/** The rule understand() applies to each candidate number. */
export function isAccepted(m: CodeMention): boolean {
  return acceptsMention(engine().table)(m);
}

/** The numbers of a message accepted as status codes, in the order they appear. */
export function acceptedCodes(text: string): number[] {
  return mentionsOf(text)
    .filter(isAccepted)
    .map((m) => m.code);
}
