/**
 * The 404 page of /codes/…: says there is no such page and links to the list. The address asked for is not
 * repeated on the page; when it starts with a number the table knows ("/codes/499-foo"), that number's pages are
 * offered, named from the table.
 */
import { entryRef } from '../knowledge/answer';
import type { StatusEntry } from '../knowledge/entry-schema';
import { entryLink, type PageContext } from './code-page';
import { html } from './html';
import { pageLayout } from './page-layout';

export function notFoundPage(sameNumber: readonly StatusEntry[], context: PageContext): string {
  const { words, table } = context;
  const w = words.notFound;
  const links = sameNumber.map((e) => html`<li>${entryLink(entryRef(table, e.id), words)}</li>`);
  const body = html`<h1>${w.title}</h1>
<p class="cp-lead">${w.text}</p>
<p><a href="/codes">${words.site.codes}</a></p>
${sameNumber.length ? html`<h2>${w.sameNumber}</h2><ul class="cp-links">${links}</ul>` : ''}`;
  return pageLayout({ title: w.title, description: w.text, body }, words, context.asset);
}
