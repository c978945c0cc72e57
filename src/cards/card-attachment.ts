/**
 * Wraps a card as a Bot Framework attachment. The object is what `CardFactory.adaptiveCard(card)` builds (the tests
 * check it), written out so the cards stay plain data: only botbuilder's Attachment type is used, not its code.
 */
import type { Attachment } from 'botbuilder';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard } from './adaptive-card-types';

export interface AdaptiveCardAttachment extends Attachment {
  contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE;
  content: AdaptiveCard;
}

export function cardAttachment(card: AdaptiveCard): AdaptiveCardAttachment {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card };
}
