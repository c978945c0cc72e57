/**
 * What the pasted headers and bodies say ("Retry-After: 120 → wait 2 minutes (until 10:42 UTC)"), right under the
 * card's heading so it is seen without "Show more": it is the most specific advice the answer has.
 */
import { PASTED_HEADING } from '../knowledge/answer';
import type { AdaptiveCard, CardElement, Container } from './adaptive-card-types';
import { bullets, label } from './card-text';

export function pastedBlock(pasted: readonly string[]): Container {
  return {
    type: 'Container',
    style: 'emphasis',
    spacing: 'medium',
    items: [label(PASTED_HEADING, { weight: 'bolder', size: 'small' }), ...bullets([...pasted])] as CardElement[],
  };
}

/** The card with the block under its heading (and the line attached to it); without facts, the card as it is. */
export function withPasted(card: AdaptiveCard, pasted: readonly string[] | undefined): AdaptiveCard {
  if (!pasted?.length) return card;
  let at = card.body.length ? 1 : 0;
  while (at < card.body.length && (card.body[at] as { spacing?: string }).spacing === 'none') at++;
  return { ...card, body: [...card.body.slice(0, at), pastedBlock(pasted), ...card.body.slice(at)] };
}
