/**
 * The card for a failure with no HTTP status ("ECONNREFUSED", "curl: (60) SSL certificate problem"): says so first,
 * then what the failure means and what to do on each side, then the statuses to compare it with (what a proxy or
 * CDN answers for the same failure, or the status the browser hid), as buttons.
 */
import { NOT_A_STATUS, type NetworkErrorAnswer } from '../knowledge/answer';
import { renderText } from '../render/render-text';
import type { AdaptiveCard, CardElement } from './adaptive-card-types';
import { actionSets, lookupAction, openUrlAction } from './card-actions';
import { adaptiveCard } from './card-envelope';
import { answerFooter } from './answer-footer';
import { heading, label, paragraph, run } from './card-text';
import { focusedPart, isPartFocus } from '../knowledge/focused-part';
import { nextStepsSections, partSections } from './entry-sections';

/** The badge under the title: the words the text rendering uses too. */
export const NO_STATUS_LABEL = NOT_A_STATUS.charAt(0).toUpperCase() + NOT_A_STATUS.slice(1);

export function networkErrorCard(answer: NetworkErrorAnswer, options: { feedback?: boolean } = {}): AdaptiveCard {
  const { error } = answer;
  if (isPartFocus(answer.focus)) {
    // A follow-up ("how do I fix it?", "whose side is it?"): only the part asked about.
    const body = [
      ...partSections(focusedPart(error, error.name, answer.focus, answer.side)),
      label(NO_STATUS_LABEL, { size: 'small', isSubtle: true, spacing: 'medium' }),
      ...answerFooter(answer, options),
    ];
    return adaptiveCard(body, { fallbackText: renderText(answer, 'plain'), speak: `${error.name}. ${error.summary}` });
  }
  const body: CardElement[] = [
    heading(error.name, { size: 'large' }),
    label(NO_STATUS_LABEL, { size: 'small', weight: 'bolder', color: 'attention', spacing: 'small' }),
    paragraph(error.summary, { size: 'medium', spacing: 'medium' }),
    paragraph(error.description, { spacing: 'medium' }),
    ...nextStepsSections(error, answer.side),
  ];
  if (answer.related.length) {
    body.push(label('Related statuses:', { weight: 'bolder', spacing: 'large', separator: true }));
    for (const { ref, note } of answer.related)
      body.push(
        paragraph([run(`${ref.code}${ref.vendor ? ` (${ref.vendor})` : ''}: `, { weight: 'bolder' }), run(note)], {
          spacing: 'small',
        }),
      );
    body.push(
      ...actionSets(
        answer.related.map(({ ref }) =>
          lookupAction(ref, `What is ${ref.code}${ref.vendor ? ` (${ref.vendor})` : ''}?`),
        ),
      ),
    );
  }
  body.push(
    label(error.references.length > 1 ? 'References:' : 'Reference:', {
      weight: 'bolder',
      spacing: 'large',
      separator: true,
    }),
  );
  body.push(...actionSets(error.references.map((r) => openUrlAction(r.label, r.url))));
  body.push(...answerFooter(answer, options));
  return adaptiveCard(body, { fallbackText: renderText(answer, 'plain'), speak: `${error.name}. ${error.summary}` });
}
