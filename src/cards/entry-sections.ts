/**
 * Card sections that show one entry of the table. The lookup, compare and triage cards all show entries, and a
 * reader should find the retry verdict or the next steps drawn the same way in each.
 *
 * Wording follows src/render/render-text.ts, so a card and its fallback text say the same thing.
 */
import type { EntryView } from '../knowledge/answer';
import type { StatusEntry } from '../knowledge/entry-schema';
import type { CardElement, Column, ColumnSet, ContainerStyle, TextColor } from './adaptive-card-types';
import { bullets, label, paragraph, run } from './card-text';
import { RETRY_LABEL } from '../knowledge/answer';

export { RETRY_LABEL };
/** The entry id a `related` link points at ("504", "521-cloudflare"); the card tests check every one exists. */
export { relatedEntryId } from '../knowledge/entry-schema';

/** Colour of the verdict: green when repeating is fine, amber when it needs a wait or a change, red when it cannot help. */
const RETRY_COLOR: Record<StatusEntry['retry']['when'], TextColor> = {
  now: 'good',
  later: 'warning',
  'after-fix': 'warning',
  never: 'attention',
  'not-needed': 'good',
};

/** The same palette per class in badges and in triage rows: failures stand out, successes look calm. */
const CLASS_COLOR: Record<string, TextColor> = { '1xx': 'accent', '2xx': 'good', '3xx': 'accent', '4xx': 'warning', '5xx': 'attention' };

export const CLIENT_STEPS_HEADING = "If you're calling the API or browsing";
export const SERVER_STEPS_HEADING = 'If you run the server';

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

/** Two badges under the title: the class ("5xx Server error") and where the code comes from. */
export function entryBadges(entry: EntryView): ColumnSet {
  const badge = (text: string, style: ContainerStyle, color?: TextColor): Column => ({
    type: 'Column',
    width: 'auto',
    style,
    verticalContentAlignment: 'center',
    items: [label(text, { size: 'small', weight: 'bolder', ...(color ? { color } : {}) })],
  });
  return {
    type: 'ColumnSet',
    spacing: 'small',
    columns: [
      badge(`${entry.class} ${entry.classInfo.name}`, 'emphasis', classColor(entry.code)),
      entry.status === 'standard' ? badge(statusLabel(entry), 'emphasis') : badge(statusLabel(entry), 'warning', 'warning'),
    ],
  };
}

/** "Retry: Retry later. Honour Retry-After …" with the verdict coloured. */
export function retryParagraph(entry: EntryView, options: { withAdvice?: boolean } = {}): CardElement {
  const verdict = RETRY_LABEL[entry.retry.when];
  return paragraph([
    run('Retry: ', { weight: 'bolder' }),
    run(`${verdict}.`, { weight: 'bolder', color: RETRY_COLOR[entry.retry.when] }),
    ...(options.withAdvice === false ? [] : [run(` ${entry.retry.advice}`)]),
  ]);
}

/** The two audiences' next steps, each under its own heading, as the text renderer lists them. */
export function nextStepsSections(entry: Pick<EntryView, 'nextSteps'>): CardElement[] {
  return [
    label(CLIENT_STEPS_HEADING, { weight: 'bolder', spacing: 'medium' }),
    ...bullets(entry.nextSteps.client),
    label(SERVER_STEPS_HEADING, { weight: 'bolder', spacing: 'medium' }),
    ...bullets(entry.nextSteps.server),
  ];
}
