/**
 * Text elements for cards, built so that nothing we show can turn into Markdown by accident.
 *
 * TextBlock text goes through each host's Markdown subset (bold, italic, lists, links), and our table has sentences
 * with media-type wildcards (an Accept of star-slash-star), `bytes <star>/<length>` and `CURLOPT_EXPECT_100_TIMEOUT_MS`
 * that a Markdown parser would turn into italics or strip as an HTML tag.
 * Backslash escapes are not reliable either: Teams on iOS and Android showed them literally for years
 * (microsoft/AdaptiveCards#5590, #4677). So:
 * - sentences from the data go into a RichTextBlock of TextRuns, which no host parses as Markdown;
 * - TextBlocks (headings and short labels, which get a heading role or a colour) take only escapeMarkdown() output,
 *   which leaves ordinary words untouched and neutralises the few characters that start formatting.
 */
import type { EntryRef, EntryView } from '../knowledge/answer';
import type {
  RichTextBlock,
  Spacing,
  TextBlock,
  TextColor,
  TextRun,
  TextSize,
  TextWeight,
} from './adaptive-card-types';

interface TextOptions {
  size?: TextSize;
  weight?: TextWeight;
  color?: TextColor;
  isSubtle?: boolean;
  spacing?: Spacing;
  separator?: boolean;
}

/**
 * Escapes the characters that start Markdown formatting or HTML in a TextBlock: emphasis, code, links, raw tags,
 * and a list or heading marker at the start of a line. Text without them comes back unchanged, so a host that
 * ignores escapes shows our normal wording exactly.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\*_`~[\]<>]/g, (c) => `\\${c}`)
    .replace(
      /^(\s*)([-+#]|\d+[.)])(?=\s)/gm,
      (_m, indent: string, marker: string) => `${indent}${marker.replace(/([-+#.)])/, '\\$1')}`,
    );
}

/** A card or section heading: announced as a heading by screen readers (TextBlock style "heading", schema 1.5). */
export function heading(text: string, options: TextOptions = {}): TextBlock {
  return {
    type: 'TextBlock',
    text: escapeMarkdown(text),
    wrap: true,
    style: 'heading',
    size: options.size ?? 'medium',
    weight: 'bolder',
    ...spacingOf(options),
    ...(options.color ? { color: options.color } : {}),
  };
}

/** A short line of our own wording (a label, a count, a caption), escaped like every TextBlock. */
export function label(text: string, options: TextOptions = {}): TextBlock {
  return { type: 'TextBlock', text: escapeMarkdown(text), wrap: true, ...styleOf(options), ...spacingOf(options) };
}

/** One run of literal text, for mixing a bold lead-in ("Retry:") with a sentence from the data. */
export function run(
  text: string,
  options: Omit<TextOptions, 'spacing' | 'separator'> & { italic?: boolean; fontType?: 'monospace' } = {},
): TextRun {
  return {
    type: 'TextRun',
    text,
    ...styleOf(options),
    ...(options.italic ? { italic: true } : {}),
    ...(options.fontType ? { fontType: options.fontType } : {}),
  };
}

/**
 * What a reader types rather than reads: config keys (client_max_body_size), header names (Retry-After), dotted
 * settings and annotations, properties (server.keepAliveTimeout), flags (--resolve), hyphenated commands
 * (describe-target-health) and URLs.
 */
export const TECHNICAL = new RegExp(
  [
    String.raw`https?:\/\/[^\s)]+`,
    String.raw`\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b`,
    String.raw`\b[A-Z][A-Za-z0-9]*(?:-[A-Z][A-Za-z0-9]*)+\b`,
    String.raw`\b[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*){2,}(?:\/[a-z0-9._-]+)*`,
    String.raw`\b[a-z][a-z0-9]*(?:-[a-z0-9]+){2,}\b`,
    String.raw`\b[a-z]+\.[a-z]+[A-Z][A-Za-z0-9]*\b`,
    String.raw`(?<![\w-])--?[a-z][a-z0-9-]*\b`,
  ].join('|'),
  'g',
);

/**
 * What every kind of term above holds (an underscore, a hyphen, "http", a dot before a lowercase letter): most
 * sentences have none and skip TECHNICAL, the slowest part of drawing a card.
 */
export const MAY_HOLD_TECHNICAL = /[_-]|\.[a-z]|http/;

/**
 * A sentence as runs, with its technical terms in monospace (Adaptive Cards 1.5
 * `fontType`), everything else as written.
 */
export function textRuns(text: string, options: Omit<TextOptions, 'spacing' | 'separator'> = {}): TextRun[] {
  if (!MAY_HOLD_TECHNICAL.test(text)) return [run(text, options)];
  const runs: TextRun[] = [];
  let at = 0;
  for (const match of text.matchAll(TECHNICAL)) {
    const start = match.index ?? 0;
    if (start > at) runs.push(run(text.slice(at, start), options));
    runs.push(run(match[0], { ...options, fontType: 'monospace' }));
    at = start + match[0].length;
  }
  if (at < text.length || !runs.length) runs.push(run(text.slice(at), options));
  return runs;
}

/** A paragraph shown exactly as written: the way every sentence from the table reaches a card. */
export function paragraph(content: string | TextRun[], options: TextOptions = {}): RichTextBlock {
  const inlines = typeof content === 'string' ? textRuns(content, options) : content;
  return { type: 'RichTextBlock', inlines, ...spacingOf(options) };
}

/**
 * A bulleted list as one literal paragraph per item. Markdown lists ("- a\r- b") would re-open the Markdown problem,
 * and a bullet character renders the same on every host.
 */
export function bullets(items: readonly string[], options: TextOptions = {}): RichTextBlock[] {
  return items.map((item, i) =>
    paragraph(textRuns(`• ${item}`, options), { spacing: i === 0 ? (options.spacing ?? 'small') : 'small' }),
  );
}

/** "502 Bad Gateway" or "499 Token Required (Esri ArcGIS)": the same title the text renderer writes. */
export function entryTitle(entry: EntryRef | EntryView): string {
  const vendor = 'vendorName' in entry ? entry.vendorName : 'vendor' in entry ? entry.vendor : undefined;
  return `${entry.code} ${entry.name}${vendor ? ` (${vendor})` : ''}`;
}

/** Shortens a label for a button, where Teams cuts long titles anyway; the full text goes in the tooltip. */
export function truncate(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1).trimEnd()}…`;
}

/** `speak` may be read as SSML, where a bare `&` or `<` breaks the whole utterance. */
export function speakable(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function styleOf(options: TextOptions): Pick<TextBlock, 'size' | 'weight' | 'color' | 'isSubtle'> {
  return {
    ...(options.size ? { size: options.size } : {}),
    ...(options.weight ? { weight: options.weight } : {}),
    ...(options.color ? { color: options.color } : {}),
    ...(options.isSubtle ? { isSubtle: true } : {}),
  };
}

/** Default spacing is left out: it is what hosts use anyway, and the schema round trip drops it. */
function spacingOf(options: TextOptions): Pick<TextBlock, 'spacing' | 'separator'> {
  return {
    ...(options.spacing && options.spacing !== 'default' ? { spacing: options.spacing } : {}),
    ...(options.separator ? { separator: true } : {}),
  };
}

/**
 * The first paragraphs of a rendered answer, up to `max` characters (at least the first): a card's fallback text
 * says the short answer, as the message's own text carries the whole of it.
 */
export function leadParagraphs(text: string, max: number): string {
  const paragraphs = text.split(/\n{2,}/);
  let out = paragraphs[0] ?? '';
  for (const p of paragraphs.slice(1)) {
    if (out.length + p.length + 2 > max) break;
    out += `\n\n${p}`;
  }
  return out;
}
