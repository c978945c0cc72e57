/**
 * Numbers that look like HTTP statuses but belong to something else (`data/number-kinds.json`): a mail server's
 * "554 5.7.1", a process's "exit status 143", Windows Installer's "error 1603", MySQL's "error 1045". For one number
 * in a message, `kindOf()` says which of them the words around it point to, and how firmly.
 */
import { z } from 'zod/v4';
import { loadDataFile } from './data-file';
import { reference, sentence } from './entry-schema';
import type { Message } from './message';
import { phraseStems, stem } from './text';
import { WordPhrases, type PhraseFound } from './word-phrases';

const phrases = z.array(
  z
    .string()
    .trim()
    .min(2)
    .regex(/^[^A-Z]+$/, 'must be lower case'),
);

export const numberKindSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'must be a lower-case id such as smtp'),
    /** What the number is, to finish "554 5.7.1 looks like …": "a mail server's reply (SMTP)". */
    name: z.string().trim().min(3).max(80),
    /** The numbers this world uses, when it has a range (WebSocket close codes 1000–4999): others are not its. */
    range: z.tuple([z.number().int().min(0), z.number().int().min(0)]).optional(),
    explanation: sentence,
    /** Phrases that, right before the number, say what it is: "exit code", "smtp error". */
    before: phrases.default([]),
    /** Patterns (regular expressions over the lower-cased text) right after the number: "554 5.7.1", "1045 (28000)". */
    after: z.array(z.string().refine(isPattern, 'must be a valid regular expression')).default([]),
    /**
     * Patterns (over the lower-cased text) for a number written as only that world writes it, not as a decimal:
     * a Windows HRESULT "0x80070005".
     */
    shapes: z.array(z.string().refine(isPattern, 'must be a valid regular expression')).default([]),
    /**
     * A world told apart by its names alone, with no number in the message: what to finish "That looks like it comes
     * from …" with ("SSH"), and the words that name only it (its protocol, products and tools: "sshd", "publickey").
     */
    world: z
      .object({ about: z.string().trim().min(2).max(60), names: phrases.min(1) })
      .strict()
      .optional(),
    /** Words that, on the same line, place the message in that world: "postfix", "msiexec", "cuda". */
    words: phrases.min(1),
    references: z.array(reference).min(1, 'needs at least one reference'),
  })
  .strict();

export type NumberKind = z.output<typeof numberKindSchema>;

function isPattern(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

export const numberKindsSchema = z.array(numberKindSchema).superRefine((kinds, ctx) => {
  kinds.forEach((k, i) => {
    if (kinds.findIndex((o) => o.id === k.id) !== i)
      ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `repeats "${k.id}"` });
  });
});

/** Words that may stand between a `before` phrase and its number: "exited with status 143", "smtp error: 554". */
const GAP_WORDS = new Set([
  'status',
  'code',
  'error',
  'err',
  'reply',
  'response',
  'value',
  'of',
  'is',
  'was',
  'number',
]);

/** Another protocol's status line before the number: "SIP/2.0 486", "RTSP/1.0 454". */
const PROTOCOL_LINE = /\b([a-z]+)\/\d(?:\.\d)?\s+$/;

export interface KindEvidence {
  kind: NumberKind;
  /** `before`: named right before the number or shaped like one (firm); `near`: a word of that world on its line. */
  strength: 'before' | 'near';
  /** For `near`: how many words away the nearest such word is. */
  distance: number;
}

export class NumberKinds {
  private readonly before: WordPhrases<NumberKind>;
  /** The last stem of every `before` phrase. */
  private readonly beforeEnds: Set<string>;
  /** Each kind's `before` phrases, stemmed and joined by spaces. */
  private readonly beforeStems: Map<NumberKind, Set<string>>;
  private readonly words: WordPhrases<NumberKind>;
  private readonly worldNames: WordPhrases<NumberKind>;
  private readonly after: Array<{ pattern: RegExp; kind: NumberKind }>;
  private readonly shapes: Array<{ pattern: RegExp; kind: NumberKind }>;
  private readonly byId = new Map<string, NumberKind>();

  constructor(readonly kinds: readonly NumberKind[]) {
    for (const k of kinds) this.byId.set(k.id, k);
    this.before = new WordPhrases(kinds.flatMap((k) => k.before.map((p) => [p, k] as const)));
    this.beforeStems = new Map(kinds.map((k) => [k, new Set(k.before.map((p) => phraseStems(p).join(' ')))]));
    this.beforeEnds = new Set(kinds.flatMap((k) => k.before.map((p) => phraseStems(p).at(-1) ?? '')));
    this.words = new WordPhrases(kinds.flatMap((k) => k.words.map((p) => [p, k] as const)));
    this.worldNames = new WordPhrases(kinds.flatMap((k) => (k.world?.names ?? []).map((p) => [p, k] as const)));
    this.after = kinds.flatMap((k) => k.after.map((source) => ({ pattern: new RegExp(source), kind: k })));
    this.shapes = kinds.flatMap((k) => k.shapes.map((source) => ({ pattern: new RegExp(source), kind: k })));
  }

  static load(dataDir: string): NumberKinds {
    return new NumberKinds(loadDataFile(dataDir, 'number-kinds.json', numberKindsSchema));
  }

  kind(id: string): NumberKind | undefined {
    return this.byId.get(id);
  }

  /** The first number in `lower` written as only one world writes it ("0x80070005"), with that world. */
  shapedIn(lower: string): { text: string; kind: NumberKind } | null {
    for (const { pattern, kind } of this.shapes) {
      const found = pattern.exec(lower);
      if (found) return { text: found[0], kind };
    }
    return null;
  }

  /**
   * The world a message is about when it names one (by a `world` kind's words) and nothing of the web: "git@github.com:
   * Permission denied (publickey)", "mqtt connack: not authorized".
   */
  worldOf(message: Message, isWebWord: (word: string) => boolean): NumberKind | null {
    if (message.texts.some(isWebWord)) return null;
    const named =
      this.worldNames.find(message.stems)[0] ??
      message.joined.map(({ text }) => this.worldNames.at([stem(text)], 0)).find(Boolean);
    return named?.value ?? null;
  }

  /** Every word of some kind's world in a message, found once per message; "FileZilla" counts as written. */
  wordsIn(message: Message): PhraseFound<NumberKind>[] {
    const found = this.words.find(message.stems);
    for (const { text, at } of message.joined) {
      const hit = this.words.at([stem(text)], 0);
      if (hit) found.push({ value: hit.value, at, length: 1 });
    }
    return found;
  }

  /**
   * What the number at word `index` of `message` is, if not an HTTP status: `textBefore`/`textAfter` are the raw
   * text around the number, `near()` the result of wordsIn().
   */
  kindOf(
    message: Message,
    index: number,
    textBefore: string,
    textAfter: string,
    near: () => readonly PhraseFound<NumberKind>[],
    code: number,
  ): KindEvidence | null {
    const evidence = this.evidence(message, index, textBefore, textAfter, near);
    const range = evidence?.kind.range;
    return range && (code < range[0] || code > range[1]) ? null : evidence;
  }

  private evidence(
    message: Message,
    index: number,
    textBefore: string,
    textAfter: string,
    near: () => readonly PhraseFound<NumberKind>[],
  ): KindEvidence | null {
    const { lines } = message;
    const shaped = this.after.find((a) => a.pattern.test(textAfter));
    if (shaped) return { kind: shaped.kind, strength: 'before', distance: 0 };
    const protocol = PROTOCOL_LINE.exec(textBefore)?.[1];
    if (protocol && protocol !== 'http' && protocol !== 'https') {
      const byProtocol = this.firm(protocol);
      if (byProtocol) return byProtocol;
    }
    // Only the few words before the number are stemmed, and only when one of them may end a phrase: a long log is not.
    const first = Math.max(0, index - 5);
    const mayEnd =
      index > 0 &&
      (this.beforeEnds.has(message.stemAt(index - 1)) || (index > 1 && this.beforeEnds.has(message.stemAt(index - 2))));
    const window: string[] = [];
    if (mayEnd) for (let i = first; i < index; i++) window.push(message.stemAt(i));
    for (const end of mayEnd ? [index - 1, index - 2] : []) {
      if (end < 0 || (end === index - 2 && !GAP_WORDS.has(window[index - 1 - first] as string))) continue;
      for (let start = Math.max(0, end - 3); start <= end; start++) {
        const hit = this.before.at(window, start - first);
        if (hit && start + hit.length - 1 === end && lines[start] === lines[index]) {
          const phrase = window.slice(start - first, end - first + 1).join(' ');
          return { kind: this.namedOnLine(hit.value, phrase, message, index, near), strength: 'before', distance: 0 };
        }
      }
    }
    let best: KindEvidence | null = null;
    for (const hit of near()) {
      if (lines[hit.at] !== lines[index]) continue;
      const distance = hit.at < index ? index - (hit.at + hit.length - 1) : hit.at - index;
      if (!best || distance < best.distance) best = { kind: hit.value, strength: 'near', distance };
    }
    return best;
  }

  /**
   * "mqtt connack return code 5": a phrase several worlds use ("return code") belongs to the world the line names, when
   * it names another world and not the phrase's own.
   */
  private namedOnLine(
    kind: NumberKind,
    phrase: string,
    message: Message,
    index: number,
    near: () => readonly PhraseFound<NumberKind>[],
  ): NumberKind {
    const onLine = near().filter((hit) => message.lines[hit.at] === message.lines[index]);
    if (onLine.some((hit) => hit.value === kind)) return kind;
    return onLine.find((hit) => this.beforeStems.get(hit.value)?.has(phrase))?.value ?? kind;
  }

  private firm(id: string): KindEvidence | null {
    const kind = this.byId.get(id);
    return kind ? { kind, strength: 'before', distance: 0 } : null;
  }
}
