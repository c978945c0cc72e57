/**
 * The list of every entry (`/codes`), grouped by class and, within a class, the registry's codes first and then
 * each vendor's. Everything is in the HTML, so the list reads and links without JavaScript; the filter box is
 * shown by public/assets/codes-filter.js, which filters the items by the words in their `data-search`.
 */
import type { StatusEntry } from '../knowledge/entry-schema';
import { CLASSES, type StatusClass, type StatusTable } from '../knowledge/status-table';
import { CODES_PATH, codePagePath } from './code-page-links';
import { terms, type PageContext } from './code-page';
import { html, type Html } from './html';
import { pageLayout } from './page-layout';
import { fill } from './page-words';

export function codesIndexPage(context: PageContext): string {
  const { table, words } = context;
  const w = words.index;
  const total = table.entries.length;
  const filterInput = [
    html`<input id="cp-filter-input" type="search" autocomplete="off" spellcheck="false"`,
    html` aria-describedby="cp-filter-hint" aria-controls="cp-codes">`,
  ];
  const contents = CLASSES.map((c) => html`<li><a href="#${c}">${c} ${table.classInfo(c).name}</a></li>`);
  const body = html`<h1>${w.title}</h1>
<p class="cp-lead">${w.description}</p>
<div class="cp-filter" data-filter hidden>
  <label for="cp-filter-input">${w.filterLabel}</label>
  ${filterInput}
  <p id="cp-filter-hint" class="cp-hint">${w.filterHint}</p>
  <p class="cp-count" role="status" data-shown="${w.shown}" data-none="${w.none}" data-total="${total}"></p>
</div>
<nav class="cp-contents" aria-label="${w.contents}"><ul>${contents}</ul></nav>
<div id="cp-codes">
${CLASSES.map((c) => classSection(c, table, context))}
</div>`;
  return pageLayout(
    {
      title: w.title,
      description: w.description,
      canonical: context.links.publicUrl ? `${context.links.publicUrl}${CODES_PATH}` : undefined,
      body,
      scripts: [context.asset('/assets/codes-filter.js')],
    },
    words,
    context.asset,
  );
}

function classSection(c: StatusClass, table: StatusTable, context: PageContext): Html {
  const info = table.classInfo(c);
  const inClass = table.entries.filter((e) => e.class === c).sort((a, b) => a.code - b.code);
  const registry = inClass.filter((e) => !e.vendor);
  const vendors = [...new Set(inClass.flatMap((e) => (e.vendor ? [e.vendor] : [])))].sort((a, b) =>
    vendorName(table, a).localeCompare(vendorName(table, b)),
  );
  return html`<section class="cp-class cp-c${c.charAt(0)}" id="${c}" aria-labelledby="h-${c}" data-group>
<h2 id="h-${c}">${c} ${info.name}</h2>
<p class="cp-class__about">${info.description}</p>
${registry.length ? group(`${c}-registry`, context.words.index.registry, registry, table) : ''}
${vendors.map((v) =>
  group(
    `${c}-${v}`,
    fill(context.words.index.vendor, { vendor: vendorName(table, v) }),
    inClass.filter((e) => e.vendor === v),
    table,
  ),
)}
</section>
`;
}

function group(id: string, heading: string, entries: StatusEntry[], table: StatusTable): Html {
  return html`<div class="cp-group" data-group>
<h3 id="h-${id}">${heading}</h3>
<ul class="cp-index">${entries.map((e) => item(e, table))}</ul>
</div>
`;
}

function item(e: StatusEntry, table: StatusTable): Html {
  const vendor = e.vendor ? vendorName(table, e.vendor) : '';
  const search = [e.code, e.name, ...e.aliases, vendor, e.vendor ?? '', e.summary].join(' ').toLowerCase();
  const title = html`<span class="cp-code">${e.code}</span> <span class="cp-name">${e.name}</span>`;
  const summary = html`<span class="cp-item-summary">${terms(e.summary)}</span>`;
  return html`<li data-search="${search}"><a href="${codePagePath(e.id)}">${title}</a>${summary}</li>
`;
}

function vendorName(table: StatusTable, id: string): string {
  return table.vendor(id)?.name ?? id;
}
