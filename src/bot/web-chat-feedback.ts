/**
 * Web Chat's own 👍/👎 next to an answer. Web Chat 4.18 draws them for a schema.org Message entity whose
 * potentialAction holds a LikeAction and a DislikeAction, and posts a click as the event
 * `webchat:activity-status/feedback` carrying the chosen action; 4.19 and later also read
 * `channelData.feedbackLoop`, the mechanism Teams uses. Both end in the same feedback record as the card buttons.
 */
import type { Activity } from 'botbuilder';

export const WEB_CHAT_FEEDBACK_EVENT = 'webchat:activity-status/feedback';

/** The entity that makes Web Chat draw thumbs; `subject` says what the answer was about ("502", "401-vs-403"). */
export function feedbackEntity(subject: string) {
  return {
    type: 'https://schema.org/Message',
    '@context': 'https://schema.org',
    '@id': '',
    '@type': 'Message',
    potentialAction: [
      { '@type': 'LikeAction', '@id': `statusbot:feedback:${subject}:like`, name: 'Helpful', description: subject },
      {
        '@type': 'DislikeAction',
        '@id': `statusbot:feedback:${subject}:dislike`,
        name: 'Not helpful',
        description: subject,
      },
    ],
  };
}

/** Adds Web Chat's feedback to an answer activity, keeping any channelData already there. */
export function withWebChatFeedback(activity: Partial<Activity>, subject: string): Partial<Activity> {
  const channelData =
    typeof activity.channelData === 'object' && activity.channelData !== null ? activity.channelData : {};
  return {
    ...activity,
    entities: [...(activity.entities ?? []), feedbackEntity(subject)],
    channelData: { ...channelData, feedbackLoop: { type: 'default' } },
  };
}

/** The vote in a `webchat:activity-status/feedback` event, or null when the event carries none we sent. */
export function readWebChatFeedback(activity: Partial<Activity>): { reaction: 'like' | 'dislike'; id: string } | null {
  if (activity.name !== WEB_CHAT_FEEDBACK_EVENT) return null;
  const action = (activity.entities ?? [])[0] as { '@type'?: unknown; description?: unknown } | undefined;
  if (!action || typeof action.description !== 'string' || !action.description) return null;
  if (action['@type'] === 'LikeAction') return { reaction: 'like', id: action.description.slice(0, 80) };
  if (action['@type'] === 'DislikeAction') return { reaction: 'dislike', id: action.description.slice(0, 80) };
  return null;
}
