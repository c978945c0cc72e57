/**
 * The end of every answer card: the notes about how the message was read, then, when asked for, the 👍/👎 vote.
 *
 * Feedback buttons are plain Action.Submit without a messageBack, so a vote arrives as `value` only and does not
 * post a message into the conversation.
 */
import type { Answer } from '../knowledge/answer';
import type { CardElement, SubmitAction } from './adaptive-card-types';
import { actionSets } from './card-actions';
import type { FeedbackReaction, FeedbackSubmitValue } from './card-submit-data';
import { label, paragraph } from './card-text';

/**
 * What a vote is about, as a stable id: "502", "401-vs-403", "5xx", "unknown-601",
 * "network-connection-refused", "triage-502".
 */
export function feedbackSubjectId(answer: Answer): string {
  switch (answer.intent) {
    case 'lookup':
      return answer.entry.id;
    case 'compare':
      return answer.entries.map((e) => e.id).join('-vs-');
    case 'class':
      return answer.class;
    case 'unknown_code':
      return `unknown-${answer.code}`;
    case 'network_error':
      return `network-${answer.error.id}`;
    case 'triage':
      return `triage-${answer.focus?.id ?? 'no-failures'}`;
    case 'greeting':
    case 'none':
      return answer.intent;
  }
}

export function feedbackAction(subjectId: string, reaction: FeedbackReaction): SubmitAction {
  const data: FeedbackSubmitValue = { action: 'feedback', reaction, id: subjectId };
  return reaction === 'like'
    ? { type: 'Action.Submit', title: '👍 Helpful', tooltip: 'This answer helped', data }
    : { type: 'Action.Submit', title: '👎 Not helpful', tooltip: 'This answer did not help', data };
}

/** "Was this helpful?" with the two vote buttons. */
export function feedbackSection(subjectId: string): CardElement[] {
  return [
    label('Was this helpful?', { isSubtle: true, size: 'small', spacing: 'large', separator: true }),
    ...actionSets([feedbackAction(subjectId, 'like'), feedbackAction(subjectId, 'dislike')]),
  ];
}

/** Notes such as "your message was cut at 10,000 characters", in the text renderer's words. */
export function notesSection(notes: readonly string[]): CardElement[] {
  return notes.map((note, i) =>
    paragraph(`Note: ${note}`, { isSubtle: true, size: 'small', spacing: i === 0 ? 'medium' : 'small' }),
  );
}

/** Notes, then feedback when `feedback` is set: appended to the body of every answer card. */
export function answerFooter(answer: Answer, options: { feedback?: boolean }): CardElement[] {
  return [...notesSection(answer.notes), ...(options.feedback ? feedbackSection(feedbackSubjectId(answer)) : [])];
}
