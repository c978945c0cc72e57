/**
 * The card for "401 vs 403": the difference in one sentence under the title, then each code with its summary, one
 * under the other so a phone reads them at full width; each code's retry verdict and first step, and the other
 * differences, behind "Show more"; a chip to open each code in full. Collapsed, a comparison of two codes whose
 * difference the lead states shows only that sentence, with "Show more" and the chips in one row.
 */
import type { CompareAnswer, EntryView } from '../knowledge/answer';
import { renderText } from '../render/render-text';
import type { AdaptiveCard, CardElement } from './adaptive-card-types';
import { actionSets, labelledRow, lookupAction, toggleAction } from './card-actions';
import { adaptiveCard } from './card-envelope';
import { answerFooter } from './answer-footer';
import { heading, label, paragraph, run } from './card-text';
import { classColor, retryParagraph } from './entry-sections';

/** Ids of the elements "Show more" and "Show less" toggle. */
export const COMPARE_ELEMENT_IDS = { details: 'compare-details', showMore: 'compare-show-more' } as const;

export function compareCard(
  answer: CompareAnswer,
  options: { feedback?: boolean; detailsCollapsed?: boolean } = {},
): AdaptiveCard {
  const title = answer.entries.map((e) => `${e.code} ${e.name}`).join(' vs ');
  const collapsed = options.detailsCollapsed === true;
  const targets = [COMPARE_ELEMENT_IDS.details, COMPARE_ELEMENT_IDS.showMore];
  const body: CardElement[] = [heading(title, { size: 'large' })];
  if (answer.lead) body.push(paragraph(answer.lead, { spacing: 'small' }));
  // Two codes whose difference the lead states: that sentence is the answer, and each code's summary is a detail.
  const summaries = answer.entries.flatMap(summaryOf);
  const summariesInDetails = collapsed && !!answer.lead && answer.entries.length === 2;
  if (!summariesInDetails) body.push(...summaries);

  const more = answer.contrasts.filter((c) => c !== answer.difference);
  const details: CardElement[] = [...(summariesInDetails ? summaries : []), ...answer.entries.map(stepsOf)];
  if (more.length) {
    details.push(
      label(answer.difference ? 'Other differences:' : 'The difference:', { weight: 'bolder', spacing: 'large' }),
    );
    for (const c of more) {
      const pair = run(`${c.from} → ${c.to}: `, { weight: 'bolder' });
      details.push(paragraph([pair, run(c.note)], { spacing: 'small' }));
    }
  }
  // A chip to open each code in full: collapsed, in one row with "Show more"; otherwise under a small label.
  const chips = answer.entries.map((e) => lookupAction(e, e.vendorName ? `${e.code} ${e.vendorName}` : String(e.code)));
  const openRow = labelledRow('Open in full', actionSets(chips, { spacing: 'none' }));
  if (collapsed)
    body.push(
      ...actionSets(
        [toggleAction('Show more', targets, 'Summaries, retry advice, first steps and other differences'), ...chips],
        { id: COMPARE_ELEMENT_IDS.showMore, spacing: 'medium' },
      ),
    );
  body.push({
    type: 'Container',
    id: COMPARE_ELEMENT_IDS.details,
    ...(collapsed ? { isVisible: false } : {}),
    items: [...details, ...(collapsed ? [openRow, ...actionSets([toggleAction('Show less', targets)])] : [])],
  });
  if (!collapsed) body.push(openRow);
  body.push(...answerFooter(answer, options));
  return adaptiveCard(body, { fallbackText: renderText(answer, 'plain'), speak: title, fullWidth: true });
}

function summaryOf(e: EntryView): CardElement[] {
  return [
    label(`${e.code} ${e.name}${e.vendorName ? ` · ${e.vendorName}` : ''}`, {
      weight: 'bolder',
      color: classColor(e.code),
      spacing: 'medium',
    }),
    paragraph(e.summary, { spacing: 'none' }),
  ];
}

function stepsOf(e: EntryView): CardElement {
  return {
    type: 'Container',
    spacing: 'medium',
    items: [
      label(`${e.code} ${e.name}`, { weight: 'bolder', color: classColor(e.code) }),
      retryParagraph(e, { withAdvice: false }),
      paragraph([run('First step: ', { weight: 'bolder' }), run(e.nextSteps.client[0] ?? '')], { spacing: 'small' }),
    ],
  };
}
