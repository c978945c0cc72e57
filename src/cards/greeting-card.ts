/**
 * The card for something said to the bot (hello, help, who are you), or for a message with nothing to look up:
 * the bot's reply in the text renderer's words, what a number that is not HTTP is instead (with its reference),
 * and example questions as buttons that ask them. Thanks, "ok" and goodbye get no card (see src/bot/card-replies.ts).
 */
import type { GreetingAnswer } from '../knowledge/answer';
import { renderText } from '../render/render-text';
import type { AdaptiveCard, CardElement } from './adaptive-card-types';
import { actionSets, askAction, openUrlAction } from './card-actions';
import { adaptiveCard } from './card-envelope';
import { answerFooter } from './answer-footer';
import { heading, label, paragraph } from './card-text';

export function greetingCard(answer: GreetingAnswer, options: { feedback?: boolean } = {}): AdaptiveCard {
  const title = titleOf(answer);
  const body: CardElement[] = [heading(title, { size: 'large' }), paragraph(answer.message)];
  if (answer.otherWorld) {
    const { kind } = answer.otherWorld;
    body.push(
      paragraph(kind.explanation, { spacing: 'medium' }),
      ...actionSets(kind.references.map((r) => openUrlAction(r.label, r.url))),
    );
  }
  if (answer.examples.length)
    body.push(
      label('Try one of these:', { weight: 'bolder', spacing: 'medium' }),
      ...actionSets(answer.examples.map(askAction)),
    );
  body.push(...answerFooter(answer, options));
  return adaptiveCard(body, { fallbackText: renderText(answer, 'plain'), speak: `${title}. ${answer.message}` });
}

function titleOf(answer: GreetingAnswer): string {
  if (answer.intent === 'greeting') return answer.title ?? 'StatusBot';
  if (answer.otherWorld)
    return answer.otherWorld.text ? `${answer.otherWorld.text} is not an HTTP status` : 'Not an HTTP status';
  if (answer.clarify) return 'Which status or error?';
  return 'I could not find a status code in that';
}
