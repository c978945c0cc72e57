/**
 * The provider's meaning of an error the user pasted ("Amazon S3 SlowDown"), drawn above the status's own entry on a
 * lookup card: the part a follow-up asked for, or all of it. Wording follows src/render/render-text.ts.
 */
import type { EntryView, ProviderErrorView } from '../knowledge/answer';
import type { Focus, Side } from '../knowledge/conversation-lexicon';
import { stepLists } from '../knowledge/focused-part';
import type { CardElement } from './adaptive-card-types';
import { actionSets, openUrlAction } from './card-actions';
import { bullets, heading, label, paragraph } from './card-text';
import { retryParagraph } from './entry-sections';

const MAX_REFERENCES = 2;

export function providerErrorSections(
  pe: ProviderErrorView,
  entry: EntryView,
  focus: Focus,
  side?: Side,
): CardElement[] {
  const out: CardElement[] = [
    heading(pe.title, { size: focus === 'overview' ? 'large' : 'medium' }),
    label(`${pe.providerName} · sent with ${entry.code} ${entry.name}`, {
      size: 'small',
      weight: 'bolder',
      isSubtle: true,
      spacing: 'small',
    }),
    paragraph(pe.summary, { size: focus === 'overview' ? 'medium' : 'default', spacing: 'medium' }),
  ];
  if (pe.note && (focus === 'overview' || focus === 'cause' || focus === 'more'))
    out.push(paragraph(pe.note, { isSubtle: true }));
  const only = focus === 'server' || focus === 'client' ? focus : undefined;
  if (focus === 'overview' || focus === 'fix' || only) {
    for (const list of stepLists(pe, side, only))
      out.push(label(list.heading, { weight: 'bolder', spacing: 'medium' }), ...bullets(list.steps));
  }
  if (focus === 'overview' || focus === 'retry') out.push(retryParagraph(pe));
  if (focus === 'overview' || focus === 'more')
    out.push(...actionSets(pe.references.slice(0, MAX_REFERENCES).map((r) => openUrlAction(r.label, r.url))));
  out.push(
    label(`What ${entry.code} ${entry.name} means in general`, { weight: 'bolder', spacing: 'large', separator: true }),
  );
  return out;
}
