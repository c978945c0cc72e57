/**
 * Teams opens only absolute links. A card's buttons that link relative to the bot (the "Open page" link to
 * `/codes/502` when PUBLIC_URL is not set) would do nothing there, so they are left out of what Teams gets, whether
 * they are the card's own actions or sit in its body (behind "Show more").
 *
 *   context.onSendActivities((ctx, activities, next) => { activities.forEach(withAbsoluteLinksOnly); return next(); });
 */
import {
  ADAPTIVE_CARD_CONTENT_TYPE,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
} from '../cards/adaptive-card-types';
import type { OutgoingActivity } from './feedback-loop';

/** Replaces (never changes: drawn activities are shared and frozen) a card that holds a relative link. */
export function withAbsoluteLinksOnly<T extends OutgoingActivity>(activity: T): T {
  const isCardWithRelativeLink = (a: { contentType?: string; content?: unknown }) =>
    a.contentType === ADAPTIVE_CARD_CONTENT_TYPE && hasRelativeLink(a.content as AdaptiveCard | undefined);
  if (!activity.attachments?.some(isCardWithRelativeLink)) return activity;
  activity.attachments = activity.attachments.map((attachment) => {
    if (!isCardWithRelativeLink(attachment)) return attachment;
    const { actions, body, ...rest } = attachment.content as AdaptiveCard;
    const kept = (actions ?? []).filter((action) => !isRelativeLink(action));
    return {
      ...attachment,
      content: { ...rest, body: withoutRelativeLinks(body), ...(kept.length ? { actions: kept } : {}) },
    };
  });
  return activity;
}

function hasRelativeLink(card: AdaptiveCard | undefined): boolean {
  return !!card && (!!card.actions?.some(isRelativeLink) || card.body.some(holdsRelativeLink));
}

function holdsRelativeLink(element: CardElement): boolean {
  switch (element.type) {
    case 'ActionSet':
      return element.actions.some(isRelativeLink);
    case 'Container':
      return element.items.some(holdsRelativeLink);
    case 'ColumnSet':
      return element.columns.some((column) => column.items.some(holdsRelativeLink));
    default:
      return false;
  }
}

/** The elements without relative links; a row of buttons left empty goes too. Untouched elements are kept as they are. */
function withoutRelativeLinks(elements: readonly CardElement[]): CardElement[] {
  return elements.flatMap((element): CardElement[] => {
    if (!holdsRelativeLink(element)) return [element];
    switch (element.type) {
      case 'ActionSet': {
        const actions = element.actions.filter((action) => !isRelativeLink(action));
        return actions.length ? [{ ...element, actions }] : [];
      }
      case 'Container':
        return [{ ...element, items: withoutRelativeLinks(element.items) }];
      case 'ColumnSet':
        return [
          {
            ...element,
            columns: element.columns.map((column) => ({ ...column, items: withoutRelativeLinks(column.items) })),
          },
        ];
      default:
        return [element];
    }
  });
}

function isRelativeLink(action: CardAction): boolean {
  return action.type === 'Action.OpenUrl' && !/^https?:\/\//i.test(action.url);
}
