import type { IncomingMessage, ServerResponse } from 'node:http';
import { startLocalServer, type LocalServer } from './helpers.ts';

/**
 * Small pages the fixture shop does not have, served on 127.0.0.1: a page that reports what the browser shows
 * (navigator, screen, timezone, canvas hash, the request headers it came with), a "load more" list, an in-place
 * (no navigation) paged list, and a form that records how it was used.
 */

const page = (title: string, body: string, script = ''): string =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}<script>${script}</script></body></html>`;

const NAVIGATOR_SCRIPT = `
(async () => {
  const c = document.createElement('canvas'); c.width = 240; c.height = 60;
  const g = c.getContext('2d');
  g.fillStyle = '#f60'; g.fillRect(10, 10, 100, 30); g.fillStyle = '#069'; g.font = '16px sans-serif'; g.fillText('Scrapifie, canvas 1.0', 4, 45);
  const url = c.toDataURL(); let h = 2166136261;
  for (let i = 0; i < url.length; i++) { h ^= url.charCodeAt(i); h = Math.imul(h, 16777619) >>> 0; }
  const uad = navigator.userAgentData ? await navigator.userAgentData.getHighEntropyValues(['fullVersionList', 'platform']) : null;
  const gl = document.createElement('canvas').getContext('webgl');
  const dbg = gl && gl.getExtension('WEBGL_debug_renderer_info');
  const report = {
    userAgent: navigator.userAgent, webdriver: navigator.webdriver, languages: navigator.languages, language: navigator.language,
    platform: navigator.platform, hardwareConcurrency: navigator.hardwareConcurrency,
    brands: uad && uad.brands, fullVersionList: uad && uad.fullVersionList, uaPlatform: uad && uad.platform,
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone, intlLocale: new Intl.NumberFormat().resolvedOptions().locale, screen: { width: screen.width, height: screen.height },
    inner: { width: innerWidth, height: innerHeight }, canvasHash: h.toString(16),
    webglVendor: dbg ? gl.getParameter(dbg.UNMASKED_VENDOR_WEBGL) : null, webglRenderer: dbg ? gl.getParameter(dbg.UNMASKED_RENDERER_WEBGL) : null,
    toDataURLSource: HTMLCanvasElement.prototype.toDataURL.toString(),
  };
  document.getElementById('report').textContent = JSON.stringify(report);
})();`;

function navigatorPage(req: IncomingMessage): string {
  const headers = JSON.stringify(req.headers).replace(/</g, '\\u003c');
  return page('navigator', `<pre id="report"></pre><script type="application/json" id="headers">${headers}</script>`, NAVIGATOR_SCRIPT);
}

const itemsHtml = (from: number, to: number): string =>
  Array.from({ length: to - from + 1 }, (_, i) => `<li class="item" data-n="${from + i}">Item ${from + i}</li>`).join('');

/** 45 items, 10 shown; each click of "Load more" adds 10 after a short delay; the button goes once all are shown. */
const LOAD_MORE = page('load more', `<ul id="list">${itemsHtml(1, 10)}</ul><button id="more">Load more</button>`, `
let shown = 10; const total = 45;
document.getElementById('more').addEventListener('click', () => setTimeout(() => {
  const next = Math.min(total, shown + 10); let html = '';
  for (let n = shown + 1; n <= next; n++) html += '<li class="item" data-n="' + n + '">Item ' + n + '</li>';
  document.getElementById('list').insertAdjacentHTML('beforeend', html); shown = next;
  if (shown >= total) document.getElementById('more').remove();
}, 50));`);

/** Three pages of five items, switched in place by "Next" (no navigation); Next is disabled on the last page. */
const SPA_LIST = page('paged in place', `<ul id="list"></ul><button class="next">Next</button>`, `
let p = 1;
function show() {
  let html = ''; for (let n = (p - 1) * 5 + 1; n <= p * 5; n++) html += '<li class="item" data-n="' + n + '">Item ' + n + '</li>';
  setTimeout(() => { document.getElementById('list').innerHTML = html; document.querySelector('.next').disabled = p >= 3; }, 30);
}
document.querySelector('.next').addEventListener('click', () => { p++; show(); });
show();`);

/** A search form that writes what it was given into #out, and counts pointer moves and key timings. */
const FORM = page('form', `<nav><span id="menu">Menu</span><div id="submenu" hidden>Sub</div></nav>
<input id="q" value="old"><select id="sort"><option value="new">Newest</option><option value="price">Price, low to high</option></select>
<button id="go">Search</button><div id="out"></div><div id="stats"></div><div style="height:3000px"></div><p id="footer">end</p>`, `
let moves = 0; const keys = [];
addEventListener('mousemove', () => moves++);
document.getElementById('q').addEventListener('keydown', () => keys.push(performance.now()));
document.getElementById('menu').addEventListener('mouseenter', () => { document.getElementById('submenu').hidden = false; });
const out = () => { document.getElementById('out').textContent = document.getElementById('q').value + '|' + document.getElementById('sort').value; };
document.getElementById('go').addEventListener('click', (e) => { out(); document.getElementById('stats').textContent = JSON.stringify({ moves, keys: keys.length, gaps: keys.slice(1).map((t, i) => t - keys[i]), trusted: e.isTrusted }); });
document.getElementById('q').addEventListener('keydown', (e) => { if (e.key === 'Enter') out(); });`);

/** Shows the localStorage value "k", and sets it from ?set= when given. */
const STORAGE = page('storage', '<p id="value"></p>', `
const set = new URLSearchParams(location.search).get('set');
if (set) localStorage.setItem('k', set);
document.getElementById('value').textContent = 'k=' + (localStorage.getItem('k') ?? '');`);

export async function startFixturePages(): Promise<LocalServer> {
  return startLocalServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    const html = path === '/navigator' ? navigatorPage(req) : path === '/load-more' ? LOAD_MORE : path === '/spa' ? SPA_LIST : path === '/form' ? FORM : path === '/storage' ? STORAGE : undefined;
    if (html === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
}
