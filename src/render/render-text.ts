/**
 * Renders an Answer as text: Markdown for chat channels (Web Chat, Teams, the activity `text` for screen readers)
 * or plain text for a terminal. One renderer, so the wording of a reply is the same wherever it is read.
 */
import type { Answer, EntryRef, EntryView, ProviderErrorView } from '../knowledge/answer';
import { NOT_A_STATUS, PASTED_HEADING, RETRY_LABEL, UNKNOWN_CODE_RULE } from '../knowledge/answer';
import type { Focus, Side } from '../knowledge/conversation-lexicon';
import { classPart, focusedPart, isPartFocus, stepLists, type FocusedPart } from '../knowledge/focused-part';
import { likelyFixHeading, type LikelyFix } from '../knowledge/likely-fix';
import { failuresFirst } from './triage-rows';

export type TextStyle = 'markdown' | 'plain';

export function renderText(answer: Answer, style: TextStyle = 'markdown'): string {
  const b = (s: string) => (style === 'markdown' ? `**${s}**` : s);
  const lines: string[] = answer.exposed ? [b(answer.exposed.warning), ''] : [];
  // What the paste itself says is the most specific advice: first, after any warning.
  if (answer.pasted?.length) lines.push(b(`${PASTED_HEADING}:`), ...answer.pasted.map((p) => `- ${p}`), '');
  switch (answer.intent) {
    case 'lookup': {
      const e = answer.entry;
      if (answer.unsure && answer.alternatives.length) {
        lines.push(
          `I think you mean ${b(title(e))}, but it could also be ${answer.alternatives
            .slice(0, 2)
            .map((a) => title(a))
            .join(' or ')}.`,
        );
        lines.push('');
      }
      if (answer.providerError)
        lines.push(
          ...providerBlock(answer.providerError, e, b, answer.focus, answer.side),
          '',
          b(`What ${title(e)} means in general`),
        );
      if (isPartFocus(answer.focus))
        lines.push(...partBlock(focusedPart(e, title(e), answer.focus, answer.side, answer.likelyFix), b, style));
      else if (answer.focus === 'retry')
        lines.push(
          `${b(`Retrying ${title(e)}`)}`,
          `${RETRY_LABEL[e.retry.when]}. ${e.retry.advice}`,
          ...(e.headers.length ? ['', `Headers to check: ${e.headers.join(', ')}`] : []),
        );
      else if (answer.focus === 'more') lines.push(...moreBlock(e, b));
      else lines.push(...entryBlock(e, b, answer.side, answer.likelyFix));
      if (answer.otherMeanings.length) {
        lines.push('', b('The same number elsewhere:'));
        for (const m of answer.otherMeanings) lines.push(`- ${title(m)}: ${m.summary}`);
      }
      if (!answer.unsure && answer.alternatives.length)
        lines.push(
          '',
          `Not what you meant? Maybe ${answer.alternatives
            .slice(0, 3)
            .map((a) => title(a))
            .join(', ')}.`,
        );
      break;
    }
    case 'compare': {
      // "Which one?" is answered first; otherwise the title, then the difference in one sentence.
      if (answer.lead && answer.focus === 'which') lines.push(answer.lead, '');
      lines.push(b(`${answer.entries.map((e) => `${e.code} ${e.name}`).join(' vs ')}`));
      if (answer.lead && answer.focus !== 'which') lines.push(answer.lead);
      for (const e of answer.entries) {
        lines.push('', `${b(title(e))} (${e.class}${e.vendorName ? `, ${e.vendorName}` : ''}): ${e.summary}`);
        lines.push(`  Retry: ${RETRY_LABEL[e.retry.when]}. First step: ${e.nextSteps.client[0] ?? ''}`);
      }
      const more = answer.contrasts.filter((c) => c !== answer.difference);
      if (more.length) {
        lines.push('', b(answer.difference ? 'Other differences:' : 'The difference:'));
        for (const c of more) lines.push(`- ${c.from} → ${c.to}: ${c.note}`);
      }
      break;
    }
    case 'class': {
      const part = classPart(answer.info, answer.focus, answer.side, answer.common);
      if (part) {
        lines.push(...partBlock(part, b, style));
        break;
      }
      lines.push(`${b(`${answer.class}: ${answer.info.name}`)}`, answer.info.description, '', answer.info.advice, '');
      lines.push(b(`Codes in ${answer.class}:`));
      for (const c of answer.codes) lines.push(`- ${c.code} ${c.name}${c.vendor ? ` (${c.vendor})` : ''}`);
      break;
    }
    case 'unknown_code': {
      if (!answer.inRange) {
        lines.push(
          `${b(String(answer.code))} is not an HTTP status code: HTTP statuses are three digits, from 100 to 599.`,
        );
        lines.push(
          'It may be an application or library error number, an exit code, or a status from another protocol; ' +
            'look at the tool that printed it.',
        );
      } else {
        lines.push(
          `${b(String(answer.code))} is not a status code I know: it is not in the IANA registry ` +
            'and not a vendor code I have on file.',
        );
        if (answer.treatedAs && answer.classInfo) {
          lines.push(
            `HTTP's rule (${UNKNOWN_CODE_RULE.label}): a client that does not recognise a status treats it like the ` +
              `x00 of its class, so read it as ${b(title(answer.treatedAs))} ` +
              `(${answer.classInfo.name.toLowerCase()}). ${answer.treatedAs.summary}`,
          );
        }
        lines.push("Check the response body and the service's own documentation for what it means there.");
      }
      if (answer.nearby.length) lines.push('', `Did you mean ${answer.nearby.map((n) => title(n)).join(', ')}?`);
      break;
    }
    case 'network_error': {
      const { error } = answer;
      if (isPartFocus(answer.focus)) {
        lines.push(
          ...partBlock(focusedPart(error, error.name, answer.focus, answer.side), b, style),
          '',
          `(${error.name} is ${NOT_A_STATUS}.)`,
        );
        break;
      }
      lines.push(
        `${b(error.name)}: ${NOT_A_STATUS}`,
        '',
        error.summary,
        '',
        error.description,
        '',
        ...steps(error, b, answer.side),
      );
      lines.push('', b('Related statuses:'));
      for (const { ref, note } of answer.related)
        lines.push(`- ${ref.code}${ref.vendor ? ` (${ref.vendor})` : ''}: ${note}`);
      lines.push('', `${b('Reference:')} ${error.references.map((r) => `${r.label} <${r.url}>`).join('; ')}`);
      break;
    }
    case 'triage': {
      lines.push(b(`Triage of ${answer.total} responses`));
      for (const c of failuresFirst(answer.counts))
        lines.push(`- ${c.code} ${c.ref?.name ?? '(unknown)'}: ${c.count} (${Math.round(c.share * 100)}%)`);
      lines.push('', ...answer.story);
      if (answer.focus) lines.push('', b(`Next steps for ${answer.focus.code}:`), ...steps(answer.focus, b));
      break;
    }
    case 'greeting':
    case 'none':
      lines.push(answer.title ? `${answer.title}. ${answer.message}` : answer.message);
      if (answer.otherWorld) {
        const { kind } = answer.otherWorld;
        lines.push(
          '',
          kind.explanation,
          '',
          `${b('Reference:')} ${kind.references.map((r) => `${r.label} <${r.url}>`).join('; ')}`,
        );
      }
      if (answer.examples.length) lines.push('', 'Try: ' + answer.examples.map((e) => `"${e}"`).join(', '));
      break;
  }
  for (const note of answer.notes) lines.push('', `Note: ${note}`);
  return lines.join('\n').trim();
}

function title(e: EntryRef | EntryView): string {
  const vendor = 'vendorName' in e ? e.vendorName : 'vendor' in e ? e.vendor : undefined;
  return `${e.code} ${e.name}${vendor ? ` (${vendor})` : ''}`;
}

function fixBlock(fix: LikelyFix, b: (s: string) => string): string[] {
  return [b(`${likelyFixHeading(fix)}:`), ...fix.steps.map((s) => `- ${s}`)];
}

function entryBlock(e: EntryView, b: (s: string) => string, side?: Side, fix?: LikelyFix): string[] {
  const status =
    e.status === 'standard'
      ? ''
      : e.status === 'vendor'
        ? ` · vendor code, not in the IANA registry`
        : ` · ${e.status} in the IANA registry`;
  const out = [`${b(title(e))}: ${e.class} ${e.classInfo.name.toLowerCase()}${status}`];
  if (e.aliases.length) out.push(`Also known as: ${e.aliases.join(', ')}`);
  out.push('', e.summary, '');
  if (fix) out.push(...fixBlock(fix, b), '');
  out.push(e.description, '');
  out.push(...steps(e, b, side, fix?.steps));
  out.push('', `${b('Retry:')} ${RETRY_LABEL[e.retry.when]}. ${e.retry.advice}`);
  if (e.related.length) {
    out.push('', b('Related:'));
    for (const r of e.related.slice(0, 4)) out.push(`- ${r.code}${r.vendor ? ` (${r.vendor})` : ''}: ${r.note}`);
  }
  out.push('', `${b('Reference:')} ${e.references.map((r) => `${r.label} <${r.url}>`).join('; ')}`);
  return out;
}

/**
 * The provider's meaning of the error the user pasted, before the status's own entry: the part asked for, or all of it.
 */
function providerBlock(
  pe: ProviderErrorView,
  e: EntryView,
  b: (s: string) => string,
  focus: Focus,
  side?: Side,
): string[] {
  const out = [`${b(pe.title)} (${pe.providerName}) — ${e.code} ${e.name}`, pe.summary];
  if (pe.note && (focus === 'overview' || focus === 'cause' || focus === 'more')) out.push('', pe.note);
  const only = focus === 'server' || focus === 'client' ? focus : undefined;
  if (focus === 'overview' || focus === 'fix' || only)
    for (const list of stepLists(pe, side, only))
      out.push('', b(`${list.heading}:`), ...list.steps.map((s) => `- ${s}`));
  if (focus === 'overview' || focus === 'retry')
    out.push('', `${b('Retry:')} ${RETRY_LABEL[pe.retry.when]}. ${pe.retry.advice}`);
  if (focus === 'overview' || focus === 'more')
    out.push('', `${b('Reference:')} ${pe.references.map((r) => `${r.label} <${r.url}>`).join('; ')}`);
  return out;
}

function moreBlock(e: EntryView, b: (s: string) => string): string[] {
  const out = [b(`More on ${title(e)}`), e.description];
  if (e.causes.length) out.push('', b('Typical causes:'), ...e.causes.map((c) => `- ${c}`));
  if (e.headers.length) out.push('', `Headers to check: ${e.headers.join(', ')}`);
  if (e.related.length)
    out.push('', b('Related:'), ...e.related.map((r) => `- ${r.code}${r.vendor ? ` (${r.vendor})` : ''}: ${r.note}`));
  out.push('', `${b('References:')} ${e.references.map((r) => `${r.label} <${r.url}>`).join('; ')}`);
  return out;
}

function steps(
  e: Pick<EntryView, 'nextSteps'>,
  b: (s: string) => string,
  side?: Side,
  shown: readonly string[] = [],
): string[] {
  return stepLists(e, side, undefined, shown).flatMap((list) => [
    b(`${list.heading}:`),
    ...list.steps.map((s) => `- ${s}`),
  ]);
}

function partBlock(part: FocusedPart, b: (s: string) => string, style: TextStyle): string[] {
  const out = [b(part.heading)];
  if (part.lead) out.push(part.lead);
  if (part.likely) out.push('', b(`${part.likely.heading}:`), ...part.likely.steps.map((s) => `- ${s}`));
  for (const p of part.paragraphs) out.push('', p);
  if (part.list) out.push('', b(`${part.list.heading}:`), ...part.list.items.map((i) => `- ${i}`));
  if (part.transcript)
    out.push('', style === 'markdown' ? ['```', part.transcript, '```'].join('\n') : part.transcript);
  for (const list of part.steps) out.push('', b(`${list.heading}:`), ...list.steps.map((s) => `- ${s}`));
  return out;
}
