/**
 * The card for one code ("what is 502"): the short answer first (title, its class and retry verdict in one line, the
 * summary, the likely fix), then the description and next steps, then ways onward (other meanings of the number,
 * related codes, the references).
 *
 * With `detailsCollapsed`, the card fits a phone's chat (about 300 px at 375 px): the likely fix's first step, and
 * "Show more" with a few related codes in one row; the description, both sides' steps, the references (and the
 * code's page, with `pageUrl`) and the rest are one click away without another message. The element ids are fixed
 * (LOOKUP_ELEMENT_IDS) so a host or a test can find them.
 */
import type { LookupAnswer } from '../knowledge/answer';
import { renderText } from '../render/render-text';
import type { AdaptiveCard, CardElement, Container, SubmitAction } from './adaptive-card-types';
import {
  actionSets,
  labelledRow,
  lookupAction,
  openPageAction,
  openUrlAction,
  toggleAction,
  type PageUrl,
} from './card-actions';
import { adaptiveCard } from './card-envelope';
import { answerFooter } from './answer-footer';
import { entryTitle, heading, label, leadParagraphs, paragraph, run } from './card-text';
import { focusedPart, isPartFocus } from '../knowledge/focused-part';
import {
  foldsDetails,
  kindAndRetryLine,
  likelyFixSection,
  statusLabel,
  nextStepsSections,
  partSections,
  relatedEntryId,
  retryParagraph,
} from './entry-sections';
import { providerErrorSections } from './provider-error-sections';

export interface LookupCardOptions {
  feedback?: boolean;
  detailsCollapsed?: boolean;
  /** Where the code's page is: "Open page" joins the references behind "Show more", or is the card's own action. */
  pageUrl?: PageUrl;
}

/** Ids of the elements "Show more" and "Show less" toggle. */
export const LOOKUP_ELEMENT_IDS = { details: 'details', showMore: 'show-more' } as const;

/** As many related codes as the text renderer lists, so the card is no busier than the message. */
const MAX_RELATED = 4;
/**
 * The width beside "Show more" in one row on a phone (a 375 px screen, or the widget's panel), in characters of chip
 * titles, a chip's padding and gap counting as CHIP_PADDING_CHARS more: three codes ("504 503 500"), or one vendor's
 * ("522 cloudflare").
 */
const ROW_CHARS_BESIDE_SHOW_MORE = 23;
const CHIP_PADDING_CHARS = 4;
const MAX_ALTERNATIVES = 3;
const MAX_REFERENCES = 3;
/** The fallback text's length: the short answer, so the card with the message's own text stays within Teams' 28 KB. */
const MAX_FALLBACK = 1_200;

export function lookupCard(answer: LookupAnswer, options: LookupCardOptions = {}): AdaptiveCard {
  if (answer.focus !== 'overview') return focusedCard(answer, options);
  const e = answer.entry;
  const collapsed = options.detailsCollapsed === true;
  const toggleTargets = [LOOKUP_ELEMENT_IDS.details, LOOKUP_ELEMENT_IDS.showMore];

  const body: CardElement[] = [];
  if (answer.unsure && answer.alternatives.length) {
    body.push(
      label(
        `I think you mean ${entryTitle(e)}, but it could also be ` +
          `${answer.alternatives.slice(0, 2).map(entryTitle).join(' or ')}.`,
        { isSubtle: true },
      ),
    );
  }
  if (answer.providerError) body.push(...providerErrorSections(answer.providerError, e, 'overview', answer.side));
  // Collapsed, the card is the answer in a few lines: the title, its class and retry verdict in one line, the summary,
  // and the likely fix's first step. A fix for the stack the user named says more than the summary, which then
  // opens the details.
  const fix = answer.likelyFix;
  const shownFix = fix && collapsed ? { ...fix, steps: fix.steps.slice(0, 1) } : fix;
  const summary = paragraph(e.summary, { spacing: 'small' });
  const summaryInDetails = collapsed && !!fix?.stack;
  body.push(
    heading(entryTitle(e), { size: answer.providerError ? 'medium' : 'large' }),
    kindAndRetryLine(e),
    ...(summaryInDetails ? [] : [summary]),
    ...(shownFix ? likelyFixSection(shownFix) : []),
  );

  // Related codes as chips: collapsed, a few beside "Show more" in one row; in the details, all under a small label.
  const chips = e.related.slice(0, MAX_RELATED).map((r) => ({
    ...lookupAction({ code: r.code, id: relatedEntryId(r) }, `${r.code}${r.vendor ? ` ${r.vendor}` : ''}`),
    tooltip: r.note,
  }));
  const relatedRow = chips.length ? [labelledRow('Related', actionSets(chips, { spacing: 'none' }))] : [];
  // The number's other meanings: collapsed, they lead the chips beside "Show more" ("499 ArcGIS") and their summaries
  // wait in the details.
  const otherMeanings = answer.otherMeanings.map((m) =>
    paragraph([run(`${entryTitle(m)}: `, { weight: 'bolder' }), run(m.summary)], { spacing: 'small' }),
  );
  const otherChips = answer.otherMeanings.map((m) => lookupAction(m, `${m.code} ${m.vendor ?? m.name}`));
  if (collapsed) {
    const showMore = toggleAction('Show more', toggleTargets, "Description, both sides' steps and references");
    body.push(
      ...actionSets([showMore, ...chipsBesideShowMore([...otherChips, ...chips])], { id: LOOKUP_ELEMENT_IDS.showMore }),
    );
  }
  const references = e.references.slice(0, MAX_REFERENCES);
  // The code's page is for reading on: collapsed, it waits with the references; otherwise it closes the card.
  const page = openPageAction(e.id, options.pageUrl);
  const details: Container = {
    type: 'Container',
    id: LOOKUP_ELEMENT_IDS.details,
    spacing: 'medium',
    ...(collapsed ? { isVisible: false } : {}),
    items: [
      ...(summaryInDetails ? [summary] : []),
      ...(e.status !== 'standard' ? [paragraph(statusLabel(e), { isSubtle: true, size: 'small' })] : []),
      ...(e.aliases.length
        ? [paragraph(`Also known as: ${e.aliases.join(', ')}`, { isSubtle: true, size: 'small' })]
        : []),
      paragraph(e.description, { spacing: 'small' }),
      ...nextStepsSections(e, answer.side, shownFix?.steps),
      ...(e.headers.length
        ? [
            paragraph(
              [
                run('Headers to check: ', { weight: 'bolder' }),
                ...e.headers.flatMap((h, i) => [...(i ? [run(', ')] : []), run(h, { fontType: 'monospace' })]),
              ],
              { spacing: 'medium' },
            ),
          ]
        : []),
      retryParagraph(e),
      label(references.length > 1 ? 'References:' : 'Reference:', { weight: 'bolder', spacing: 'medium' }),
      ...actionSets([...references.map((r) => openUrlAction(r.label, r.url)), ...(collapsed && page ? [page] : [])]),
      ...(collapsed && otherMeanings.length
        ? [label('The same number elsewhere:', { weight: 'bolder', spacing: 'medium' }), ...otherMeanings]
        : []),
      ...(collapsed ? [...relatedRow, ...actionSets([toggleAction('Show less', toggleTargets)])] : []),
    ],
  };
  body.push(details);

  if (otherMeanings.length && !collapsed) {
    body.push(label('The same number elsewhere:', { weight: 'bolder', spacing: 'large', separator: true }));
    body.push(...otherMeanings, ...actionSets(answer.otherMeanings.map((m) => lookupAction(m))));
  }
  if (!collapsed) body.push(...relatedRow);

  const alternatives = answer.alternatives.slice(0, MAX_ALTERNATIVES);
  if (alternatives.length) {
    body.push(
      label(answer.unsure ? 'Did you mean another code?' : 'Not what you meant?', {
        weight: 'bolder',
        spacing: 'large',
        separator: true,
      }),
    );
    body.push(...actionSets(alternatives.map((a) => lookupAction(a))));
  }

  body.push(...answerFooter(answer, options));
  return adaptiveCard(body, {
    fallbackText: leadParagraphs(renderText(answer, 'plain'), MAX_FALLBACK),
    speak: speech(answer),
    actions: !collapsed && page ? [page] : [],
  });
}

/** What a voice host reads: the provider's meaning when the user pasted one, else the entry's. */
function speech(answer: LookupAnswer): string {
  const pe = answer.providerError;
  return pe
    ? `${pe.title}: ${answer.entry.code} ${answer.entry.name}. ${pe.summary}`
    : `${entryTitle(answer.entry)}. ${answer.entry.summary}`;
}

/** The first related chips whose titles fit beside "Show more" in one row; the details list them all. */
function chipsBesideShowMore(chips: readonly SubmitAction[]): SubmitAction[] {
  let chars = 0;
  const fit: SubmitAction[] = [];
  for (const chip of chips) {
    chars += chip.title.length + CHIP_PADDING_CHARS;
    if (chars > ROW_CHARS_BESIDE_SHOW_MORE) break;
    fit.push(chip);
  }
  return fit;
}

/**
 * A follow-up's card ("how do I fix it?", "why?", "is it my fault?", "is it safe to retry?", "more"): only the part
 * asked about, under a heading that names the code, so a conversation does not repeat the whole overview.
 */
function focusedCard(answer: LookupAnswer, options: LookupCardOptions): AdaptiveCard {
  const e = answer.entry;
  const body: CardElement[] = answer.providerError
    ? providerErrorSections(answer.providerError, e, answer.focus, answer.side)
    : [];
  // The code's page goes with the details "Show more" opens, or is the card's own action when nothing is hidden.
  const page = openPageAction(e.id, options.pageUrl);
  let pageInDetails = false;
  if (isPartFocus(answer.focus)) {
    const part = focusedPart(e, entryTitle(e), answer.focus, answer.side, answer.likelyFix);
    pageInDetails = !!options.detailsCollapsed && foldsDetails(part);
    const collapse = options.detailsCollapsed
      ? { detailsId: LOOKUP_ELEMENT_IDS.details, showMoreId: LOOKUP_ELEMENT_IDS.showMore, links: page ? [page] : [] }
      : undefined;
    body.push(...partSections(part, collapse));
  } else if (answer.focus === 'retry') {
    body.push(heading(`Retrying ${entryTitle(e)}`, { size: 'medium' }), retryParagraph(e));
    if (e.headers.length)
      body.push(
        paragraph([run('Headers to check: ', { weight: 'bolder' }), run(e.headers.join(', '))], { spacing: 'medium' }),
      );
  } else {
    body.push(heading(`More on ${entryTitle(e)}`, { size: 'medium' }), paragraph(e.description));
    if (e.causes.length)
      body.push(
        label('Typical causes:', { weight: 'bolder', spacing: 'medium' }),
        ...e.causes.map((c) => paragraph(`• ${c}`, { spacing: 'small' })),
      );
    const related = e.related.slice(0, MAX_RELATED);
    if (related.length) {
      body.push(label('Related:', { weight: 'bolder', spacing: 'large', separator: true }));
      for (const r of related)
        body.push(
          paragraph([run(`${r.code}${r.vendor ? ` (${r.vendor})` : ''}: `, { weight: 'bolder' }), run(r.note)], {
            spacing: 'small',
          }),
        );
      body.push(
        ...actionSets(
          related.map((r) =>
            lookupAction(
              { code: r.code, id: relatedEntryId(r) },
              `What is ${r.code}${r.vendor ? ` (${r.vendor})` : ''}?`,
            ),
          ),
        ),
      );
    }
    body.push(...actionSets(e.references.slice(0, MAX_REFERENCES).map((r) => openUrlAction(r.label, r.url))));
  }
  body.push(...answerFooter(answer, options));
  return adaptiveCard(body, {
    fallbackText: leadParagraphs(renderText(answer, 'plain'), MAX_FALLBACK),
    speak: speech(answer),
    actions: page && !pageInDetails ? [page] : [],
  });
}
