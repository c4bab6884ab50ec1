import type { ItemDetail } from '../catalog.ts';
import { esc } from './escape.ts';
import { renderPage } from './layout.ts';
import { stars } from './listing.ts';

/** The detail page: h1, .price, .sku, .description, .stock, table.specs and breadcrumbs. */
export function renderDetail(d: ItemDetail, listingPage: number): string {
  const title = esc(d.title);
  const stock = d.stock > 0
    ? `<p class="availability"><span class="stock" data-stock="${d.stock}">${d.stock} in stock</span></p>`
    : '<p class="availability"><span class="stock out" data-stock="0">Out of stock</span></p>';
  const rows = d.specs.map((s) => `<tr><th scope="row">${esc(s.name)}</th><td>${esc(s.value)}</td></tr>`).join('\n');
  const main = `<nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="/list/${listingPage}">All products</a></li><li><span class="category">${esc(d.category)}</span></li><li aria-current="page">${title}</li></ol></nav>
<article class="product-detail" data-id="${d.id}" itemscope itemtype="https://schema.org/Product">
<h1 itemprop="name">${title}</h1>
<div class="rating" data-rating="${d.rating}"><span class="stars" aria-hidden="true">${stars(d.rating)}</span> ${d.rating} out of 5</div>
<p class="price-box"><span class="price" itemprop="price" content="${d.price.toFixed(2)}">${d.priceText}</span></p>
<p class="sku-line">SKU: <span class="sku" itemprop="sku">${d.sku}</span></p>
${stock}
<section class="description-section"><h2>Description</h2><div class="description" itemprop="description">${esc(d.description)}</div></section>
<section class="specs-section"><h2>Specifications</h2>
<table class="specs">
${rows}
</table></section>
<form class="add-to-cart" action="/info/cart" method="get"><input type="hidden" name="sku" value="${d.sku}"><button type="submit">Add to cart</button></form>
</article>`;
  return renderPage({ title: d.title, head: `<link rel="canonical" href="/item/${d.id}">`, main, bodyClass: 'page detail', wide: true });
}
