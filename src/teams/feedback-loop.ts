/**
 * Teams' own 👍/👎 under a bot message (the "feedback loop"), wired to the same record as the card's vote buttons.
 *
 * A message sent with `channelData.feedbackLoopEnabled: true` gets Teams' thumbs; a click opens Teams' feedback form,
 * and submitting it sends the bot an invoke named `message/submitAction` with
 * `value: { actionName: 'feedback', actionValue: { reaction: 'like' | 'dislike', feedback: '{"feedbackText":"…"}' } }`
 * and `replyToId` = the id of the rated message. Teams does not say what the message was about, so the bot remembers,
 * per conversation, which answer each of its recent messages rated (the subject id of the card's own vote buttons).
 * https://learn.microsoft.com/en-us/microsoftteams/platform/agents-in-teams/integrate-ai/user-feedback-controls
 *
 *   if (rates(activity)) enableFeedbackLoop(activity);            // before sending, on msteams
 *   const vote = readFeedbackSubmit(context.activity);            // in onInvokeActivity
 */
import type { FeedbackReaction } from '../cards/card-submit-data';

export const SUBMIT_ACTION_INVOKE = 'message/submitAction';

/** A vote from Teams' feedback form. */
export interface FeedbackLoopVote {
  reaction: FeedbackReaction;
  /** What the user wrote in the form, if anything. */
  text: string;
}

/** The smallest shape of an outgoing activity this file reads and changes. */
export interface OutgoingActivity {
  type?: string;
  attachments?: Array<{ contentType?: string; content?: unknown }>;
  channelData?: unknown;
}

/**
 * What a message rates: the subject id carried by its card's 👍/👎 buttons ("502", "401-vs-403"), or undefined for
 * messages without a vote (greetings, "did you mean", acknowledgements), which get no feedback loop either.
 */
export function ratedSubject(activity: OutgoingActivity): string | undefined {
  if (activity.type !== undefined && activity.type !== 'message') return undefined;
  // The subject the answer's thumbs carry (the schema.org Message entity every rateable answer has).
  for (const entity of (activity as { entities?: unknown[] }).entities ?? []) {
    const actions = isRecord(entity) && Array.isArray(entity.potentialAction) ? entity.potentialAction : [];
    const like = actions.find((a): a is Record<string, unknown> => isRecord(a) && a['@type'] === 'LikeAction');
    if (typeof like?.description === 'string' && like.description) return like.description;
  }
  return undefined;
}

/** Turns Teams' feedback loop on for this message, keeping any channelData already set. */
export function enableFeedbackLoop<T extends OutgoingActivity>(activity: T): T {
  const channelData =
    typeof activity.channelData === 'object' && activity.channelData !== null ? activity.channelData : {};
  activity.channelData = { ...channelData, feedbackLoopEnabled: true };
  return activity;
}

/** The vote in a `message/submitAction` invoke, or undefined when the invoke is not a feedback submission. */
export function readFeedbackSubmit(activity: {
  type?: string;
  name?: string;
  value?: unknown;
}): FeedbackLoopVote | undefined {
  if (activity.type !== 'invoke' || activity.name !== SUBMIT_ACTION_INVOKE || !isRecord(activity.value))
    return undefined;
  const { actionName, actionValue } = activity.value;
  if (actionName !== 'feedback' || !isRecord(actionValue)) return undefined;
  const reaction = actionValue.reaction;
  if (reaction !== 'like' && reaction !== 'dislike') return undefined;
  return { reaction, text: feedbackText(actionValue.feedback) };
}

/** Teams sends the form's content as a JSON string (`{"feedbackText":"…"}`); older clients sent plain text. */
function feedbackText(feedback: unknown): string {
  if (isRecord(feedback))
    return typeof feedback.feedbackText === 'string' ? feedback.feedbackText.slice(0, MAX_FEEDBACK_TEXT) : '';
  if (typeof feedback !== 'string') return '';
  try {
    return feedbackText(JSON.parse(feedback) as unknown);
  } catch {
    return feedback.slice(0, MAX_FEEDBACK_TEXT);
  }
}

/** Longer feedback is cut: it ends up in logs. */
const MAX_FEEDBACK_TEXT = 1000;

// === Which recent message rated what

/**
 * Message id → subject id for the bot's last few rateable messages in one conversation (kept in conversation state).
 */
export interface RatedMessages {
  recent: Array<{ messageId: string; subject: string }>;
}

export const NO_RATED_MESSAGES: RatedMessages = { recent: [] };

/** Votes usually come soon after the answer; older messages fall out so conversation state stays small. */
export const RATED_MESSAGES_KEPT = 20;

export function rememberRated(rated: RatedMessages, messageId: string, subject: string): RatedMessages {
  const recent = [...rated.recent.filter((r) => r.messageId !== messageId), { messageId, subject }];
  return { recent: recent.slice(-RATED_MESSAGES_KEPT) };
}

export function subjectOf(rated: RatedMessages, messageId: string | undefined): string | undefined {
  return messageId ? rated.recent.find((r) => r.messageId === messageId)?.subject : undefined;
}

// === Helpers

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
