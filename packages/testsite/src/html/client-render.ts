import type { CatalogItem } from '../catalog.ts';
import { SITE_NAME } from './layout.ts';

/** The JSON shape of one product for the JS-rendered variants (/api/list/:n, /api/scroll). */
export interface ProductJson {
  id: number;
  title: string;
  price: number;
  priceText: string;
  rating: number;
  category: string;
  brand: string;
  summary: string;
  sku: string;
  href: string;
}

export function productJson(it: CatalogItem): ProductJson {
  return {
    id: it.id, title: it.title, price: it.price, priceText: it.priceText, rating: it.rating,
    category: it.category, brand: it.brand, summary: it.summary, sku: it.sku, href: `/item/${it.id}`,
  };
}

/**
 * Browser-side twin of renderProduct(): the same markup, built from ProductJson.
 * Defines window.__renderProduct and window.__esc for the variant scripts.
 */
const CLIENT_PRODUCT = `
var ESC={'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'};
function esc(s){return String(s).replace(/[&<>"']/g,function(c){return ESC[c]})}
var BADGES=['Free shipping','Best seller','New','Eco choice','Limited edition','Ships in 24 h'];
function stars(r){var f=Math.round(r);return '\\u2605'.repeat(f)+'\\u2606'.repeat(5-f)}
function renderProduct(it){
  var t=esc(it.title),h=it.href;
  var was=it.id%4===0?' <s class="was-price" aria-label="Previous price">$'+(Math.round(it.price*125)/100).toFixed(2)+'</s>':'';
  return '<article class="product" data-sku="'+it.sku+'" data-id="'+it.id+'">'
   +'<a class="product-image" href="'+h+'" tabindex="-1" aria-hidden="true"><img src="/static/img/'+it.id+'.jpg" alt="'+t+'" width="240" height="240"></a>'
   +'<div class="product-body"><h2 class="product-title"><a href="'+h+'">'+t+'</a></h2>'
   +'<div class="product-meta"><span class="category">'+esc(it.category)+'</span> \\u00b7 <span class="brand">by '+esc(it.brand)+'</span></div>'
   +'<p class="price-box"><span class="price">'+it.priceText+'</span>'+was+'</p>'
   +'<div class="rating" data-rating="'+it.rating+'" title="'+it.rating+' out of 5 stars"><span class="stars" aria-hidden="true">'+stars(it.rating)+'</span> '+it.rating+' out of 5</div>'
   +'<p class="summary">'+esc(it.summary)+'</p>'
   +'<ul class="badges"><li>'+BADGES[it.id%6]+'</li><li>'+BADGES[(it.id*7)%6]+'</li></ul>'
   +'</div></article>';
}`;

const SHELL_STYLE = `<style>body{margin:0;font-family:system-ui,sans-serif;background:#f6f7f9;color:#1d2330}#app{max-width:1200px;margin:0 auto;padding:24px}
.product-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:20px}.product{background:#fff;border:1px solid #e3e6ec;border-radius:12px;padding:14px;min-height:180px}
.pagination ul{display:flex;gap:6px;list-style:none;padding:0}.loading{color:#5b6475}.noscript{padding:24px;font-weight:600}#sentinel{height:1px}</style>`;

function shell(title: string, bodyClass: string, script: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} | ${SITE_NAME}</title>
${SHELL_STYLE}
</head>
<body class="${bodyClass}">
<div id="app"></div>
<noscript><p class="noscript">JavaScript is required to view this page. Please enable JavaScript and reload.</p></noscript>
<script>
(function(){'use strict';
${CLIENT_PRODUCT}
${script}
})();
</script>
</body>
</html>
`;
}

/** /js/list/:n: nothing but a shell; the products, pager and next link come from /api/list/:n. */
export function renderJsListingShell(page: number): string {
  return shell('Loading…', 'page listing js-app', `
var app=document.getElementById('app');
app.innerHTML='<p class="loading">Loading products…</p>';
fetch('/api/list/${page}',{headers:{accept:'application/json'}}).then(function(r){if(!r.ok)throw new Error('HTTP '+r.status);return r.json()}).then(function(d){
  var pager=['<nav class="pagination" aria-label="Pagination"><ul>'];
  var link=function(k){return '/js/list/'+k};
  if(d.page>1)pager.push('<li><a class="prev" rel="prev" href="'+link(d.page-1)+'">Previous</a></li>');
  for(var k=Math.max(1,d.page-3);k<=Math.min(d.pages,d.page+3);k++)pager.push(k===d.page?'<li><span class="current" aria-current="page">'+k+'</span></li>':'<li><a href="'+link(k)+'">'+k+'</a></li>');
  if(d.page<d.pages)pager.push('<li><a class="next" rel="next" href="'+link(d.page+1)+'">Next</a></li>');
  pager.push('</ul></nav>');
  document.title='All products, page '+d.page+' | ${SITE_NAME}';
  app.innerHTML='<main id="main"><h1>All products</h1><section class="product-grid" aria-label="Products">'+d.items.map(renderProduct).join('')+'</section>'+pager.join('')+'</main>';
  document.body.setAttribute('data-rendered','true');
}).catch(function(e){app.innerHTML='<p class="error">Could not load products: '+esc(e.message)+'</p>'});`);
}

/** /scroll: 20 products rendered by script, 20 more each time the reader nears the bottom, 100 in all. */
export function renderScrollShell(): string {
  return shell('Endless catalogue', 'page scroll js-app', `
var app=document.getElementById('app');
app.innerHTML='<main id="main"><h1>Endless catalogue</h1><section class="product-grid" id="feed" aria-label="Products"></section><div id="sentinel"></div><p class="loading" id="status">Loading…</p></main>';
var feed=document.getElementById('feed'),status=document.getElementById('status');
var offset=0,busy=false,done=false;
function nearBottom(){return window.innerHeight+window.scrollY>=document.documentElement.scrollHeight-400}
function load(){
  if(busy||done)return;busy=true;
  fetch('/api/scroll?offset='+offset+'&limit=20').then(function(r){return r.json()}).then(function(d){
    feed.insertAdjacentHTML('beforeend',d.items.map(renderProduct).join(''));
    offset+=d.items.length;done=d.done;busy=false;
    document.body.setAttribute('data-loaded',String(offset));
    if(done){status.id='end';status.className='end';status.textContent='You have seen all '+offset+' products.'}
    else{status.textContent='Scroll for more';if(offset>20&&nearBottom())load()}
  }).catch(function(){busy=false;status.textContent='Could not load more products.'});
}
window.addEventListener('scroll',function(){if(nearBottom())load()},{passive:true});
load();`);
}
