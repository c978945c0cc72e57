/**
 * The card for pasted log lines: a table of the statuses found (code, name, count, share), failures first, the
 * headline finding and the likely fix for the most frequent failure; the other findings and next steps behind
 * "Show more".
 *
 * The table is rows of ColumnSets with the same column weights, not a Table element: Table is schema 1.5 but Teams
 * mobile draws it poorly. Rows for known codes are clickable and open that code.
 */
import type { TriageAnswer } from '../knowledge/answer';
import { renderText } from '../render/render-text';
import { failuresFirst } from '../render/triage-rows';
import type { AdaptiveCard, CardElement, Column, ColumnSet, TextColor } from './adaptive-card-types';
import { actionSets, lookupAction, openPageAction, toggleAction, type PageUrl } from './card-actions';
import { adaptiveCard } from './card-envelope';
import { answerFooter } from './answer-footer';
import { entryTitle, heading, label, paragraph } from './card-text';
import { classColor, likelyFixSection, nextStepsSections } from './entry-sections';

/** Rows shown before the rest is summed up in one line; a log rarely has more distinct statuses that matter. */
export const MAX_TRIAGE_ROWS = 12;

/** Ids of the elements "Show more" and "Show less" toggle. */
export const TRIAGE_ELEMENT_IDS = { steps: 'triage-steps', showMore: 'triage-show-more' } as const;

/** Relative column widths: code, name, count, share. The same in every row, so the columns line up. */
const COLUMN_WEIGHTS = [2, 6, 2, 2] as const;

type TriageRow = TriageAnswer['counts'][number];

/** `pageUrl`: where the top failure's page is, linked behind "Show more" with its steps. */
export function triageCard(
  answer: TriageAnswer,
  options: { feedback?: boolean; pageUrl?: PageUrl } = {},
): AdaptiveCard {
  const title = `Triage of ${answer.total} responses`;
  const rows = failuresFirst(answer.counts);
  const shown = rows.slice(0, MAX_TRIAGE_ROWS);
  const hidden = rows.slice(MAX_TRIAGE_ROWS);

  const body: CardElement[] = [heading(title, { size: 'large' })];
  body.push(tableRow(['Code', 'Name', 'Count', 'Share'], { header: true }), ...shown.map(countRow));
  if (hidden.length) {
    const rest = hidden.reduce((sum, c) => sum + c.count, 0);
    body.push(label(`…and ${hidden.length} more codes (${rest} responses).`, { isSubtle: true, size: 'small' }));
  }

  const [headline, ...findings] = answer.story;
  if (headline) body.push(paragraph(headline, { weight: 'bolder', spacing: 'medium', separator: true }));
  const findingLines = findings.map((line) => paragraph(line, { spacing: 'small' }));

  if (answer.focus) {
    // The headline and the likely fix for the top failure show; the other findings and steps wait behind "Show more".
    const ids = [TRIAGE_ELEMENT_IDS.steps, TRIAGE_ELEMENT_IDS.showMore];
    const page = openPageAction(answer.focus.id, options.pageUrl);
    // The fix's first step shows; any other joins its side's steps behind "Show more".
    const shownFix = answer.likelyFix && { ...answer.likelyFix, steps: answer.likelyFix.steps.slice(0, 1) };
    if (shownFix)
      body.push(
        ...likelyFixSection(shownFix).map((e, i) =>
          i === 0 && e.type === 'TextBlock'
            ? { ...e, text: `${e.text} (${answer.focus?.code})`, spacing: 'medium' as const }
            : e,
        ),
      );
    body.push(
      ...actionSets(
        [
          toggleAction('Show more', ids, `The other findings and all next steps for ${answer.focus.code}`),
          lookupAction(answer.focus, `Open ${entryTitle(answer.focus)}`),
        ],
        { id: TRIAGE_ELEMENT_IDS.showMore, spacing: 'medium' },
      ),
    );
    body.push({
      type: 'Container',
      id: TRIAGE_ELEMENT_IDS.steps,
      isVisible: false,
      items: [
        ...findingLines,
        ...nextStepsSections(answer.focus, undefined, shownFix?.steps),
        ...actionSets(page ? [page] : []),
        ...actionSets([toggleAction('Show less', ids)]),
      ],
    });
  } else {
    body.push(...findingLines);
  }

  body.push(...answerFooter(answer, options));
  return adaptiveCard(body, { fallbackText: renderText(answer, 'plain'), speak: headline ?? title, fullWidth: true });
}

function countRow(row: TriageRow): ColumnSet {
  const cells = [String(row.code), row.ref?.name ?? '(unknown)', String(row.count), `${Math.round(row.share * 100)}%`];
  const set = tableRow(cells, { color: classColor(row.code) });
  return row.ref ? { ...set, selectAction: lookupAction(row.ref) } : set;
}

function tableRow(cells: string[], options: { header?: boolean; color?: TextColor }): ColumnSet {
  const columns: Column[] = cells.map((text, i) => ({
    type: 'Column',
    width: COLUMN_WEIGHTS[i] ?? 1,
    items: [
      label(text, {
        ...(options.header ? { weight: 'bolder' as const, isSubtle: true } : {}),
        ...(i === 0 && options.color ? { color: options.color, weight: 'bolder' as const } : {}),
      }),
    ],
  }));
  return { type: 'ColumnSet', spacing: options.header ? 'medium' : 'small', columns };
}
