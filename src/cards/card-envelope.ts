/**
 * The root of every StatusBot card: schema, version and the text shown where the card cannot be. Building it in one
 * place keeps the version at exactly "1.5" (the newest Teams renders) on every card.
 */
import {
  ADAPTIVE_CARD_SCHEMA,
  ADAPTIVE_CARD_VERSION,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
} from './adaptive-card-types';
import { speakable } from './card-text';

export interface EnvelopeOptions {
  /** Plain text for hosts that cannot draw the card; usually renderText(answer, 'plain'). */
  fallbackText: string;
  /** A sentence or two for voice channels; plain words, escaped for SSML here. */
  speak?: string;
  /** Wide content (side-by-side codes, count tables): ask Teams for the full message width. */
  fullWidth?: boolean;
  /** The card's own buttons, under everything else (none when empty). */
  actions?: readonly CardAction[];
}

export function adaptiveCard(body: CardElement[], options: EnvelopeOptions): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: ADAPTIVE_CARD_VERSION,
    body,
    fallbackText: options.fallbackText,
    ...(options.speak ? { speak: speakable(options.speak) } : {}),
    ...(options.fullWidth ? { msteams: { width: 'Full' } } : {}),
    ...(options.actions?.length ? { actions: [...options.actions] } : {}),
  };
}
