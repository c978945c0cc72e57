/**
 * The card for a number we have no entry for. Between 100 and 599 it is still an HTTP status, and RFC 9110 §15 says
 * how to read it: like the x00 of its class ("299" acts as "200 OK"). Outside that range it is no HTTP status at all,
 * and the useful answer is where else to look. Either way, known codes one digit away are offered in case of a typo.
 */
import { UNKNOWN_CODE_RULE, type UnknownCodeAnswer } from '../knowledge/answer';
import { renderText } from '../render/render-text';
import type { AdaptiveCard, CardAction, CardElement } from './adaptive-card-types';
import { actionSets, lookupAction, openUrlAction } from './card-actions';
import { adaptiveCard } from './card-envelope';
import { answerFooter } from './answer-footer';
import { entryTitle, heading, label, paragraph, run } from './card-text';

export function unknownCodeCard(answer: UnknownCodeAnswer, options: { feedback?: boolean } = {}): AdaptiveCard {
  const body: CardElement[] = [];
  if (!answer.inRange) {
    body.push(
      heading(`${answer.code} is not an HTTP status code`, { size: 'large' }),
      paragraph('HTTP statuses are three digits, from 100 to 599.'),
      paragraph(
        'It may be an application or library error number, an exit code, or a status from another protocol; ' +
          'look at the tool that printed it.',
      ),
    );
  } else {
    body.push(
      heading(`${answer.code} is not a status code I know`, { size: 'large' }),
      paragraph('It is not in the IANA registry and not a vendor code I have on file.'),
    );
    const ruleActions: CardAction[] = [];
    if (answer.treatedAs && answer.classInfo) {
      body.push({
        type: 'Container',
        style: 'emphasis',
        spacing: 'medium',
        items: [
          paragraph([
            run(`HTTP's rule (${UNKNOWN_CODE_RULE.label}): `, { weight: 'bolder' }),
            run(
              'a client that does not recognise a status treats it like the x00 of its class, ' +
                `so read it as ${entryTitle(answer.treatedAs)} (${answer.classInfo.name.toLowerCase()}).`,
            ),
          ]),
          paragraph(answer.treatedAs.summary, { spacing: 'small' }),
        ],
      });
      ruleActions.push(lookupAction(answer.treatedAs));
    }
    ruleActions.push(openUrlAction(UNKNOWN_CODE_RULE.label, UNKNOWN_CODE_RULE.url));
    body.push(...actionSets(ruleActions));
    body.push(
      paragraph("Check the response body and the service's own documentation for what it means there.", {
        spacing: 'medium',
      }),
    );
  }

  if (answer.nearby.length) {
    body.push(label('Did you mean one of these?', { weight: 'bolder', spacing: 'large', separator: true }));
    body.push(...actionSets(answer.nearby.map((n) => lookupAction(n))));
  }

  body.push(...answerFooter(answer, options));
  const headline = answer.inRange
    ? `${answer.code} is not a status code I know.`
    : `${answer.code} is not an HTTP status code.`;
  return adaptiveCard(body, { fallbackText: renderText(answer, 'plain'), speak: headline });
}
