import { CATEGORIES, FOOTER_COLUMNS, NAV_LINKS } from '../vocabulary.ts';
import { asciiHtml, esc, slug } from './escape.ts';

export const SITE_NAME = 'Scrapifie Test Shop';

const STYLE = `<style>
:root{--ink:#1d2330;--muted:#5b6475;--accent:#0b6bcb;--accent-dark:#084f96;--bg:#f6f7f9;--card:#fff;--line:#e3e6ec;--ok:#1a7f37;--warn:#b35900}
*{box-sizing:border-box}html{font-size:16px;-webkit-text-size-adjust:100%}body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--ink);background:var(--bg);line-height:1.5}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline;color:var(--accent-dark)}img{max-width:100%;height:auto;display:block}
.skip-link{position:absolute;left:-9999px;top:0}.skip-link:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:10}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(1px,1px,1px,1px);white-space:nowrap}
.promo-bar{background:var(--ink);color:#fff;text-align:center;font-size:.875rem;padding:6px 12px}.promo-bar a{color:#ffd866}
.site-header{display:flex;align-items:center;gap:24px;padding:16px 32px;background:var(--card);border-bottom:1px solid var(--line)}
.logo{font-weight:800;font-size:1.4rem;letter-spacing:-.02em;color:var(--ink)}.search{flex:1;display:flex;max-width:640px}
.search input{flex:1;padding:10px 14px;border:1px solid var(--line);border-radius:8px 0 0 8px;font-size:1rem}
.search button{padding:10px 18px;border:0;background:var(--accent);color:#fff;border-radius:0 8px 8px 0;cursor:pointer}
.account-links{display:flex;gap:16px;list-style:none;margin:0;padding:0;font-size:.9rem}.cart-count{background:var(--warn);color:#fff;border-radius:999px;padding:0 7px;font-size:.75rem}
.main-nav{background:var(--card);border-bottom:1px solid var(--line)}.main-nav>ul{display:flex;flex-wrap:wrap;gap:4px 20px;list-style:none;margin:0;padding:10px 32px}
.main-nav .mega{display:none;position:absolute;background:var(--card);box-shadow:0 8px 24px rgba(0,0,0,.12);padding:16px;columns:3}.main-nav li:hover>.mega{display:block}
.layout{display:grid;grid-template-columns:240px 1fr;gap:32px;max-width:1320px;margin:24px auto;padding:0 32px}.layout.wide{grid-template-columns:1fr}
.sidebar h3{font-size:.8rem;text-transform:uppercase;letter-spacing:.08em;color:var(--muted);margin:24px 0 8px}.sidebar ul{list-style:none;margin:0;padding:0}
.sidebar li{padding:3px 0;font-size:.92rem}.sidebar .count{color:var(--muted);font-size:.8rem}.sidebar label{display:flex;gap:8px;align-items:center;font-size:.92rem}
.breadcrumbs ol{display:flex;flex-wrap:wrap;gap:6px;list-style:none;padding:0;margin:0 0 12px;font-size:.85rem;color:var(--muted)}.breadcrumbs li+li::before{content:"/";margin-right:6px}
.toolbar{display:flex;justify-content:space-between;align-items:center;margin:8px 0 16px;font-size:.9rem;color:var(--muted)}
.product-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:20px}
.product{background:var(--card);border:1px solid var(--line);border-radius:12px;overflow:hidden;display:flex;flex-direction:column;transition:box-shadow .15s}
.product:hover{box-shadow:0 6px 20px rgba(16,24,40,.08)}.product-image img{aspect-ratio:1/1;object-fit:cover;background:#eef0f4}.product-body{padding:14px 16px 18px;display:flex;flex-direction:column;gap:6px}
.product-title{font-size:1.02rem;margin:0;line-height:1.3}.product-title a{color:var(--ink)}.product-meta{font-size:.8rem;color:var(--muted)}
.price-box{margin:0;display:flex;gap:8px;align-items:baseline}.price{font-size:1.2rem;font-weight:700}.was-price{color:var(--muted);font-size:.85rem}
.rating{font-size:.85rem;color:var(--muted)}.stars{color:#f5a623;letter-spacing:1px}.summary{font-size:.88rem;color:var(--muted);margin:0}
.badges{display:flex;flex-wrap:wrap;gap:6px;list-style:none;margin:0;padding:0}.badges li{font-size:.72rem;background:#eef4ff;color:var(--accent-dark);padding:2px 8px;border-radius:999px}
.add-to-cart button{margin-top:8px;width:100%;padding:9px;border:0;border-radius:8px;background:var(--accent);color:#fff;font-weight:600;cursor:pointer}
.pagination ul{display:flex;flex-wrap:wrap;gap:6px;list-style:none;justify-content:center;padding:0;margin:32px 0}
.pagination a,.pagination span{display:inline-block;min-width:38px;padding:7px 10px;text-align:center;border:1px solid var(--line);border-radius:8px;background:var(--card)}
.pagination .current{background:var(--accent);color:#fff;border-color:var(--accent)}
.site-footer{background:#11151d;color:#c9ced8;margin-top:48px;padding:40px 32px;font-size:.88rem}.site-footer a{color:#c9ced8}
.footer-columns{display:grid;grid-template-columns:repeat(4,1fr) 1.4fr;gap:24px;max-width:1320px;margin:0 auto}.footer-columns ul{list-style:none;padding:0;margin:0}
.newsletter input{padding:8px;border-radius:6px;border:0;width:70%}.newsletter button{padding:8px 12px;border:0;border-radius:6px;background:#ffd866}
.copyright{max-width:1320px;margin:24px auto 0;border-top:1px solid #2a303c;padding-top:16px;color:#8a93a5}
.specs{border-collapse:collapse;width:100%;max-width:560px}.specs th,.specs td{text-align:left;padding:8px 12px;border-bottom:1px solid var(--line)}.specs th{width:40%;color:var(--muted);font-weight:500}
@media (max-width:900px){.layout{grid-template-columns:1fr}.sidebar{display:none}.footer-columns{grid-template-columns:1fr 1fr}}
</style>`;

const HEADER = asciiHtml(`<a class="skip-link" href="#main">Skip to content</a>
<div class="promo-bar">Free shipping on orders over $50 · 30-day returns · <a href="/info/membership">Join and save 10% today</a></div>
<header class="site-header">
<a class="logo" href="/" aria-label="${SITE_NAME} home">${SITE_NAME}</a>
<form class="search" role="search" action="/info/search" method="get"><label class="visually-hidden" for="q">Search products</label><input id="q" name="q" type="search" placeholder="Search thousands of products" autocomplete="off"><button type="submit">Search</button></form>
<ul class="account-links"><li><a href="/login">Sign in</a></li><li><a href="/account/orders">Orders</a></li><li><a href="/info/wishlist">Wishlist</a></li><li><a href="/info/cart">Cart <span class="cart-count">0</span></a></li></ul>
</header>
<nav class="main-nav" aria-label="Main"><ul>
<li><a href="/list/1">All products</a><div class="mega"><ul>${CATEGORIES.map((c) => `<li><a href="/info/category-${slug(c)}">${esc(c)}</a></li>`).join('')}</ul></div></li>
${NAV_LINKS.map((l) => `<li><a href="/info/${slug(l)}">${esc(l)}</a></li>`).join('\n')}
</ul></nav>`);

const SIDEBAR = asciiHtml(`<aside class="sidebar" aria-label="Filters">
<h3>Categories</h3><ul class="category-list">
${CATEGORIES.map((c, i) => `<li><a href="/info/category-${slug(c)}">${esc(c)}</a> <span class="count">(${(i * 7919) % 9000 + 1200})</span></li>`).join('\n')}
</ul>
<h3>Price</h3><ul>
${['Under $25', '$25 to $50', '$50 to $100', '$100 to $250', '$250 to $500', '$500 & above'].map((p, i) => `<li><label><input type="checkbox" name="price" value="p${i}"> ${esc(p)}</label></li>`).join('\n')}
</ul>
<h3>Customer rating</h3><ul>
${[4, 3, 2, 1].map((r) => `<li><label><input type="radio" name="rating" value="${r}"> <span class="stars" aria-hidden="true">${'★'.repeat(r)}${'☆'.repeat(5 - r)}</span> &amp; up</label></li>`).join('\n')}
</ul>
<h3>Availability</h3><ul><li><label><input type="checkbox" name="stock" value="1"> In stock only</label></li><li><label><input type="checkbox" name="ship" value="1"> Ships in 24 hours</label></li></ul>
</aside>`);

const FOOTER = asciiHtml(`<footer class="site-footer"><div class="footer-columns">
${FOOTER_COLUMNS.map(([h, links]) => `<div><h4>${esc(h)}</h4><ul>${links.map((l) => `<li><a href="/info/${slug(l)}">${esc(l)}</a></li>`).join('')}</ul></div>`).join('\n')}
<div class="newsletter"><h4>Stay in the loop</h4><p>Get early access to sales, new arrivals and the occasional recipe. No spam, unsubscribe any time.</p><form action="/info/newsletter" method="get"><input type="email" name="email" placeholder="you@example.com" aria-label="Email address"><button type="submit">Subscribe</button></form></div>
</div>
<p class="copyright">© 2025 ${SITE_NAME}. A deterministic fixture for scraping tests: every page here is generated from a seed. Prices include VAT where applicable.</p>
</footer>`);

const ANALYTICS = `<script>
(function(w,d){'use strict';
w.dataLayer=w.dataLayer||[];function track(){w.dataLayer.push(arguments)}
track('js',Date.now());track('config','TS-000000',{anonymize_ip:true,send_page_view:false});
var consent=(d.cookie.match(/(?:^|; )consent=([^;]*)/)||[])[1]||'unknown';
var info={path:location.pathname,referrer:d.referrer?new URL(d.referrer).hostname:'',consent:consent,vw:w.innerWidth,vh:w.innerHeight};
function onReady(fn){if(d.readyState!=='loading'){fn()}else{d.addEventListener('DOMContentLoaded',fn)}}
onReady(function(){
  var cards=d.querySelectorAll('.product');info.products=cards.length;
  for(var i=0;i<cards.length;i++){cards[i].addEventListener('mouseenter',function(e){track('hover',e.currentTarget.getAttribute('data-sku'))},{passive:true})}
  var forms=d.querySelectorAll('form.add-to-cart');
  for(var j=0;j<forms.length;j++){forms[j].addEventListener('submit',function(e){e.preventDefault();var c=d.querySelector('.cart-count');if(c){c.textContent=String(Number(c.textContent)+1)}track('add_to_cart',e.currentTarget.querySelector('input[name=sku]').value)})}
  track('page_view',info);
});
})(window,document);
</script>`;

export interface PageParts {
  title: string;
  /** Extra tags for <head> (canonical, rel=next, base). */
  head?: string;
  main: string;
  bodyClass?: string;
  /** Without the sidebar (detail pages, forms). */
  wide?: boolean;
}

/** Wraps main content in the shop's chrome: header, navigation, filters sidebar, footer and an analytics script. */
export function renderPage(p: PageParts): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(p.title)} | ${SITE_NAME}</title>
<meta name="description" content="Shop ${esc(p.title)} at ${SITE_NAME}: fair prices, fast delivery and free returns.">
${p.head ?? ''}
${STYLE}
</head>
<body class="${p.bodyClass ?? 'page'}">
${HEADER}
<div class="layout${p.wide ? ' wide' : ''}">
${p.wide ? '' : SIDEBAR}
<main id="main">
${p.main}
</main>
</div>
${FOOTER}
${ANALYTICS}
</body>
</html>
`;
}
