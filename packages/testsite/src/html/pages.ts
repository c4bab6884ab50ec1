import { esc } from './escape.ts';
import { renderPage } from './layout.ts';

const VARIANTS: Array<[string, string]> = [
  ['/list/1', 'Product listing (server-rendered, paginated)'],
  ['/base/list/1', 'The same listing with <base href> and relative links'],
  ['/js/list/1', 'The same listing rendered by JavaScript from /api/list/1'],
  ['/scroll', 'Infinite scroll: 20 products at a time, 100 in all'],
  ['/item/1', 'A product detail page'],
  ['/login', 'Login form (demo / demo-password) in front of /account/orders'],
  ['/protected/list/1', 'The listing behind a JavaScript bot challenge'],
  ['/private/list/1', 'The listing under a path robots.txt disallows'],
  ['/messy', 'Broken markup and entities'],
  ['/charset/windows-1252/header', 'windows-1252, declared in the Content-Type header'],
  ['/charset/windows-1252/meta', 'windows-1252, declared in a meta tag only'],
  ['/charset/shift_jis/meta', 'Shift_JIS, declared in a meta tag'],
  ['/charset/utf-8/bom', 'UTF-8 with a byte order mark and no declaration'],
  ['/charset/wrong', 'Header says iso-8859-1, bytes are windows-1252'],
  ['/fault/500/1', 'Always 500'],
  ['/fault/flaky/1?fails=2', '503 twice, then OK'],
  ['/fault/429/1?retryAfter=1&times=1', '429 with Retry-After, then OK'],
  ['/fault/slow/1?ms=500', 'Answers after a delay'],
  ['/fault/redirect/3', 'A chain of three redirects'],
  ['/fault/gzip', 'A gzip-compressed page'],
  ['/fault/brotli', 'A brotli-compressed page'],
];

export function renderHome(pages: number): string {
  const main = `<h1>Scrapifie Test Shop</h1>
<p class="intro">A deterministic shop for scraping tests: ${pages} listing pages, every byte generated from a seed.</p>
<ul class="variants">
${VARIANTS.map(([href, label]) => `<li><a href="${esc(href)}">${esc(label)}</a></li>`).join('\n')}
</ul>`;
  return renderPage({ title: 'Home', main, bodyClass: 'page home', wide: true });
}

export function renderInfo(slug: string): string {
  const title = slug.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
  const main = `<h1>${esc(title)}</h1><p>This page is part of the shop's furniture. Nothing to scrape here.</p><p><a href="/list/1">Back to all products</a></p>`;
  return renderPage({ title, main, bodyClass: 'page info', wide: true });
}

export function renderNotFound(path: string): string {
  const main = `<h1>Page not found</h1><p class="error">Nothing lives at <code>${esc(path)}</code>.</p><p><a href="/">Home</a></p>`;
  return renderPage({ title: 'Page not found', main, bodyClass: 'page not-found', wide: true });
}
