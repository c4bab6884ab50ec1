/** A deterministic ~50 KB product listing page, the shape the bench and the designer see most. */
const ADJECTIVES = ['Sturdy', 'Compact', 'Deluxe', 'Classic', 'Portable', 'Silent', 'Smart', 'Vintage'];
const NOUNS = ['Kettle', 'Lamp', 'Backpack', 'Blender', 'Headphones', 'Chair', 'Notebook', 'Drill'];

export function listingPage(items = 60): string {
  const cards: string[] = [];
  for (let i = 0; i < items; i++) {
    const name = `${ADJECTIVES[i % ADJECTIVES.length]} ${NOUNS[(i * 3) % NOUNS.length]} ${i + 1}`;
    const price = (9.99 + i * 7.35).toFixed(2);
    cards.push(`
    <li class="product card" data-sku="SKU-${1000 + i}">
      <a class="product-link" href="/products/${i + 1}?ref=list&amp;pos=${i}">
        <img src="/img/${i + 1}.jpg" alt="${name}" loading="lazy" width="240" height="240">
        <h2 class="product-title">${name}</h2>
      </a>
      <div class="meta">
        <span class="price" itemprop="price">$${price}</span>
        <span class="rating" title="${(i % 5) + 1} out of 5">${'&#9733;'.repeat((i % 5) + 1)}</span>
        <ul class="tags"><li>home</li><li>${i % 2 ? 'sale' : 'new'}</li><li>tag-${i % 7}</li></ul>
      </div>
      <p class="description">A ${name.toLowerCase()} that does what it says, built to last &mdash; ships in ${(i % 4) + 1} days.
        Free returns within 30 days. <em>Limited stock</em>.</p>
      <button type="button" class="add-to-cart" data-id="${i + 1}">Add to cart</button>
    </li>`);
  }
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Catalogue - page 1</title>
<link rel="stylesheet" href="/static/site.css"><script>window.dataLayer = [];</script></head>
<body><header class="site-header"><nav><a href="/">Home</a> <a href="/catalogue">Catalogue</a> <a href="/about">About</a></nav></header>
<main id="content"><h1>Catalogue</h1>
<ul class="products">${cards.join('')}
</ul>
<nav class="pagination"><a href="?page=1" class="current">1</a> <a href="?page=2">2</a> <a rel="next" class="next" href="?page=2">Next &raquo;</a></nav>
</main><footer><p>&copy; 2024 Example Shop</p></footer></body></html>`;
}

/** The selectors a typical recipe runs on such a page. */
export const LISTING_SELECTORS = ['li.product', 'li.product h2.product-title', 'li.product .price', 'a.product-link', 'ul.tags > li', 'nav.pagination a.next'];
