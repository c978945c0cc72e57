/**
 * `/codes/499`: a number that only vendors use, each for something else. The page lists every meaning with its
 * summary and links to each, rather than picking one vendor's for the reader.
 */
import { entryRef } from '../knowledge/answer';
import type { StatusEntry } from '../knowledge/entry-schema';
import { entryLink, terms, type PageContext } from './code-page';
import { html } from './html';
import { pageLayout } from './page-layout';
import { fill } from './page-words';

export function meaningsPage(code: number, meanings: readonly StatusEntry[], context: PageContext): string {
  const { words, table } = context;
  const title = fill(words.meanings.title, { code });
  const lead = fill(words.meanings.lead, { code });
  const home = html`<li><a href="/codes">${words.site.codes}</a></li>`;
  const items = meanings.map((e) => html`<li>${entryLink(entryRef(table, e.id), words)}: ${terms(e.summary)}</li>`);
  const body = html`<nav class="cp-crumbs" aria-label="Breadcrumb"><ol>${home}</ol></nav>
<h1>${title}</h1>
<p class="cp-lead">${lead}</p>
<ul class="cp-links cp-meanings">${items}</ul>`;
  return pageLayout(
    {
      title,
      description: lead,
      canonical: context.links.publicUrl ? `${context.links.publicUrl}/codes/${code}` : undefined,
      body,
    },
    words,
    context.asset,
  );
}
