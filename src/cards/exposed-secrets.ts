/**
 * The warning a card starts with when the message held a credential ("… looks like a bearer token; consider it
 * exposed and rotate it."), in the host's attention style so it does not read as part of the answer.
 */
import type { ExposedSecrets } from '../knowledge/answer';
import type { AdaptiveCard, Container } from './adaptive-card-types';
import { label, speakable } from './card-text';

export function exposedSecretsBlock(exposed: ExposedSecrets): Container {
  return { type: 'Container', style: 'attention', items: [label(exposed.warning, { weight: 'bolder' })] };
}

/**
 * The card with the warning on top, and first in its fallback text and in what a voice channel says; without one,
 * the card as it is. (Most fallback texts are renderText()'s, which starts with the warning already.)
 */
export function withExposedSecrets(card: AdaptiveCard, exposed: ExposedSecrets | undefined): AdaptiveCard {
  if (!exposed) return card;
  const { warning } = exposed;
  return {
    ...card,
    body: [exposedSecretsBlock(exposed), ...card.body],
    fallbackText: card.fallbackText.startsWith(warning) ? card.fallbackText : `${warning}\n\n${card.fallbackText}`,
    ...(card.speak ? { speak: `${speakable(warning)} ${card.speak}` } : {}),
  };
}
