import { groupThousands, type CatalogItem } from '../catalog.ts';
import { esc } from './escape.ts';
import { renderPage } from './layout.ts';

export interface ListingLinks {
  /** href of listing page k, e.g. k => `/list/${k}` (relative hrefs allowed). */
  list(k: number): string;
  /** Prefix of item hrefs, e.g. "/item/" (or "item/" under a <base>). */
  item: string;
  /** Extra <head> tags, e.g. a <base href>. */
  head?: string;
}

export function stars(rating: number): string {
  const full = Math.round(rating);
  return '&#9733;'.repeat(full) + '&#9734;'.repeat(5 - full);
}

const BADGES = ['Free shipping', 'Best seller', 'New', 'Eco choice', 'Limited edition', 'Ships in 24 h'] as const;

const SWATCHES = ['Black', 'White', 'Slate Grey', 'Forest Green', 'Navy', 'Crimson', 'Sand'] as const;

function swatches(id: number): string {
  let out = '';
  for (let i = 0; i < 3; i++) {
    const c = SWATCHES[(id + i * 3) % SWATCHES.length] as string;
    out += `<li><button type="button" class="swatch" data-colour="${c}" title="${c}" aria-label="Colour: ${c}"></button></li>`;
  }
  return out;
}

/** One product card (pure ASCII, see asciiHtml). Also the contract the JS-rendered variants reproduce client-side. */
export function renderProduct(it: CatalogItem, itemHref: string): string {
  const href = `${itemHref}${it.id}`;
  const title = esc(it.title);
  const wasCents = it.id % 4 === 0 ? Math.round(it.price * 125) : 0;
  const was = wasCents ? ` <s class="was-price" aria-label="Previous price">$${(wasCents / 100).toFixed(2)}</s>` : '';
  const badges = [BADGES[it.id % BADGES.length], BADGES[(it.id * 7) % BADGES.length]];
  return `<article class="product" data-sku="${it.sku}" data-id="${it.id}">
<a class="product-image" href="${href}" tabindex="-1" aria-hidden="true"><img src="/static/img/${it.id}.jpg" srcset="/static/img/${it.id}.jpg?w=240 240w, /static/img/${it.id}.jpg?w=480 480w, /static/img/${it.id}.jpg?w=720 720w" sizes="(max-width: 900px) 50vw, 260px" alt="${title}" width="240" height="240" loading="lazy" decoding="async"></a>
<div class="product-body">
<h2 class="product-title"><a href="${href}">${title}</a></h2>
<div class="product-meta"><span class="category">${esc(it.category)}</span> &middot; <span class="brand">by ${esc(it.brand)}</span></div>
<p class="price-box"><span class="price">${it.priceText}</span>${was}</p>
<div class="rating" data-rating="${it.rating}" title="${it.rating} out of 5 stars"><span class="stars" aria-hidden="true">${stars(it.rating)}</span> ${it.rating} out of 5</div>
<p class="summary">${esc(it.summary)}</p>
<ul class="swatches" aria-label="Colours">${swatches(it.id)}</ul>
<p class="delivery">Free delivery in ${2 + (it.id % 5)} working days. Ships from and sold by Scrapifie Test Shop; free returns within 30 days.</p>
<ul class="badges"><li>${badges[0]}</li><li>${badges[1]}</li></ul>
<form class="add-to-cart" action="/info/cart" method="get"><input type="hidden" name="sku" value="${it.sku}"><button type="submit">Add to cart</button></form>
</div>
</article>
`;
}

/** The numbered pager with previous/next links; the next link is absent on the last page. */
export function renderPager(page: number, pages: number, list: (k: number) => string): string {
  const parts: string[] = ['<nav class="pagination" aria-label="Pagination"><ul>'];
  if (page > 1) parts.push(`<li><a class="prev" rel="prev" href="${list(page - 1)}">Previous</a></li>`);
  const from = Math.max(1, page - 3);
  const to = Math.min(pages, page + 3);
  if (from > 1) parts.push(`<li><a href="${list(1)}">1</a></li>`, from > 2 ? '<li><span class="gap">&hellip;</span></li>' : '');
  for (let k = from; k <= to; k++) {
    parts.push(k === page ? `<li><span class="current" aria-current="page">${k}</span></li>` : `<li><a href="${list(k)}">${k}</a></li>`);
  }
  if (to < pages) parts.push(to < pages - 1 ? '<li><span class="gap">&hellip;</span></li>' : '', `<li><a href="${list(pages)}">${pages}</a></li>`);
  if (page < pages) parts.push(`<li><a class="next" rel="next" href="${list(page + 1)}">Next</a></li>`);
  parts.push('</ul></nav>');
  return parts.join('\n');
}

export function renderListing(opts: { page: number; pages: number; itemsPerPage: number; totalItems: number; items: CatalogItem[]; links: ListingLinks }): string {
  const { page, pages, itemsPerPage, totalItems, items, links } = opts;
  const first = (page - 1) * itemsPerPage + 1;
  const head = [
    links.head ?? '',
    page > 1 ? `<link rel="prev" href="${links.list(page - 1)}">` : '',
    page < pages ? `<link rel="next" href="${links.list(page + 1)}">` : '',
  ].join('\n');
  const main = `<nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="${links.list(1)}">All products</a></li><li aria-current="page">Page ${page}</li></ol></nav>
<h1>All products</h1>
<div class="toolbar"><p class="results-count">Showing ${groupThousands(first)}&ndash;${groupThousands(first + items.length - 1)} of ${groupThousands(totalItems)} products</p>
<label>Sort by <select name="sort"><option value="featured" selected>Featured</option><option value="price-asc">Price: low to high</option><option value="price-desc">Price: high to low</option><option value="rating">Customer rating</option><option value="new">Newest</option></select></label></div>
<section class="product-grid" aria-label="Products">
${items.map((it) => renderProduct(it, links.item)).join('')}</section>
${renderPager(page, pages, links.list)}`;
  return renderPage({ title: `All products, page ${page}`, head, main, bodyClass: 'page listing' });
}
