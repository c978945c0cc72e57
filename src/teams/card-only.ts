/**
 * On Teams, a message that carries an Adaptive Card is sent as the card alone. Teams shows a message's text apart
 * from its attachments (Microsoft's Teams docs issues #1998 and #2594: the text arrives as a message of its own), so
 * an answer sent with its Markdown `text`, as other channels get it, would read twice. The card's first line goes
 * into `summary` instead, which Teams shows in notifications and the chat list rather than "sent a card".
 *
 *   context.onSendActivities((ctx, activities, next) => { activities.forEach(cardOnly); return next(); });
 */
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../cards/adaptive-card-types';
import type { OutgoingActivity } from './feedback-loop';

/** Notifications show one short line. */
const MAX_SUMMARY = 150;

export interface TextAndCard extends OutgoingActivity {
  text?: string;
  textFormat?: string;
  summary?: string;
}

/** Drops the text of a card message and sets its summary; other messages are left as they are. */
export function cardOnly<T extends TextAndCard>(activity: T): T {
  const card = activity.attachments?.find((a) => a.contentType === ADAPTIVE_CARD_CONTENT_TYPE)?.content as
    { fallbackText?: unknown } | undefined;
  if (!card || (activity.type !== undefined && activity.type !== 'message')) return activity;
  const firstLine = typeof card.fallbackText === 'string' ? card.fallbackText.split('\n', 1)[0]?.trim() : undefined;
  delete activity.text;
  delete activity.textFormat;
  if (firstLine && activity.summary === undefined)
    activity.summary = firstLine.length > MAX_SUMMARY ? `${firstLine.slice(0, MAX_SUMMARY - 1)}…` : firstLine;
  return activity;
}
