/**
 * The card for "401 vs 403": the codes side by side, each with its summary, retry verdict and the caller's first
 * step, then what the table says about the difference, then a button to open each code in full.
 *
 * At most three columns share a row: beyond that, columns get too narrow to read on Teams mobile, so a fourth code
 * starts a new row below.
 */
import type { CompareAnswer, EntryView } from '../knowledge/answer';
import { renderText } from '../render/render-text';
import type { AdaptiveCard, CardElement, Column, ColumnSet } from './adaptive-card-types';
import { actionSets, lookupAction } from './card-actions';
import { adaptiveCard } from './card-envelope';
import { answerFooter } from './answer-footer';
import { heading, label, paragraph, run } from './card-text';
import { classColor, retryParagraph } from './entry-sections';

export const MAX_COLUMNS_PER_ROW = 3;

export function compareCard(answer: CompareAnswer, options: { feedback?: boolean } = {}): AdaptiveCard {
  const title = answer.entries.map((e) => `${e.code} ${e.name}`).join(' vs ');
  const body: CardElement[] = [heading(title, { size: 'large' })];
  if (answer.lead) body.push(paragraph(answer.lead, { size: 'medium', spacing: 'small' }));

  for (let i = 0; i < answer.entries.length; i += MAX_COLUMNS_PER_ROW) {
    body.push(comparisonRow(answer.entries.slice(i, i + MAX_COLUMNS_PER_ROW), i === 0));
  }

  const more = answer.contrasts.filter((c) => c !== answer.difference);
  if (more.length) {
    body.push(label(answer.difference ? 'Other differences:' : 'The difference:', { weight: 'bolder', spacing: 'large', separator: true }));
    for (const c of more) body.push(paragraph([run(`${c.from} → ${c.to}: `, { weight: 'bolder' }), run(c.note)], { spacing: 'small' }));
  }

  body.push(label('Open a code in full:', { weight: 'bolder', spacing: 'large', separator: !more.length }));
  body.push(...actionSets(answer.entries.map((e) => lookupAction(e))));

  body.push(...answerFooter(answer, options));
  return adaptiveCard(body, { fallbackText: renderText(answer, 'plain'), speak: title, fullWidth: true });
}

function comparisonRow(entries: EntryView[], first: boolean): ColumnSet {
  return { type: 'ColumnSet', spacing: first ? 'medium' : 'large', columns: entries.map(comparisonColumn) };
}

function comparisonColumn(e: EntryView): Column {
  return {
    type: 'Column',
    width: 'stretch',
    items: [
      label(`${e.code} ${e.name}`, { weight: 'bolder', color: classColor(e.code) }),
      label(`${e.class} ${e.classInfo.name.toLowerCase()}${e.vendorName ? ` · ${e.vendorName}` : ''}`, { isSubtle: true, size: 'small', spacing: 'none' }),
      paragraph(e.summary, { spacing: 'small' }),
      retryParagraph(e, { withAdvice: false }),
      paragraph([run('First step: ', { weight: 'bolder' }), run(e.nextSteps.client[0] ?? '')], { spacing: 'small' }),
    ],
  };
}
