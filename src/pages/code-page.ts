/**
 * One entry's page (`/codes/502`, `/codes/499-nginx`), drawn from the same answer model as the cards and the text
 * reply (a lookup of the entry, as a "what is 502" button asks it): title, what kind of code it is, summary,
 * description and causes, both sides' next steps, retry advice, who usually has to act, an example, the other
 * meanings of the number, related codes as links, and every reference. The steps' headings and the retry verdicts
 * are the words every channel uses; a step for one stack carries that stack's name.
 */
import { RETRY_LABEL, entryRef, type EntryRef, type EntryView, type LookupAnswer } from '../knowledge/answer';
import { relatedEntryId } from '../knowledge/entry-schema';
import { FIXED_BY_LEAD, stepLists, type StepList } from '../knowledge/focused-part';
import type { StatusTable } from '../knowledge/status-table';
import { statusLabel } from '../cards/entry-sections';
import { textRuns } from '../cards/card-text';
import type { CodePageLinks } from './code-page-links';
import { codePagePath } from './code-page-links';
import { html, type Html } from './html';
import { pageLayout, type AssetUrl } from './page-layout';
import { fill, type PageWords } from './page-words';

export interface PageContext {
  table: StatusTable;
  words: PageWords;
  links: CodePageLinks;
  asset: AssetUrl;
}

export function codePage(answer: LookupAnswer, context: PageContext): string {
  const { words, table } = context;
  const e = answer.entry;
  const w = words.entry;
  const title = entryTitle(e, words);
  const classInfo = e.classInfo;
  const related = e.related
    .map((r) => ({
      ref: table.entry(relatedEntryId(r)) ? entryRef(table, relatedEntryId(r)) : undefined,
      code: r.code,
      note: r.note,
    }))
    .filter((r) => r.ref);
  const home = html`<li><a href="/codes">${words.site.codes}</a></li>`;
  const classCrumb = html`<li><a href="/codes#${e.class}">${e.class} ${classInfo.name}</a></li>`;
  const vendor = e.vendorName ? html` <span class="cp-vendor">(${e.vendorName})</span>` : '';
  const headers = e.headers.map((h, i) => html`${i ? ', ' : ''}<code>${h}</code>`);
  const references = e.references.map(
    (r) =>
      html`<li>${isWebUrl(r.url) ? html`<a href="${r.url}" rel="noopener noreferrer">${r.label}</a>` : r.label}</li>`,
  );

  const body = html`<article class="cp-entry cp-c${Math.floor(e.code / 100)}">
<nav class="cp-crumbs" aria-label="Breadcrumb"><ol>${home}${classCrumb}</ol></nav>
<h1><span class="cp-code">${e.code}</span> ${e.name}${vendor}</h1>
<p class="cp-kind">${e.class} ${classInfo.name.toLowerCase()} · ${statusLabel(e)}</p>
${e.aliases.length ? html`<p class="cp-aliases">${w.aliases}: ${e.aliases.join(', ')}</p>` : ''}
<p class="cp-summary">${terms(e.summary)}</p>
<p class="cp-retry-line"><span class="cp-pill cp-pill--${e.retry.when}">${RETRY_LABEL[e.retry.when]}</span></p>

<section aria-labelledby="meaning"><h2 id="meaning">${w.meaning}</h2>
<p>${terms(e.description)}</p>
${e.causes.length ? html`<h3>${w.causes}</h3><ul>${e.causes.map((c) => html`<li>${terms(c)}</li>`)}</ul>` : ''}
</section>

<section aria-labelledby="next-steps"><h2 id="next-steps">${w.nextSteps}</h2>
<div class="cp-sides">
${stepLists(e).map((list) => sideSteps(e, list, table))}</div>
${e.headers.length ? html`<p class="cp-headers">${w.headers}: ${headers}</p>` : ''}
</section>

<section aria-labelledby="retry"><h2 id="retry">${w.retry}</h2>
<p><strong>${RETRY_LABEL[e.retry.when]}.</strong> ${terms(e.retry.advice)}</p>
</section>

<section aria-labelledby="fixed-by"><h2 id="fixed-by">${w.fixedBy}</h2>
<p><strong>${FIXED_BY_LEAD[e.fixedBy.side]}</strong> ${terms(e.fixedBy.note)}</p>
</section>

<section aria-labelledby="example"><h2 id="example">${w.example}</h2>
<p>${terms(e.example.scenario)}</p>
<pre class="cp-transcript"><code>${e.example.transcript}</code></pre>
</section>

${
  answer.otherMeanings.length
    ? html`<section aria-labelledby="elsewhere"><h2 id="elsewhere">${w.otherMeanings}</h2>
<ul class="cp-links">${answer.otherMeanings.map((m) => html`<li>${entryLink(m, words)}: ${m.summary}</li>`)}</ul>
</section>`
    : ''
}

${
  related.length
    ? html`<section aria-labelledby="related"><h2 id="related">${w.related}</h2>
<ul class="cp-links">${related.map((r) => html`<li>${entryLink(r.ref as EntryRef, words)}: ${terms(r.note)}</li>`)}</ul>
</section>`
    : ''
}

<section aria-labelledby="references"><h2 id="references">${w.references}</h2>
<ul class="cp-refs">${references}</ul>
</section>
</article>`;

  return pageLayout(
    { title, description: e.summary, canonical: context.links.absolute(e.id), body },
    words,
    context.asset,
  );
}

/** "502 Bad Gateway", "499 Client Closed Request (nginx)". */
export function entryTitle(e: Pick<EntryView, 'code' | 'name' | 'vendorName'>, words: PageWords): string {
  return e.vendorName
    ? fill(words.entry.vendorTitle, { code: e.code, name: e.name, vendor: e.vendorName })
    : fill(words.entry.title, { code: e.code, name: e.name });
}

/** A link to another entry's page, titled as its own page is. */
export function entryLink(ref: EntryRef, words: PageWords): Html {
  const title = entryTitle({ code: ref.code, name: ref.name, vendorName: ref.vendor }, words);
  return html`<a href="${codePagePath(ref.id)}">${title}</a>`;
}

/**
 * A sentence with its technical terms (config keys, headers, flags, URLs) in <code>, as
 * the cards set them in monospace.
 */
export function terms(sentence: string): Html {
  return html`${textRuns(sentence).map((r) => (r.fontType === 'monospace' ? html`<code>${r.text}</code>` : r.text))}`;
}

/** One side's next steps, each with the stacks it is for. */
function sideSteps(e: EntryView, list: StepList, table: StatusTable): Html {
  const steps = list.steps.map((step) => html`<li>${terms(step)}${stackTags(e, list.side, step, table)}</li>`);
  const heading = html`<h3 id="steps-${list.side}">${list.heading}</h3>`;
  return html`<section class="cp-side" aria-labelledby="steps-${list.side}">${heading}
<ol>${steps}</ol></section>
`;
}

/** The stacks a step is for ("nginx", "Cloudflare"), after it. */
function stackTags(e: EntryView, side: 'client' | 'server', step: string, table: StatusTable): Html | '' {
  const stacks = e.sideSteps.find((s) => s.side === side && s.text === step)?.stacks ?? [];
  if (!stacks.length) return '';
  const name = (id: string) => table.vendor(id)?.name ?? table.stacks.find((s) => s.id === id)?.name ?? id;
  return html` ${stacks.map((id) => html`<span class="cp-tag">${name(id)}</span>`)}`;
}

/** Only web addresses become links: a reference is data, and a `javascript:` URL in it must not run. */
function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}
