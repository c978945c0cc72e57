/**
 * The card for a greeting, or for a message with nothing to look up: what StatusBot does, in the text renderer's
 * words, and the example questions as buttons that ask them.
 */
import type { GreetingAnswer } from '../knowledge/answer';
import { renderText } from '../render/render-text';
import type { AdaptiveCard, CardElement } from './adaptive-card-types';
import { actionSets, askAction } from './card-actions';
import { adaptiveCard } from './card-envelope';
import { answerFooter } from './answer-footer';
import { heading, label, paragraph } from './card-text';

const GREETING_LINES = ["Tell me an HTTP status code, an error message or what you are seeing, or paste a log, and I'll explain it and say what to do next."];
const NONE_LINES = [
  "I can only help with HTTP status codes and the errors around them, and I couldn't find one in that message.",
  'Give me a code (502), an error text ("too many requests"), a description ("the proxy timed out") or paste log lines.',
];

export function greetingCard(answer: GreetingAnswer, options: { feedback?: boolean } = {}): AdaptiveCard {
  const title = answer.intent === 'greeting' ? "Hi, I'm StatusBot" : 'I could not find a status code in that';
  const lines = answer.intent === 'greeting' ? GREETING_LINES : NONE_LINES;
  const body: CardElement[] = [
    heading(title, { size: 'large' }),
    ...lines.map((line, i) => paragraph(line, { spacing: i === 0 ? 'default' : 'small' })),
    label('Try one of these:', { weight: 'bolder', spacing: 'medium' }),
    ...actionSets(answer.examples.map(askAction)),
    ...answerFooter(answer, options),
  ];
  return adaptiveCard(body, { fallbackText: renderText(answer, 'plain'), speak: [title, ...lines].join('. ') });
}
