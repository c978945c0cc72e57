/**
 * Card sections that show one entry of the table. The lookup, compare and triage cards all show entries, and a
 * reader should find the retry verdict or the next steps drawn the same way in each.
 *
 * Wording follows src/render/render-text.ts, so a card and its fallback text say the same thing.
 */
import type { EntryView } from '../knowledge/answer';
import type { Side } from '../knowledge/conversation-lexicon';
import type { StatusEntry } from '../knowledge/entry-schema';
import { stepLists, type FocusedPart } from '../knowledge/focused-part';
import { likelyFixHeading, type LikelyFix } from '../knowledge/likely-fix';
import type { CardElement, OpenUrlAction, TextColor } from './adaptive-card-types';
import { actionSets, toggleAction } from './card-actions';
import { bullets, heading, label, paragraph, run } from './card-text';
import { RETRY_LABEL } from '../knowledge/answer';

export { RETRY_LABEL };
/** The entry id a `related` link points at ("504", "521-cloudflare"); the card tests check every one exists. */
export { relatedEntryId } from '../knowledge/entry-schema';

/**
 * Colour of the verdict: green when repeating is fine, amber when it needs a wait or a change, red when it cannot help.
 */
const RETRY_COLOR: Record<StatusEntry['retry']['when'], TextColor> = {
  now: 'good',
  later: 'warning',
  'after-fix': 'warning',
  never: 'attention',
  'not-needed': 'good',
};

/** The same palette per class in badges and in triage rows: failures stand out, successes look calm. */
const CLASS_COLOR: Record<string, TextColor> = {
  '1xx': 'accent',
  '2xx': 'good',
  '3xx': 'accent',
  '4xx': 'warning',
  '5xx': 'attention',
};

export function classColor(code: number): TextColor {
  return CLASS_COLOR[`${Math.floor(code / 100)}xx`] ?? 'default';
}

/** Where the meaning comes from, in a few words: the registry, or which vendor. */
export function statusLabel(entry: EntryView): string {
  switch (entry.status) {
    case 'standard':
      return 'Standard (IANA registry)';
    case 'vendor':
      return `${entry.vendorName ?? entry.vendor ?? 'Vendor'} code, not in the IANA registry`;
    default:
      return `${entry.status.charAt(0).toUpperCase()}${entry.status.slice(1)} in the IANA registry`;
  }
}

/**
 * The line under a title, short ("5xx server error · Cloudflare's code"): the full origin is in the card's details.
 */
function shortKind(entry: EntryView): string {
  const cls = `${entry.class} ${entry.classInfo.name.toLowerCase()}`;
  if (entry.status === 'standard') return cls;
  return entry.status === 'vendor'
    ? `${cls} · ${entry.vendorName ?? entry.vendor ?? 'a vendor'}'s code`
    : `${cls} · ${entry.status}`;
}

/**
 * The one line under a title: the entry's class (and origin) in small words, then the retry verdict as a small bold
 * coloured tag ("4xx client error · Retry only after a fix"). A padded pill would take three lines' height.
 */
export function kindAndRetryLine(entry: EntryView): CardElement {
  const when = entry.retry.when;
  return paragraph(
    [
      run(`${shortKind(entry)} · `, { isSubtle: true, size: 'small' }),
      run(RETRY_LABEL[when], { size: 'small', weight: 'bolder', color: RETRY_COLOR[when] }),
    ],
    { spacing: 'none' },
  );
}

/** "Retry: Retry later. Honour Retry-After …" with the verdict coloured. */
export function retryParagraph(entry: Pick<EntryView, 'retry'>, options: { withAdvice?: boolean } = {}): CardElement {
  const verdict = RETRY_LABEL[entry.retry.when];
  return paragraph([
    run('Retry: ', { weight: 'bolder' }),
    run(`${verdict}.`, { weight: 'bolder', color: RETRY_COLOR[entry.retry.when] }),
    ...(options.withAdvice === false ? [] : [run(` ${entry.retry.advice}`)]),
  ]);
}

/**
 * The two audiences' next steps, each under its own heading, the user's side first, as the text renderer lists them.
 */
export function nextStepsSections(
  entry: Pick<EntryView, 'nextSteps'>,
  side?: Side,
  shown: readonly string[] = [],
): CardElement[] {
  return stepLists(entry, side, undefined, shown).flatMap((list) => [
    label(list.heading, { weight: 'bolder', spacing: 'medium' }),
    ...bullets(list.steps),
  ]);
}

/**
 * The likely fix, right under the summary so a collapsed card shows it: the steps that fit the user's stack and side.
 */
export function likelyFixSection(fix: LikelyFix): CardElement[] {
  return [label(likelyFixHeading(fix), { weight: 'bolder' }), ...bullets(fix.steps)];
}

/**
 * Whether a part, collapsed, has details behind "Show more": one that leads with a likely fix and has more to say
 * than the fix's first step.
 */
export function foldsDetails(part: FocusedPart): boolean {
  return !!part.likely && (part.likely.steps.length > 1 || !!part.lead || part.steps.length > 0);
}

/**
 * The part of an answer a follow-up asked for ("why?", "is it my fault?", "an example"), as the text renderer draws it.
 * With `collapse`, a part that leads with a likely fix keeps its lead, the fix's other steps and the full step lists
 * behind "Show more", with `links` (the code's page) last before "Show less".
 */
export function partSections(
  part: FocusedPart,
  collapse?: { detailsId: string; showMoreId: string; links?: readonly OpenUrlAction[] },
): CardElement[] {
  const out: CardElement[] = [heading(part.heading, { size: 'medium' })];
  // Collapsed, a part with a likely fix shows the fix's first step under its heading; the lead (the summary, said
  // before) and the other steps open with the details.
  const folds = !!collapse && !!part.likely;
  const likelyShown = folds ? part.likely?.steps.slice(0, 1) : part.likely?.steps;
  const likelyHidden = part.likely?.steps.slice(likelyShown?.length ?? 0) ?? [];
  const lead = part.lead ? [paragraph(part.lead, { isSubtle: true })] : [];
  if (!folds) out.push(...lead);
  if (part.likely)
    out.push(label(part.likely.heading, { weight: 'bolder', spacing: 'medium' }), ...bullets(likelyShown ?? []));
  for (const p of part.paragraphs) out.push(paragraph(p, { spacing: 'medium' }));
  if (part.list)
    out.push(label(`${part.list.heading}:`, { weight: 'bolder', spacing: 'medium' }), ...bullets(part.list.items));
  if (part.transcript) {
    // One block per line: hosts collapse line breaks inside a run.
    part.transcript
      .split('\n')
      .forEach((line, i) =>
        out.push(paragraph([run(line || ' ', { fontType: 'monospace' })], { spacing: i === 0 ? 'medium' : 'none' })),
      );
  }
  const lists = part.steps.flatMap((list) => [
    label(list.heading, { weight: 'bolder', spacing: 'medium' }),
    ...bullets(list.steps),
  ]);
  if (!collapse || !folds) return [...out, ...lists];
  if (!foldsDetails(part)) return out;
  const hidden = [...bullets(likelyHidden), ...lead, ...lists];
  const targets = [collapse.detailsId, collapse.showMoreId];
  return [
    ...out,
    ...actionSets([toggleAction('Show more', targets, 'The summary and every step for both sides')], {
      id: collapse.showMoreId,
      spacing: 'medium',
    }),
    {
      type: 'Container',
      id: collapse.detailsId,
      isVisible: false,
      spacing: 'small',
      items: [...hidden, ...actionSets(collapse.links ?? []), ...actionSets([toggleAction('Show less', targets)])],
    },
  ];
}
