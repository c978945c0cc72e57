/**
 * The card for a class ("what are 5xx errors"): what the class means, what to do about it, and every code we know in
 * it as a clickable row.
 *
 * A class holds up to about 45 codes, far more than buttons Teams will show (about 6 per set), so each code is a
 * one-line row whose whole area is the button (a Container selectAction). Rows stay readable on a phone, and the
 * largest class (4xx) stays near 22 KB, under Teams' 28 KB limit for the whole message.
 */
import type { ClassAnswer, EntryRef } from '../knowledge/answer';
import type { AdaptiveCard, CardElement, Container } from './adaptive-card-types';
import { actionSets, lookupAction } from './card-actions';
import { classPart } from '../knowledge/focused-part';
import { renderText } from '../render/render-text';
import { partSections } from './entry-sections';
import { adaptiveCard } from './card-envelope';
import { answerFooter } from './answer-footer';
import { heading, label, paragraph, run } from './card-text';

export function classCard(answer: ClassAnswer, options: { feedback?: boolean } = {}): AdaptiveCard {
  const title = `${answer.class}: ${answer.info.name}`;
  const part = classPart(answer.info, answer.focus, answer.side, answer.common);
  if (part) {
    // A follow-up on the class ("whose fault is it usually?"): that part, and its common codes to open.
    const body = [
      ...partSections(part),
      ...actionSets(answer.common.slice(0, 3).map((ref) => lookupAction(ref, `What is ${ref.code}?`))),
      ...answerFooter(answer, options),
    ];
    return adaptiveCard(body, { fallbackText: renderText(answer, 'plain'), speak: `${title}. ${part.heading}` });
  }
  const body: CardElement[] = [
    heading(title, { size: 'large' }),
    paragraph(answer.info.description),
    {
      type: 'Container',
      style: 'emphasis',
      spacing: 'medium',
      items: [paragraph([run('What to do: ', { weight: 'bolder' }), run(answer.info.advice)])],
    },
    label(`Codes in ${answer.class} (${answer.codes.length}), select one to open it:`, {
      weight: 'bolder',
      spacing: 'large',
    }),
    ...answer.codes.map(codeRow),
    ...answerFooter(answer, options),
  ];
  return adaptiveCard(body, { fallbackText: shortFallback(answer), speak: `${title}. ${answer.info.description}` });
}

/**
 * "404  Not Found  (nginx)" as one clickable line. The action carries no title or tooltip and the code no colour:
 * the row's text already names it, and across 45 rows those extras would add a sixth to the card's size.
 */
function codeRow(ref: EntryRef): Container {
  const { title: _sameAsRowText, tooltip: _omitted, ...action } = lookupAction(ref);
  return {
    type: 'Container',
    spacing: 'small',
    selectAction: action,
    items: [
      paragraph([
        run(String(ref.code), { weight: 'bolder' }),
        run(`  ${ref.name}`),
        ...(ref.vendor ? [run(`  (${ref.vendor})`, { isSubtle: true })] : []),
      ]),
    ],
  };
}

/**
 * The text renderer lists every code by name, which for 4xx is 2 KB more on a card already carrying 45 rows; hosts
 * that cannot draw the card get the class and the numbers.
 */
function shortFallback(answer: ClassAnswer): string {
  return (
    `${answer.class}: ${answer.info.name}. ${answer.info.description} ${answer.info.advice} ` +
    `Codes in ${answer.class}: ${answer.codes.map((c) => c.code).join(', ')}.`
  );
}
