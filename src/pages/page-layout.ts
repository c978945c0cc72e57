/**
 * The frame every code page shares: head (title, description, the link previews Teams and other chat clients
 * show for a shared link), the bar with the way back to the list and to the chat, and the footer. No inline script
 * or style, so the pages run under a CSP without nonces and can be cached as they are.
 */
import { html, type Html } from './html';
import type { PageWords } from './page-words';

export interface PageFrame {
  title: string;
  description: string;
  /** The page's absolute address (PUBLIC_URL), for the canonical link and link previews; omitted without it. */
  canonical?: string;
  body: Html;
  /** Scripts the page loads (deferred), by their versioned URL. */
  scripts?: string[];
}

/** The versioned URL of a file in public/ (`/assets/codes.css?v=…`). */
export type AssetUrl = (path: string) => string;

export function pageLayout(frame: PageFrame, words: PageWords, asset: AssetUrl): string {
  const site = words.site;
  const canonical = frame.canonical
    ? [
        html`<link rel="canonical" href="${frame.canonical}">\n`,
        html`<meta property="og:url" content="${frame.canonical}">\n`,
      ]
    : '';
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${frame.title} · ${site.name}</title>
<meta name="description" content="${frame.description}">
${canonical}<meta property="og:type" content="article">
<meta property="og:site_name" content="${site.name}">
<meta property="og:title" content="${frame.title}">
<meta property="og:description" content="${frame.description}">
<link rel="icon" href="${asset('/assets/statusbot.svg')}" type="image/svg+xml">
<link rel="stylesheet" href="${asset('/assets/codes.css')}">
${(frame.scripts ?? []).map((src) => html`<script src="${src}" defer></script>\n`)}</head>
<body>
<a class="cp-skip" href="#main">${site.skip}</a>
<header class="cp-top">
  <a class="cp-brand" href="/">
    <img class="cp-brand__logo" src="${asset('/assets/statusbot.svg')}" alt="" width="32" height="32">
    <span class="cp-brand__name">${site.name}</span>
    <span class="cp-brand__tagline">${site.tagline}</span>
  </a>
  <nav class="cp-top__nav" aria-label="${site.name}">
    <a href="/codes">${site.codes}</a>
    <a href="/">${site.chat}</a>
  </nav>
</header>
<main id="main" class="cp-main">
${frame.body}
</main>
<footer class="cp-foot"><p>${site.footer}</p></footer>
</body>
</html>
`.text;
}
