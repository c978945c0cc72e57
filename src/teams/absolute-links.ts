/**
 * Teams opens only absolute links. A card's own buttons that link relative to the bot (the "Open page" link to
 * `/codes/502` when PUBLIC_URL is not set) would do nothing there, so they are left out of what Teams gets.
 *
 *   context.onSendActivities((ctx, activities, next) => { activities.forEach(withAbsoluteLinksOnly); return next(); });
 */
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard, type CardAction } from '../cards/adaptive-card-types';
import type { OutgoingActivity } from './feedback-loop';

/** Replaces (never changes: drawn activities are shared and frozen) a card whose own actions link relatively. */
export function withAbsoluteLinksOnly<T extends OutgoingActivity>(activity: T): T {
  if (
    !activity.attachments?.some(
      (a) =>
        a.contentType === ADAPTIVE_CARD_CONTENT_TYPE &&
        (a.content as AdaptiveCard | undefined)?.actions?.some(isRelativeLink),
    )
  )
    return activity;
  activity.attachments = activity.attachments.map((attachment) => {
    const card = attachment.content as AdaptiveCard | undefined;
    if (attachment.contentType !== ADAPTIVE_CARD_CONTENT_TYPE || !card?.actions) return attachment;
    const { actions, ...rest } = card;
    const kept = actions.filter((action) => !isRelativeLink(action));
    return { ...attachment, content: kept.length ? { ...rest, actions: kept } : rest };
  });
  return activity;
}

function isRelativeLink(action: CardAction): boolean {
  return action.type === 'Action.OpenUrl' && !/^https?:\/\//i.test(action.url);
}
